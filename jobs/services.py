"""Starting background jobs. Views and commands call `job_start`; jobs.tasks does the work."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from factcheck.observability import current_request_id
from jobs.models import Job
from jobs.tasks import run_job


def job_start(*, kind: str, owner: User, payload: dict[str, Any] | None = None) -> Job:
    """Record the job and queue it. With the database backend a worker picks it up; with the immediate
    backend it has run by the time this returns. Either way the returned row is current."""
    job = Job(kind=kind, owner=owner, payload=payload or {}, request_id=current_request_id() or "")
    job.full_clean()
    job.save()
    result = run_job.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
    job.refresh_from_db()
    return job
