"""No lost updates, and no input that makes the API fail: ETags and If-Match, concurrent stale writes,
one error format for malformed, oversized, mistyped and unknown input, bad cursors, throttling."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from claims.models import Claim, Speaker
from tests.api.conftest import client_for
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body


# --- ETag / If-Match ------------------------------------------------------------------------------


def test_writes_need_the_current_etag(reporter: User) -> None:
    claim = ClaimFactory(author=reporter)
    client, url = client_for(reporter), f"/api/v1/claims/{claim.pk}/"
    first = client.get(url)
    assert first["ETag"] == f'"v{claim.version}"'
    assert_error(client.patch(url, {"summary": "One."}, format="json"), 428, "precondition_required")
    saved = client.patch(url, {"summary": "One."}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert saved.status_code == 200
    assert saved["ETag"] != first["ETag"]
    stale = client.patch(url, {"summary": "Two."}, format="json", HTTP_IF_MATCH=first["ETag"])
    body = assert_error(stale, 412, "precondition_failed")
    assert body["current"]["summary"] == "One."  # what the other person saved, to merge by hand
    assert stale["ETag"] == saved["ETag"]
    assert Claim.objects.get(pk=claim.pk).summary == "One."


def test_etags_on_records_without_a_version(reporter: User) -> None:
    speaker = SpeakerFactory(name="Oleh Shyriaiev")
    client, url = client_for(reporter), f"/api/v1/speakers/{speaker.pk}/"
    tag = client.get(url)["ETag"]
    renamed = client.patch(
        url, {"role": "Commander", "aliases": ["Shyriaiev"]}, format="json", HTTP_IF_MATCH=tag
    )
    assert renamed.status_code == 200
    assert renamed.json()["aliases"] == ["Shyriaiev"]
    assert_error(client.patch(url, {"role": "General"}, format="json", HTTP_IF_MATCH=tag), 412)
    assert_error(client.put(url, {"name": "O. S."}, format="json"), 428)
    assert Speaker.objects.get(pk=speaker.pk).role == "Commander"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_stale_writes_one_wins(reporter: User) -> None:
    claim = ClaimFactory(author=reporter)
    url = f"/api/v1/claims/{claim.pk}/"
    tag = client_for(reporter).get(url)["ETag"]
    clients = [client_for(reporter) for _ in range(20)]
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def write(index: int) -> None:
        try:
            barrier.wait(timeout=20)
            response = clients[index].patch(
                url, {"summary": f"Version {index}"}, format="json", HTTP_IF_MATCH=tag
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(index,)) for index in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] + [412] * 19
    assert Claim.objects.get(pk=claim.pk).version == claim.version + 1


# --- malformed input ------------------------------------------------------------------------------


def test_error_format_for_every_kind_of_bad_input(reporter: User) -> None:
    client = client_for(reporter)
    malformed = client.post("/api/v1/claims/", b'{"statement": "Half', content_type="application/json")
    assert_error(malformed, 400, "parse_error")
    nul = client.post("/api/v1/claims/", {"statement": "Nul\x00byte"}, format="json")
    assert "statement" in assert_error(nul, 400, "invalid")["error"]["fields"]
    huge = client.post("/api/v1/claims/", {"statement": "x" * 5000}, format="json")
    assert "statement" in assert_error(huge, 400)["error"]["fields"]
    wrong_type = client.post("/api/v1/claims/", {"statement": ["a", "list"]}, format="json")
    assert "statement" in assert_error(wrong_type, 400)["error"]["fields"]
    unknown = client.post("/api/v1/claims/", {"statement": "Fine.", "verdict": "false"}, format="json")
    assert assert_error(unknown, 400)["error"]["fields"] == {"verdict": ["Unknown field."]}
    not_object = client.post("/api/v1/claims/", [1, 2, 3], format="json")
    assert_error(not_object, 400)
    nested = client.post("/api/v1/quotes/", {"text": "x", "speaker": "seven"}, format="json")
    assert "speaker" in assert_error(nested, 400)["error"]["fields"]
    assert Claim.objects.count() == 0


def test_bad_cursors_and_unknown_urls(anonymous: APIClient) -> None:
    assert_error(anonymous.get("/api/v1/claims/", {"cursor": "not-a-cursor"}), 400, "invalid")
    assert_error(anonymous.get("/api/v1/quotes/", {"cursor": "bz1hYmM="}), 400)  # "o=abc"
    assert_error(anonymous.get("/api/v1/claims/abc/"), 404)
    assert_error(anonymous.get("/api/v1/speakers/", {"page": "999"}), 404)
    assert_error(anonymous.get("/api/v1/claims/", {"published_after": "yesterday"}), 400)


def test_oversized_bodies_are_refused_with_413(reporter: User, settings) -> None:
    settings.API_MAX_BODY_BYTES = 2_000
    response = client_for(reporter).post("/api/v1/claims/", {"statement": "x" * 3_000}, format="json")
    assert_error(response, 413, "too_large")


def test_writes_refused_for_readers(anonymous: APIClient, editor: User) -> None:
    assert_error(
        anonymous.post("/api/v1/claims/", {"statement": "x"}, format="json"), 401, "not_authenticated"
    )
    assert_error(anonymous.delete("/api/v1/ratings/1/"), 401)
    assert_error(client_for(editor).delete("/api/v1/ratings/1/"), 405, "method_not_allowed")


def test_throttling_answers_429_in_the_error_format(
    monkeypatch: pytest.MonkeyPatch, anonymous: APIClient
) -> None:
    cache.clear()
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"})
    statuses = [anonymous.get("/api/v1/ratings/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert_error(anonymous.get("/api/v1/ratings/"), 429, "throttled")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["text", "speaker", "speaker_name", "source", "source_url", "said_on", "kind", "x"]),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(max_size=300),
            st.lists(st.integers(), max_size=3),
        ),
    )
)
def test_no_quote_payload_makes_the_api_fail(reporter: User, payload: dict) -> None:
    response = client_for(reporter).post("/api/v1/quotes/", payload, format="json")
    assert response.status_code in (201, 400, 409), response.content[:300]
    if response.status_code != 201:
        assert set(response.json()["error"]) == {"status", "code", "message", "fields"}
