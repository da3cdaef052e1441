"""While the database is unreachable the site answers 503 with Retry-After, never 500: JSON in the API's
error envelope under /api/, an HTML page elsewhere. (bench/load.py kills a real server mid-load;
tests/operations/test_load_smoke.py runs it.)"""

from __future__ import annotations

import psycopg
import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory

from operations.outage import server_error

pytestmark = pytest.mark.django_db

DOWN = OperationalError('connection failed: connection to server at "127.0.0.1", port 5432 failed')


def _database_down(*args: object, **kwargs: object) -> None:
    raise DOWN


def test_a_public_page_answers_an_html_503_with_retry_after(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.public.selectors.fact_check_list", _database_down)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "5"
    assert response["Cache-Control"] == "no-store"
    assert b"Back in a moment" in response.content


def test_the_api_answers_a_json_503_in_its_error_envelope(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("claims.search.fulltext.search", _database_down)
    response = client.get("/api/v1/search/?q=bridge")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["error"]["status"] == 503
    assert body["error"]["code"] == "unavailable"


@pytest.mark.parametrize(
    "error",
    [DOWN, InterfaceError("connection already closed"), psycopg.OperationalError("pool timeout")],
    ids=["django-operational", "django-interface", "psycopg-pool"],
)
def test_an_outage_outside_the_view_is_a_503_too(error: Exception) -> None:
    request = RequestFactory().get("/api/v1/claims/")
    try:
        raise error
    except Exception:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_any_other_error_stays_a_500() -> None:
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
