"""The anonymous-leak crawl: with drafts, claims in review, comments, review events, votes and quotes no
fact-check uses in the database, an anonymous client and a token without a newsroom role request every
list, detail, filter, ordering, search and sub-resource, and none of that material comes back — not in
a body, not in a count, not in an error message."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from claims.models import Citation, Claim, Comment, Quote, Speaker
from sources.models import Outlet, Source
from tests.api.conftest import Newsroom, client_for

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/v1/claims/": ["state", "rating", "topic", "speaker", "source", "outlet", "relation", "author", "q"],
    "/api/v1/quotes/": ["speaker", "source", "outlet", "claim", "kind", "q"],
    "/api/v1/speakers/": ["kind", "name", "q", "wikidata_qid"],
    "/api/v1/sources/": ["outlet", "kind", "language", "url", "q"],
    "/api/v1/outlets/": ["kind", "domain", "q"],
    "/api/v1/ratings/": [],
    "/api/v1/rating-scales/": [],
}
ORDERINGS = ["id", "-id", "published_at", "-updated_at", "name", "said_on", "created_at"]


def values_to_probe(newsroom: Newsroom) -> list[str]:
    ids = {
        str(pk)
        for pk in itertools.chain(
            Claim.objects.values_list("pk", flat=True),
            Quote.objects.values_list("pk", flat=True),
            Speaker.objects.values_list("pk", flat=True),
            Source.objects.values_list("pk", flat=True),
            Outlet.objects.values_list("pk", flat=True),
        )
    }
    return [
        *sorted(ids),
        "draft",
        "in_review",
        "DRAFT",
        "Secretive Minister",
        "https://leaks.example/memo",
        "rita",
    ]


def crawl(client: APIClient, newsroom: Newsroom) -> list[tuple[str, int, str]]:
    seen = []

    def get(url: str, params: dict[str, str] | None = None) -> None:
        response = client.get(url, params or {})
        assert response.status_code < 500, (url, params, response.content[:500])
        seen.append((f"{url} {params}", response.status_code, response.content.decode()))

    for url, filters in LISTS.items():
        get(url)
        for ordering in ORDERINGS:
            get(url, {"ordering": ordering})
        for name, value in itertools.product(filters, values_to_probe(newsroom)):
            get(url, {name: value})
    details = {
        "claims": Claim.objects.values_list("pk", flat=True),
        "quotes": Quote.objects.values_list("pk", flat=True),
        "speakers": Speaker.objects.values_list("pk", flat=True),
        "sources": Source.objects.values_list("pk", flat=True),
        "outlets": Outlet.objects.values_list("pk", flat=True),
    }
    for resource, pks in details.items():
        for pk in pks:
            get(f"/api/v1/{resource}/{pk}/")
    for claim in Claim.objects.all():
        get(f"/api/v1/claims/{claim.pk}/comments/")
        get(f"/api/v1/claims/{claim.pk}/history/")
    return seen


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_nothing_internal_leaks(persona: str, newsroom: Newsroom, outsider: User) -> None:
    client = client_for(outsider if persona == "outsider" else None)
    for request, status, body in crawl(client, newsroom):
        for secret in newsroom.secret_words:
            if secret in request:
                continue  # an error may quote back what the client itself sent
            assert secret not in body, f"{secret!r} leaked through {request} ({status})"


@pytest.mark.parametrize("persona", ["anonymous", "outsider"])
def test_hidden_records_look_exactly_like_missing_ones(
    persona: str, newsroom: Newsroom, outsider: User
) -> None:
    client = client_for(outsider if persona == "outsider" else None)
    missing = client.get("/api/v1/claims/999999/")
    hidden = client.get(f"/api/v1/claims/{newsroom.draft.pk}/")
    assert (
        (hidden.status_code, hidden.json()) == (missing.status_code, missing.json()) == (404, missing.json())
    )
    secret_speaker = Speaker.objects.get(name="Secretive Minister")
    by_hidden = client.get("/api/v1/claims/", {"speaker": secret_speaker.pk})
    by_missing = client.get("/api/v1/claims/", {"speaker": 999999})
    assert by_hidden.status_code == by_missing.status_code == 200
    assert by_hidden.json()["results"] == by_missing.json()["results"] == []
    assert client.get(f"/api/v1/speakers/{secret_speaker.pk}/").status_code == 404
    assert client.get(f"/api/v1/quotes/{newsroom.unlinked_quote.pk}/").status_code == 404
    comments = client.get(f"/api/v1/claims/{newsroom.published[0].pk}/comments/")
    assert comments.status_code in (401, 403)
    assert "COMMENT-WORDS" not in comments.content.decode()


def test_public_lists_hold_exactly_the_public_material(anonymous: APIClient, newsroom: Newsroom) -> None:
    claims = anonymous.get("/api/v1/claims/").json()["results"]
    assert {c["id"] for c in claims} == {c.pk for c in [*newsroom.published, newsroom.retracted]}
    assert {c["state"] for c in claims} == {"published", "retracted"}
    detail = anonymous.get(f"/api/v1/claims/{newsroom.published[0].pk}/").json()
    assert detail["relations"] == []  # its competitor is a draft: the relation is not shown
    assert "review_events" not in detail and "author" not in detail
    public_quotes = {
        a.quote_id for c in [*newsroom.published, newsroom.retracted] for a in c.appearances.all()
    }
    assert {q["id"] for q in anonymous.get("/api/v1/quotes/").json()["results"]} == public_quotes
    cited = set(
        Citation.objects.filter(claim__in=[*newsroom.published, newsroom.retracted]).values_list(
            "source", flat=True
        )
    )
    quoted = set(Quote.objects.filter(pk__in=public_quotes).values_list("source", flat=True))
    assert {s["id"] for s in anonymous.get("/api/v1/sources/").json()["results"]} == cited | quoted


def test_newsroom_sees_its_own_material(newsroom: Newsroom, reporter: User) -> None:
    client = client_for(reporter)
    ids = {c["id"] for c in client.get("/api/v1/claims/", {"page_size": 200}).json()["results"]}
    assert {newsroom.draft.pk, newsroom.in_review.pk} <= ids
    detail = client.get(f"/api/v1/claims/{newsroom.published[0].pk}/").json()
    assert [e["action"] for e in detail["review_events"]] == ["submit", "approve", "publish"]
    comments = client.get(f"/api/v1/claims/{newsroom.published[0].pk}/comments/").json()
    assert [c["body"] for c in comments] == [Comment.objects.get().body]
