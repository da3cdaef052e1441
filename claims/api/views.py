"""Endpoints of the claims API: speakers, claims (with their review), ratings; quotes in quotes.py.

Thin: every queryset starts from claims/selectors.py (what this reader may see, with the relations the
serializers need fetched up front, so a list costs the same number of queries for 1 row or 50), and
every write is one call to claims/services.py or claims/workflow.py. Refusals come back as the API's
error format (factcheck/api/errors.py).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from claims import history, selectors, services, workflow
from claims.api import serializers as api
from claims.api.filters import ClaimFilter, SpeakerFilter
from claims.claimreview import claimreview_for
from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Quote,
    Rating,
    RatingScale,
    Speaker,
    Topic,
)
from factcheck.api.conditional import ConditionalWrites, FiltersOnListsOnly, version_from_if_match, with_etag
from factcheck.api.errors import Conflict
from factcheck.api.pagination import Cursor
from factcheck.api.permissions import EditorsDelete, NewsroomOnly, ReadOnlyUnlessNewsroom, actor
from sources.models import Source

ERRORS = {
    400: OpenApiResponse(description="Invalid input; `error.fields` says what is wrong with each field."),
    403: OpenApiResponse(description="Not allowed for this user (or not logged in)."),
    404: OpenApiResponse(description="No such record, or not visible to this user."),
}
CONDITIONAL_ERRORS = {
    **ERRORS,
    409: OpenApiResponse(description="Refused by the newsroom's rules (state, duplicates, records in use)."),
    412: OpenApiResponse(description="If-Match is stale; `current` holds the current representation."),
    428: OpenApiResponse(description="If-Match is missing."),
}


# --- speakers --------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Speakers (with aliases)", responses={200: api.SpeakerSerializer}),
    retrieve=extend_schema(summary="One speaker", responses={200: api.SpeakerSerializer, **ERRORS}),
    create=extend_schema(
        request=api.SpeakerWriteSerializer, responses={201: api.SpeakerSerializer, **ERRORS}
    ),
    update=extend_schema(
        request=api.SpeakerWriteSerializer, responses={200: api.SpeakerSerializer, **CONDITIONAL_ERRORS}
    ),
    partial_update=extend_schema(
        request=api.SpeakerWriteSerializer, responses={200: api.SpeakerSerializer, **CONDITIONAL_ERRORS}
    ),
    destroy=extend_schema(responses={204: None, **CONDITIONAL_ERRORS}),
)
class SpeakerViewSet(
    FiltersOnListsOnly,
    ConditionalWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyUnlessNewsroom, EditorsDelete]
    lookup_value_regex = "[0-9]+"
    filterset_class = SpeakerFilter
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name", "id"]
    read_serializer_class = api.SpeakerSerializer

    def get_queryset(self) -> QuerySet[Speaker]:
        return (
            selectors.speakers_visible_to(self.request.user)
            .select_related("affiliation")
            .prefetch_related("aliases")
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return (
            api.SpeakerWriteSerializer
            if self.action in {"create", "update", "partial_update"}
            else api.SpeakerSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = api.SpeakerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        speaker = services.speaker_create(**serializer.validated_data)
        return with_etag(
            api.SpeakerSerializer(speaker, context=self.get_serializer_context()).data, speaker, status=201
        )

    def perform_update(self, serializer: Any) -> Any:
        changes = dict(serializer.validated_data)
        aliases = changes.pop("aliases", None)
        return services.speaker_update(
            speaker=serializer.instance, actor=actor(self.request), changes=changes, aliases=aliases
        )

    def perform_destroy(self, instance: Speaker) -> None:
        instance.delete()


# --- claims ----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Fact-checks (claims)", responses={200: api.ClaimListSerializer}),
    retrieve=extend_schema(
        summary="One fact-check with its quotes, sources, competing claims, corrections (and, for the "
        "newsroom, its review timeline and votes)",
        responses={200: api.ClaimDetailSerializer, **ERRORS},
    ),
    create=extend_schema(
        summary="Draft a claim",
        request=api.ClaimWriteSerializer,
        responses={201: api.ClaimDetailSerializer, **ERRORS},
    ),
    update=extend_schema(
        description="A published verdict (statement, rating, summary, analysis) changes with `correction`.",
        request=api.ClaimWriteSerializer,
        responses={200: api.ClaimDetailSerializer, **CONDITIONAL_ERRORS},
    ),
    partial_update=extend_schema(
        request=api.ClaimWriteSerializer, responses={200: api.ClaimDetailSerializer, **CONDITIONAL_ERRORS}
    ),
    destroy=extend_schema(
        description="Editors; never for a fact-check that was published.",
        responses={204: None, **CONDITIONAL_ERRORS},
    ),
)
class ClaimViewSet(
    FiltersOnListsOnly,
    ConditionalWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ReadOnlyUnlessNewsroom, EditorsDelete]
    lookup_value_regex = "[0-9]+"
    filterset_class = ClaimFilter
    pagination_class = Cursor
    ordering_fields = ["id", "published_at", "updated_at", "created_at"]
    read_serializer_class = api.ClaimDetailSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        claims = selectors.claims_visible_to(self.request.user).select_related(
            "rating__scale", "author", "assignee"
        )
        appearances = ClaimAppearance.objects.select_related("quote__speaker")
        if self.action == "list":
            return claims.prefetch_related(Prefetch("appearances", queryset=appearances), "topics")
        visible = selectors.claims_visible_to(self.request.user)
        return claims.prefetch_related(
            Prefetch(
                "appearances",
                queryset=appearances.select_related("quote__source__outlet", "quote__logged_by").order_by(
                    "id"
                ),
            ),
            Prefetch("citations", queryset=Citation.objects.select_related("source__outlet").order_by("id")),
            Prefetch(
                "relations_from",
                queryset=ClaimRelation.objects.filter(to_claim__in=visible).select_related(
                    "to_claim__rating__scale"
                ),
                to_attr="visible_relations_from",
            ),
            Prefetch(
                "relations_to",
                queryset=ClaimRelation.objects.filter(from_claim__in=visible).select_related(
                    "from_claim__rating__scale"
                ),
                to_attr="visible_relations_to",
            ),
            "topics",
            "corrections",
            Prefetch("review_events", queryset=selectors.review_events_visible_to(self.request.user)),
            Prefetch("rating_votes", queryset=selectors.rating_votes_visible_to(self.request.user)),
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in {"create", "update", "partial_update"}:
            return api.ClaimWriteSerializer
        return api.ClaimListSerializer if self.action == "list" else api.ClaimDetailSerializer

    def detail_response(self, claim: Claim, *, status_code: int = 200) -> Response:
        return with_etag(
            self.representation(claim), Claim.objects.only("version").get(pk=claim.pk), status=status_code
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = api.ClaimWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "correction" in data:
            raise serializers.ValidationError({"correction": "Corrections are for published fact-checks."})
        with transaction.atomic():
            claim = services.claim_create(
                statement=data["statement"],
                author=actor(request),
                summary=data.get("summary", ""),
                analysis=data.get("analysis", ""),
                first_appeared_on=data.get("first_appeared_on"),
                topics=_topics(data.get("topics", [])),
            )
            if data.get("rating") is not None:
                claim = services.claim_update(
                    claim=claim, actor=actor(request), changes={"rating": data["rating"]}
                )
        return self.detail_response(claim, status_code=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> Any:
        data = dict(serializer.validated_data)
        correction = data.pop("correction", None)
        topics = data.pop("topics", None)
        return services.claim_update(
            claim=serializer.instance,
            actor=actor(self.request),
            changes=data,
            topics=_topics(topics) if topics is not None else None,
            correction=services.CorrectionNote(**correction) if correction else None,
            expected_version=serializer.instance.version,
        )

    def perform_destroy(self, instance: Claim) -> None:
        services.claim_delete(claim=instance, actor=actor(self.request))

    # --- review ------------------------------------------------------------------------------------

    @extend_schema(
        summary="Take a review step: submit, request_changes, approve, publish, retract, reopen",
        description="Optional If-Match: the step is refused (409) if the claim changed since that ETag.",
        request=api.TransitionSerializer,
        responses={
            200: api.ClaimDetailSerializer,
            409: OpenApiResponse(description="Refused: state or version."),
            **ERRORS,
        },
    )
    @action(detail=True, methods=["post"])
    def transitions(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        serializer = api.TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = workflow.apply(
            claim=claim,
            action=serializer.validated_data["action"],
            actor=actor(request),
            comment=serializer.validated_data["comment"],
            expected_version=version_from_if_match(request),
        )
        return self.detail_response(saved)

    @extend_schema(
        summary="Cast or change a rating-panel vote (editors other than the author)",
        request=api.VoteSerializer,
        responses={200: api.RatingVoteSerializer, 409: OpenApiResponse(description="Refused."), **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def votes(self, request: Request, pk: str) -> Response:
        serializer = api.VoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vote = services.rating_vote_cast(
            claim=self.get_object(), voter=actor(request), **serializer.validated_data
        )
        return Response(api.RatingVoteSerializer(vote).data)

    @extend_schema(
        methods=["GET"],
        summary="The internal comment thread",
        responses={200: api.CommentSerializer(many=True), **ERRORS},
    )
    @extend_schema(
        methods=["POST"], request=api.CommentWriteSerializer, responses={201: api.CommentSerializer, **ERRORS}
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[NewsroomOnly], pagination_class=None)
    def comments(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        if request.method == "POST":
            serializer = api.CommentWriteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            comment = services.comment_add(
                claim=claim, author=actor(request), body=serializer.validated_data["body"]
            )
            return Response(api.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
        comments = (
            selectors.comments_visible_to(request.user).filter(claim=claim).order_by("created_at", "id")
        )
        return Response(api.CommentSerializer(comments, many=True).data)

    @extend_schema(
        summary="Attach a quote",
        request=api.AppearanceWriteSerializer,
        responses={201: api.ClaimDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def appearances(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        serializer = api.AppearanceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        quote = _get(Quote, serializer.validated_data["quote"], "quote")
        services.appearance_add(
            claim=claim, quote=quote, actor=actor(request), stance=serializer.validated_data["stance"]
        )
        return self.detail_response(claim, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Detach a quote", request=None, responses={200: api.ClaimDetailSerializer, **ERRORS}
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"appearances/(?P<appearance_id>\d+)",
        permission_classes=[ReadOnlyUnlessNewsroom],  # whoever may edit the claim (the service decides)
    )
    def appearance(self, request: Request, pk: str, appearance_id: str) -> Response:
        claim = self.get_object()
        found = get_object_or_404(ClaimAppearance, pk=appearance_id, claim=claim)
        services.appearance_remove(appearance=found, actor=actor(request))
        return self.detail_response(claim)

    @extend_schema(
        summary="Cite a source",
        request=api.CitationWriteSerializer,
        responses={201: api.ClaimDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def citations(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        serializer = api.CitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        source = _get(Source, data.pop("source"), "source")
        services.citation_add(claim=claim, source=source, actor=actor(request), **data)
        return self.detail_response(claim, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a citation", request=None, responses={200: api.ClaimDetailSerializer, **ERRORS}
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"citations/(?P<citation_id>\d+)",
        permission_classes=[ReadOnlyUnlessNewsroom],  # whoever may edit the claim (the service decides)
    )
    def citation(self, request: Request, pk: str, citation_id: str) -> Response:
        claim = self.get_object()
        found = get_object_or_404(Citation, pk=citation_id, claim=claim)
        services.citation_remove(citation=found, actor=actor(request))
        return self.detail_response(claim)

    @extend_schema(
        summary="Link a competing (or supporting, or duplicate) claim",
        request=api.RelationWriteSerializer,
        responses={201: api.ClaimDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def relations(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        serializer = api.RelationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        other = _get(Claim, serializer.validated_data["to_claim"], "to_claim")
        services.relation_add(
            from_claim=claim, to_claim=other, kind=serializer.validated_data["kind"], actor=actor(request)
        )
        return self.detail_response(claim, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The fact-check as schema.org ClaimReview (JSON-LD), as on its page and in the DataFeed",
        responses={200: OpenApiTypes.OBJECT, 409: OpenApiResponse(description="Not published."), **ERRORS},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def claimreview(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        if claim.state not in Claim.PUBLIC_STATES:
            raise Conflict("Only a published fact-check has a ClaimReview.")
        return Response(claimreview_for(claim, base_url=request.build_absolute_uri("/")))

    @extend_schema(
        summary="Every recorded version, with what changed from the one before",
        responses={200: None, **ERRORS},
    )
    @action(detail=True, methods=["get"], permission_classes=[NewsroomOnly], pagination_class=None)
    def history(self, request: Request, pk: str) -> Response:
        versions = history.claim_versions(self.get_object())
        entries = []
        for index, event in enumerate(versions):
            changes = history.diff_versions(versions[index - 1], event) if index else []
            entries.append(
                {
                    "event": event.pgh_label,
                    "at": event.pgh_created_at,
                    "by": history.event_author(event),
                    "version": getattr(event, "version", None),
                    "state": getattr(event, "state", None),
                    "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in changes],
                }
            )
        return Response(entries)


def _get(model: type[Model], pk: int, field: str) -> Any:
    found = model._default_manager.filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({field: f"No {model._meta.verbose_name} has id {pk}."})
    return found


def _topics(slugs: list[str]) -> list[Topic]:
    topics = list(Topic.objects.filter(slug__in=slugs))
    missing = sorted(set(slugs) - {topic.slug for topic in topics})
    if missing:
        raise serializers.ValidationError({"topics": f"Unknown topic: {', '.join(missing)}."})
    return topics


# --- ratings ---------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Every verdict of every scale, with its definition"),
    retrieve=extend_schema(responses={200: api.RatingSerializer, **ERRORS}),
)
class RatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = api.RatingSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Rating]:
        return selectors.ratings_visible_to(self.request.user).order_by("scale__name", "-value", "id")


@extend_schema_view(
    list=extend_schema(summary="Rating scales, each with its verdicts in order"),
    retrieve=extend_schema(responses={200: api.RatingScaleSerializer, **ERRORS}),
)
class RatingScaleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = api.RatingScaleSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[RatingScale]:
        ratings = selectors.ratings_visible_to(self.request.user).order_by("-value", "id")
        return RatingScale.objects.prefetch_related(Prefetch("ratings", queryset=ratings)).order_by(
            "name", "id"
        )
