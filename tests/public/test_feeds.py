"""The feeds: Atom and the ClaimReview DataFeed, published fact-checks only, with HTTP revalidation."""

from __future__ import annotations

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.claimreview import import_claimreviews
from claims.models import Claim
from tests.public.conftest import SECRETS, Newsroom, publish

pytestmark = pytest.mark.django_db


def test_atom_feed_parses_and_lists_published_fact_checks(client: Client, newsroom: Newsroom) -> None:
    response = client.get("/feeds/fact-checks.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert titles == [c.statement for c in reversed(newsroom.published)]  # newest first, not retracted
    first = feed.entries[-1]
    assert first.link == f"http://testserver/fact-checks/{newsroom.published[0].slug}/"
    assert first.summary.startswith("Mostly false: ")
    assert {tag.term for tag in first.tags} == {"Mostly false", "Transport"}
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body


def test_claimreview_datafeed_shape(client: Client, newsroom: Newsroom) -> None:
    response = client.get("/feeds/claimreview.json")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    feed = response.json()
    assert (feed["@context"], feed["@type"]) == ("https://schema.org", "DataFeed")
    elements = feed["dataFeedElement"]
    assert all(e["@type"] == "DataFeedItem" and len(e["item"]) == 1 for e in elements)
    reviews = [e["item"][0] for e in elements]
    assert [r["claimReviewed"] for r in reviews] == [c.statement for c in reversed(newsroom.published)]
    assert all(r["@type"] == "ClaimReview" and "@context" not in r for r in reviews)
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_speaker_datafeed(client: Client, newsroom: Newsroom) -> None:
    feed = client.get("/feeds/speakers/mara-mayor/claimreview.json").json()
    claimants = {e["item"][0]["itemReviewed"]["author"]["name"] for e in feed["dataFeedElement"]}
    assert claimants == {"Mara Mayor"} and len(feed["dataFeedElement"]) == 2
    assert client.get("/feeds/speakers/hidden-drafter/claimreview.json").status_code == 404
    assert client.get("/feeds/speakers/nobody/claimreview.json").status_code == 404


def test_datafeed_reimports_as_our_own_without_duplicates(client: Client, newsroom: Newsroom) -> None:
    feed = client.get("/feeds/claimreview.json", headers={"host": "localhost"}).json()
    count = Claim.objects.count()
    report = import_claimreviews(feed, editor=newsroom.editor)
    assert [o.status for o in report.outcomes] == ["skipped"] * 3
    assert {o.reason for o in report.outcomes} == {"this is our own fact-check"}
    assert Claim.objects.count() == count


@pytest.mark.parametrize(
    "url",
    ["/feeds/claimreview.json", "/feeds/fact-checks.atom", "/feeds/speakers/mara-mayor/claimreview.json"],
)
def test_revalidation_answers_304_until_something_changes(
    client: Client, newsroom: Newsroom, url: str
) -> None:
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "max-age=300" in first["Cache-Control"] and "public" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert len(queries) <= 2  # the speaker, and one aggregate: no fact-check is loaded
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    publish(newsroom.editor, statement="The mayor opened three new libraries.", speaker=newsroom.mayor)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "three new libraries" in changed.content.decode()


def test_a_correction_or_a_renamed_speaker_changes_the_etag(client: Client, newsroom: Newsroom) -> None:
    etag = client.get("/feeds/claimreview.json")["ETag"]
    claim = newsroom.published[0]
    services.claim_update(
        claim=claim,
        actor=newsroom.editor,
        changes={"summary": "The council's own figures show twelve kilometres."},
        correction=services.CorrectionNote("correction", "We now give the council's figure."),
    )
    corrected = client.get("/feeds/claimreview.json", headers={"If-None-Match": etag})
    assert corrected.status_code == 200 and "twelve kilometres" in corrected.content.decode()
    etag = corrected["ETag"]
    newsroom.mayor.role = "Former mayor of Eastbrook"
    newsroom.mayor.save()
    renamed = client.get("/feeds/claimreview.json", headers={"If-None-Match": etag})
    assert renamed.status_code == 200 and "Former mayor" in renamed.content.decode()


def test_feeds_of_an_empty_newsroom(client: Client, db: None) -> None:
    feed = client.get("/feeds/claimreview.json").json()
    assert feed["dataFeedElement"] == []
    assert not feedparser.parse(client.get("/feeds/fact-checks.atom").content).bozo
    assert "No published fact-checks yet" in client.get("/").content.decode()
