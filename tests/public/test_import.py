"""Importing ClaimReview as fact-checkers publish it: shapes seen in the wild, malformed files, rating maps,
re-imports, and what an imported verdict looks like on our site."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from claims import workflow
from claims.claimreview import (
    IMPORT_USERNAME,
    RatingMapError,
    claimreview_for,
    import_claimreviews,
    parse_claimreview,
)
from claims.models import Citation, Claim, Correction, Quote, ReviewEvent, Speaker
from claims.roles import is_newsroom_staff
from sources.models import Outlet, Source
from tests.factories import SpeakerAliasFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(name: str) -> object:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def rows() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"claims", "sources"}
    }


RATING_MAP = {"Pants on Fire!": "False", "Four Pinocchios": "false"}


def test_a_single_claimreview_is_published_under_its_publisher(editor: User) -> None:
    report = import_claimreviews(load("politifact_style.json"), editor=editor)
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.position, outcome.path) == ("created", 1, "$")
    claim = Claim.objects.get(pk=outcome.claim_id)
    assert claim.state == "published" and claim.rating.label == "Mostly false"
    assert claim.statement == "Russia and Ukraine will immediately start negotiations toward a ceasefire."
    # The key is the canonical URL: tracking parameters are not part of a review's identity.
    assert claim.imported_from_url == (
        "https://www.politifact.example/factchecks/2025/may/20/donald-trump/ceasefire-talks/"
    )
    assert claim.imported_publisher == "PolitiFact"
    assert claim.first_appeared_on.isoformat() == "2025-05-19"
    # Two people: the import account wrote it, the editor approved and published it.
    assert claim.author.username == IMPORT_USERNAME and is_newsroom_staff(claim.author)
    assert not claim.author.has_usable_password()
    steps = {e.action: e.actor for e in ReviewEvent.objects.filter(claim=claim)}
    assert steps["submit"] == claim.author and steps["approve"] == editor and steps["publish"] == editor
    # Who said it, with their Wikidata ID, in their words as the fact-checker summed them up.
    quote = claim.appearances.get().quote
    assert (quote.speaker.name, quote.speaker.wikidata_qid) == ("Donald Trump", "Q22686")
    assert quote.speaker.role == "President of the United States"
    assert quote.kind == "paraphrase" and quote.text == claim.statement
    assert quote.source.url == "https://truthsocial.example/@realDonaldTrump/114534"
    assert quote.source.kind == "social_post" and quote.source.outlet.name == "Truth Social"
    cited = {c.source.canonical_url: c for c in claim.citations.select_related("source__outlet")}
    original = cited[claim.imported_from_url]
    assert (
        original.source.outlet.name == "PolitiFact" and original.source.outlet.domain == "politifact.example"
    )
    assert "https://www.news.example/2025/05/19/trump-putin-call" in cited  # the other appearance


def test_imported_verdict_is_shown_as_theirs_not_ours(client: Client, editor: User) -> None:
    report = import_claimreviews(load("politifact_style.json"), editor=editor)
    claim = Claim.objects.get(pk=report.outcomes[0].claim_id)
    page = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    assert "published by <strong>PolitiFact</strong>" in page and "Rating by PolitiFact" in page
    assert "Our rating" not in page
    assert "application/ld+json" not in page  # their page carries their markup, not ours
    assert claim.statement not in client.get("/feeds/claimreview.json").content.decode()
    assert claim.statement not in client.get("/feeds/fact-checks.atom").content.decode()
    review = claimreview_for(claim, base_url="http://testserver/")
    assert review["author"] == {
        "@type": "Organization",
        "name": "PolitiFact",
        "url": "https://www.politifact.example/",
    }
    assert review["url"] == claim.imported_from_url and "datePublished" not in review
    assert "Fact-check by PolitiFact" in client.get("/", {"origin": "imported"}).content.decode()
    assert claim.statement not in client.get("/", {"origin": "ours"}).content.decode()


def test_shapes_seen_in_the_wild(editor: User) -> None:
    report = import_claimreviews(load("wild_variations.json"), editor=editor)
    statuses = [(o.position, o.path, o.status) for o in report.outcomes]
    assert statuses == [
        (1, "$[0]", "created"),
        (2, "$[1]", "created"),
        (3, "$[2]", "created"),
        (4, "$[3]", "skipped"),
    ]
    assert "not a ClaimReview (@type WebPage)" in report.outcomes[3].reason
    by_url = {c.imported_from_url: c for c in Claim.objects.exclude(imported_from_url="")}
    # Author as a string; a rating name in lower case with no numbers.
    full_fact = by_url["https://fullfact.example/health/nhs-waiting-lists/"]
    assert full_fact.imported_publisher == "Full Fact" and full_fact.rating.label == "False"
    assert full_fact.appearances.get().quote.speaker.name == "Health Campaign Group"
    # No itemReviewed at all: the claim is attributed to nobody rather than to a guess.
    checker = by_url["https://checker.example/2024/03/02/viral-photo"]
    assert checker.imported_publisher == "The Checker" and checker.rating.label == "Misleading"
    assert checker.appearances.get().quote.speaker.name == "Unnamed claimant"
    # itemReviewed as a CreativeWork; bestRating lower than worstRating; dates with a time.
    old = by_url["https://oldschool.example/check/42"]
    assert old.rating.label == "Mostly true"
    quote = old.appearances.get().quote
    assert (quote.speaker.name, quote.speaker.role) == ("Pat Minister", "Finance minister")
    assert quote.source.url == "https://broadcaster.example/interview/2024-03-03"
    assert quote.said_on.isoformat() == "2024-03-03" and quote.said_on_precision == "day"
    original = old.citations.get(source__canonical_url="https://oldschool.example/check/42").source
    assert original.published_on.isoformat() == "2024-03-04"


def test_a_datafeed_with_several_reviews_per_page(editor: User) -> None:
    report = import_claimreviews(load("datafeed.json"), editor=editor, rating_map=RATING_MAP)
    assert [(o.path, o.status) for o in report.outcomes] == [
        ("$.dataFeedElement[0].item[0]", "created"),
        ("$.dataFeedElement[0].item[1]", "created"),
        ("$.dataFeedElement[1].item", "created"),
    ]
    urls = set(Claim.objects.values_list("imported_from_url", flat=True))
    assert {
        "https://feedchecker.example/page-with-two#first",
        "https://feedchecker.example/page-with-two#second",
    } <= urls
    assert Speaker.objects.filter(name="Cara Critic").count() == 1  # matched, not duplicated
    assert Claim.objects.get(statement__startswith="Tolls").rating.label == "False"  # through the map


def test_a_graph_imports_its_claimreview_only(editor: User) -> None:
    report = import_claimreviews(load("graph.json"), editor=editor)
    assert [(o.path, o.status) for o in report.outcomes] == [("$.@graph[2]", "created")]


def test_malformed_records_are_reported_one_by_one_and_write_nothing(editor: User) -> None:
    before = rows()
    report = import_claimreviews(load("malformed_records.json"), editor=editor)
    reasons = {o.position: (o.status, o.reason) for o in report.outcomes}
    assert reasons[1] == ("failed", "claimReviewed is missing")
    assert reasons[2] == ("failed", "claimReviewed must be text, found a number")
    assert reasons[3] == ("failed", "reviewRating must be a Rating object, found a number")
    assert reasons[4] == ("failed", "url is missing")
    assert reasons[5][1] == "itemReviewed.author must be a name or a Person or Organization, found a number"
    assert "“Four Pinocchios” is not on our scale" in reasons[6][1] and "--rating-map" in reasons[6][1]
    assert reasons[7] == ("failed", "expected a ClaimReview object, found text")
    assert "numbers alone are not guessed" in reasons[8][1]
    assert reasons[9] == ("created", "")
    assert (report.created, report.failed) == (1, 8)
    after = rows()
    grown = {label for label in after if after[label] != before[label]}
    created = Claim.objects.get(statement="The one good record.")
    assert created.appearances.get().quote.speaker.name == "Gail Good"
    assert Speaker.objects.filter(name__in=["Bad Checks"]).count() == 0
    assert Outlet.objects.filter(name="Bad Checks").count() == 0
    assert "claims.Claim" in grown and Claim.objects.count() == before["claims.Claim"] + 1


def test_a_record_refused_late_leaves_nothing_behind(editor: User) -> None:
    # Two speakers share an alias: the import cannot tell which one is meant, after it began writing.
    SpeakerAliasFactory(speaker=SpeakerFactory(name="Sam One"), alias="Sam")
    SpeakerAliasFactory(speaker=SpeakerFactory(name="Sam Two"), alias="Sam")
    before = rows()
    record = {
        "@type": "ClaimReview",
        "url": "https://late.example/1",
        "claimReviewed": "Sam said the dam is safe.",
        "author": {"@type": "Organization", "name": "Late Checks"},
        "reviewRating": {"alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": "Sam",
            "appearance": {"@type": "CreativeWork", "url": "https://news.example/dam", "headline": "Dam"},
        },
    }
    (outcome,) = import_claimreviews(record, editor=editor).outcomes
    assert outcome.status == "failed" and "“Sam” could be any of Sam One" in outcome.reason
    assert rows() == before
    assert not Source.objects.filter(url__contains="late.example").exists()


def test_reimport_changes_nothing_then_updates_with_a_public_correction(editor: User) -> None:
    data = load("politifact_style.json")
    first = import_claimreviews(data, editor=editor)
    before = rows()
    again = import_claimreviews(data, editor=editor)
    assert [(o.status, o.reason) for o in again.outcomes] == [("skipped", "already imported, unchanged")]
    assert rows() == before
    assert isinstance(data, dict)
    data["reviewRating"]["alternateName"] = "False"
    data["url"] = data["url"].replace("utm_source=feed", "utm_source=mail")  # the same review
    updated = import_claimreviews(data, editor=editor)
    (outcome,) = updated.outcomes
    assert outcome.status == "updated" and outcome.claim_id == first.outcomes[0].claim_id
    claim = Claim.objects.get(pk=outcome.claim_id)
    assert claim.rating.label == "False" and claim.state == "published"
    correction = Correction.objects.get(claim=claim)
    assert correction.kind == "update" and "PolitiFact" in correction.note
    assert Claim.objects.exclude(imported_from_url="").count() == 1


def test_ratings_map_by_name_only(editor: User) -> None:
    data = load("datafeed.json")
    unmapped = import_claimreviews(data, editor=editor)
    assert [o.status for o in unmapped.outcomes] == ["created", "created", "failed"]
    assert "“Pants on Fire!” is not on our scale" in unmapped.outcomes[2].reason
    with pytest.raises(RatingMapError, match="not on our scale"):
        import_claimreviews(data, editor=editor, rating_map={"Pants on Fire!": "Ridiculous"})


def test_only_an_editor_publishes_imports(editor: User, reporter: User, settings: object) -> None:
    with pytest.raises(workflow.Refusal, match="published by an editor"):
        import_claimreviews(load("graph.json"), editor=reporter)
    settings.RATING_PANEL_SIZE = 3  # type: ignore[attr-defined]
    with pytest.raises(workflow.Refusal, match="rates by panel"):
        import_claimreviews(load("graph.json"), editor=editor)
    assert not Claim.objects.exists()


def test_parse_is_pure_and_tolerant() -> None:
    parsed = parse_claimreview(
        {
            "@type": "http://schema.org/ClaimReview",
            "url": "https://x.example/a",
            "claimReviewed": "  Short   form. ",
            "author": {"name": "X Checks"},
            "reviewRating": "Mostly True",
            "itemReviewed": {
                "@type": "schema:Claim",
                "name": "The much longer, full form of the claim that was checked by X.",
                "author": {
                    "@type": "GovernmentOrganization",
                    "name": "Ministry",
                    "@id": "http://www.wikidata.org/entity/Q123",
                },
                "datePublished": "2024-05",
            },
        }
    )
    assert parsed.statement == "The much longer, full form of the claim that was checked by X."
    assert parsed.short_statement == "Short form."
    assert parsed.rating_name == "Mostly True" and parsed.publisher_name == "X Checks"
    assert parsed.claimant is not None
    assert (parsed.claimant.kind, parsed.claimant.wikidata_qid) == ("organisation", "Q123")
    assert (str(parsed.claim_date), parsed.claim_date_precision) == ("2024-05-01", "month")


# --- the command ----------------------------------------------------------------------------------


def test_command_imports_files_and_summarises(editor: User) -> None:
    out, err = StringIO(), StringIO()
    call_command(
        "import_claimreview",
        str(FIXTURES / "datafeed.json"),
        str(FIXTURES / "graph.json"),
        "--as-editor",
        editor.username,
        "--rating-map",
        str(FIXTURES / "rating_map.json"),
        stdout=out,
        stderr=err,
    )
    assert "datafeed.json: 3 created, 0 updated, 0 skipped, 0 failed" in out.getvalue()
    assert "Total: 4 created, 0 updated, 0 skipped, 0 failed" in out.getvalue()
    out = StringIO()
    call_command(
        "import_claimreview",
        str(FIXTURES / "graph.json"),
        "--as-editor",
        editor.username,
        "--no-progress",
        stdout=out,
        stderr=StringIO(),
    )
    assert "0 created, 0 updated, 1 skipped, 0 failed" in out.getvalue()


def test_command_reports_bad_files_and_records_and_goes_on(editor: User) -> None:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Some records were not imported"):
        call_command(
            "import_claimreview",
            str(FIXTURES / "truncated.json"),
            str(FIXTURES / "malformed_records.json"),
            "--as-editor",
            editor.username,
            "--no-progress",
            stdout=out,
            stderr=err,
        )
    assert "truncated.json: not valid JSON (line 1, column" in err.getvalue()
    assert (
        "record 2 ($[1]) failed: https://bad.example/2 — claimReviewed must be text, found a number"
        in err.getvalue()
    )
    assert "Total: 1 created, 0 updated, 0 skipped, 8 failed; 1 file(s) unreadable" in out.getvalue()
    assert Claim.objects.filter(statement="The one good record.", state="published").exists()


def test_command_refuses_a_non_editor(reporter: User) -> None:
    with pytest.raises(CommandError, match="published by an editor"):
        call_command(
            "import_claimreview",
            str(FIXTURES / "graph.json"),
            "--as-editor",
            reporter.username,
            "--no-progress",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    with pytest.raises(CommandError, match="No user named"):
        call_command(
            "import_claimreview", str(FIXTURES / "graph.json"), "--as-editor", "nobody", stdout=StringIO()
        )


def test_import_account_is_created_once(editor: User) -> None:
    import_claimreviews(load("graph.json"), editor=editor)
    import_claimreviews(load("wild_variations.json"), editor=editor)
    assert User.objects.filter(username=IMPORT_USERNAME).count() == 1
    assert Quote.objects.filter(logged_by__username=IMPORT_USERNAME).count() == 4
    assert Citation.objects.filter(claim__author__username=IMPORT_USERNAME).count() >= 4
