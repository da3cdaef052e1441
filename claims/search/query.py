"""What a person typed, turned into PostgreSQL text search queries.

Web-search syntax (`"fully liberated" -Kyiv`, `or`) is PostgreSQL's `websearch_to_tsquery`. A query is
parsed twice, with the newsroom's stemming configuration and with the language-neutral one, and the two
are joined with OR: "liberated" finds "liberating" through the stem and "Shyriaiev" through the exact
word, and words of a language with no stemmer still match as written. Both configurations drop
accents, so "Zelenskyy" and "Zelenskyý" are one word.
"""

from __future__ import annotations

import functools
import operator
import re

from django.contrib.postgres.search import CombinedSearchQuery, SearchQuery

from claims.search.languages import NEWSROOM, SIMPLE, config_for

MAX_QUERY_LENGTH = 300


def configurations(language: str | None = None) -> list[str]:
    """The configurations a query is parsed with: the newsroom's, the language-neutral one, and the
    configuration of `language` when the reader says what language they search in ("ru": Russian
    originals are found through Russian stems)."""
    chosen = [NEWSROOM, SIMPLE]
    if language and config_for(language) not in chosen:
        chosen.append(config_for(language))
    return chosen


def tsquery(query: str, language: str | None = None) -> SearchQuery | CombinedSearchQuery:
    """The query in every configuration, joined with OR, as an expression Django can filter with."""
    parsed = [
        SearchQuery(query, config=config, search_type="websearch") for config in configurations(language)
    ]
    return functools.reduce(operator.or_, parsed)


def tsquery_sql(query: str, language: str | None = None) -> tuple[str, list[str]]:
    """The same tsquery in raw SQL with its parameters, for the one statement the ORM cannot write
    (ranking within a capped candidate set)."""
    chosen = configurations(language)
    sql = " || ".join(f"websearch_to_tsquery('{config}', %s)" for config in chosen)
    return f"({sql})", [query] * len(chosen)


_OPERATORS = re.compile(r'(?:^|\s)-\S+|"|\bor\b', re.IGNORECASE)


def tidy(query: str) -> str:
    """The query with spacing collapsed and cut to a sane length (a search box is not a document)."""
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def plain_words(query: str) -> str:
    """The words of a web-search query without its operators: what a name look-up should see."""
    return " ".join(_OPERATORS.sub(" ", query).split())
