"""ClaimReview through the API: the export of one fact-check, and the import of other fact-checkers'
reviews (editors). Thin: both call claims/claimreview, which the public pages and feeds use too."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.claimreview import claimreview_records, import_claimreviews
from claims.roles import is_editor
from factcheck.api.permissions import actor
from jobs.api import accepted
from jobs.models import JobKind
from jobs.services import job_start


class EditorsOnly(BasePermission):
    message = "Only editors import fact-checks: they publish them."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_editor(request.user)


class ImportRecordSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="1-based, in reading order.")
    path = serializers.CharField(
        help_text='Where in the posted JSON: "$[3]", "$.dataFeedElement[0].item[1]".'
    )
    status = serializers.ChoiceField(choices=["created", "updated", "skipped", "failed"])
    reason = serializers.CharField()
    url = serializers.CharField()
    claim = serializers.IntegerField(allow_null=True)


class ImportReportSerializer(serializers.Serializer):
    summary = serializers.CharField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    skipped = serializers.IntegerField()
    failed = serializers.IntegerField()
    records = ImportRecordSerializer(many=True)


class ImportOptionsSerializer(serializers.Serializer):
    background = serializers.BooleanField(required=False, default=False)


class ClaimReviewImport(APIView):
    permission_classes = [EditorsOnly]

    @extend_schema(
        summary="Import other fact-checkers' ClaimReview (editors)",
        description=(
            "The body is ClaimReview JSON as fact-checkers publish it: one review, a list, a page's @graph, "
            "or a DataFeed. Each review is imported in its own transaction and published through the "
            "review workflow, marked as imported with its original publisher; importing the same review "
            "URL again updates rather than duplicates. A bad record is reported with its position and "
            "reason and imports nothing; the others go on. Ratings map to ours by name. Up to "
            "CLAIMREVIEW_IMPORT_INLINE_MAX records are imported at once (200 with the report); more, or "
            "`?background=1`, queue a background job: 202 with the job, whose URL (also in Location) "
            "shows progress and, when it is done, the same report as its result."
        ),
        request=OpenApiTypes.ANY,
        parameters=[
            OpenApiParameter(
                "background", OpenApiTypes.BOOL, description="Queue a background job whatever the size."
            )
        ],
        responses={
            200: ImportReportSerializer,
            202: OpenApiResponse(description="Queued as a background job (see /api/v1/jobs/{id}/)."),
            409: OpenApiResponse(description="Refused (rating panel)."),
        },
    )
    def post(self, request: Request) -> Response:
        options = ImportOptionsSerializer(data=request.query_params)
        options.is_valid(raise_exception=True)
        large = len(claimreview_records(request.data)) > settings.CLAIMREVIEW_IMPORT_INLINE_MAX
        if options.validated_data["background"] or large:
            job = job_start(
                kind=JobKind.CLAIMREVIEW_IMPORT, owner=actor(request), payload={"data": request.data}
            )
            return accepted(job, request)
        report = import_claimreviews(request.data, editor=actor(request))
        return Response(report.as_json())
