"""HTTP caching of the public site: ETags from the data (not the body), 304, and nothing cached for
someone who may be logged in."""

from __future__ import annotations

import pytest
from django.test import Client

from claims import services
from tests.public.conftest import Newsroom, publish

pytestmark = pytest.mark.django_db


def test_a_fact_check_page_is_public_with_an_etag_and_revalidates_to_304(
    client: Client, newsroom: Newsroom
) -> None:
    url = f"/fact-checks/{newsroom.published[0].slug}/"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in first["Vary"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_etag_comes_from_the_data_not_the_body(
    client: Client, newsroom: Newsroom, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"/fact-checks/{newsroom.published[0].slug}/"
    before = client.get(url)
    # A per-response nonce (CSP) changes the body on every response; the ETag must not follow it.
    monkeypatch.setattr("claims.public.views.render", _render_with_nonce())
    changed_body = client.get(url)
    assert changed_body.content != before.content
    assert changed_body["ETag"] == before["ETag"]
    # Changing what the page shows (a quote's speaker is renamed) changes the ETag.
    newsroom.mayor.name = "Mara Mayor-Smith"
    newsroom.mayor.save()
    assert client.get(url)["ETag"] != before["ETag"]


def _render_with_nonce():  # type: ignore[no-untyped-def]
    from django.shortcuts import render

    counter = iter(range(1_000_000))

    def render_with_nonce(*args, **kwargs):  # type: ignore[no-untyped-def]
        response = render(*args, **kwargs)
        response.content += f"<!-- nonce {next(counter)} -->".encode()
        return response

    return render_with_nonce


def test_the_home_page_etag_follows_the_page_number_and_new_fact_checks(
    client: Client, newsroom: Newsroom
) -> None:
    first = client.get("/")
    assert first["ETag"] != client.get("/?page=2")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    publish(newsroom.editor, statement="The harbour ferry runs every ten minutes.", speaker=newsroom.mayor)
    after = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != first["ETag"]


def test_a_quote_edit_changes_the_fact_check_etag(client: Client, newsroom: Newsroom) -> None:
    claim = newsroom.published[1]
    url = f"/fact-checks/{claim.slug}/"
    before = client.get(url)["ETag"]
    quote = claim.appearances.get().quote
    services.quote_update(quote=quote, actor=newsroom.editor, changes={"venue": "Council chamber"})
    assert client.get(url)["ETag"] != before


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=cycle", "/feeds/claimreview.json", "/feeds/fact-checks.atom"]
)
def test_nothing_is_cached_for_a_logged_in_user(client: Client, newsroom: Newsroom, path: str) -> None:
    anonymous = client.get(path)
    assert "public" in anonymous["Cache-Control"]
    assert "Cookie" in anonymous["Vary"]
    client.force_login(newsroom.editor)
    logged_in = client.get(path)
    assert logged_in.status_code == 200
    assert logged_in["Cache-Control"] == "private, no-store"
    assert "Cookie" in logged_in["Vary"]


def test_an_api_client_with_a_token_gets_private_answers(client: Client, newsroom: Newsroom) -> None:
    from accounts.services import token_create

    token = token_create(user=newsroom.editor, name="caching test")
    response = client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
