"""The search vectors PostgreSQL keeps, as expressions for `GeneratedField`s.

Weights rank where a word was found: A the claim's statement or the quote's words, B a summary or the
quote's original-language words, C the analysis, D the language-neutral copy of everything (so a
query matches words the stemmer would change, names, and texts in languages with no stemmer).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import F, Func, TextField
from django.db.models.expressions import CombinedExpression

from claims.search.languages import NEWSROOM, SIMPLE


class SearchConfigFor(Func):
    """factcheck_search_config(language): the configuration for a language tag (migration 0007)."""

    function = "factcheck_search_config"
    output_field = TextField()


def _vector(*fields: str, config: str | Func, weight: str) -> SearchVector:
    return SearchVector(*fields, config=config, weight=weight)


def quote_vector() -> CombinedExpression:
    return (
        _vector("text", config=NEWSROOM, weight="A")
        + _vector("original_text", config=SearchConfigFor(F("original_language")), weight="B")
        + _vector("text", "original_text", config=SIMPLE, weight="D")
    )


def claim_vector() -> CombinedExpression:
    return (
        _vector("statement", "short_statement", config=NEWSROOM, weight="A")
        + _vector("summary", config=NEWSROOM, weight="B")
        + _vector("analysis", config=NEWSROOM, weight="C")
        + _vector("statement", "short_statement", "summary", "analysis", config=SIMPLE, weight="D")
    )


def statement_vector() -> SearchVector:
    """The claim's statement alone, newsroom-stemmed: what similar-claim matching blocks and ranks on.
    A few dozen bytes stored in the row, where `claim_vector` (with the analysis) is kilobytes stored
    out of line, so ranking a thousand candidates reads no TOAST."""
    return _vector("statement", "short_statement", config=NEWSROOM, weight="A")


def vector_field() -> SearchVectorField:
    return SearchVectorField()
