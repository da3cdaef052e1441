"""A long piece of work someone asked for (an import, a re-index), as they see it: what, how far, outcome.

The Django Tasks API (django-tasks, `django.tasks` from Django 6) queues and runs the work; this row is
the user-facing record: who started it, progress while it runs, the result or the reason it failed.
Progress is written on a connection of its own while a job runs (jobs.tasks), so it shows even when the
work itself happens in one long transaction, as archive generation does.
It outlives the task backend's own result rows, which the worker may prune.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class JobKind(models.TextChoices):
    CLAIMREVIEW_IMPORT = "claimreview_import", "ClaimReview import"
    SEARCH_REINDEX = "search_reindex", "Search re-index"
    ARCHIVE_GENERATION = "archive_generation", "Synthetic archive generation"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class Job(models.Model):
    """A background job a newsroom member started, with its progress and outcome."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=32, choices=JobKind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    # The job's input (the posted ClaimReview JSON, options); read by the task, never shown back.
    payload = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=300, blank=True, help_text="What it is doing, or why it failed.")
    result = models.JSONField(null=True, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=128, blank=True, help_text="The request that started it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=JobKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown job kind.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
                violation_error_message="Unknown job status.",
            ),
            models.CheckConstraint(
                condition=Q(progress_total__isnull=True) | Q(progress_done__lte=models.F("progress_total")),
                name="%(app_label)s_%(class)s_progress_within_total",
                violation_error_message="A job cannot have done more than its total.",
            ),
        ]
        indexes = [
            # "my jobs, newest first" (GET /api/v1/jobs/)
            models.Index(fields=["owner", "-created_at"], name="jobs_job_owner_created"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.owner_id}: {self.get_status_display()}"
