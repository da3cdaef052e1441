"""Refuse oversized API request bodies with 413 before Django or DRF reads them into memory."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"


class RequestBodyLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            limit = settings.API_MAX_BODY_BYTES
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > limit:
                return too_large(limit)
        return self.get_response(request)


def too_large(limit: int) -> JsonResponse:
    message = f"The request body is larger than the {limit} bytes this API accepts."
    return JsonResponse(
        {"error": {"status": 413, "code": "too_large", "message": message, "fields": {}}}, status=413
    )
