"""ClaimReview JSON-LD on fact-check pages, read back as a search engine would (extruct), against Google's
required and recommended properties."""

from __future__ import annotations

import datetime

import extruct
import pytest
from django.conf import settings
from django.test import Client

from claims.claimreview import claim_reviewed, claimreview_for
from claims.models import Claim
from tests.factories import SpeakerFactory
from tests.public.conftest import Newsroom, publish

pytestmark = pytest.mark.django_db


def markup_of(client: Client, claim: Claim) -> list[dict]:
    url = f"http://testserver/fact-checks/{claim.slug}/"
    html = client.get(url).content.decode()
    return extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)["json-ld"]


def assert_valid_claimreview(review: dict, claim: Claim) -> None:
    assert review["@context"].rstrip("/") in ("https://schema.org", "http://schema.org")
    assert review["@type"] == "ClaimReview"
    # Required: url, claimReviewed (under 75 characters, no rating in it), reviewRating with alternateName.
    assert review["url"] == f"http://testserver/fact-checks/{claim.slug}/"
    assert isinstance(review["claimReviewed"], str) and 0 < len(review["claimReviewed"]) < 75
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == claim.rating.label
    assert claim.rating.label.lower() not in review["claimReviewed"].lower()
    # Recommended: the scale's numbers, the newsroom as author, dates, the claim with its author and
    # where it appeared.
    assert all(isinstance(rating[key], int) for key in ("ratingValue", "bestRating", "worstRating"))
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (claim.rating.value, 6, 1)
    assert review["author"] == {
        "@type": "Organization",
        "name": settings.NEWSROOM_NAME,
        "url": settings.NEWSROOM_URL,
    }
    datetime.date.fromisoformat(review["datePublished"])
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    assert isinstance(item["datePublished"], str)
    assert isinstance(item["appearance"], list) and item["appearance"]
    for work in [item["firstAppearance"], *item["appearance"]]:
        assert work["@type"] == "CreativeWork"
        assert isinstance(work.get("url", ""), str)
        assert work.get("url") or work.get("headline") or work.get("name")


def test_every_fact_check_page_carries_a_valid_claimreview(client: Client, newsroom: Newsroom) -> None:
    for claim in newsroom.published:
        (review,) = markup_of(client, claim)
        assert_valid_claimreview(review, claim)


def test_claimreview_names_the_claimant_with_wikidata(client: Client, newsroom: Newsroom) -> None:
    (review,) = markup_of(client, newsroom.published[0])
    author = review["itemReviewed"]["author"]
    assert author == {
        "@type": "Person",
        "name": "Mara Mayor",
        "jobTitle": "Mayor of Eastbrook",
        "sameAs": "https://www.wikidata.org/wiki/Q4115189",
    }
    assert review["itemReviewed"]["datePublished"] == "2025-05-19"
    work = review["itemReviewed"]["firstAppearance"]
    source = newsroom.published[0].appearances.get().quote.source
    assert work["url"] == source.canonical_url and work["headline"] == source.title
    assert work["hasPart"][0]["@type"] == "Quotation"
    organisation = markup_of(client, newsroom.published[2])[0]["itemReviewed"]["author"]
    assert organisation["@type"] == "Organization" and "sameAs" not in organisation


def test_long_statement_uses_its_short_form(client: Client, editor: object) -> None:
    statement = (
        "The council spent more on consultants in the last financial year than on repairing every school "
        "roof in the district combined."
    )
    claim = publish(editor, statement=statement, speaker=SpeakerFactory())  # type: ignore[arg-type]
    (review,) = markup_of(client, claim)
    shortened = review["claimReviewed"]
    assert len(shortened) < 75 and shortened.endswith(" on…")  # cut at a word, with an ellipsis
    assert statement.startswith(shortened.removesuffix("…"))
    assert review["itemReviewed"]["name"] == statement
    Claim.objects.filter(pk=claim.pk).update(
        short_statement="Council spent more on consultants than school roofs"
    )
    claim.refresh_from_db()
    assert claim_reviewed(claim) == "Council spent more on consultants than school roofs"


def test_markup_cannot_be_broken_out_of(client: Client, editor: object) -> None:
    statement = "It said </script><script>alert('x')</script> & <!-- that."
    claim = publish(editor, statement=statement, speaker=SpeakerFactory())  # type: ignore[arg-type]
    html = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    assert "<script>alert" not in html
    (review,) = markup_of(client, claim)
    assert review["claimReviewed"] == statement


def test_page_feed_and_function_give_the_same_claimreview(client: Client, newsroom: Newsroom) -> None:
    claim = newsroom.published[0]
    (on_page,) = markup_of(client, claim)
    feed = client.get("/feeds/claimreview.json").json()
    in_feed = next(
        element["item"][0]
        for element in feed["dataFeedElement"]
        if element["item"][0]["url"] == on_page["url"]
    )
    direct = claimreview_for(Claim.objects.get(pk=claim.pk), base_url="http://testserver/")
    assert in_feed == {k: v for k, v in on_page.items() if k != "@context"}
    assert direct == on_page
