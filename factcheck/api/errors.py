"""One error format for every API response that is not a success:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"text": ["…"]}}}

`fields` maps a field (or "non_field_errors") to its messages; it is empty when the error is about the
request as a whole. Django's ValidationError and PermissionDenied, the workflow's Refusal and DRF's own
exceptions all come out this way; anything else is a bug and stays a 500 for the logs to show.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.workflow import Refusal

REFUSAL_STATUS = {"forbidden": 403, "conflict": 409, "invalid": 400}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"
    default_detail = (
        "Send If-Match with the ETag of the version you are changing, so nobody's work is overwritten."
    )


class PreconditionFailed(exceptions.APIException):
    """The If-Match ETag is not the current one; the response carries the current representation."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = "Someone changed this since you loaded it; the current version is in `current`."

    def __init__(self, current: Any, etag: str) -> None:
        super().__init__()
        self.current = current
        self.etag = etag


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, detail: str, *, existing: Any = None) -> None:
        super().__init__(detail)
        self.existing = existing


def envelope(status_code: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"status": status_code, "code": code, "message": message, "fields": fields or {}}}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail → {"field" or "field.0.sub": [messages]}."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "non_field_errors" if key in ("__all__", "non_field_errors") and not prefix else key
            flat |= _flatten(value, f"{prefix}.{name}" if prefix else str(name))
        return flat
    if isinstance(detail, list) and detail and all(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            flat |= _flatten(item, f"{prefix}.{index}" if prefix else str(index))
        return flat
    messages = [str(item) for item in detail] if isinstance(detail, list) else [str(detail)]
    return {prefix or "non_field_errors": messages}


def _in_use(exc: ProtectedError | RestrictedError) -> str:
    counts: dict[str, int] = {}
    for row in exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects:
        name = str(row._meta.verbose_name_plural)
        counts[name] = counts.get(name, 0) + 1
    used_by = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    return f"Other records use this one ({used_by}): remove or reassign them first."


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Refusal):
        refused = REFUSAL_STATUS[exc.code]
        return Response(envelope(refused, exc.code, " ".join(exc.reasons)), status=refused)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, ProtectedError | RestrictedError):
        return Response(envelope(409, "in_use", _in_use(exc)), status=409)
    elif isinstance(exc, DataError):
        # A value the database cannot hold (a date in year 9023 with a 20-hour time zone, say).
        return Response(
            envelope(400, "invalid", "A value is out of the range the archive can store."), status=400
        )
    elif isinstance(exc, IntegrityError):
        # A database rule caught what validation did not (two requests racing, say): the request
        # conflicts with the records as they now are. The rule's name says which.
        cause = getattr(exc.__cause__, "diag", None)
        rule = getattr(cause, "constraint_name", None) or "a database rule"
        return Response(envelope(409, "conflict", f"Refused by {rule}; reload and try again."), status=409)
    elif isinstance(exc, RequestDataTooBig):
        return Response(envelope(413, "too_large", str(exc)), status=413)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        body = envelope(
            response.status_code, "invalid", "The request has errors; see fields.", _flatten(exc.detail)
        )
    else:
        message = (
            str(exc.detail)
            if isinstance(exc.detail, str)
            else " ".join(" ".join(messages) for messages in _flatten(exc.detail).values())
        )
        code = getattr(exc.detail, "code", None) or exc.default_code
        body = envelope(response.status_code, str(code), message)
    if isinstance(exc, PreconditionFailed):
        body["current"] = exc.current
        response["ETag"] = exc.etag
    if isinstance(exc, Conflict) and exc.existing is not None:
        body["existing"] = exc.existing
    response.data = body
    return response
