"""Export every published fact-check as ClaimReview, import it where the originals never existed, and get
the same claims, ratings, speakers and quotes back."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from claims.claimreview import import_claimreviews
from claims.models import Claim, ClaimAppearance, Quote, Speaker
from tests.factories import QuoteFactory, SourceFactory, SpeakerFactory
from tests.public.conftest import publish

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Any]:
    """What a round trip must keep, in terms that do not depend on row ids."""
    claims = {}
    for claim in Claim.objects.filter(state="published").select_related("rating"):
        appearances = ClaimAppearance.objects.filter(claim=claim).select_related(
            "quote__speaker", "quote__source"
        )
        claims[claim.statement] = {
            "rating": claim.rating.label,
            "summary": claim.summary,
            "appearances": sorted(
                (
                    a.quote.speaker.name,
                    a.quote.text,
                    a.quote.kind,
                    str(a.quote.said_on),
                    a.quote.said_on_precision,
                    a.quote.source.title if a.quote.source else "",
                    a.quote.source.canonical_url if a.quote.source else "",
                    str(a.quote.source.published_on) if a.quote.source else "",
                )
                for a in appearances
            ),
        }
    speakers = sorted(
        (s.name, s.kind, s.role, s.wikidata_qid)
        for s in Speaker.objects.filter(quotes__appearances__claim__state="published").distinct()
    )
    return {"claims": claims, "speakers": speakers}


def test_export_then_import_into_an_empty_newsroom(client: Client, editor: User) -> None:
    with transaction.atomic():
        call_command("loaddemo", "--accounts", stdout=StringIO())
        mayor = SpeakerFactory(name="Mara Mayor", slug="mara-mayor", role="Mayor", wikidata_qid="Q4115189")
        publish(editor, statement="Eastbrook has the lowest bus fares in the country.", speaker=mayor)
        long_one = publish(
            editor,
            statement=(
                "The council spent more on consultants in the last financial year than on repairing every "
                "school roof in the district combined."
            ),
            speaker=SpeakerFactory(name="Ministry of Schools", kind="organisation", role="Government"),
            verdict="half-true",
        )
        # A second quote, from another source, for the same claim.
        ClaimAppearance.objects.create(
            claim=long_one,
            quote=QuoteFactory(
                speaker=mayor,
                text="Consultants cost us more than roofs.",
                said_on=datetime.date(2025, 1, 1),
                said_on_precision=Quote.Precision.YEAR,
                source=SourceFactory(url="", canonical_url="", title="Council minutes", outlet=None),
            ),
        )
        # Served under a host name a URL validator accepts ("testserver" has no dot).
        exported = client.get("/feeds/claimreview.json", headers={"host": "localhost"}).json()
        expected = snapshot()
        transaction.set_rollback(True)  # as if the originals had never been written

    assert not Claim.objects.exists() and not Speaker.objects.exists()
    assert len(exported["dataFeedElement"]) == 4
    report = import_claimreviews(exported, editor=editor)
    assert (report.created, report.failed) == (4, 0), [str(o) for o in report.outcomes]
    assert snapshot() == expected
    assert all(c.imported_publisher == "Demo Fact-Check Desk" for c in Claim.objects.all())
