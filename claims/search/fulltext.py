"""Ranked full-text search over claims, quotes and speakers, within what the person asking may see.

How a search stays fast on a million quotes: the GIN index finds the rows that match, and at most
`SEARCH_CANDIDATES` of them (the first the index yields) are ranked with `ts_rank_cd`. Ranking every
match of a common word would read and score hundreds of thousands of rows; ranking a capped set costs
the same whatever the word. When the cap is reached, the section says so (`capped`) and the
reader is invited to add words; the ranking is then within the first matches found, which for a query
of several words is where the best answers are (every word must match).

Readers' candidates come from the partial indexes over public rows (claims.selectors.*_searchable_by);
the rows shown are fetched through the visibility selectors, so nothing hidden can be shown.
Snippets are made by `ts_headline` for the shown rows only, escaped, with <mark> around matched words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline
from django.db import connection
from django.db.models import Model, QuerySet, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape

from claims.models import Claim, Quote, Speaker
from claims.roles import AnyUser
from claims.search.languages import NEWSROOM
from claims.search.query import name_alternatives, tidy, tsquery, tsquery_sql
from claims.search.speakers import SpeakerMatch, find_speakers
from claims.selectors import (
    claims_searchable_by,
    claims_visible_to,
    quotes_searchable_by,
    quotes_visible_to,
)

T = TypeVar("T", bound=Model)

KINDS = ("claims", "quotes", "speakers")
# Columns a result never shows, left unread: a claim's search vector is kilobytes stored out of line, and
# a source's text is a whole article.
UNSHOWN_CLAIM_FIELDS = ("search_vector", "statement_vector")
UNSHOWN_QUOTE_FIELDS = ("search_vector", "source__text")
MAX_LIMIT = 50
# Delimiters ts_headline puts around matched words; the text is escaped, then they become <mark>.
_START, _STOP = "\x02", "\x03"
# Cover density over a capped set; 1 divides by 1 + log(length) so a long analysis does not outrank a
# statement that says exactly what was searched.
_RANK_SQL = "ts_rank_cd(c.search_vector, {query}, 1)"


@dataclass(frozen=True)
class Hit(Generic[T]):
    item: T
    score: float
    snippet: str = ""  # escaped HTML with <mark> around the matched words


@dataclass(frozen=True)
class Section(Generic[T]):
    hits: list[Hit[T]] = field(default_factory=list)
    found: int = 0  # candidates that matched, at most the cap
    capped: bool = False  # the cap was reached: more rows may match than were ranked


@dataclass(frozen=True)
class SearchResults:
    query: str
    claims: Section[Claim]
    quotes: Section[Quote]
    speakers: Section[Speaker]


def candidate_cap() -> int:
    return int(getattr(settings, "SEARCH_CANDIDATES", 200))


def marked(headline: str) -> str:
    """A ts_headline result as safe HTML: everything escaped, matched words in <mark>."""
    return escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")


def headline(
    expression: str | Concat, query: str, language: str | None, *, whole: bool = False
) -> SearchHeadline:
    if whole:
        return SearchHeadline(
            expression,
            tsquery(query, language),
            config=NEWSROOM,
            start_sel=_START,
            stop_sel=_STOP,
            highlight_all=True,
        )
    return SearchHeadline(
        expression,
        tsquery(query, language),
        config=NEWSROOM,
        start_sel=_START,
        stop_sel=_STOP,
        max_words=35,
        min_words=15,
        short_word="2",  # ts_headline option text; Django passes it through
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def ranked_ids(
    candidates: QuerySet[T], query: str, *, limit: int, offset: int, language: str | None = None
) -> tuple[list[tuple[int, float]], int]:
    """(id, rank) of one page of the best of the first `candidate_cap()` rows of `candidates` that match
    `query`, and how many were ranked (the cap when it was reached)."""
    cap = candidate_cap()
    matching = (
        candidates.filter(search_vector=tsquery(query, language))
        .order_by()
        .values_list("id", "search_vector")
    )
    inner, params = matching[:cap].query.sql_with_params()
    query_sql, query_params = tsquery_sql(query, language)
    rank = _RANK_SQL.format(query=query_sql)
    sql = (
        f"SELECT c.id, {rank} AS rank, count(*) OVER () FROM ({inner}) AS c(id, search_vector) "  # noqa: S608
        "ORDER BY rank DESC, c.id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*query_params, *params, limit, offset])
        rows = cursor.fetchall()
    if not rows:
        return [], _count_beyond(
            candidates.filter(search_vector=tsquery(query, language)), cap
        ) if offset else 0
    return [(row[0], float(row[1])) for row in rows], row_count(rows)


def row_count(rows: Sequence[tuple[int, float, int]]) -> int:
    return int(rows[0][2])


def _count_beyond(matching: QuerySet[T], cap: int) -> int:
    """How many matched when the page asked for lies past the end (an offset beyond the results)."""
    return matching.order_by()[:cap].count()


def _ranked_section(
    candidates: QuerySet[T],
    visible: QuerySet[T],
    snippet: SearchHeadline,
    query: str,
    *,
    limit: int,
    offset: int,
    language: str | None,
) -> Section[T]:
    """One page of `candidates` ranked for `query`, the rows fetched from `visible` with their snippet."""
    rows, found = ranked_ids(candidates, query, limit=limit, offset=offset, language=language)
    capped = found >= candidate_cap()
    if not rows:
        return Section(found=found, capped=capped)
    shown = {
        item.pk: item for item in visible.filter(pk__in=[pk for pk, _ in rows]).annotate(snippet=snippet)
    }
    hits = [
        Hit(shown[pk], round(rank, 4), marked(shown[pk].snippet))  # type: ignore[attr-defined]
        for pk, rank in rows
        if pk in shown
    ]
    return Section(hits, found, capped)


def search_claims(
    query: str, *, user: AnyUser, limit: int = 10, offset: int = 0, language: str | None = None
) -> Section[Claim]:
    summary_and_analysis = Concat("summary", Value(" "), "analysis", output_field=TextField())
    return _ranked_section(
        claims_searchable_by(user),
        claims_visible_to(user).select_related("rating").defer(*UNSHOWN_CLAIM_FIELDS),
        headline(summary_and_analysis, query, language),
        query,
        limit=limit,
        offset=offset,
        language=language,
    )


def search_quotes(
    query: str, *, user: AnyUser, limit: int = 10, offset: int = 0, language: str | None = None
) -> Section[Quote]:
    return _ranked_section(
        quotes_searchable_by(user),
        quotes_visible_to(user).select_related("speaker", "source__outlet").defer(*UNSHOWN_QUOTE_FIELDS),
        headline("text", query, language, whole=True),
        query,
        limit=limit,
        offset=offset,
        language=language,
    )


def search_speakers(query: str, *, user: AnyUser, limit: int = 10) -> Section[Speaker]:
    best: dict[int, SpeakerMatch] = {}
    for name in name_alternatives(query):
        for match in find_speakers(name, user=user, limit=limit, close=True):
            if match.score > best.get(match.speaker.pk, match).score or match.speaker.pk not in best:
                best[match.speaker.pk] = match
    matches = sorted(best.values(), key=lambda match: (-match.score, match.speaker.name, match.speaker.pk))
    hits = [Hit(match.speaker, match.score, escape(match.speaker.name)) for match in matches[:limit]]
    return Section(hits, len(hits), False)


def search(
    query: str,
    *,
    user: AnyUser,
    kinds: Sequence[str] = KINDS,
    limit: int = 10,
    offset: int = 0,
    language: str | None = None,
) -> SearchResults:
    """The best claims, quotes and speakers for `query` (web-search syntax) that `user` may see;
    `language` (a tag such as "ru") also stems the query in that language, for original-language words."""
    query = tidy(query)
    limit = max(1, min(limit, MAX_LIMIT))
    empty: SearchResults = SearchResults(query, Section(), Section(), Section())
    if not query:
        return empty
    return SearchResults(
        query,
        search_claims(query, user=user, limit=limit, offset=offset, language=language)
        if "claims" in kinds
        else Section(),
        search_quotes(query, user=user, limit=limit, offset=offset, language=language)
        if "quotes" in kinds
        else Section(),
        search_speakers(query, user=user, limit=limit) if "speakers" in kinds and not offset else Section(),
    )
