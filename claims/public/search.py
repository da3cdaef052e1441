"""Search on the public site (`/search/?q=`): published fact-checks, quotes and speakers.

Deliberately simple, and in one function so a ranked search can replace it: every word of the query
must appear (any case) in what a result shows, searched only within what an anonymous reader may see
(`claims_visible_to`, `quotes_visible_to`, `speakers_visible_to` through claims.public.selectors).
Results are in the pages' usual order (newest fact-checks, newest quotes, speakers by name), capped.
This module must never search rows the visibility selectors do not return.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from claims.models import Claim, ClaimAppearance, Quote, Speaker, SpeakerAlias
from claims.public.selectors import READER, fact_check_list, fact_checks
from claims.selectors import quotes_visible_to, speakers_visible_to

RESULTS_PER_KIND = 30
MAX_TERMS = 8
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


def terms_of(query: str) -> list[str]:
    return [term for term in query.split() if term][:MAX_TERMS]


def search_public(query: str) -> SearchResults:
    """Fact-checks, quotes and speakers matching every word of `query`; nothing for a query shorter
    than two characters."""
    query = " ".join(query.split())
    terms = terms_of(query)
    if len(query) < MIN_QUERY_LENGTH or not terms:
        return SearchResults(query, [], [], [])
    return SearchResults(
        query,
        list(_fact_checks(terms)[:RESULTS_PER_KIND]),
        list(_quotes(terms)[:RESULTS_PER_KIND]),
        list(_speakers(terms)[:RESULTS_PER_KIND]),
    )


def _fact_checks(terms: list[str]) -> QuerySet[Claim]:
    claims = fact_check_list()
    for term in terms:
        quoted = ClaimAppearance.objects.filter(claim=OuterRef("pk")).filter(
            Q(quote__speaker__name__icontains=term) | Q(quote__text__icontains=term)
        )
        claims = claims.filter(
            Q(statement__icontains=term)
            | Q(short_statement__icontains=term)
            | Q(summary__icontains=term)
            | Q(rating__label__icontains=term)
            | Exists(quoted)
        )
    return claims


def _quotes(terms: list[str]) -> QuerySet[Quote]:
    quotes = quotes_visible_to(READER)
    for term in terms:
        alias = SpeakerAlias.objects.filter(speaker=OuterRef("speaker_id"), alias__icontains=term)
        quotes = quotes.filter(Q(text__icontains=term) | Q(speaker__name__icontains=term) | Exists(alias))
    # The fact-checks each quote appears in, so a result leads somewhere.
    in_fact_checks = ClaimAppearance.objects.filter(claim__in=fact_checks()).select_related("claim")
    return (
        quotes.select_related("speaker", "source__outlet")
        .prefetch_related(Prefetch("appearances", queryset=in_fact_checks, to_attr="public_appearances"))
        .order_by(F("said_on").desc(nulls_last=True), "-id")
    )


def _speakers(terms: list[str]) -> QuerySet[Speaker]:
    speakers = speakers_visible_to(READER)
    for term in terms:
        alias = SpeakerAlias.objects.filter(speaker=OuterRef("pk"), alias__icontains=term)
        speakers = speakers.filter(Q(name__icontains=term) | Q(role__icontains=term) | Exists(alias))
    return speakers.order_by("name", "id")
