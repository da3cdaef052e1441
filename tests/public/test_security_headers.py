"""Security headers on every kind of response: public pages, a fact-check page, feeds, the API's JSON,
the admin, the API docs, the health probes, a 404 and static files."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.public.conftest import Newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_headers(settings) -> None:  # type: ignore[no-untyped-def]
    """What the production settings add on HTTPS (the test settings are development's)."""
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def page_urls(newsroom: Newsroom) -> dict[str, str]:
    claim = newsroom.published[0]
    return {
        "home": "/",
        "fact-check": f"/fact-checks/{claim.slug}/",
        "speaker": f"/speakers/{newsroom.mayor.slug}/",
        "competing": f"/competing/{claim.slug}/",
        "search": "/search/?q=cycle",
        "atom feed": "/feeds/fact-checks.atom",
        "claimreview feed": "/feeds/claimreview.json",
        "ratings stylesheet": "/ratings.css",
        "api list": "/api/v1/claims/",
        "api detail": f"/api/v1/claims/{claim.pk}/",
        "api schema": "/api/schema/",
        "api docs": "/api/docs/",
        "admin login": "/admin/login/",
        "404 page": "/no-such-page/",
        "404 api": "/api/v1/no-such-thing/",
        "healthz": "/healthz",
        "readyz": "/readyz",
    }


def test_every_page_type_has_the_security_headers(
    client: Client, newsroom: Newsroom, production_headers: None
) -> None:
    for name, url in page_urls(newsroom).items():
        response = client.get(url, secure=True)
        assert response.status_code in {200, 404}, (name, response.status_code)
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"], name
        assert response["X-Request-ID"], name
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy, name
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, name
        if name not in {"healthz", "readyz"}:  # probes are internal and answered before SecurityMiddleware
            hsts = response["Strict-Transport-Security"]
            assert hsts == "max-age=31536000; includeSubDomains; preload", name
            assert response["Cross-Origin-Opener-Policy"] == "same-origin", name


def test_scripts_and_styles_need_this_responses_nonce(client: Client, newsroom: Newsroom) -> None:
    response = client.get(f"/fact-checks/{newsroom.published[0].slug}/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'", policy)
    assert nonce is not None and f"style-src 'self' 'nonce-{nonce.group(1)}'" in policy
    body = response.content.decode()
    assert f'<script type="application/ld+json" nonce="{nonce.group(1)}">' in body
    assert "<style" not in body and "style=" not in body  # the site's CSS is a static file
    again = client.get(f"/fact-checks/{newsroom.published[0].slug}/")["Content-Security-Policy"]
    assert again != policy  # a new nonce every time


def test_static_files_are_served_with_the_headers(client: Client) -> None:
    response = client.get("/static/site/site.css")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/css")
    assert b".rating" in b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_rating_colours_come_from_a_stylesheet(client: Client, newsroom: Newsroom) -> None:
    claim = newsroom.published[0]
    page = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    assert f'class="rating rating-{claim.rating_id} rating-large"' in page
    css = client.get("/ratings.css")
    assert css["Content-Type"] == "text/css; charset=utf-8" and css["ETag"]
    assert f".rating-{claim.rating_id} {{ --rating-colour: {claim.rating.colour}; }}" in css.content.decode()
    assert client.get("/ratings.css", HTTP_IF_NONE_MATCH=css["ETag"]).status_code == 304
