"""Jobs in the admin, read-only: what ran, for whom, how it ended."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "owner", "status", "progress_done", "progress_total", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["owner"]
    exclude = ["payload"]
    readonly_fields = [
        "kind", "owner", "status", "progress_done", "progress_total", "message", "result",
        "task_result_id", "request_id", "created_at", "started_at", "finished_at",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False
