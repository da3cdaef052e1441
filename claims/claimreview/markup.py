"""Our ClaimReview: the JSON-LD on fact-check pages, in the DataFeed and behind the API.

`claimreview_for(claim, base_url=...)` is one pure function of a claim and the rows it links to
(prefetched by `claims.public.selectors.for_claimreview`; queried when not), used by the page, the feeds
and the API, so they never disagree. It meets Google's required properties (claimReviewed under 75
characters, reviewRating with alternateName, url) and the recommended ones (author, datePublished,
ratingValue/bestRating/worstRating from the scale, itemReviewed Claim with its author, datePublished,
appearance and firstAppearance). The quotes travel as `Quotation` parts of the appearances, so an export
imported elsewhere gives back the same claims, speakers and quotes.

An imported fact-check's ClaimReview names its original publisher as the author and its original URL,
never our newsroom. This module never writes, and never puts the rating into claimReviewed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from claims.models import Citation, Claim, ClaimAppearance, Quote, Rating, Speaker
from sources.models import Outlet, Source

SCHEMA = "https://schema.org"
# Google: "keep claimReviewed under 75 characters to minimise wrapping on a mobile device".
CLAIM_REVIEWED_MAX = 74
CLAIMANT_STANCES = (ClaimAppearance.Stance.ASSERTS, ClaimAppearance.Stance.REPEATS)


def review_url(claim: Claim, *, base_url: str) -> str:
    """Where the review is read: the original for an imported fact-check, else our page."""
    if claim.imported_from_url:
        return claim.imported_from_url
    return urljoin(base_url, reverse("public:fact_check", kwargs={"slug": claim.slug}))


def claim_reviewed(claim: Claim) -> str:
    """claimReviewed: the statement, or its short form when longer than Google's 75 characters (cut at
    a word, with an ellipsis, if the desk wrote no short form). The rating is never part of it."""
    text = claim.statement
    if len(text) > CLAIM_REVIEWED_MAX and claim.short_statement.strip():
        text = claim.short_statement
    return _shorten(" ".join(text.split()), CLAIM_REVIEWED_MAX)


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def claimreview_for(claim: Claim, *, base_url: str) -> dict[str, Any]:
    """The ClaimReview of one fact-check, as a JSON-LD object. `base_url` is the site's root URL
    ("https://factcheck.example/"), to which our page's path is joined."""
    appearances = _appearances_of(claim)
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": review_url(claim, base_url=base_url),
        "claimReviewed": claim_reviewed(claim),
        "author": _reviewer(claim),
    }
    # An imported review's own publication date is not kept: ours (the import) would be false.
    if claim.published_at is not None and not claim.imported_from_url:
        review["datePublished"] = timezone.localdate(claim.published_at).isoformat()
    if claim.rating is not None:
        review["reviewRating"] = _rating_node(claim, claim.rating)
    review["itemReviewed"] = _claim_node(claim, appearances)
    citations = [_work_node(citation.source) for citation in _citations_of(claim)]
    if citations:
        review["citation"] = citations
    return review


def claimreview_datafeed(claims: Iterable[Claim], *, base_url: str, name: str = "") -> dict[str, Any]:
    """A Data Commons DataFeed of ClaimReview: one DataFeedItem per fact-check."""
    elements = []
    for claim in claims:
        review = claimreview_for(claim, base_url=base_url)
        del review["@context"]
        element: dict[str, Any] = {"@type": "DataFeedItem", "item": [review]}
        if claim.published_at is not None:
            element["dateCreated"] = claim.published_at.isoformat()
        element["dateModified"] = claim.updated_at.isoformat()
        elements.append(element)
    feed: dict[str, Any] = {"@context": SCHEMA, "@type": "DataFeed"}
    if name:
        feed["name"] = name
    feed["dataFeedElement"] = elements
    return feed


def _appearances_of(claim: Claim) -> list[ClaimAppearance]:
    prefetched: list[ClaimAppearance] | None = getattr(claim, "public_appearances", None)
    if prefetched is not None:
        return prefetched
    return list(
        claim.appearances.select_related("quote__speaker", "quote__source__outlet").order_by(
            "quote__said_on", "quote_id"
        )
    )


def _citations_of(claim: Claim) -> list[Citation]:
    prefetched: list[Citation] | None = getattr(claim, "public_citations", None)
    if prefetched is not None:
        return prefetched
    return list(claim.citations.select_related("source__outlet").order_by("id"))


