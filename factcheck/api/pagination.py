"""Pagination: numbered pages for small lists, cursors for the large ones (quotes, claims, sources).

A malformed cursor is the client's mistake: it gets a 400 in the error format, not a 404 or a 500.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.pagination import CursorPagination, PageNumberPagination


class StrictPageSize:
    """A page_size that is not a whole number from 1 to the maximum is refused, not silently replaced."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            message = f"Give a whole number from 1 to {self.max_page_size}."
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return super().get_page_size(request)  # type: ignore[misc]


class PagePagination(StrictPageSize, PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class Cursor(StrictPageSize, CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError(
                {"cursor": ["This cursor is not one this API gave out."]}
            ) from None
