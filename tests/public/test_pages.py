"""The public pages as a reader meets them: what they show, what they never show, and what they cost."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import ClaimRelationFactory, SpeakerFactory, UserFactory
from tests.public.conftest import SECRETS, Newsroom, publish

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href:
            self.hrefs.append(href)


def crawl(client: Client, start: str = "/", limit: int = 300) -> dict[str, str]:
    """Every page reachable from `start` through internal links (pages, filters, feeds)."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        seen[url] = body
        if "html" not in response["Content-Type"]:
            continue
        parser = Links()
        parser.feed(body)
        for href in parser.hrefs:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc or parts.path.startswith(("/admin", "/api", "/static")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_home_lists_the_latest_fact_checks_newest_first(client: Client, newsroom: Newsroom) -> None:
    body = client.get("/").content.decode()
    statements = [c.statement for c in [newsroom.retracted, *reversed(newsroom.published)]]
    positions = [body.index(statement) for statement in statements]
    assert positions == sorted(positions)
    assert "Retracted" in body
    assert "Mostly false" in body and "Mara Mayor" in body


def test_crawl_from_home_never_shows_internal_material(client: Client, newsroom: Newsroom) -> None:
    pages = crawl(client)
    fact_check_pages = {url for url in pages if url.startswith("/fact-checks/")}
    assert {f"/fact-checks/{c.slug}/" for c in [*newsroom.published, newsroom.retracted]} <= fact_check_pages
    assert "/speakers/mara-mayor/" in pages and "/feeds/claimreview.json" in pages
    assert any(url.startswith("/competing/") for url in pages)
    for url, body in pages.items():
        for secret in SECRETS:
            assert secret not in body, (url, secret)
    assert f"/fact-checks/{newsroom.draft.slug}/" not in pages


def test_staff_see_the_same_public_pages(client: Client, newsroom: Newsroom) -> None:
    client.force_login(newsroom.editor)
    for url, body in crawl(client, limit=60).items():
        for secret in SECRETS:
            assert secret not in body, (url, secret)
    assert client.get(f"/fact-checks/{newsroom.draft.slug}/").status_code == 404
    assert client.get(f"/fact-checks/{newsroom.in_review.slug}/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/fact-checks/no-such-claim/", "/speakers/hidden-drafter/", "/competing/no-such-claim/"]
)
def test_what_is_not_public_is_not_found(client: Client, newsroom: Newsroom, url: str) -> None:
    assert client.get(url).status_code == 404


def test_fact_check_page_shows_the_whole_fact_check(client: Client, newsroom: Newsroom) -> None:
    claim = newsroom.published[0]
    body = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    appearance = claim.appearances.get()
    citation = claim.citations.select_related("source__outlet").get()
    for expected in (
        claim.statement,
        "Mostly false",
        claim.rating.description,
        claim.summary,
        appearance.quote.text,
        "19 May 2025",  # when, at its precision
        "Mara Mayor",
        "Mayor of Eastbrook",
        citation.source.title,
        citation.source.url,
        citation.source.outlet.name,
        "<h3>Method</h3>",  # the analysis, its headings under the page's own
        "<strong>figures</strong>",
        "Road deaths fell by half",  # the competing claim, with its verdict
        "Half true",
        f"/competing/{claim.slug}/",
        "No corrections have been made",
    ):
        assert expected in body, expected
    assert "Hidden" not in body  # the draft rebutting it is not a competitor


def test_retracted_fact_check_stays_up_marked_with_its_note(client: Client, newsroom: Newsroom) -> None:
    body = client.get(f"/fact-checks/{newsroom.retracted.slug}/").content.decode()
    assert "Retracted" in body and "We misread the contract dates; withdrawn." in body
    assert "application/ld+json" not in body  # a withdrawn verdict is not offered to search engines


def test_speaker_page_has_role_aliases_wikidata_fact_checks_and_scorecard(
    client: Client, newsroom: Newsroom
) -> None:
    body = client.get("/speakers/mara-mayor/").content.decode()
    for expected in (
        "Mara Mayor",
        "Mayor of Eastbrook",
        "The Mayor",
        "https://www.wikidata.org/wiki/Q4115189",
    ):
        assert expected in body
    assert newsroom.published[0].statement in body and newsroom.published[1].statement in body
    assert "<svg" in body and 'role="img"' in body
    chart = body[body.index("<svg") : body.index("</svg>")]
    assert "True: 1" in chart and "Mostly false: 1" in chart and "False: 0" in chart
    assert "<script" not in re.sub(r'<script type="application/ld\+json" nonce="[^"]+">', "", body)


def test_scorecard_counts_only_our_published_verdicts(client: Client, newsroom: Newsroom) -> None:
    body = client.get("/speakers/ministry-of-roads/").content.decode()
    chart = body[body.index("<svg") : body.index("</svg>")]
    assert "Half true: 1" in chart and "Mostly true: 0" in chart  # the retracted verdict is not counted


def test_competing_claims_side_by_side(client: Client, newsroom: Newsroom) -> None:
    first, _, third = newsroom.published
    body = client.get(f"/competing/{first.slug}/").content.decode()
    assert body.count('class="side"') == 2
    assert first.statement in body and third.statement in body
    assert "Mara Mayor" in body and "Ministry of Roads" in body
    assert "Mostly false" in body and "Half true" in body
    assert SECRETS[0] not in body
    assert client.get(f"/competing/{newsroom.published[1].slug}/").status_code == 404  # no competitor


