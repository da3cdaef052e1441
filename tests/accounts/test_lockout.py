"""django-axes: after AXES_FAILURE_LIMIT failed logins for one user name from one address, that pair is
refused (429) for the cool-off, even with the right password: on the admin, the API's token exchange and
the browsable API's login. And CSRF: a session may not write through the API without the token."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-long-password"


@pytest.fixture
def nadia(settings) -> User:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(username="nadia", password=PASSWORD, is_staff=True, is_superuser=True)


def admin_login(client: Client, password: str) -> int:
    response = client.post("/admin/login/?next=/admin/", {"username": "nadia", "password": password})
    return response.status_code


def test_admin_login_locks_out_after_repeated_failures(nadia: User) -> None:
    client = Client()
    assert [admin_login(client, "wrong") for _ in range(2)] == [200, 200]  # the form again, with an error
    assert admin_login(client, "wrong") == 429
    locked = client.post("/admin/login/", {"username": "nadia", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    other_address = Client(REMOTE_ADDR="203.0.113.9")
    assert admin_login(other_address, PASSWORD) == 302  # the lockout is for that address only


def test_a_success_before_the_limit_resets_the_count(nadia: User) -> None:
    client = Client()
    assert [admin_login(client, "wrong") for _ in range(2)] == [200, 200]
    assert admin_login(client, PASSWORD) == 302
    client.logout()
    assert [admin_login(client, "wrong") for _ in range(2)] == [200, 200]


def test_api_token_exchange_locks_out_with_the_api_error_format(nadia: User) -> None:
    client = APIClient()
    for _ in range(2):
        assert (
            client.post(
                "/api/v1/auth/token/", {"username": "nadia", "password": "x"}, format="json"
            ).status_code
            == 400
        )
    locked = client.post("/api/v1/auth/token/", {"username": "nadia", "password": "x"}, format="json")
    assert locked.status_code == 429
    right = client.post("/api/v1/auth/token/", {"username": "nadia", "password": PASSWORD}, format="json")
    assert right.status_code == 429 and right.json()["error"]["code"] == "locked_out"
    assert int(right["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_browsable_api_login_locks_out(nadia: User) -> None:
    client = Client()
    for _ in range(2):
        assert client.post("/api-auth/login/", {"username": "nadia", "password": "x"}).status_code == 200
    assert client.post("/api-auth/login/", {"username": "nadia", "password": "x"}).status_code == 429


def test_lockout_counts_the_address_the_trusted_proxy_saw(nadia: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TRUSTED_PROXY_COUNT = 1
    behind_proxy = APIClient(REMOTE_ADDR="10.0.0.2")
    behind_proxy.default_format = "json"
    for _ in range(3):
        behind_proxy.post(
            "/api/v1/auth/token/",
            {"username": "nadia", "password": "x"},
            HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
        )
    locked = behind_proxy.post(
        "/api/v1/auth/token/",
        {"username": "nadia", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert locked.status_code == 429
    another_client = behind_proxy.post(
        "/api/v1/auth/token/", {"username": "nadia", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.4"
    )
    assert another_client.status_code == 201  # same proxy, a different reader: not locked out


def test_session_writes_through_the_api_need_the_csrf_token(reporter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    for url, body in [("/api/v1/claims/", {"statement": "Rents fell."}), ("/api/v1/tokens/", {"name": "x"})]:
        refused = client.post(url, body, content_type="application/json")
        assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"], url
    client.get("/api-auth/login/")  # any page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/claims/",
        {"statement": "Rents fell."},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 201


def test_passwords_are_validated(db: None) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password123456", "12345678901234"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("correct horse battery staple")


def test_desk_login_locks_out_after_repeated_failures(nadia: User) -> None:
    client = Client()

    def desk_login(password: str) -> int:
        return client.post("/desk/login/", {"username": "nadia", "password": password}).status_code

    assert [desk_login("wrong") for _ in range(2)] == [200, 200]  # the form again, with an error
    assert desk_login("wrong") == 429
    assert desk_login(PASSWORD) == 429
    assert "_auth_user_id" not in client.session
