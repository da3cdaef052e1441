"""Endpoints for quotes: list, read, log one (speaker and source resolved in the same request), find
quotes in an article, and log the chosen ones together. Thin: reads from claims/selectors.py, writes
through claims/intake.py and claims/services.py."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims import extraction, intake, selectors, services
from claims.api import serializers as api
from claims.api.filters import QuoteFilter
from claims.api.views import CONDITIONAL_ERRORS, ERRORS
from claims.models import Quote
from factcheck.api.conditional import ConditionalWrites, FiltersOnListsOnly, with_etag
from factcheck.api.errors import Conflict
from factcheck.api.pagination import Cursor
from factcheck.api.permissions import EditorsDelete, NewsroomOnly, ReadOnlyUnlessNewsroom, actor


@extend_schema_view(
    list=extend_schema(summary="Quotes, with their speaker and source", responses={200: api.QuoteSerializer}),
    retrieve=extend_schema(responses={200: api.QuoteSerializer, **ERRORS}),
    create=extend_schema(
        summary="Log a quote in one request",
        description=(
            "The speaker by `speaker` (id) or `speaker_name` (a name or alias: ambiguous → 400 listing the "
            "candidates; unknown → 400 unless `create_speaker` is true). The source by `source` (id) or "
            "`source_url` (canonicalised; an already recorded document is reused). The same words from the "
            "same speaker → 409 naming the quote already logged."
        ),
        request=api.QuoteLogSerializer,
        responses={201: api.QuoteSerializer, 409: OpenApiResponse(description="Already logged."), **ERRORS},
    ),
    update=extend_schema(
        request=api.QuoteUpdateSerializer, responses={200: api.QuoteSerializer, **CONDITIONAL_ERRORS}
    ),
    partial_update=extend_schema(
        request=api.QuoteUpdateSerializer, responses={200: api.QuoteSerializer, **CONDITIONAL_ERRORS}
    ),
    destroy=extend_schema(responses={204: None, **CONDITIONAL_ERRORS}),
)
class QuoteViewSet(
    FiltersOnListsOnly,
    ConditionalWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyUnlessNewsroom, EditorsDelete]
    lookup_value_regex = "[0-9]+"
    filterset_class = QuoteFilter
    pagination_class = Cursor
    ordering_fields = ["id", "said_on", "created_at"]
    read_serializer_class = api.QuoteSerializer

    def get_queryset(self) -> QuerySet[Quote]:
        return selectors.quotes_visible_to(self.request.user).select_related(
            "speaker", "source__outlet", "logged_by"
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create":
            return api.QuoteLogSerializer
        return (
            api.QuoteUpdateSerializer if self.action in {"update", "partial_update"} else api.QuoteSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = api.QuoteLogSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        with transaction.atomic():
            speaker = intake.speaker_for_quote(
                speaker_id=data.pop("speaker", None),
                name=data.pop("speaker_name", ""),
                role=data.pop("speaker_role"),
                create=data.pop("create_speaker"),
            )
            source = intake.source_for_quote(
                source_id=data.pop("source", None),
                url=data.pop("source_url", ""),
                title=data.pop("source_title"),
            )
            try:
                quote = services.quote_log(speaker=speaker, source=source, logged_by=actor(request), **data)
            except services.DuplicateQuote as duplicate:
                existing = api.QuoteSerializer(duplicate.existing, context=self.get_serializer_context()).data
                # Nothing of this request is kept: not a speaker or source it may have created.
                transaction.set_rollback(True)
                raise Conflict(duplicate.messages[0], existing=existing) from None
        return with_etag(
            api.QuoteSerializer(quote, context=self.get_serializer_context()).data, quote, status=201
        )

    @extend_schema(
        summary="Find every quotation in an article, attributed to its speaker",
        description=(
            "Send `text`, or `source`: the id of a source with a text snapshot. Known speakers are matched "
            "by name and alias (`speaker.id`); others are proposed with `id: null`, a name and a role."
        ),
        request=api.ExtractRequestSerializer,
        responses={200: api.ExtractResponseSerializer, **ERRORS},
    )
    @action(detail=False, methods=["post"], permission_classes=[NewsroomOnly])
    def extract(self, request: Request) -> Response:
        serializer = api.ExtractRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        text = serializer.validated_data.get("text")
        if text is None:
            source = (
                selectors.sources_visible_to(request.user)
                .filter(pk=serializer.validated_data["source"])
                .first()
            )
            if source is None or not source.text:
                raise serializers.ValidationError({"source": "No source with this id has a text snapshot."})
            text = source.text
        return Response({"quotes": [_candidate(quote) for quote in selectors.quotes_found_in(text)]})

    @extend_schema(
        summary="Log several quotes (chosen extraction candidates) in one transaction",
        description=(
            "Each quote names its speaker by `speaker` (id) or `speaker_name` (created only with "
            "`create_speaker`). Quotes already logged are reported in `duplicates`, not logged again; any "
            "other error logs nothing and names the quote by its position."
        ),
        request=api.BatchLogSerializer,
        responses={201: api.BatchLogResponseSerializer, **ERRORS},
    )
    @action(detail=False, methods=["post"], url_path="log")
    def log_many(self, request: Request) -> Response:
        serializer = api.BatchLogSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with transaction.atomic():
            source = intake.source_for_quote(
                source_id=data.get("source"), url=data.get("source_url", ""), title=data["source_title"]
            )
            result = intake.quotes_log_batch(
                candidates=[intake.Candidate(**_candidate_fields(item)) for item in data["quotes"]],
                actor=actor(request),
                source=source,
            )
        context = self.get_serializer_context()
        body = {
            "logged": api.QuoteSerializer(result.logged, many=True, context=context).data,
            "duplicates": [
                {"position": position, "existing": api.QuoteSerializer(existing, context=context).data}
                for position, existing in result.duplicates
            ],
        }
        return Response(body, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> Any:
        return services.quote_update(
            quote=serializer.instance, actor=actor(self.request), changes=serializer.validated_data
        )

    def perform_destroy(self, instance: Quote) -> None:
        instance.delete()


def _candidate(quote: extraction.CandidateQuote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": None
        if speaker is None
        else {"id": speaker.id, "name": speaker.name, "role": speaker.role},
        "speaker_mention": quote.speaker_mention,
        "cue": quote.cue,
        "kind": quote.kind,
        "confidence": round(quote.confidence, 3),
    }


def _candidate_fields(item: dict[str, Any]) -> dict[str, Any]:
    fields = dict(item)
    fields["speaker_id"] = fields.pop("speaker")
    return fields
