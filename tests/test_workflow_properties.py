"""Random sequences of review steps and edits, by random people, never publish a claim that a second
person did not approve after its last change; the review record always tells the claim's story."""

from __future__ import annotations

import contextlib

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from claims import services, workflow
from claims.models import Claim, ReviewEvent
from tests.factories import SourceFactory, UserFactory, rating
from tests.review import ready_claim

pytestmark = pytest.mark.django_db

PEOPLE = ["reporter", "other reporter", "editor", "second editor", "superuser", "anonymous"]
AUTHORS = ["reporter", "editor", "superuser"]  # editors and superusers write claims too
STEPS = [*workflow.TRANSITIONS, "edit summary", "cite a source", "change rating"]
# Uniform choices almost never get a claim all the way out; lean towards the people and steps of the
# main path so that publishing, retracting and editing after approval are all explored.
LIKELY_PEOPLE = [*PEOPLE, "reporter", "editor", "editor", "superuser", "second editor", "second editor"]
LIKELY_STEPS = [
    *STEPS,
    "submit",
    "submit",
    "approve",
    "approve",
    "approve",
    "publish",
    "publish",
    "edit summary",
]


class Rollback(Exception):
    """Raised at the end of each example so its rows vanish before the next one."""


def story_is_sound(claim: Claim) -> None:
    """Check the invariants from the record alone, not from the workflow's own table."""
    events = list(ReviewEvent.objects.filter(claim=claim).order_by("version"))
    state, second_approval = "draft", False
    for step in events:
        assert step.from_state == state, f"the record skips from {state} to {step.from_state}"
        if step.action == "approve":
            assert step.actor_id != claim.author_id, "the author approved their own claim"
            second_approval = True
        elif step.to_state in {"draft", "in_review", "changes_requested"}:
            second_approval = False  # a new round of review: the earlier approval no longer counts
        if step.action == "publish":
            assert step.actor_id != claim.author_id, "the author published their own claim"
            assert second_approval, "published without a second person's approval of this version"
        state = step.to_state
    assert state == claim.state
    if claim.state == "published":
        assert claim.rating_id is not None
        assert claim.published_at is not None


@pytest.fixture
def cast(reporter: User, other_reporter: User, editor: User) -> dict[str, object]:
    return {
        "reporter": reporter,
        "other reporter": other_reporter,
        "editor": editor,
        "second editor": UserFactory(username="otto", role="Editor"),
        "superuser": UserFactory(username="root", is_superuser=True, is_staff=True),
        "anonymous": AnonymousUser(),
    }


def take(claim: Claim, step: str, person: object, with_comment: bool) -> None:
    comment = "Because the map says so." if with_comment else ""
    if step in workflow.TRANSITIONS:
        workflow.apply(claim=claim, action=step, actor=person, comment=comment)  # type: ignore[arg-type]
        return
    if not isinstance(person, User):
        return
    if step == "edit summary":
        services.claim_update(
            claim=claim,
            actor=person,
            changes={"summary": f"Summary {claim.version}."},
            correction=services.CorrectionNote("update", comment) if comment else None,
        )
    elif step == "cite a source":
        services.citation_add(claim=claim, source=SourceFactory(), actor=person)
    else:
        services.claim_update(claim=claim, actor=person, changes={"rating": rating("mostly-false")})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(AUTHORS),
    st.lists(
        st.tuples(st.sampled_from(LIKELY_STEPS), st.sampled_from(LIKELY_PEOPLE), st.booleans()),
        min_size=1,
        max_size=25,
    ),
)
def test_no_sequence_publishes_without_a_second_persons_approval(
    cast: dict[str, object], author: str, steps: list[tuple[str, str, bool]]
) -> None:
    # Each example runs in a transaction that Rollback undoes, so the next one starts from the same rows.
    with contextlib.suppress(Rollback), transaction.atomic():
        claim = ready_claim(cast[author])  # type: ignore[arg-type]
        for step, person, with_comment in steps:
            before = (claim.state, claim.version)
            # Refused steps change nothing; the invariants below hold either way.
            with contextlib.suppress(workflow.Refusal, ValidationError):
                take(claim, step, cast[person], with_comment)
            claim.refresh_from_db()
            story_is_sound(claim)
            if step not in workflow.TRANSITIONS and before[0] == "approved" and claim.version != before[1]:
                assert claim.state == "in_review", "an approved claim changed and was not sent back to review"
        event(f"ended {claim.state}")
        event(f"written by the {author}")  # --hypothesis-show-statistics shows how far the examples got
        raise Rollback
