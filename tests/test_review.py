"""Editing under review: corrections, re-review after approval, the rating panel, history of every
change, visibility, the desk's queues, merging speakers and restoring deletions."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from claims import history, selectors, services, workflow
from claims.models import Claim, Comment, Correction, Quote, RatingVote, Speaker
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    UserFactory,
    rating,
)
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db


# --- corrections ----------------------------------------------------------------------------------


def test_published_verdict_changes_only_with_a_correction(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    with pytest.raises(ValidationError) as caught:
        services.claim_update(claim=claim, actor=editor, changes={"summary": "Now it says something else."})
    assert "changes only with a correction" in caught.value.message_dict["correction"][0]
    assert Claim.objects.get(pk=claim.pk).summary == claim.summary

    fixed = services.claim_update(
        claim=claim,
        actor=editor,
        changes={"rating": rating("mostly-false"), "summary": "Fighting continued in parts of the region."},
        correction=services.CorrectionNote("correction", "We had the date of the last clashes wrong."),
        expected_version=claim.version,
    )
    assert (fixed.state, fixed.version, fixed.rating.slug) == ("published", claim.version + 1, "mostly-false")
    correction = Correction.objects.get(claim=claim)
    assert correction.changed_fields == ["rating", "summary"]
    assert (correction.kind, correction.author, correction.version) == ("correction", editor, fixed.version)


def test_typo_fix_uses_a_clarification(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter, summary="Fighting continud."), "published", editor=editor)
    services.claim_update(
        claim=claim,
        actor=editor,
        changes={"summary": "Fighting continued."},
        correction=services.CorrectionNote("clarification", "Corrected a spelling mistake."),
    )
    assert Correction.objects.get(claim=claim).kind == "clarification"


def test_reporters_cannot_touch_published_fact_checks(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    with pytest.raises(workflow.Refusal, match="Only editors change a published fact-check"):
        services.claim_update(
            claim=claim,
            actor=reporter,
            changes={"analysis": "More."},
            correction=services.CorrectionNote("update", "Added analysis."),
        )


def test_stale_edit_is_refused_and_loses_nothing(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter)
    services.claim_update(
        claim=claim, actor=reporter, changes={"summary": "First."}, expected_version=claim.version
    )
    with pytest.raises(workflow.Refusal) as caught:
        services.claim_update(
            claim=claim, actor=editor, changes={"summary": "Second."}, expected_version=claim.version
        )
    assert caught.value.code == "conflict"
    assert Claim.objects.get(pk=claim.pk).summary == "First."


def test_only_authors_and_editors_edit_and_only_editors_rate(
    reporter: User, other_reporter: User, editor: User
) -> None:
    claim = ready_claim(reporter)
    with pytest.raises(workflow.Refusal, match="Only the claim's author or an editor"):
        services.claim_update(claim=claim, actor=other_reporter, changes={"summary": "Mine now."})
    with pytest.raises(workflow.Refusal, match="Only editors rate claims"):
        services.claim_update(claim=claim, actor=reporter, changes={"rating": rating("true")})
    services.claim_update(claim=claim, actor=editor, changes={"rating": rating("true")})
    assert Claim.objects.get(pk=claim.pk).rating.slug == "true"


# --- re-approval after edit -----------------------------------------------------------------------


@pytest.mark.parametrize("edit", ["statement", "evidence-quote", "evidence-source"])
def test_changed_after_approval_goes_back_to_review(edit: str, reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "approved", editor=editor)
    if edit == "statement":
        services.claim_update(
            claim=claim, actor=reporter, changes={"statement": "A different claim entirely."}
        )
    elif edit == "evidence-quote":
        services.appearance_add(claim=claim, quote=QuoteFactory(), actor=reporter)
    else:
        services.citation_add(claim=claim, source=SourceFactory(), actor=reporter, bearing="refutes")
    claim.refresh_from_db()
    assert claim.state == "in_review"
    last = claim.review_events.order_by("version").last()
    assert last.action == "return_to_review"
    assert last.comment.startswith("Changed after approval:")
    with pytest.raises(workflow.Refusal, match="needs approved"):
        workflow.apply(claim=claim, action="publish", actor=editor)


def test_unchanged_save_does_not_send_back_to_review(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "approved", editor=editor)
    same = services.claim_update(claim=claim, actor=editor, changes={"summary": claim.summary})
    assert (same.state, same.version) == ("approved", claim.version)


# --- rating panel ---------------------------------------------------------------------------------


@pytest.fixture
def panel_of_three(settings: pytest.FixtureRequest) -> list[User]:
    settings.RATING_PANEL_SIZE = 3  # type: ignore[attr-defined]
    return [UserFactory(username=f"panel{n}", role="Editor") for n in range(3)]


def test_panel_majority_publishes_with_its_rating(reporter: User, panel_of_three: list[User]) -> None:
    first, second, third = panel_of_three
    claim = ready_claim(reporter, rating=None)
    claim = workflow.apply(claim=claim, action="submit", actor=reporter)
    services.rating_vote_cast(claim=claim, voter=first, rating=rating("false"), reason="Maps show fighting.")
    with pytest.raises(workflow.Refusal, match="The rating panel has no majority yet: 2 of 3"):
        workflow.apply(claim=claim, action="approve", actor=first)
    services.rating_vote_cast(
        claim=claim, voter=second, rating=rating("false"), reason="Ukraine still holds ground."
    )
    services.rating_vote_cast(claim=claim, voter=third, rating=rating("half-true"), reason="Mostly retaken.")
    claim = workflow.apply(claim=claim, action="approve", actor=third)
    published = workflow.apply(claim=claim, action="publish", actor=first)
    assert published.state == "published"
    assert published.rating.slug == "false"


def test_split_panel_cannot_publish(reporter: User, panel_of_three: list[User]) -> None:
    claim = workflow.apply(claim=ready_claim(reporter, rating=None), action="submit", actor=reporter)
    for voter, slug in zip(panel_of_three, ["false", "half-true", "true"], strict=True):
        services.rating_vote_cast(claim=claim, voter=voter, rating=rating(slug), reason="My reading.")
    refused = workflow.refusal(claim, "approve", panel_of_three[0])
    assert refused is not None
    assert "no majority yet" in refused.reasons[0]


def test_panel_votes_are_kept_in_history_and_the_author_cannot_vote(
    reporter: User, editor: User, panel_of_three: list[User]
) -> None:
    claim = workflow.apply(claim=ready_claim(editor, rating=None), action="submit", actor=editor)
    with pytest.raises(workflow.Refusal, match="the panel is the other editors"):
        services.rating_vote_cast(claim=claim, voter=editor, rating=rating("true"), reason="I wrote it.")
    voter = panel_of_three[0]
    services.rating_vote_cast(claim=claim, voter=voter, rating=rating("true"), reason="First reading.")
    services.rating_vote_cast(claim=claim, voter=voter, rating=rating("false"), reason="On reflection.")
    assert RatingVote.objects.get(claim=claim, voter=voter).rating.slug == "false"
    kept = history.event_model(RatingVote).objects.filter(pgh_obj_id=RatingVote.objects.get().pk)
    assert [event.reason for event in kept.order_by("pgh_id")] == ["First reading.", "On reflection."]


def test_votes_refused_without_a_panel(reporter: User, editor: User) -> None:
    claim = workflow.apply(claim=ready_claim(reporter), action="submit", actor=reporter)
    with pytest.raises(workflow.Refusal, match="does not rate by panel"):
        services.rating_vote_cast(claim=claim, voter=editor, rating=rating("true"), reason="x")


# --- history --------------------------------------------------------------------------------------


def test_history_keeps_updates_from_querysets_and_raw_sql(reporter: User) -> None:
    quote = QuoteFactory(text="We are working, fighting.")
    events = history.event_model(Quote).objects.filter(pgh_obj_id=quote.pk)
    assert list(events.values_list("pgh_label", flat=True)) == ["insert"]
    Quote.objects.filter(pk=quote.pk).update(venue="state television")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_quote SET location = '¶7' WHERE id = %s", [quote.pk])
    recorded = list(events.order_by("pgh_id").values_list("pgh_label", "venue", "location"))
    assert recorded == [
        ("insert", "", ""),
        ("update", "state television", ""),
        ("update", "state television", "¶7"),
    ]
    Quote.objects.filter(pk=quote.pk).delete()
    assert events.order_by("pgh_id").last().pgh_label == "delete"


def test_history_says_who_changed_a_claim(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter)
    services.claim_update(claim=claim, actor=editor, changes={"summary": "Edited by the editor."})
    versions = history.claim_versions(claim)
    assert history.event_author(versions[-1]) == editor.username
    assert history.event_author(versions[0]) == "unknown (a change made outside the application)"
    changes = history.diff_versions(versions[0], versions[-1])
    summary = next(change for change in changes if change.field == "summary")
    assert summary.html == (
        "<del>Fighting continued in</del> <ins>Edited by</ins> the "
        "<del>region for weeks.</del> <ins>editor.</ins>"
    )


def test_diff_escapes_what_people_typed(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter, summary="plain")
    services.claim_update(claim=claim, actor=editor, changes={"summary": "<script>alert(1)</script>"})
    versions = history.claim_versions(claim)
    html = next(c.html for c in history.diff_versions(versions[0], versions[-1]) if c.field == "summary")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_deleted_rows_can_be_restored(reporter: User) -> None:
    quote = QuoteFactory(text="Words worth keeping.")
    pk, speaker = quote.pk, quote.speaker
    quote.delete()
    out = StringIO()
    call_command("restore_deleted", "claims.Quote", str(pk), stdout=out)
    assert "Restored quote" in out.getvalue()
    restored = Quote.objects.get(pk=pk)
    assert (restored.text, restored.speaker) == ("Words worth keeping.", speaker)
    with pytest.raises(CommandError, match="exists: there is nothing to restore"):
        call_command("restore_deleted", "claims.Quote", str(pk))
    with pytest.raises(CommandError, match="No deleted claim #999999"):
        call_command("restore_deleted", "claims.Claim", "999999")


def test_deleted_draft_claim_restores_as_a_draft(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "in_review", editor=editor)
    pk = claim.pk
    Claim.objects.filter(pk=pk).delete()
    restored = history.restore_deleted(Claim, pk)
    assert (restored.state, restored.statement) == ("draft", claim.statement)


# --- visibility and queues ------------------------------------------------------------------------


def test_anonymous_users_see_only_public_fact_checks_and_what_they_use(reporter: User, editor: User) -> None:
    public = drive(ready_claim(reporter), "published", editor=editor)
    retracted = drive(ready_claim(reporter), "retracted", editor=editor)
    draft = ready_claim(reporter)
    services.comment_add(claim=public, author=editor, body="Internal: check the map again.")
    unlinked = QuoteFactory()
    anonymous = AnonymousUser()

    assert set(selectors.claims_visible_to(anonymous)) == {public, retracted}
    public_quotes = {a.quote for c in (public, retracted) for a in c.appearances.all()}
    assert set(selectors.quotes_visible_to(anonymous)) == public_quotes
    assert unlinked not in selectors.quotes_visible_to(anonymous)
    assert {q.speaker for q in public_quotes} == set(selectors.speakers_visible_to(anonymous))
    draft_sources = {c.source for c in draft.citations.all()}
    assert not draft_sources & set(selectors.sources_visible_to(anonymous))
    assert not selectors.comments_visible_to(anonymous).exists()
    assert not selectors.review_events_visible_to(anonymous).exists()
    assert set(selectors.corrections_visible_to(anonymous).values_list("claim", flat=True)) == {retracted.pk}
    # Newsroom staff see everything; someone logged in without a role does not.
    assert draft in selectors.claims_visible_to(reporter)
    assert selectors.comments_visible_to(editor).count() == 1
    outsider = UserFactory(username="reader")
    assert set(selectors.claims_visible_to(outsider)) == {public, retracted}


def test_desk_queues(reporter: User, other_reporter: User, editor: User) -> None:
    other_editor = UserFactory(username="otto", role="Editor")
    mine = ready_claim(reporter)
    waiting = drive(ready_claim(reporter), "in_review", editor=editor)
    waiting_for_otto = drive(ready_claim(reporter), "in_review", editor=editor)
    services.claim_assign(claim=waiting_for_otto, actor=editor, assignee=other_editor)
    own_in_review = drive(ready_claim(editor), "in_review", editor=other_editor)
    sent_back = drive(ready_claim(reporter), "changes_requested", editor=editor)
    late = services.claim_assign(
        claim=ready_claim(other_reporter), actor=editor, assignee=reporter, due_on=datetime.date(2025, 5, 1)
    )

    assert set(selectors.claims_my_drafts(reporter)) == {mine}
    assert set(selectors.claims_waiting_for_my_review(editor)) == {waiting}
    assert own_in_review not in selectors.claims_waiting_for_my_review(editor)
    assert set(selectors.claims_waiting_for_my_review(other_editor)) == {
        waiting,
        waiting_for_otto,
        own_in_review,
    }
    assert not selectors.claims_waiting_for_my_review(reporter).exists()
    assert set(selectors.claims_changes_requested_of(reporter)) == {sent_back}
    assert set(selectors.claims_assigned_to(reporter)) == {late}
    assert list(selectors.claims_overdue(editor, today=datetime.date(2025, 6, 1))) == [late]
    assert not selectors.claims_overdue(AnonymousUser(), today=datetime.date(2025, 6, 1)).exists()


def test_only_editors_assign_and_only_to_the_newsroom(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter)
    with pytest.raises(workflow.Refusal, match="Only editors assign claims"):
        services.claim_assign(claim=claim, actor=reporter, assignee=reporter)
    with pytest.raises(ValidationError):
        services.claim_assign(claim=claim, actor=editor, assignee=UserFactory(username="stranger"))


def test_comments_are_for_the_newsroom(reporter: User) -> None:
    claim = ready_claim(reporter)
    services.comment_add(claim=claim, author=reporter, body="  Is the map from May?  ")
    assert Comment.objects.get().body == "Is the map from May?"
    with pytest.raises(workflow.Refusal):
        services.comment_add(claim=claim, author=UserFactory(username="reader"), body="Hello")


# --- speakers -------------------------------------------------------------------------------------


def test_duplicate_speakers_merge(reporter: User, editor: User) -> None:
    putin = SpeakerFactory(name="Vladimir Putin", wikidata_qid="")
    twin = SpeakerFactory(name="V. Putin", wikidata_qid="Q7747")
    SpeakerAliasFactory(speaker=twin, alias="Vlad")
    shared_words = "The Kyiv regime's adventure has completely failed."
    kept_quote = QuoteFactory(speaker=putin, text=shared_words)
    twin_quote = QuoteFactory(speaker=twin, text=shared_words.upper())
    other_quote = QuoteFactory(speaker=twin, text="A ceasefire is possible.")
    claim = ClaimFactory(author=reporter)
    services.appearance_add(claim=claim, quote=twin_quote, actor=reporter)
    CitationFactory(claim=claim)

    with pytest.raises(workflow.Refusal):
        services.speaker_merge(keep=putin, duplicate=twin, actor=reporter)
    merged = services.speaker_merge(keep=putin, duplicate=twin, actor=editor)

    assert not Speaker.objects.filter(pk=twin.pk).exists()
    assert merged.wikidata_qid == "Q7747"
    assert set(merged.aliases.values_list("normalised", flat=True)) >= {"v. putin", "vlad"}
    assert set(merged.quotes.all()) == {kept_quote, other_quote}
    assert [a.quote for a in claim.appearances.all()] == [kept_quote]
