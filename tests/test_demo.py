"""The demo newsroom: the Kursk example as annotated, loaded any number of times."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from pghistory.models import Event

from claims.demo import ACCOUNTS
from claims.models import Claim, ClaimRelation, Quote, Speaker
from claims.normalise import collapse_whitespace, normalise_quote

pytestmark = pytest.mark.django_db

# django-axes counts failed logins per request, so every authenticate() call passes one.
LOGIN_REQUEST = RequestFactory().post("/admin/login/")
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "kursk-2025-05-21.quotes.json"


def row_counts(*, history: bool = True) -> dict[str, int]:
    """Rows per model; with `history`, the history tables too (a second load must not even touch a row)."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if history or not (issubclass(model, Event) or model._meta.app_label == "pghistory")
    }


def test_loaddemo_twice_changes_nothing() -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())
    first = row_counts()
    call_command("loaddemo", "--accounts", stdout=StringIO())
    assert row_counts() == first
    assert first["claims.Quote"] == 7 and first["claims.Claim"] == 2 and first["claims.Speaker"] == 6
    assert set(Claim.objects.values_list("state", flat=True)) == {"published"}


def test_loaddemo_completes_a_partial_demo() -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())
    full = row_counts(history=False)
    # The demo's fact-checks are published, and a published fact-check is never deleted (a database
    # guard): what can go missing is the rest.
    ClaimRelation.objects.all().delete()
    Quote.objects.filter(appearances__isnull=True, speaker__name="Donald Trump").delete()
    call_command("loaddemo", "--accounts", stdout=StringIO())
    assert row_counts(history=False) == full


def test_loaddemo_prints_working_logins() -> None:
    out = StringIO()
    call_command("loaddemo", "--accounts", stdout=out)
    for account in ACCOUNTS:
        assert f"{account.username} / {account.password}" in out.getvalue()
        user = authenticate(LOGIN_REQUEST, username=account.username, password=account.password)
        assert user is not None and user.groups.filter(name=account.group).exists()


def test_loaddemo_without_debug_skips_public_passwords(settings: pytest.FixtureRequest) -> None:
    settings.DEBUG = False  # type: ignore[attr-defined]
    err = StringIO()
    call_command("loaddemo", stdout=StringIO(), stderr=err)
    assert "demo logins skipped" in err.getvalue()
    assert Quote.objects.count() == 7  # the newsroom itself is loaded, by accounts nobody can log in to
    assert not authenticate(LOGIN_REQUEST, username="editor", password="editor-demo")
    assert not authenticate(LOGIN_REQUEST, username="reporter", password="reporter-demo")


def test_demo_competing_claims() -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())
    putin_claim = Claim.objects.get(statement__startswith="Russia has fully liberated")
    answer = Claim.objects.get(statement__startswith="Russia has not fully liberated")
    relation = ClaimRelation.objects.get()
    assert (relation.from_claim, relation.to_claim, relation.kind) == (answer, putin_claim, "rebuts")
    assert {a.quote.speaker.name for a in putin_claim.appearances.all()} == {"Vladimir Putin"}
    assert {a.quote.text for a in putin_claim.appearances.all()} == {
        "liberated",
        "The Kyiv regime’s adventure has completely failed.",
    }
    assert answer.appearances.get().quote.speaker.name == "Oleh Shyriaiev"
    source = putin_claim.appearances.first().quote.source
    assert source.canonical_url == "" and source.published_on.isoformat() == "2025-05-21"
    vlad = Speaker.objects.get(aliases__normalised="vlad")
    assert vlad.wikidata_qid == "Q7747"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed folder is not beside this checkout")
def test_demo_matches_the_seed_annotation() -> None:
    call_command("loaddemo", "--accounts", stdout=StringIO())
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    for spec in seed["speakers"]:
        speaker = Speaker.objects.get(name=spec["name"])
        assert (speaker.kind, speaker.role) == (spec["kind"], spec["role"])
        assert speaker.wikidata_qid == (spec["wikidata"] or "")
        aliases = {alias.alias for alias in speaker.aliases.all()}
        assert set(spec["aliases"]) <= aliases
    logged = {
        (q.speaker.name, normalise_quote(q.text), q.kind) for q in Quote.objects.select_related("speaker")
    }
    annotated = {(q["speaker"], normalise_quote(q["text"]), q["kind"]) for q in seed["quotes"]}
    assert logged == annotated
    for spec in seed["competing_claims"]:
        claim = Claim.objects.get(statement=spec["statement"])
        texts = {collapse_whitespace(a.quote.text) for a in claim.appearances.select_related("quote")}
        assert texts == {collapse_whitespace(text) for text in spec["appearances"]}
        assert {a.quote.speaker.name for a in claim.appearances.all()} == {spec["claimant"]}
