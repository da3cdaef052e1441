"""/api/v1/jobs/: the background jobs a person started, with status, progress and result; and
POST /api/v1/jobs/search-reindex/ (editors). Thin: jobs.services starts jobs, jobs.tasks runs them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from claims.roles import is_editor
from factcheck.api.permissions import actor
from jobs.models import Job, JobKind
from jobs.services import job_start


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True, help_text="Null until the job knows its size.")
    percent = serializers.IntegerField(allow_null=True)


class JobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id", "url", "kind", "status", "progress", "message", "result",
            "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_url(self, job: Job) -> str:
        return reverse("api:job-detail", args=[job.pk], request=self.context.get("request"))

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, job: Job) -> dict[str, Any]:
        total = job.progress_total
        percent = None if not total else min(100, job.progress_done * 100 // total)
        return {"done": job.progress_done, "total": total, "percent": percent}


class EditorsOnly(BasePermission):
    message = "Only editors start newsroom-wide jobs."

    def has_permission(self, request: Any, view: Any) -> bool:
        return is_editor(request.user)


def accepted(job: Job, request: Request) -> Response:
    """202 Accepted for a queued job: its representation, and its address in Location."""
    body = JobSerializer(job, context={"request": request}).data
    return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Jobs are seen by the person who started them only; anyone else gets 404."""

    permission_classes = [IsAuthenticated]
    serializer_class = JobSerializer
    queryset = Job.objects.none()

    def get_queryset(self) -> QuerySet[Job]:
        return Job.objects.filter(owner=actor(self.request)).order_by("-created_at", "-id")

    @extend_schema(
        summary="Rebuild the search indexes in the background (editors)",
        request=None,
        responses={202: JobSerializer},
    )
    @action(detail=False, methods=["post"], url_path="search-reindex", permission_classes=[EditorsOnly])
    def search_reindex(self, request: Request) -> Response:
        return accepted(job_start(kind=JobKind.SEARCH_REINDEX, owner=actor(request)), request)
