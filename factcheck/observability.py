"""Request ids and JSON logs: every log line written while a request is served names that request.

`RequestIdMiddleware` (first in MIDDLEWARE) takes the caller's `X-Request-ID` when it is a sane token
(a load balancer or a client tracing its own calls), or makes one, keeps it in a context variable for
the duration of the request, and returns it in the response's `X-Request-ID` header. `RequestIdFilter`
copies it onto every log record, and `JsonFormatter` writes each record as one JSON object per line,
so log collectors need no parsing rules.

This module must never log request bodies, cookies or headers other than the request id: logs leave
the newsroom's machines.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
# What we accept from outside: short, printable, no spaces or quotes, so it can go into a header and a
# log line as it is. Anything else (too long, control characters, JSON) is replaced, never echoed.
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else on a record was passed with `extra=` and is logged.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys() | {"message", "asctime", "request_id"}
)


def current_request_id() -> str | None:
    """The id of the request being served in this thread or task, or None outside a request."""
    return _request_id.get()


@contextlib.contextmanager
def bound_request_id(request_id: str | None) -> Iterator[None]:
    """Log under this request id outside a request: a background job carries the id of the request
    that started it, so its log lines can be found with the request's."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


def request_id_from(header: str | None) -> str:
    """The caller's request id if it is sane, else a new random one."""
    if header and _SANE_REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


def _forget_request_id(**kwargs: object) -> None:
    _request_id.set(None)


class RequestIdMiddleware:
    """Gives each request an id, visible to the logs while it is served and in the response header.

    The id stays set until the response is closed (request_finished), not just until this middleware
    returns: Django logs 4xx and 5xx responses ("Not Found: /x") after the middleware chain is done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        request_finished.connect(_forget_request_id, dispatch_uid="factcheck.observability.request_id")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        _request_id.set(request_id)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or None) on every record, for the formatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id, any `extra=`
    fields, and the traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or current_request_id(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)
