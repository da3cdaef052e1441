"""Endpoints of the sources API: outlets and the documents they publish. Thin: querysets from
claims/selectors.py (visibility), writes through sources/services.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from claims import selectors
from claims.api.views import CONDITIONAL_ERRORS, ERRORS
from factcheck.api.conditional import ConditionalWrites, FiltersOnListsOnly, with_etag
from factcheck.api.pagination import Cursor
from factcheck.api.permissions import EditorsDelete, ReadOnlyUnlessNewsroom, actor
from sources import services
from sources.api import serializers as api
from sources.api.filters import OutletFilter, SourceFilter
from sources.models import Outlet, Source


@extend_schema_view(
    list=extend_schema(summary="Outlets"),
    retrieve=extend_schema(responses={200: api.OutletSerializer, **ERRORS}),
    create=extend_schema(
        description="An outlet with a known domain is returned as it is (200) rather than created twice.",
        request=api.OutletWriteSerializer,
        responses={201: api.OutletSerializer, 200: api.OutletSerializer, **ERRORS},
    ),
    update=extend_schema(
        request=api.OutletWriteSerializer, responses={200: api.OutletSerializer, **CONDITIONAL_ERRORS}
    ),
    partial_update=extend_schema(
        request=api.OutletWriteSerializer, responses={200: api.OutletSerializer, **CONDITIONAL_ERRORS}
    ),
    destroy=extend_schema(responses={204: None, **CONDITIONAL_ERRORS}),
)
class OutletViewSet(
    FiltersOnListsOnly,
    ConditionalWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyUnlessNewsroom, EditorsDelete]
    lookup_value_regex = "[0-9]+"
    filterset_class = OutletFilter
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]
    read_serializer_class = api.OutletSerializer

    def get_queryset(self) -> QuerySet[Outlet]:
        return selectors.outlets_visible_to(self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return (
            api.OutletWriteSerializer
            if self.action in {"create", "update", "partial_update"}
            else api.OutletSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = api.OutletWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outlet, made = services.outlet_get_or_create(**serializer.validated_data)
        return with_etag(api.OutletSerializer(outlet).data, outlet, status=201 if made else 200)

    def perform_update(self, serializer: Any) -> Any:
        return services.outlet_update(
            outlet=serializer.instance, actor=actor(self.request), changes=serializer.validated_data
        )

    def perform_destroy(self, instance: Outlet) -> None:
        instance.delete()


@extend_schema_view(
    list=extend_schema(summary="Sources: the documents things were said or found in"),
    retrieve=extend_schema(responses={200: api.SourceSerializer, **ERRORS}),
    create=extend_schema(
        description=(
            "Record a document. Its URL is canonicalised (tracking parameters, fragments, case…); a document "
            "already recorded under any spelling of the URL is returned (200) instead of a duplicate."
        ),
        request=api.SourceWriteSerializer,
        responses={201: api.SourceSerializer, 200: api.SourceSerializer, **ERRORS},
    ),
    update=extend_schema(
        request=api.SourceWriteSerializer, responses={200: api.SourceSerializer, **CONDITIONAL_ERRORS}
    ),
    partial_update=extend_schema(
        request=api.SourceWriteSerializer, responses={200: api.SourceSerializer, **CONDITIONAL_ERRORS}
    ),
    destroy=extend_schema(responses={204: None, **CONDITIONAL_ERRORS}),
)
class SourceViewSet(
    FiltersOnListsOnly,
    ConditionalWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyUnlessNewsroom, EditorsDelete]
    lookup_value_regex = "[0-9]+"
    filterset_class = SourceFilter
    pagination_class = Cursor
    ordering_fields = ["id", "published_on", "created_at"]
    read_serializer_class = api.SourceSerializer

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_visible_to(self.request.user).select_related("outlet")

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return (
            api.SourceWriteSerializer
            if self.action in {"create", "update", "partial_update"}
            else api.SourceSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = api.SourceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source, made = services.source_record(**serializer.validated_data)
        return with_etag(api.SourceSerializer(source).data, source, status=201 if made else 200)

    def perform_update(self, serializer: Any) -> Any:
        return services.source_update(
            source=serializer.instance, actor=actor(self.request), changes=serializer.validated_data
        )

    def perform_destroy(self, instance: Source) -> None:
        instance.delete()
