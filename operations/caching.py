"""HTTP caching of the public site, so a CDN (or a browser) absorbs readers.

Public pages and feeds carry `Cache-Control: public, max-age=…`, `Vary: Cookie` and an ETag. The ETag is
computed from the data a page shows — a version of it (how many rows, the newest `updated_at` among
them) plus the page's address with its query (page number, filters, search words) and the language —
never from the response body: the body carries a per-response CSP nonce, so two renderings of the same
data differ byte for byte. A request whose If-None-Match names the current ETag gets 304 Not Modified
after the one version query, without rendering.

`PrivateResponsesMiddleware` makes sure nothing sent to someone who may be logged in (a session cookie,
an Authorization header) is stored by any shared or browser cache: `Cache-Control: private, no-store`.
This module must never let a cache store a response for a logged-in user.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language

from claims.models import Claim
from claims.public.selectors import fact_checks, latest_change

# Bumped when templates change what a page shows from the same data, so old validators stop matching.
PAGE_FORMAT = "1"

View = Callable[..., HttpResponse]


def may_be_logged_in(request: HttpRequest) -> bool:
    """Judged from the request alone, so anonymous readers cost no session look-up."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def data_version(claims: QuerySet[Claim]) -> str:
    """How many of these fact-checks there are and the newest change to anything their pages show."""
    found = latest_change(claims)
    return f"{found.count}:{found.changed.isoformat() if found.changed else '-'}"


def page_etag(request: HttpRequest, version: str) -> str:
    parts = [PAGE_FORMAT, request.get_full_path(), get_language() or "", version]
    return quote_etag(hashlib.sha256("|".join(parts).encode()).hexdigest()[:32])


def public_page(
    version: Callable[..., str] | None = None, *, max_age: int | None = None
) -> Callable[[View], View]:
    """Decorate a public, read-only view: `version(request, *args, **kwargs)` names the state of the
    data the page shows; an unchanged version answers If-None-Match with 304. Without `version` (pages
    whose version would cost as much as the page), only Cache-Control: a CDN still serves them for
    max-age seconds."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            etag = page_etag(request, version(request, *args, **kwargs)) if version else None
            if etag is not None and etag in parse_etags(request.headers.get("If-None-Match", "")):
                response: HttpResponse = HttpResponseNotModified()
            else:
                response = view(request, *args, **kwargs)
            if response.status_code in (200, 304):
                if etag is not None:
                    response["ETag"] = etag
                patch_cache_control(
                    response, public=True, max_age=settings.PUBLIC_MAX_AGE if max_age is None else max_age
                )
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapper

    return decorator


# --- versions of the public pages ------------------------------------------------------------------


def listed_version(claims: QuerySet[Claim], page: str | None, page_size: int) -> str:
    """A page of a list: how many fact-checks the whole list has (publishing or unpublishing one moves
    every page) and the version of the ones on this page."""
    total = claims.count()
    number = int(page) if page and page.isdigit() and int(page) > 0 else 1
    if (number - 1) * page_size >= total:
        number = max(1, -(-total // page_size))  # the paginator shows the last page
    shown = list(claims.values_list("pk", flat=True)[(number - 1) * page_size : number * page_size])
    return f"{total}/{number}/" + data_version(Claim.objects.filter(pk__in=shown))


def fact_check_version(request: HttpRequest, slug: str) -> str:
    return data_version(fact_checks().filter(slug=slug))


class PrivateResponsesMiddleware:
    """Responses to someone who may be logged in: never stored by a cache, whatever the view said."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        if may_be_logged_in(request):
            # Replace, not patch: "public" and "max-age" set by a view must not survive.
            response["Cache-Control"] = "private, no-store"
        return response
