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


MAX_NAME_WORDS = 4  # "Oleh Shyriaiev", "Jean-Claude van Damme"; longer queries are not a name
MAX_NAME_ALTERNATIVES = 3


def tidy(query: str) -> str:
    """The query with spacing collapsed and cut to a sane length (a search box is not a document)."""
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def name_alternatives(query: str) -> list[str]:
    """The names a web-search query may be asking for: its alternatives (split on `or`) without
    phrases' marks and excluded words, each of at most `MAX_NAME_WORDS` words. "Putin or Zelenskyy"
    gives both names; a sentence gives none, so a search for a sentence does not look up speakers."""
    without_excluded = re.sub(r'(?:^|\s)-\S+|"', " ", query)
    alternatives = [" ".join(part.split()) for part in re.split(r"\bor\b", without_excluded, flags=re.I)]
    names = [name for name in alternatives if name and len(name.split()) <= MAX_NAME_WORDS]
    return list(dict.fromkeys(names))[:MAX_NAME_ALTERNATIVES]