def test_filters_by_rating_topic_speaker_and_origin(client: Client, newsroom: Newsroom) -> None:
    first, second, third = newsroom.published

    def listed(**params: str) -> set[str]:
        body = client.get("/", params).content.decode()
        return {c.statement for c in [first, second, third, newsroom.retracted] if c.statement in body}

    assert listed(rating="true") == {second.statement}
    assert listed(topic="transport") == {first.statement}
    assert listed(speaker="mara-mayor") == {first.statement, second.statement}
    assert listed(origin="imported") == set()
    assert listed(rating="no-such-rating") == set()


def test_home_is_paginated(client: Client, editor: object) -> None:
    speaker = SpeakerFactory()
    for n in range(23):
        publish(editor, statement=f"Claim number {n} about the port.", speaker=speaker)  # type: ignore[arg-type]
    first = client.get("/").content.decode()
    assert "Claim number 22 about" in first and "Claim number 2 about" not in first
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get("/", {"page": 2}).content.decode()
    assert "Claim number 2 about" in second and "Claim number 22 about" not in second
    assert client.get("/", {"page": "junk"}).status_code == 200


def test_search_finds_fact_checks_quotes_and_speakers_that_are_public(
    client: Client, newsroom: Newsroom
) -> None:
    body = client.get("/search/", {"q": "eastbrook"}).content.decode()
    assert newsroom.published[0].statement in body and newsroom.published[1].statement in body
    assert "Mara Mayor" in body
    assert client.get("/search/", {"q": "mayor"}).content.decode().count("/speakers/mara-mayor/") >= 1
    for secret in ("harbour", "tunnel", "never used"):
        body = client.get("/search/", {"q": secret}).content.decode()
        assert "Nothing found" in body, secret
    assert "Type at least two characters" in client.get("/search/", {"q": "a"}).content.decode()


def test_pages_refuse_writes(client: Client, newsroom: Newsroom) -> None:
    assert client.post("/").status_code == 405


# --- what a page costs --------------------------------------------------------------------------


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Home: the ETag's version (count, the page's ids, their newest change), page count, the page of
# fact-checks, their quotes with speakers and sources, the filters' ratings, topics and speakers, and
# the speaker filter's fingerprint and top claimants (counted again only when publications change).
HOME_QUERIES = 11
# Fact-check: the ETag's version, the claim (with rating, scale bounds), quotes, citations, corrections,
# topics, competing relations and the competitors' quotes.
FACT_CHECK_QUERIES = 8


def test_home_costs_the_same_whatever_the_number_of_fact_checks(
    client: Client, newsroom: Newsroom, django_assert_num_queries: object
) -> None:
    assert count_queries(client, "/") == HOME_QUERIES
    speaker = SpeakerFactory()
    for n in range(12):
        publish(newsroom.editor, statement=f"Another claim {n}.", speaker=speaker)
    with django_assert_num_queries(HOME_QUERIES):  # type: ignore[operator]
        client.get("/")
    # Until something else is published, the top claimants come from the cache.
    with django_assert_num_queries(HOME_QUERIES - 1):  # type: ignore[operator]
        client.get("/")


def test_the_speaker_filter_offers_the_most_fact_checked_claimants_and_the_chosen_one(
    client: Client, newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.public.selectors.FILTER_SPEAKERS", 1)
    busy, quiet = SpeakerFactory(name="Busy Claimant"), SpeakerFactory(name="Quiet Claimant")
    for n in range(3):
        publish(newsroom.editor, statement=f"Busy claim {n}.", speaker=busy)
    publish(newsroom.editor, statement="Quiet claim.", speaker=quiet)
    offered = client.get("/").content.decode()
    assert "Busy Claimant</option>" in offered and "Quiet Claimant</option>" not in offered
    chosen = client.get("/", {"speaker": quiet.slug}).content.decode()
    assert f'value="{quiet.slug}" selected>Quiet Claimant</option>' in chosen


def test_fact_check_page_costs_a_fixed_number_of_queries(
    client: Client, newsroom: Newsroom, django_assert_num_queries: object
) -> None:
    claim = newsroom.published[0]
    with django_assert_num_queries(FACT_CHECK_QUERIES):  # type: ignore[operator]
        client.get(f"/fact-checks/{claim.slug}/")
    # More quotes, sources and competitors do not cost more queries.
    for n in range(3):
        rival = publish(newsroom.editor, statement=f"Rival claim {n}.", speaker=newsroom.minister)
        ClaimRelationFactory(from_claim=rival, to_claim=claim, kind="rebuts")
    with django_assert_num_queries(FACT_CHECK_QUERIES):  # type: ignore[operator]
        client.get(f"/fact-checks/{claim.slug}/")


def test_a_logged_in_reporter_sees_exactly_the_anonymous_page(client: Client, newsroom: Newsroom) -> None:
    client.force_login(UserFactory(username="rita-reader", role="Reporter"))

    def without_nonce(page: bytes) -> bytes:  # the CSP nonce is new in every response, whoever asks
        return re.sub(rb' nonce="[^"]+"', b"", page)

    for url in ("/", f"/fact-checks/{newsroom.published[0].slug}/", "/speakers/mara-mayor/"):
        assert without_nonce(client.get(url).content) == without_nonce(Client().get(url).content), url


def test_trimmed_urls_lead_home(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/fact-checks/", "/speakers/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == "/"
