"""No lost updates: detail responses carry an ETag; writes must send it back in If-Match.

PUT, PATCH and DELETE without If-Match get 428; with an ETag that is no longer current, 412 and the
current representation. The check runs with the row locked, in the same transaction as the write, so two
clients holding the same ETag cannot both succeed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.api.errors import PreconditionFailed, PreconditionRequired


def etag_for(instance: Any) -> str:
    """Strong ETag of a row's version: its `version` when it has one, else when it was last changed."""
    version = getattr(instance, "version", None)
    if version is not None:
        return f'"v{version}"'
    stamp = instance.updated_at.isoformat()
    return '"' + hashlib.sha256(f"{instance.pk}:{stamp}".encode()).hexdigest()[:20] + '"'


def requested_etags(request: Request) -> list[str]:
    header = request.headers.get("If-Match", "")
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


def with_etag(data: Any, instance: Any, *, status: int = 200) -> Response:
    """A response carrying `data` and the ETag of `instance`, for the client's next If-Match."""
    response = Response(data, status=status)
    response["ETag"] = etag_for(instance)
    return response


def version_from_if_match(request: Request) -> int | None:
    """The claim version named by an If-Match ETag ("v12" → 12), or None when none was sent."""
    for tag in requested_etags(request):
        digits = tag.strip('"').removeprefix("v")
        if digits.isdigit():
            return int(digits)
    return None


class ConditionalWrites:
    """For GenericViewSet subclasses: ETag on retrieve; If-Match on update, partial update and destroy.

    Views implement `perform_update` / `perform_destroy` as usual; they run inside `locked_instance()`'s
    transaction, after the ETag check.
    """

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        return with_etag(self.get_serializer(instance).data, instance)  # type: ignore[attr-defined]

    def check_if_match(self, request: Request, instance: Any) -> None:
        tags = requested_etags(request)
        if not tags:
            raise PreconditionRequired()
        current = etag_for(instance)
        if "*" not in tags and current not in tags:
            raise PreconditionFailed(self.representation(instance), current)

    def locked_object(self) -> Any:
        """The object, re-read with its row locked (call inside a transaction)."""
        instance = self.get_object()  # type: ignore[attr-defined]
        return type(instance)._default_manager.select_for_update().get(pk=instance.pk)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        with transaction.atomic():
            instance = self.locked_object()
            self.check_if_match(request, instance)
            serializer = self.get_serializer(instance, data=request.data, partial=partial)  # type: ignore[attr-defined]
            serializer.is_valid(raise_exception=True)
            saved = self.perform_update(serializer)  # type: ignore[attr-defined]
        saved = saved if saved is not None else serializer.instance
        return with_etag(self.representation(saved), saved)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            instance = self.locked_object()
            self.check_if_match(request, instance)
            self.perform_destroy(instance)  # type: ignore[attr-defined]
        return Response(status=204)

    def representation(self, instance: Any) -> Any:
        """What a client reads for `instance`: re-read through the view's queryset, so it carries the
        relations the read serializer needs and nothing this reader may not see."""
        fresh = self.get_queryset().get(pk=instance.pk)  # type: ignore[attr-defined]
        serializer_class = self.read_serializer_class  # type: ignore[attr-defined]
        return serializer_class(fresh, context=self.get_serializer_context()).data  # type: ignore[attr-defined]


class FiltersOnListsOnly:
    """Query filters and ordering narrow lists; on a detail page or an action they would turn a bad
    `?created_after=` into a confusing 404 (or a database error), so there they are ignored."""

    def filter_queryset(self, queryset: Any) -> Any:
        if getattr(self, "action", None) != "list":
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]
