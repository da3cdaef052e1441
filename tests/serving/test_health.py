"""/healthz says the process is up without touching the database; /readyz says the database answers and
every migration is applied, and 503 otherwise."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from factcheck import health


def test_healthz_answers_without_the_database(client: Client) -> None:
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_probes_answer_any_host_name_and_plain_http(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """Load balancers probe by IP address and over HTTP; the probes are answered before host checks and
    the HTTPS redirect."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # everything else still checks


@pytest.mark.django_db
def test_readyz_when_the_database_is_migrated(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "_migrations_seen_applied", False)
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert health.unapplied_migrations() == []


@pytest.mark.django_db
def test_readyz_is_503_with_migrations_not_applied(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roll one migration back for real: the next release's code is here, its schema is not."""
    from django.core.management import call_command

    monkeypatch.setattr(health, "_migrations_seen_applied", False)
    call_command("migrate", "jobs", "zero", verbosity=0)
    try:
        assert health.unapplied_migrations() == ["jobs.0001_initial", "jobs.0002_archive_generation_kind"]
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable", "failed": "migrations"}
    finally:
        call_command("migrate", "jobs", verbosity=0)
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.base.base.BaseDatabaseWrapper.cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failed": "database"}
    assert "refused" not in response.content.decode()  # the cause is logged, not told
