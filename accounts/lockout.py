"""What django-axes calls: the client's address for counting failures, and the answer to a locked-out
login. Settings name these functions (AXES_CLIENT_IP_CALLABLE, AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from factcheck.api.errors import envelope

LOCKED_OUT_MESSAGE = (
    "Too many failed logins for this account from this address. Try again in {minutes} minutes, or ask "
    "an administrator to unlock it."
)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry that the outermost
    of them appended (entries further left are the client's to write, so never trusted)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    return forwarded[-count] if len(forwarded) >= count else remote


def lockout_response(request: HttpRequest, response: HttpResponse | None, credentials: Any) -> HttpResponse:
    """429 for a locked-out login: the API's error envelope under /api/, a plain page elsewhere."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = LOCKED_OUT_MESSAGE.format(minutes=minutes)
    headers = {"Retry-After": str(minutes * 60)}
    if request.path.startswith("/api/"):
        return JsonResponse(envelope(429, "locked_out", message), status=429, headers=headers)
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8", headers=headers)
