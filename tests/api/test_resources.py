"""The API as newsroom tools use it: create, read, update, delete per resource and role; logging a quote
in one request; driving the review; and constant query counts whatever the page size."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.test import APIClient

from claims.models import Claim, Quote, Speaker
from sources.models import Source
from tests.api.conftest import client_for
from tests.factories import (
    ClaimFactory,
    OutletFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
)
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db


def etag(client: APIClient, url: str) -> str:
    return client.get(url)["ETag"]


# --- roles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/speakers/", {"name": "Oleh Shyriaiev", "role": "Ukrainian army commander"}),
        ("/api/v1/outlets/", {"name": "Reuters", "domain": "reuters.com", "kind": "wire"}),
        ("/api/v1/sources/", {"url": "https://www.reuters.com/world/kursk-1?utm_source=x", "title": "Kursk"}),
        ("/api/v1/claims/", {"statement": "Russia has fully liberated the Kursk region."}),
    ],
)
def test_who_may_create(url: str, body: dict, reporter: User, editor: User, outsider: User) -> None:
    anonymous = APIClient().post(url, body, format="json")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    assert client_for(outsider).post(url, body, format="json").status_code == 403
    created = client_for(reporter).post(url, body, format="json")
    assert created.status_code == 201, created.json()
    assert created["ETag"]
    again = client_for(editor).post(url, body, format="json")
    # Outlets and sources are found again, not duplicated; speakers and claims may legitimately repeat.
    assert again.status_code in (200, 201)


def test_only_editors_delete(reporter: User, editor: User) -> None:
    outlet = OutletFactory()
    url = f"/api/v1/outlets/{outlet.pk}/"
    refused = client_for(reporter).delete(url, HTTP_IF_MATCH=etag(client_for(reporter), url))
    assert refused.status_code == 403
    deleted = client_for(editor).delete(url, HTTP_IF_MATCH=etag(client_for(editor), url))
    assert deleted.status_code == 204


def test_records_in_use_are_not_deleted(editor: User) -> None:
    quote = QuoteFactory()
    url = f"/api/v1/sources/{quote.source_id}/"
    client = client_for(editor)
    response = client.delete(url, HTTP_IF_MATCH=etag(client, url))
    assert response.status_code == 409
    assert "quote" in response.json()["error"]["message"].lower()
    assert Source.objects.filter(pk=quote.source_id).exists()


def test_published_fact_checks_are_never_deleted(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    client = client_for(editor)
    url = f"/api/v1/claims/{claim.pk}/"
    response = client.delete(url, HTTP_IF_MATCH=etag(client, url))
    assert response.status_code == 409
    assert "retract it" in response.json()["error"]["message"]


def test_tokens_authenticate_and_can_be_revoked(reporter: User) -> None:
    out = StringIO()
    call_command("drf_create_token", reporter.username, stdout=out, stderr=StringIO())
    key = out.getvalue().strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post("/api/v1/claims/", {"statement": "Taxes fell."}, format="json").status_code == 201
    call_command("revoke_api_tokens", reporter.username, stdout=StringIO())
    refused = client.post("/api/v1/claims/", {"statement": "Taxes rose."}, format="json")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "authentication_failed"


# --- logging a quote in one request ---------------------------------------------------------------


def test_quote_logged_by_alias_with_a_new_source(reporter: User) -> None:
    putin = SpeakerFactory(name="Vladimir Putin")
    SpeakerAliasFactory(speaker=putin, alias="Vlad")
    response = client_for(reporter).post(
        "/api/v1/quotes/",
        {
            "text": "A ceasefire in Ukraine for a certain period of time is possible.",
            "speaker_name": "VLAD",
            "source_url": "https://www.thesun.co.uk/news/kursk/?utm_source=twitter#comments",
            "source_title": "Putin visits Kursk",
            "said_on": "2025-05-20",
            "said_on_precision": "month",
            "venue": "state media",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["speaker"]["id"] == putin.pk
    assert body["source"]["canonical_url"] == "https://www.thesun.co.uk/news/kursk/"
    assert (body["said_on"], body["said_when"]) == ("2025-05-01", "May 2025")
    assert body["logged_by"] == reporter.username


def test_quote_source_reused_by_url(reporter: User) -> None:
    source = SourceFactory(url="https://example.com/story", canonical_url="https://example.com/story")
    response = client_for(reporter).post(
        "/api/v1/quotes/",
        {
            "text": "We are working.",
            "speaker": SpeakerFactory().pk,
            "source_url": "HTTPS://EXAMPLE.com/story?fbclid=1",
        },
        format="json",
    )
    assert response.json()["source"]["id"] == source.pk
    assert Source.objects.count() == 1


def test_ambiguous_and_unknown_speakers(reporter: User) -> None:
    for name in ("Vladimir Putin", "Vladimir Putin Jr"):
        SpeakerAliasFactory(speaker=SpeakerFactory(name=name), alias="Putin")
    client = client_for(reporter)
    ambiguous = client.post("/api/v1/quotes/", {"text": "x", "speaker_name": "putin"}, format="json")
    assert ambiguous.status_code == 400
    message = ambiguous.json()["error"]["fields"]["speaker_name"][0]
    assert "Vladimir Putin (id" in message and "Vladimir Putin Jr (id" in message
    unknown = client.post("/api/v1/quotes/", {"text": "x", "speaker_name": "Oleh Shyriaiev"}, format="json")
    assert unknown.status_code == 400
    assert "create_speaker" in unknown.json()["error"]["fields"]["speaker_name"][0]
    assert not Speaker.objects.filter(name="Oleh Shyriaiev").exists()
    made = client.post(
        "/api/v1/quotes/",
        {
            "text": "We are working, fighting.",
            "speaker_name": "Oleh Shyriaiev",
            "speaker_role": "Commander",
            "create_speaker": True,
        },
        format="json",
    )
    assert made.status_code == 201
    assert Speaker.objects.get(name="Oleh Shyriaiev").role == "Commander"


def test_duplicate_quote_is_409_naming_the_existing_one_and_keeps_nothing(reporter: User) -> None:
    quote = QuoteFactory(text="The Kyiv regime’s adventure has completely failed.")
    response = client_for(reporter).post(
        "/api/v1/quotes/",
        {
            "text": "the Kyiv regime's adventure has completely failed.",
            "speaker": quote.speaker_id,
            "source_url": "https://brand-new.example/page",
        },
        format="json",
    )
    assert response.status_code == 409
    body = response.json()
    assert f"Already logged as quote #{quote.pk}" in body["error"]["message"]
    assert body["existing"]["id"] == quote.pk
    assert not Source.objects.filter(canonical_url="https://brand-new.example/page").exists()


# --- review through the API -----------------------------------------------------------------------


def test_review_through_the_api(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter)
    url = f"/api/v1/claims/{claim.pk}/transitions/"
    submitted = client_for(reporter).post(url, {"action": "submit"}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "in_review"
    own = client_for(reporter).post(url, {"action": "approve"}, format="json")
    assert own.status_code == 403
    assert own.json()["error"]["code"] == "forbidden"
    no_comment = client_for(editor).post(url, {"action": "request_changes"}, format="json")
    assert no_comment.status_code == 400
    assert "Say what must change" in no_comment.json()["error"]["message"]
    approved = client_for(editor).post(
        url, {"action": "approve"}, format="json", HTTP_IF_MATCH=submitted["ETag"]
    )
    assert approved.status_code == 200
    stale = client_for(editor).post(
        url, {"action": "publish"}, format="json", HTTP_IF_MATCH=submitted["ETag"]
    )
    assert stale.status_code == 409
    published = client_for(editor).post(
        url, {"action": "publish"}, format="json", HTTP_IF_MATCH=approved["ETag"]
    )
    assert published.json()["state"] == "published"
    unknown = client_for(editor).post(url, {"action": "bury"}, format="json")
    assert unknown.status_code == 400


def test_published_claim_changes_only_with_a_correction(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    client, url = client_for(editor), f"/api/v1/claims/{claim.pk}/"
    refused = client.patch(
        url, {"summary": "Changed quietly."}, format="json", HTTP_IF_MATCH=etag(client, url)
    )
    assert refused.status_code == 400
    assert "correction" in refused.json()["error"]["fields"]
    fixed = client.patch(
        url,
        {
            "summary": "Fighting went on.",
            "correction": {"kind": "correction", "note": "We misdated the fighting."},
        },
        format="json",
        HTTP_IF_MATCH=etag(client, url),
    )
    assert fixed.status_code == 200
    assert fixed.json()["corrections"][0]["note"] == "We misdated the fighting."
    public = APIClient().get(url).json()
    assert public["corrections"][0]["changed_fields"] == ["summary"]


def test_evidence_relations_votes_comments(
    reporter: User, editor: User, second_editor: User, settings
) -> None:
    claim = ClaimFactory(author=reporter)
    other = ClaimFactory(author=reporter)
    quote, source = QuoteFactory(), SourceFactory()
    client = client_for(reporter)
    base = f"/api/v1/claims/{claim.pk}"
    added = client.post(f"{base}/appearances/", {"quote": quote.pk, "stance": "asserts"}, format="json")
    assert added.status_code == 201
    cited = client.post(f"{base}/citations/", {"source": source.pk, "bearing": "refutes"}, format="json")
    citation_id = cited.json()["citations"][0]["id"]
    assert (
        client.post(f"{base}/relations/", {"to_claim": other.pk, "kind": "rebuts"}, format="json").status_code
        == 201
    )
    assert client.delete(f"{base}/citations/{citation_id}/").status_code == 200
    assert Claim.objects.get(pk=claim.pk).citations.count() == 0
    missing = client.post(f"{base}/appearances/", {"quote": 999999}, format="json")
    assert missing.json()["error"]["fields"]["quote"] == ["No quote has id 999999."]
    comment = client.post(f"{base}/comments/", {"body": "Is this the May video?"}, format="json")
    assert comment.status_code == 201
    assert [c["body"] for c in client.get(f"{base}/comments/").json()] == ["Is this the May video?"]
    settings.RATING_PANEL_SIZE = 3
    client.post(f"{base}/transitions/", {"action": "submit"}, format="json")
    vote = client_for(second_editor).post(
        f"{base}/votes/", {"rating": "false", "reason": "Maps."}, format="json"
    )
    assert vote.status_code == 200
    assert vote.json()["rating"]["slug"] == "false"
    history = client.get(f"{base}/history/").json()
    assert history[0]["event"] == "insert"
    assert history[-1]["state"] == "in_review"


# --- query counts ---------------------------------------------------------------------------------


def make_public_claims(count: int, reporter: User, editor: User) -> None:
    for _ in range(count):
        drive(ready_claim(reporter), "published", editor=editor)


LIST_QUERIES = {
    # url: (anonymous, reporter with a token). Claims: the page, its quotes with speakers, its topics.
    # A token adds its look-up and, where visibility depends on the role, the user's groups.
    "/api/v1/claims/": (3, 5),
    "/api/v1/quotes/": (1, 3),
    "/api/v1/speakers/": (3, 5),
    "/api/v1/sources/": (1, 3),
    "/api/v1/outlets/": (2, 4),
    "/api/v1/ratings/": (1, 2),
    "/api/v1/rating-scales/": (2, 3),
}


@pytest.mark.parametrize("size", [1, 50])
@pytest.mark.parametrize("url", list(LIST_QUERIES))
def test_list_query_counts_do_not_grow_with_the_page(
    url: str, size: int, reporter: User, editor: User, django_assert_num_queries
) -> None:
    make_public_claims(size, reporter, editor)
    anonymous_queries, staff_queries = LIST_QUERIES[url]
    anonymous, staff = APIClient(), client_for(reporter)
    with django_assert_num_queries(anonymous_queries):
        response = anonymous.get(url, {"page_size": 50})
    assert response.status_code == 200
    with django_assert_num_queries(staff_queries):
        assert staff.get(url, {"page_size": 50}).status_code == 200


@pytest.mark.parametrize("appearances", [1, 20])
def test_claim_detail_query_count_is_constant(
    appearances: int, reporter: User, editor: User, django_assert_num_queries
) -> None:
    claim = ready_claim(reporter)
    for _ in range(appearances - 1):
        QuoteFactory().appearances.create(claim=claim)
    claim = drive(claim, "published", editor=editor)
    # The claim; appearances with quotes, speakers, sources, outlets; citations with sources; relations
    # each way; topics; corrections (review events and votes are not even queried for anonymous users).
    with django_assert_num_queries(7):
        response = APIClient().get(f"/api/v1/claims/{claim.pk}/")
    assert len(response.json()["appearances"]) == appearances
    assert Quote.objects.count() >= appearances


def test_word_search_on_claims_and_quotes(reporter: User, editor: User) -> None:
    liberated = drive(
        ready_claim(reporter, statement="Russia has fully liberated the Kursk region."),
        "published",
        editor=editor,
    )
    drive(
        ready_claim(reporter, statement="Kyiv says fighting in Kursk continues."), "published", editor=editor
    )
    client = APIClient()
    found = client.get("/api/v1/claims/", {"q": '"fully liberated" -Kyiv'}).json()["results"]
    assert [claim["id"] for claim in found] == [liberated.pk]
    either = client.get("/api/v1/claims/", {"q": "liberated or continues"}).json()["results"]
    assert len(either) == 2
