"""Fill the database with a synthetic archive at newsroom scale, for benchmarks and load tests.

In the foreground by default; with --background it is queued as a job (jobs.tasks) that a worker
(`manage.py db_worker`) runs, with its progress step by step at /api/v1/jobs/<id>/ for its owner and in
the admin's Jobs list; --follow then prints that progress here until the job ends.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.archive.generate import STEPS, ArchiveExists, Plan, generate, refuse_a_second_archive
from jobs.models import Job, JobKind, JobStatus
from jobs.services import job_start

FINISHED = {JobStatus.SUCCEEDED, JobStatus.FAILED}


class Command(BaseCommand):
    help = (
        "Write a synthetic archive (by default 1,000,000 quotes, 200,000 claims, 20,000 speakers, 100,000 "
        "sources) with COPY, in one transaction. Refuses to run twice on one database. The archive "
        "includes published fact-checks: generate it into a benchmark or staging database, never into a "
        "newsroom's own."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quotes", type=int, default=1_000_000)
        parser.add_argument("--claims", type=int, help="Default: a fifth of --quotes.")
        parser.add_argument("--speakers", type=int, help="Default: a fiftieth of --quotes.")
        parser.add_argument("--sources", type=int, help="Default: a tenth of --quotes.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed writes the same archive.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue it as a job for the worker (manage.py db_worker) instead of running it here.",
        )
        parser.add_argument(
            "--owner",
            help="With --background: the username who owns the job and sees its progress in the API.",
        )
        parser.add_argument(
            "--follow",
            action="store_true",
            help="With --background: print the job's progress until it ends (a worker must be running).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = [options["quotes"], options["claims"], options["speakers"], options["sources"]]
        if any(count is not None and count < 1 for count in counts):
            raise CommandError("Every count must be at least 1.")
        if (options["owner"] or options["follow"]) and not options["background"]:
            raise CommandError("--owner and --follow go with --background.")
        plan = Plan.for_quotes(
            options["quotes"],
            claims=options["claims"],
            speakers=options["speakers"],
            sources=options["sources"],
            seed=options["seed"],
        )
        if options["background"]:
            self.queue(plan, owner_name=options["owner"], follow=options["follow"])
            return
        started = time.perf_counter()
        try:
            generate(plan, progress=lambda step: self.stdout.write(f"  {step}"))
        except ArchiveExists as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(f"Archive written in {time.perf_counter() - started:.0f} s."))

    def queue(self, plan: Plan, *, owner_name: str | None, follow: bool) -> None:
        if not owner_name:
            raise CommandError("--background needs --owner USERNAME: the person who follows the job.")
        owner = get_user_model().objects.filter(username=owner_name, is_active=True).first()
        if owner is None:
            raise CommandError(f"No active user is called {owner_name!r}.")
        try:
            refuse_a_second_archive()
        except ArchiveExists as refusal:
            raise CommandError(str(refusal)) from refusal
        pending = Job.objects.filter(
            kind=JobKind.ARCHIVE_GENERATION, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
        ).first()
        if pending is not None:
            raise CommandError(f"Archive generation job {pending.pk} is already {pending.status}.")
        job = job_start(
            kind=JobKind.ARCHIVE_GENERATION,
            owner=owner,
            payload=dataclasses.asdict(plan),
        )
        self.stdout.write(
            f"Job {job.pk} is {job.status}. {owner.username} follows it at /api/v1/jobs/{job.pk}/; "
            "a worker runs it (manage.py db_worker)."
        )
        if follow:
            self.follow(job)

    def follow(self, job: Job, *, every: float = 1.0) -> None:
        """Print each change of the job's progress, as another process sees it, until it ends."""
        seen = None
        while True:
            job.refresh_from_db()
            now = (job.status, job.progress_done, job.message)
            if now != seen:
                total, message = job.progress_total or len(STEPS), job.message or job.get_status_display()
                self.stdout.write(f"  [{job.progress_done}/{total}] {message}")
                seen = now
            if job.status in FINISHED:
                break
            time.sleep(every)
        if job.status == JobStatus.FAILED:
            raise CommandError(f"Job {job.pk} failed: {job.message}")
        self.stdout.write(self.style.SUCCESS(f"Job {job.pk} succeeded."))
