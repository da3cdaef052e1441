"""ClaimReview through the API: the same export as the page, and the import for editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from claims.claimreview import claimreview_for
from claims.models import Claim
from tests.api.conftest import client_for
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "public" / "fixtures"


def test_export_matches_the_page_and_needs_publication(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    response = APIClient().get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(json.dumps(claimreview_for(claim, base_url="http://testserver/")))
    assert body["@type"] == "ClaimReview"
    assert body["reviewRating"]["alternateName"] == claim.rating.label
    draft = ready_claim(reporter)
    assert APIClient().get(f"/api/v1/claims/{draft.pk}/claimreview/").status_code == 404
    refused = client_for(reporter).get(f"/api/v1/claims/{draft.pk}/claimreview/")
    assert refused.status_code == 409


def test_import_is_for_editors(reporter: User, editor: User) -> None:
    review = json.loads(sorted(FIXTURES.glob("*.json"))[0].read_text())
    assert APIClient().post("/api/v1/claimreview/import/", review, format="json").status_code == 401
    assert client_for(reporter).post("/api/v1/claimreview/import/", review, format="json").status_code == 403
    response = client_for(editor).post("/api/v1/claimreview/import/", review, format="json")
    assert response.status_code == 200
    report = response.json()
    assert report["created"] >= 1
    assert report["failed"] == 0 or all(r["reason"] for r in report["records"] if r["status"] == "failed")
    again = client_for(editor).post("/api/v1/claimreview/import/", review, format="json").json()
    assert again["created"] == 0
    assert Claim.objects.filter(imported_from_url__gt="").count() == report["created"]


def test_import_reports_bad_records_and_keeps_going(editor: User) -> None:
    good = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/fact-checks/bridge",
        "claimReviewed": "The bridge is safe.",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ada Brennan"}},
    }
    bad = {"@type": "ClaimReview", "url": "https://checker.example/fact-checks/two", "claimReviewed": 42}
    report = client_for(editor).post("/api/v1/claimreview/import/", [bad, good], format="json").json()
    statuses = [record["status"] for record in report["records"]]
    assert statuses == ["failed", "created"]
    assert report["records"][0]["position"] == 1
    assert "claimReviewed" in report["records"][0]["reason"]
