"""API tokens: shown once, stored as a digest, revocable by their owner, the admin and a command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import digest_of, token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def with_key(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_new_token_is_shown_once_and_only_its_digest_is_kept(reporter: User) -> None:
    client = APIClient()
    client.force_authenticate(reporter)
    made = client.post("/api/v1/tokens/", {"name": "CMS plug-in"}, format="json")
    assert made.status_code == 201
    key = made.json()["key"]
    assert len(key) == 40 and made.json()["prefix"] == key[:8] and made.json()["name"] == "CMS plug-in"
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        stored = repr(cursor.fetchall())
    assert key not in stored and digest_of(key) in stored
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert [token["name"] for token in listed] == ["CMS plug-in"] and "key" not in listed[0]
    assert key not in client.get(f"/api/v1/tokens/{listed[0]['id']}/").content.decode()
    assert (
        with_key(key).post("/api/v1/claims/", {"statement": "Rents fell."}, format="json").status_code == 201
    )


def test_revoking_stops_the_token_at_once(reporter: User) -> None:
    new = token_create(user=reporter, name="script")
    client = with_key(new.key)
    assert client.get("/api/v1/tokens/").status_code == 200
    assert client.delete(f"/api/v1/tokens/{new.token.pk}/").status_code == 204
    refused = client.get("/api/v1/tokens/")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "authentication_failed"
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None  # kept as a record, not deleted


def test_nobody_sees_or_revokes_another_persons_tokens(reporter: User, other_reporter: User) -> None:
    theirs = token_create(user=other_reporter, name="theirs")
    mine = with_key(token_create(user=reporter, name="mine").key)
    assert [t["name"] for t in mine.get("/api/v1/tokens/").json()["results"]] == ["mine"]
    assert mine.get(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    assert mine.delete(f"/api/v1/tokens/{theirs.token.pk}/").status_code == 404
    assert with_key(theirs.key).get("/api/v1/tokens/").status_code == 200


def test_anonymous_callers_have_no_tokens() -> None:
    assert APIClient().get("/api/v1/tokens/").status_code == 401
    assert APIClient().post("/api/v1/tokens/", {}, format="json").status_code == 401


def test_an_inactive_users_token_stops_working(reporter: User) -> None:
    key = token_create(user=reporter, name="x").key
    User.objects.filter(pk=reporter.pk).update(is_active=False)
    assert with_key(key).get("/api/v1/tokens/").status_code == 401


def test_commands_create_and_revoke(reporter: User) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", reporter.username, "--name", "nightly import", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert "will not be shown again" in err.getvalue()
    assert with_key(key).get("/api/v1/tokens/").status_code == 200
    prefix = ApiToken.objects.get(user=reporter).prefix
    call_command("revoke_api_tokens", reporter.username, "--prefix", prefix, stdout=StringIO())
    assert with_key(key).get("/api/v1/tokens/").status_code == 401


def test_keys_never_start_like_a_command_line_option(reporter: User) -> None:
    """A key (and so its prefix) starting with "-" would be read as an option by revoke_api_tokens."""
    assert all(token_create(user=reporter, name="n").key[0].isalnum() for _ in range(200))


def test_password_exchange_makes_a_token(db: None) -> None:
    UserFactory(username="nadia", password="a-long-enough-password")
    made = APIClient().post(
        "/api/v1/auth/token/",
        {"username": "nadia", "password": "a-long-enough-password", "name": "laptop"},
        format="json",
    )
    assert made.status_code == 201
    assert with_key(made.json()["key"]).get("/api/v1/tokens/").json()["results"][0]["name"] == "laptop"
    wrong = APIClient().post("/api/v1/auth/token/", {"username": "nadia", "password": "nope"}, format="json")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid"
    assert APIClient().post("/api/v1/auth/token/", {"username": "nadia"}, format="json").status_code == 400


def test_the_admin_revokes_but_never_shows_or_adds(admin_client, reporter: User) -> None:  # type: ignore[no-untyped-def]
    new = token_create(user=reporter, name="laptop")
    page = admin_client.get("/admin/accounts/apitoken/")
    assert page.status_code == 200 and new.token.prefix in page.content.decode()
    assert new.key not in page.content.decode() and new.token.digest not in page.content.decode()
    assert admin_client.get("/admin/accounts/apitoken/add/").status_code == 403
    admin_client.post(
        "/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [new.token.pk]}, follow=True
    )
    assert with_key(new.key).get("/api/v1/tokens/").status_code == 401
