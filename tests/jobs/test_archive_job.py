"""Synthetic archive generation as a background job: queued by `generate_archive --background`, run by the
database worker, its progress visible to its owner step by step while the archive itself stays invisible
until it is whole (it is written in one transaction)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from claims.archive import generate as generator
from claims.models import Quote
from jobs.models import Job, JobKind
from tests.api.conftest import client_for
from tests.jobs.test_jobs import DATABASE, IMMEDIATE, run_worker

pytestmark = pytest.mark.django_db

SMALL = {"quotes": 300, "speakers": 30, "sources": 40, "claims": 60}


def queue(owner: str, **options: Any) -> str:
    out = StringIO()
    call_command("generate_archive", background=True, owner=owner, stdout=out, **{**SMALL, **options})
    return out.getvalue()


# The worker commits for real, and progress is read from a second connection: these tests commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_progress_shows_step_by_step_while_the_archive_stays_invisible_until_whole(
    editor: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.TASKS = DATABASE
    printed = queue(editor.username)
    job = Job.objects.get()
    assert job.kind == JobKind.ARCHIVE_GENERATION and job.status == "queued"
    assert f"/api/v1/jobs/{job.pk}/" in printed and "db_worker" in printed
    assert Quote.objects.count() == 0  # nothing done by the command itself

    # What someone else sees (another connection, as the API's request would) after each COPY. The
    # generator holds its tables locked (it dropped their indexes) until it commits: a reader waits.
    seen: list[tuple[int, int | None, str]] = []
    copy = generator._copy

    def copy_and_look(*args: Any, **kwargs: Any) -> int:
        written = copy(*args, **kwargs)
        other = connection.copy()
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT progress_done, progress_total FROM jobs_job WHERE id = %s", [job.pk])
                done, total = cursor.fetchone()
                cursor.execute("SET lock_timeout = '50ms'")
                try:
                    cursor.execute("SELECT count(*) FROM claims_quote")
                    quotes = f"{cursor.fetchone()[0]} quotes"
                except OperationalError as locked:
                    quotes = "locked" if "lock timeout" in str(locked) else str(locked)
                seen.append((done, total, quotes))
        finally:
            other.close()
        return written

    monkeypatch.setattr(generator, "_copy", copy_and_look)
    run_worker()

    # Nine COPY steps; before each ends, the steps before it are visible, and the archive is not.
    assert seen == [(number, len(generator.STEPS), "locked") for number in range(9)]
    body = client_for(editor).get(f"/api/v1/jobs/{job.pk}/").json()
    assert body["status"] == "succeeded" and body["message"] == "done"
    assert body["progress"] == {"done": 11, "total": 11, "percent": 100}
    assert body["result"]["counts"]["quotes"] == 300 and body["result"]["counts"]["claims"] == 60
    assert set(body["result"]["seconds"]) == set(generator.STEPS)
    assert Quote.objects.count() == 300


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_job_that_finds_an_archive_already_there_fails_with_the_reason(editor: User, settings: Any) -> None:
    settings.TASKS = DATABASE
    queue(editor.username)
    call_command("generate_archive", stdout=StringIO(), **SMALL)  # someone ran it in the foreground meanwhile
    run_worker()
    job = Job.objects.get()
    assert job.status == "failed" and "already generated" in job.message
    assert Quote.objects.count() == 300


def test_follow_prints_the_progress_to_the_end(editor: User, settings: Any) -> None:
    settings.TASKS = IMMEDIATE  # the job has run by the time it is queued; follow reads its progress
    printed = queue(editor.username, follow=True)
    assert "[11/11] done" in printed and "succeeded" in printed
    assert Quote.objects.count() == 300


def test_the_job_is_only_its_owner_s(editor: User, reporter: User, settings: Any) -> None:
    settings.TASKS = IMMEDIATE
    queue(reporter.username)
    job = Job.objects.get()
    assert client_for(reporter).get(f"/api/v1/jobs/{job.pk}/").status_code == 200
    assert client_for(editor).get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client_for(None).get(f"/api/v1/jobs/{job.pk}/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"background": True}, "needs --owner"),
        ({"background": True, "owner": "nobody-here"}, "No active user"),
        ({"owner": "edna"}, "go with --background"),
        ({"follow": True}, "go with --background"),
        ({"background": True, "owner": "edna", "quotes": 0}, "at least 1"),
    ],
)
def test_bad_options_are_refused_and_nothing_is_queued(
    editor: User, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("generate_archive", stdout=StringIO(), **{**SMALL, **options})
    assert not Job.objects.exists()


def test_a_second_archive_job_is_refused_while_one_is_pending(editor: User, settings: Any) -> None:
    settings.TASKS = DATABASE  # queued, and no worker runs it here
    queue(editor.username)
    with pytest.raises(CommandError, match="already queued"):
        queue(editor.username)
    assert Job.objects.count() == 1


def test_no_job_is_queued_for_a_database_that_already_holds_an_archive(editor: User) -> None:
    call_command("generate_archive", stdout=StringIO(), **SMALL)
    with pytest.raises(CommandError, match="already generated"):
        queue(editor.username)
    assert not Job.objects.exists()
