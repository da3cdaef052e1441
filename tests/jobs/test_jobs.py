"""Background jobs through the Django Tasks API: a large ClaimReview import answers 202 and a job URL,
the worker (`db_worker`, run here in-process against the real database backend) does the work, and
the person who started it follows its progress and reads the result."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from claims.models import Claim
from jobs.models import Job
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def reviews(count: int) -> list[dict[str, object]]:
    return [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://checker.example/fact-checks/bridge-{number}",
            "claimReviewed": f"Bridge number {number} is safe.",
            "author": {"@type": "Organization", "name": "Checker"},
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ada Brennan"}},
        }
        for number in range(count)
    ]


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0, stdout=StringIO())


# The worker closes its database connection between tasks, as it should, so these tests commit for real
# (and restore the migrations' rows, such as the rating scale, afterwards).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_large_import_is_queued_and_run_by_the_database_worker(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE
    settings.CLAIMREVIEW_IMPORT_INLINE_MAX = 2
    client = client_for(editor)
    response = client.post(
        "/api/v1/claimreview/import/", reviews(3), format="json", HTTP_X_REQUEST_ID="imp-1"
    )
    assert response.status_code == 202
    job = response.json()
    assert response["Location"] == job["url"] == f"http://testserver/api/v1/jobs/{job['id']}/"
    assert job["status"] == "queued" and job["kind"] == "claimreview_import" and job["result"] is None
    assert not Claim.objects.filter(imported_from_url__gt="").exists()  # nothing done in the request
    assert DBTaskResult.objects.get(id=Job.objects.get().task_result_id).status == "READY"
    assert Job.objects.get().request_id == "imp-1"

    run_worker()

    done = client.get(job["url"]).json()
    assert done["status"] == "succeeded" and done["message"] == "done"
    assert done["progress"] == {"done": 3, "total": 3, "percent": 100}
    assert (
        done["result"]["created"] == 3 and [r["status"] for r in done["result"]["records"]] == ["created"] * 3
    )
    assert done["started_at"] and done["finished_at"]
    assert Claim.objects.filter(imported_from_url__gt="").count() == 3
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_only_the_person_who_started_a_job_sees_it(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = IMMEDIATE
    url = (
        client_for(editor)
        .post("/api/v1/claimreview/import/?background=true", reviews(1), format="json")
        .json()["url"]
    )
    other_editor = UserFactory(username="otto", role="Editor")
    assert client_for(other_editor).get(url).status_code == 404
    assert client_for(other_editor).get("/api/v1/jobs/").json()["results"] == []
    assert APIClient().get(url).status_code == 401
    assert [job["url"] for job in client_for(editor).get("/api/v1/jobs/").json()["results"]] == [url]


def test_small_imports_still_answer_at_once(editor: User) -> None:
    response = client_for(editor).post("/api/v1/claimreview/import/", reviews(2), format="json")
    assert response.status_code == 200 and response.json()["created"] == 2
    assert not Job.objects.exists()


def test_a_refused_import_ends_failed_with_the_reason(editor: User, settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = IMMEDIATE
    settings.RATING_PANEL_SIZE = 3
    url = "/api/v1/claimreview/import/?background=true"
    response = client_for(editor).post(url, reviews(1), format="json")
    assert response.status_code == 202
    job = client_for(editor).get(response["Location"]).json()
    assert job["status"] == "failed" and "RATING_PANEL_SIZE" in job["message"] and job["result"] is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_reindex_is_for_editors_and_reports_what_it_rebuilt(
    editor: User,
    reporter: User,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.TASKS = DATABASE
    assert client_for(reporter).post("/api/v1/jobs/search-reindex/").status_code == 403
    assert APIClient().post("/api/v1/jobs/search-reindex/").status_code == 401
    response = client_for(editor).post("/api/v1/jobs/search-reindex/")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    run_worker()
    job = client_for(editor).get(response["Location"]).json()
    assert job["status"] == "succeeded"
    assert {"claims_claim_search_idx", "claims_quote_search_idx", "claims_speaker_name_trgm"} <= set(
        job["result"]["indexes"]
    )
    assert job["progress"]["done"] == job["progress"]["total"] > 0


def test_a_job_id_that_is_not_a_uuid_is_404_not_500(editor: User) -> None:
    assert client_for(editor).get("/api/v1/jobs/not-a-uuid/").status_code == 404


def test_a_background_flag_that_is_not_a_boolean_is_refused(editor: User) -> None:
    url = "/api/v1/claimreview/import/?background=-58800"
    response = client_for(editor).post(url, reviews(1), format="json")
    assert response.status_code == 400
    assert "background" in response.json()["error"]["fields"]
