"""The demo newsroom as a newcomer finds it: the two Kursk claims published through the real workflow."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from claims.models import Claim, ReviewEvent

pytestmark = pytest.mark.django_db


def test_demo_claims_are_published_by_two_people(settings: object) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]  # accounts without passwords still do the work
    call_command("loaddemo", stdout=StringIO(), stderr=StringIO())
    putin = Claim.objects.get(statement__startswith="Russia has fully")
    answer = Claim.objects.get(statement__startswith="Russia has not")
    assert (putin.state, putin.rating.label) == ("published", "Mostly false")
    assert (answer.state, answer.rating.label) == ("published", "Mostly true")
    for claim in (putin, answer):
        steps = {e.action: e.actor.username for e in ReviewEvent.objects.filter(claim=claim)}
        assert steps == {"submit": "reporter", "approve": "editor", "publish": "editor"}
        assert claim.author.username == "reporter"
        citation = claim.citations.get()
        assert citation.source.title.startswith("Putin visits the Kursk region")
        assert "fresh offensive" in claim.summary and claim.analysis.startswith("## What was said")
    assert putin.citations.get().bearing == "refutes" and answer.citations.get().bearing == "supports"


def test_demo_site_works_at_once(client: Client) -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())
    home = client.get("/").content.decode()
    assert "Mostly false" in home and "Mostly true" in home
    slug = Claim.objects.get(statement__startswith="Russia has fully").slug
    page = client.get(f"/fact-checks/{slug}/").content.decode()
    assert "Oleh Shyriaiev" in page and "April 2025" in page and "Compare the competing claims" in page
    competing = client.get(f"/competing/{slug}/").content.decode()
    assert "Vladimir Putin" in competing and "Oleh Shyriaiev" in competing
    assert "Vladimir Putin" in client.get("/speakers/vladimir-putin/").content.decode()
