"""The background tasks, defined with the Django Tasks API.

Imported from `django_tasks` (the backport for Django 5.2); on Django 6 the same names come from
`django.tasks`, and only the import line changes. Each task takes the id of a jobs.Job row, runs the
work for the job's kind (a ClaimReview import, a search re-index, a synthetic archive), and keeps the
row up to date: running, progress, then succeeded with a result or failed with a reason.
`manage.py db_worker` runs them (see README, "Running in production").

A task must never trust its payload beyond what the view that queued it checked, and never leave a job
"running" behind: whatever happens, the row ends succeeded or failed.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django_tasks import task

from claims.archive.generate import STEPS, ArchiveExists, Plan, Step, generate
from claims.claimreview import RecordOutcome, claimreview_records, import_claimreviews
from claims.workflow import Refusal
from factcheck.observability import bound_request_id
from jobs.models import Job, JobKind, JobStatus

logger = logging.getLogger(__name__)

# The tables whose search indexes the re-index job rebuilds, then re-analyses.
SEARCH_TABLES = ["claims_claim", "claims_quote", "claims_speaker", "claims_speakeralias"]


class JobFailed(Exception):
    """An expected failure, whose message is for the person who started the job."""


class ProgressLog:
    """Writes a running job's progress where other people can see it at once.

    A job that runs outside any transaction (the worker's case) writes on a connection of its own, in
    autocommit, so progress shows even while the work holds one long transaction on the job's connection
    (archive generation does: its rows appear only when it commits). When the task itself runs inside a
    transaction (the immediate backend inside a request or a test), the job row may not be committed
    yet, so progress goes through the task's own connection and shows when that transaction ends.
    """

    def __init__(self, job: Job) -> None:
        self.job = job
        self.side: BaseDatabaseWrapper | None = None if connection.in_atomic_block else connection.copy()

    def total(self, total: int) -> None:
        self._write(progress_total=total)

    def done(self, done: int, message: str = "") -> None:
        self._write(progress_done=done, **({"message": message[:300]} if message else {}))

    def _write(self, **values: Any) -> None:
        values["updated_at"] = timezone.now()
        if self.side is None:
            Job.objects.filter(pk=self.job.pk).update(**values)
            return
        assignments = ", ".join(f"{self.side.ops.quote_name(column)} = %s" for column in values)
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Job._meta.db_table} SET {assignments} WHERE id = %s",  # noqa: S608 - column names are ours
                [*values.values(), self.job.pk],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _claimreview_import(job: Job, log: ProgressLog) -> dict[str, Any]:
    data = job.payload.get("data")
    log.total(len(claimreview_records(data)))
    done = 0

    def progress(outcome: RecordOutcome) -> None:
        nonlocal done
        done += 1
        log.done(done, f"record {outcome.position}: {outcome.status}")

    editor: User = job.owner
    try:
        report = import_claimreviews(data, editor=editor, progress=progress)
    except Refusal as refusal:
        raise JobFailed(" ".join(refusal.reasons)) from refusal
    return report.as_json()


def _search_reindex(job: Job, log: ProgressLog) -> dict[str, Any]:
    """Rebuild the full-text and trigram indexes (after a large import or a bulk load) and refresh the
    planner's statistics. Concurrently when possible, so search keeps working meanwhile."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef LIKE %s ORDER BY indexname",
            [SEARCH_TABLES, "%USING gin%"],
        )
        indexes = [name for (name,) in cursor.fetchall()]
    log.total(len(indexes) + len(SEARCH_TABLES))
    # REINDEX CONCURRENTLY cannot run inside a transaction (the immediate backend inside a test's).
    concurrently = "CONCURRENTLY " if not connection.in_atomic_block else ""
    done = 0
    with connection.cursor() as cursor:
        for name in indexes:
            cursor.execute(f"REINDEX INDEX {concurrently}{connection.ops.quote_name(name)}")
            done += 1
            log.done(done, f"re-indexed {name}")
        for table in SEARCH_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
            done += 1
            log.done(done, f"analysed {table}")
    return {"indexes": indexes, "tables": SEARCH_TABLES}


def _archive_generation(job: Job, log: ProgressLog) -> dict[str, Any]:
    """A synthetic archive for benchmarks and load tests (claims.archive.generate), one step at a time
    in the job's progress. The plan was checked by the command that queued it."""
    plan = Plan(**{field.name: int(job.payload[field.name]) for field in dataclasses.fields(Plan)})
    log.total(len(STEPS))

    def progress(step: Step) -> None:
        log.done(step.number, str(step))

    try:
        report = generate(plan, progress=progress)
    except ArchiveExists as refusal:
        raise JobFailed(str(refusal)) from refusal
    return {"counts": report.counts, "seconds": report.seconds}


RUNNERS: dict[str, Callable[[Job, ProgressLog], dict[str, Any]]] = {
    JobKind.CLAIMREVIEW_IMPORT: _claimreview_import,
    JobKind.SEARCH_REINDEX: _search_reindex,
    JobKind.ARCHIVE_GENERATION: _archive_generation,
}


@task()
def run_job(job_id: str) -> str:
    """Run the job with this id; returns its final status."""
    job = Job.objects.select_related("owner").get(pk=uuid.UUID(job_id))
    with bound_request_id(job.request_id or None):
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), message="started"
        )
        logger.info("Job started", extra={"job": job_id, "kind": job.kind})
        log = ProgressLog(job)
        try:
            result = RUNNERS[job.kind](job, log)
        except JobFailed as failure:
            _finish(job, JobStatus.FAILED, message=str(failure))
            logger.info("Job failed", extra={"job": job_id, "reason": str(failure)})
            return JobStatus.FAILED
        except Exception:
            _finish(job, JobStatus.FAILED, message="The job stopped on an internal error; it is logged.")
            logger.exception("Job crashed", extra={"job": job_id})
            raise
        finally:
            log.close()
        _finish(job, JobStatus.SUCCEEDED, message="done", result=result)
        logger.info("Job succeeded", extra={"job": job_id})
        return JobStatus.SUCCEEDED


def _finish(job: Job, status: str, *, message: str, result: dict[str, Any] | None = None) -> None:
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=status, message=message[:300], result=result, finished_at=now, updated_at=now
    )