def _scale_bounds(claim: Claim, rating: Rating) -> tuple[int, int]:
    best, worst = getattr(claim, "scale_best", None), getattr(claim, "scale_worst", None)
    if best is None or worst is None:
        values = list(Rating.objects.filter(scale_id=rating.scale_id).values_list("value", flat=True))
        best, worst = max(values), min(values)
    return int(best), int(worst)


def _reviewer(claim: Claim) -> dict[str, Any]:
    if claim.imported_from_url:
        parts = urlsplit(claim.imported_from_url)
        return {
            "@type": "Organization",
            "name": claim.imported_publisher or parts.hostname or "",
            "url": f"{parts.scheme}://{parts.netloc}/",
        }
    return {"@type": "Organization", "name": settings.NEWSROOM_NAME, "url": settings.NEWSROOM_URL}


def _rating_node(claim: Claim, rating: Rating) -> dict[str, Any]:
    best, worst = _scale_bounds(claim, rating)
    node: dict[str, Any] = {
        "@type": "Rating",
        "ratingValue": rating.value,
        "bestRating": best,
        "worstRating": worst,
        "alternateName": rating.label,
    }
    if claim.summary.strip():
        node["ratingExplanation"] = claim.summary
    return node


def _claim_node(claim: Claim, appearances: list[ClaimAppearance]) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Claim"}
    if claim_reviewed(claim) != claim.statement:
        node["name"] = claim.statement  # the full statement, when claimReviewed is its short form
    claimants = [a for a in appearances if a.stance in CLAIMANT_STANCES] or appearances
    if claimants:
        node["author"] = _speaker_node(claimants[0].quote.speaker)
    said = [(a.quote.said_on, a.quote.pk, a.quote.said_on_precision) for a in appearances if a.quote.said_on]
    if claim.first_appeared_on is not None:
        node["datePublished"] = claim.first_appeared_on.isoformat()
    elif said:
        day, _, precision = min(said)
        node["datePublished"] = _partial_date(day, precision)
    works = _works(appearances)
    if works:
        node["firstAppearance"] = works[0]
        node["appearance"] = works
    return node


def _works(appearances: list[ClaimAppearance]) -> list[dict[str, Any]]:
    """The documents the claim's quotes were found in, earliest quote first, each carrying its quotes."""
    works: dict[str, dict[str, Any]] = {}
    for appearance in appearances:
        quote = appearance.quote
        key = f"source:{quote.source_id}" if quote.source_id else f"venue:{quote.venue}"
        if key not in works:
            if quote.source is not None:
                works[key] = _work_node(quote.source)
            else:
                works[key] = {"@type": "CreativeWork"} | ({"name": quote.venue} if quote.venue else {})
        works[key].setdefault("hasPart", []).append(_quotation_node(quote))
    return list(works.values())


def _work_node(source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork"}
    if source.canonical_url or source.url:
        node["url"] = source.canonical_url or source.url
    if source.title:
        node["headline"] = source.title
    if source.published_on is not None:
        node["datePublished"] = source.published_on.isoformat()
    if source.outlet is not None:
        node["publisher"] = _outlet_node(source.outlet)
    if source.archive_url:
        node["archivedAt"] = source.archive_url
    return node


def _outlet_node(outlet: Outlet) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Organization", "name": outlet.name}
    if outlet.domain:
        node["url"] = f"https://{outlet.domain}/"
    return node


def _quotation_node(quote: Quote) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Quotation",
        "text": quote.text,
        "creator": _speaker_node(quote.speaker),
        "description": quote.get_kind_display(),
    }
    if quote.said_on is not None:
        node["dateCreated"] = _partial_date(quote.said_on, quote.said_on_precision)
    return node


def _speaker_node(speaker: Speaker) -> dict[str, Any]:
    person = speaker.kind == Speaker.Kind.PERSON
    node: dict[str, Any] = {"@type": "Person" if person else "Organization", "name": speaker.name}
    if speaker.role:
        node["jobTitle" if person else "description"] = speaker.role
    if speaker.wikidata_qid:
        node["sameAs"] = f"https://www.wikidata.org/wiki/{speaker.wikidata_qid}"
    return node


def _partial_date(day: datetime.date, precision: str) -> str:
    """An ISO 8601 date at the precision we know it: "2025-04-26", "2025-04" or "2025"."""
    if precision == Quote.Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Quote.Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
