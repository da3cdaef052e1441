"""Answer 503 Service Unavailable, not 500, while the database cannot be reached.

When PostgreSQL is down (restarting, failing over, a network cut) every request that needs it fails with
psycopg's OperationalError or InterfaceError (a pool that waited in vain raises PoolTimeout, an
OperationalError too). That is an outage, not a bug: clients are told to come back (`Retry-After`) and
nothing is logged as a server error. API clients get the API's error envelope as JSON, readers a short
HTML page. Neither answer touches the database (no session, no user, no context processors).

`DatabaseOutageMiddleware.process_exception` answers for errors raised in views; `server_error`
(settings `handler500` in factcheck/urls.py) for those raised elsewhere, such as a session being saved
after the view. The pool hands out only connections that pass a check (settings.py), so once the server
is back the next request succeeds without a restart.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import psycopg
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
OUTAGE_ERRORS = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)


def is_database_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, OUTAGE_ERRORS)


def outage_response(request: HttpRequest) -> HttpResponse:
    retry_after = settings.OUTAGE_RETRY_AFTER
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        message = f"The archive's database is unreachable for a moment; retry in {retry_after} seconds."
        body = {"error": {"status": 503, "code": "unavailable", "message": message, "fields": {}}}
        response = JsonResponse(body, status=503)
    else:
        page = render_to_string("operations/unavailable.html", {"retry_after": retry_after})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(retry_after)
    # A CDN must not keep the outage page once the site is back.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        logger.warning("Database unreachable, answering 503 for %s: %s", request.path, exception)
        return outage_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the exception, so sys.exc_info() names it."""
    if is_database_outage(sys.exc_info()[1]):
        return outage_response(request)
    return defaults.server_error(request)
