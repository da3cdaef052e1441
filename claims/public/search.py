"""Search on the public site (`/search/?q=`): published fact-checks, quotes and speakers.

The ranked search of claims.search.fulltext (web-search syntax, stemming, accents ignored), asked as an
anonymous reader: candidates come from the readers' partial indexes and the rows shown are fetched
through the public selectors (`fact_check_list`, `quotes_visible_to(READER)`), in rank order, with what
the page's templates need already fetched. This module must never search rows those selectors do not
return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, Prefetch, QuerySet

from claims.models import Claim, ClaimAppearance, Quote, Speaker
from claims.public.selectors import READER, fact_check_list, fact_checks
from claims.search.fulltext import ranked_ids, search_speakers
from claims.search.query import tidy
from claims.selectors import claims_searchable_by, quotes_searchable_by, quotes_visible_to

T = TypeVar("T", bound=Model)

RESULTS_PER_KIND = 30
MIN_QUERY_LENGTH = 2


@dataclass(frozen=True)
class SearchResults:
    query: str
    fact_checks: list[Claim]
    quotes: list[Quote]
    speakers: list[Speaker]

    @property
    def too_short(self) -> bool:
        return 0 < len(self.query) < MIN_QUERY_LENGTH

    @property
    def total(self) -> int:
        return len(self.fact_checks) + len(self.quotes) + len(self.speakers)


def search_public(query: str) -> SearchResults:
    """The best fact-checks, quotes and speakers for `query`; nothing for a query shorter than two
    characters."""
    query = tidy(query)
    if len(query) < MIN_QUERY_LENGTH:
        return SearchResults(query, [], [], [])
    claim_ids = [
        pk for pk, _ in ranked_ids(claims_searchable_by(READER), query, limit=RESULTS_PER_KIND, offset=0)[0]
    ]
    quote_ids = [
        pk for pk, _ in ranked_ids(quotes_searchable_by(READER), query, limit=RESULTS_PER_KIND, offset=0)[0]
    ]
    speakers = [hit.item for hit in search_speakers(query, user=READER, limit=RESULTS_PER_KIND).hits]
    return SearchResults(
        query,
        _in_order(fact_check_list().filter(pk__in=claim_ids), claim_ids),
        _in_order(_quotes().filter(pk__in=quote_ids), quote_ids),
        speakers,
    )


def _in_order(rows: QuerySet[T], ids: list[int]) -> list[T]:
    found = {row.pk: row for row in rows} if ids else {}
    return [found[pk] for pk in ids if pk in found]


def _quotes() -> QuerySet[Quote]:
    # The fact-checks each quote appears in, so a result leads somewhere.
    in_fact_checks = ClaimAppearance.objects.filter(claim__in=fact_checks()).select_related("claim")
    return (
        quotes_visible_to(READER)
        .select_related("speaker", "source__outlet")
        .prefetch_related(Prefetch("appearances", queryset=in_fact_checks, to_attr="public_appearances"))
    )
