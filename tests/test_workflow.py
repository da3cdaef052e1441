"""The review workflow: who may take which step from which state, what each step needs and records, and
the guards that make the rules hold even for code that tries to go round them."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from claims import workflow
from claims.models import Claim, Correction, ReviewEvent
from tests.factories import ClaimFactory, UserFactory, rating
from tests.review import drive, ready_claim

pytestmark = pytest.mark.django_db

STATES = ["draft", "in_review", "changes_requested", "approved", "published", "retracted"]
ACTIONS = ["submit", "request_changes", "approve", "publish", "retract", "reopen"]
SOURCES = {
    "submit": {"draft", "changes_requested"},
    "request_changes": {"in_review", "approved"},
    "approve": {"in_review"},
    "publish": {"approved"},
    "retract": {"published"},
    "reopen": {"retracted"},
}
# Who may take each step (when the state allows it), written out rather than derived from the table.
MAY = {
    "author (reporter)": {"submit"},
    "other reporter": set(),
    "author (editor)": {"submit", "request_changes", "retract", "reopen"},
    "other editor": {"submit", "request_changes", "approve", "publish", "retract", "reopen"},
    "superuser (author)": {"submit", "request_changes", "retract", "reopen"},
    "anonymous": set(),
}


@pytest.fixture
def people(reporter: User, other_reporter: User, editor: User) -> dict[str, object]:
    return {
        "author (reporter)": reporter,
        "other reporter": other_reporter,
        "author (editor)": editor,
        "other editor": UserFactory(username="otto", role="Editor"),
        "superuser (author)": UserFactory(username="root", is_superuser=True, is_staff=True),
        "anonymous": AnonymousUser(),
    }


AUTHOR_OF = {"author (editor)": "author (editor)", "superuser (author)": "superuser (author)"}


@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(state: str, people: dict[str, User]) -> None:
    """Every transition × person × state: allowed, or refused with a reason naming what is wrong."""
    reviewer = people["other editor"]
    for person, user in people.items():
        author = people[AUTHOR_OF.get(person, "author (reporter)")]
        claim = drive(ready_claim(author), state, editor=reviewer)
        for action in ACTIONS:
            refused = workflow.refusal(claim, action, user, comment="Because the map shows otherwise.")
            if state not in SOURCES[action]:
                assert refused is not None and refused.code == "conflict", (person, action)
                assert f"This claim is {Claim.State(state).label.lower()}" in refused.reasons[0]
            elif action in MAY[person]:
                assert refused is None, (person, state, action, refused and refused.reasons)
            else:
                assert refused is not None and refused.code == "forbidden", (person, state, action)
                expected = (
                    "another editor must approve and publish it"
                    if action in {"approve", "publish"} and person in AUTHOR_OF
                    else "Only"
                )
                assert expected in refused.reasons[0], (person, state, action, refused.reasons)


def test_each_step_records_an_event_and_bumps_the_version(reporter: User, editor: User) -> None:
    claim = ready_claim(reporter)
    published = drive(claim, "published", editor=editor)
    events = list(ReviewEvent.objects.filter(claim=claim).order_by("version"))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("submit", "draft", "in_review"),
        ("approve", "in_review", "approved"),
        ("publish", "approved", "published"),
    ]
    assert [e.actor for e in events] == [reporter, editor, editor]
    assert published.version == claim.version + 3 == events[-1].version
    assert published.published_at is not None


def test_approve_and_publish_need_the_whole_verdict(reporter: User, editor: User) -> None:
    claim = ClaimFactory(author=reporter)
    claim = workflow.apply(claim=claim, action="submit", actor=reporter)
    with pytest.raises(workflow.Refusal) as caught:
        workflow.apply(claim=claim, action="approve", actor=editor)
    assert caught.value.code == "invalid"
    assert caught.value.reasons == [
        "Rate the claim.",
        "Write the summary: the verdict in a few sentences.",
        "Attach at least one quote in which the claim is made.",
        "Cite at least one source.",
    ]
    assert Claim.objects.get(pk=claim.pk).state == "in_review"


def test_comments_required_where_they_explain_the_step(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "in_review", editor=editor)
    with pytest.raises(workflow.Refusal, match="Say what must change"):
        workflow.apply(claim=claim, action="request_changes", actor=editor, comment="   ")
    published = drive(ready_claim(reporter), "published", editor=editor)
    with pytest.raises(workflow.Refusal, match="Tell readers why the fact-check is retracted"):
        workflow.apply(claim=published, action="retract", actor=editor)


def test_retraction_is_public_and_keeps_the_publication_date(reporter: User, editor: User) -> None:
    published = drive(ready_claim(reporter), "published", editor=editor)
    retracted = workflow.apply(
        claim=published, action="retract", actor=editor, comment="The video was from 2023, not 2025."
    )
    correction = Correction.objects.get(claim=published)
    assert (correction.kind, correction.note, correction.version) == (
        "retraction",
        "The video was from 2023, not 2025.",
        retracted.version,
    )
    assert retracted.published_at == published.published_at
    reopened = workflow.apply(claim=retracted, action="reopen", actor=editor)
    assert reopened.state == "draft"
    assert reopened.published_at == published.published_at  # still "ever published": never deletable


def test_stale_version_is_a_conflict(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "approved", editor=editor)
    with pytest.raises(workflow.Refusal) as caught:
        workflow.apply(claim=claim, action="publish", actor=editor, expected_version=claim.version - 1)
    assert caught.value.code == "conflict"
    assert "changed since you loaded it" in caught.value.reasons[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_publishing_at_once_one_wins(reporter: User, editor: User) -> None:
    other = UserFactory(username="otto", role="Editor")
    claim = drive(ready_claim(reporter), "approved", editor=editor)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def publish(person: User) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[person.username] = workflow.apply(
                claim=claim, action="publish", actor=person, expected_version=claim.version
            )
        except workflow.Refusal as refused:
            outcomes[person.username] = refused
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(person,)) for person in (editor, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    winners = [o for o in outcomes.values() if isinstance(o, Claim)]
    losers = [o for o in outcomes.values() if isinstance(o, workflow.Refusal)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert losers[0].code == "conflict"
    assert ReviewEvent.objects.filter(claim=claim, action="publish").count() == 1


def test_superusers_are_held_to_the_two_person_rule(reporter: User, editor: User) -> None:
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    claim = drive(ready_claim(root), "in_review", editor=editor)
    with pytest.raises(workflow.Refusal, match="another editor must approve"):
        workflow.apply(claim=claim, action="approve", actor=root)


def test_offered_transitions_say_why_not(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(editor), "in_review", editor=editor)
    offered = {t.name: refused for t, refused in workflow.offered(claim, editor)}
    assert set(offered) == {"request_changes", "approve"}
    assert offered["request_changes"] is None
    assert offered["approve"] is not None
    assert "another editor must approve" in offered["approve"].reasons[0]


# --- the database's guards ------------------------------------------------------------------------


def refused_by(constraint: str, write) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    assert caught.value.__cause__.diag.constraint_name == constraint  # type: ignore[union-attr]


def test_state_cannot_be_changed_behind_the_workflow(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "approved", editor=editor)
    guard = "claims_claim_state_change_needs_event"
    refused_by(guard, lambda: Claim.objects.filter(pk=claim.pk).update(state="published"))

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE claims_claim SET state = 'published', version = version + 1 WHERE id = %s", [claim.pk]
            )

    refused_by(guard, raw_sql)
    refused_by(
        "claims_claim_created_as_draft",
        lambda: Claim.objects.bulk_create(
            [Claim(statement="x", slug="x", author=reporter, state="approved")]
        ),
    )
    assert Claim.objects.get(pk=claim.pk).state == "approved"


def test_records_are_append_only_and_publications_undeletable(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "retracted", editor=editor)
    refused_by(
        "claims_reviewevent_append_only", lambda: ReviewEvent.objects.filter(claim=claim).update(comment="x")
    )
    refused_by(
        "claims_correction_append_only_update", lambda: Correction.objects.update(note="nothing happened")
    )
    refused_by("claims_correction_append_only_delete", lambda: Correction.objects.all().delete())
    with pytest.raises(ProtectedError):  # its public corrections hold it
        Claim.objects.filter(pk=claim.pk).delete()
    published = drive(ready_claim(reporter), "published", editor=editor)
    refused_by("claims_claim_published_never_deleted", lambda: Claim.objects.filter(pk=published.pk).delete())
    draft = ClaimFactory(author=reporter)
    draft.delete()  # a draft that never went out can be deleted (and restored from history)
    assert not Claim.objects.filter(pk=draft.pk).exists()


def test_published_verdict_never_changes_silently_in_the_database(reporter: User, editor: User) -> None:
    claim = drive(ready_claim(reporter), "published", editor=editor)
    guard = "claims_claim_public_change_needs_correction"
    refused_by(guard, lambda: Claim.objects.filter(pk=claim.pk).update(summary="Quietly rewritten."))
    refused_by(guard, lambda: Claim.objects.filter(pk=claim.pk).update(rating=rating("true"), version=99))
    # Fields outside the verdict (the desk's planning) may change without a correction.
    Claim.objects.filter(pk=claim.pk).update(priority="high")
