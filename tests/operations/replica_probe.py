"""Run by test_replicas.py in its own process, with DATABASE_URL (a primary) and DATABASE_REPLICA_URLS (its
streaming replica) set: prints, as JSON, how many queries each kind of request sent to the primary and to
the replica."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.services import token_create  # noqa: E402
from claims.models import Claim, Topic  # noqa: E402
from operations.routers import ReplicaRoutingMiddleware  # noqa: E402


def counted(call: Callable[[], Any]) -> dict[str, int]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica_1"]) as replica,
    ):
        call()
    return {"primary": len(primary), "replica": len(replica)}


def inside_one_request() -> dict[str, dict[str, int]]:
    """Reads in a transaction and reads after a write, within one anonymous GET request."""
    steps: dict[str, dict[str, int]] = {}

    def view(request: HttpRequest) -> HttpResponse:
        steps["read"] = counted(lambda: Claim.objects.count())
        with transaction.atomic():
            steps["read_in_transaction"] = counted(lambda: Claim.objects.count())
        steps["write"] = counted(lambda: Topic.objects.create(slug="probe-topic", name="Probe"))
        steps["read_after_write"] = counted(lambda: Claim.objects.count())
        return HttpResponse("done")

    ReplicaRoutingMiddleware(view)(RequestFactory().get("/"))
    steps["outside_a_request"] = counted(lambda: Claim.objects.count())
    return steps


def main() -> None:
    setup_test_environment()
    editor = User.objects.create_user("probe-editor", password="probe-password-1")
    editor.groups.add(Group.objects.get(name="Editor"))
    token = token_create(user=editor, name="replica probe").key
    logged_in = Client()
    logged_in.force_login(editor)
    write = {"statement": "The probe says the river is wider than last year.", "topics": []}
    results: dict[str, Any] = {
        "anonymous_page": counted(lambda: Client().get("/")),
        "anonymous_api": counted(lambda: Client().get("/api/v1/claims/")),
        "token_api": counted(lambda: Client().get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {token}")),
        "session_page": counted(lambda: logged_in.get("/")),
        "api_write": counted(
            lambda: Client().post(
                "/api/v1/claims/", write, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
            )
        ),
        "steps": inside_one_request(),
    }
    print(json.dumps(results))


main()
