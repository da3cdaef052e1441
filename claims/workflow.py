"""The review workflow: the only code that changes a claim's state.

    draft → in_review → (changes_requested → in_review)* → approved → published → retracted → draft

`TRANSITIONS` is the declarative table — name, from-states, to-state, who may, what must be true — and
`apply()` is the one function that carries a transition out: it locks the claim row, checks, writes the
ReviewEvent, bumps the version and saves, in one transaction. The admin, the API and the desk all call
it. A database trigger refuses any change of state that has no matching review event, so a code path
that bypasses this module fails loudly instead of publishing silently.

The two-person rule holds for everyone, superusers included: the author of a claim never approves or
publishes it, and a claim whose verdict changes after approval goes back to review
(`verdict_changed()`, called by the services that edit claims).

This module must never be bypassed by writing `state` elsewhere, and never imports views or forms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pghistory
from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Correction, Rating, RatingVote, ReviewEvent
from claims.roles import AnyUser, is_editor

State = Claim.State
Action = ReviewEvent.Action


class Refusal(Exception):
    """A transition that may not happen now, with every reason, in words for the person who asked.

    `code` says what kind of refusal it is, which the API maps to a status: "forbidden" (the person may
    not do this), "conflict" (the claim moved on since it was read) or "invalid" (something is missing).
    """

    def __init__(self, code: str, reasons: Iterable[str]) -> None:
        self.code = code
        self.reasons = list(reasons)
        super().__init__(" ".join(self.reasons))


Check = Callable[[Claim], "str | None"]
Who = Callable[[AnyUser, Claim], "str | None"]


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    who: Who
    checks: tuple[Check, ...] = ()
    # Why a comment is required for this transition ("say what must change"); None when it is optional.
    comment_required: str | None = None
    # Transitions the workflow itself takes (back to review after an edit) are not offered to people.
    offered: bool = True


# --- who may --------------------------------------------------------------------------------------


def _author_or_editor(user: AnyUser, claim: Claim) -> str | None:
    if is_editor(user) or (user.is_authenticated and claim.author_id == user.pk):
        return None
    return "Only the claim's author or an editor can do this."


def _editor(user: AnyUser, claim: Claim) -> str | None:
    return None if is_editor(user) else "Only editors can do this."


def _second_editor(user: AnyUser, claim: Claim) -> str | None:
    if not is_editor(user):
        return "Only editors can do this."
    if claim.author_id == user.pk:
        return "You wrote this claim: another editor must approve and publish it."
    return None


def _nobody(user: AnyUser, claim: Claim) -> str | None:
    return "The workflow takes this step itself."


# --- what must be true ----------------------------------------------------------------------------


def panel_size() -> int:
    return int(settings.RATING_PANEL_SIZE)


def panel_tally(claim: Claim) -> Counter[int]:
    """Votes per rating id, counting only editors other than the author."""
    votes = RatingVote.objects.filter(claim=claim).exclude(voter_id=claim.author_id)
    return Counter(votes.values_list("rating_id", flat=True))


def panel_verdict(claim: Claim) -> Rating | None:
    """The rating a majority of the panel agrees on, or None while there is no majority."""
    needed = panel_size() // 2 + 1
    for rating_id, count in panel_tally(claim).most_common(1):
        if count >= needed:
            return Rating.objects.get(pk=rating_id)
    return None


def _rated(claim: Claim) -> str | None:
    size = panel_size()
    if size == 1:
        return None if claim.rating_id else "Rate the claim."
    if panel_verdict(claim) is not None:
        return None
    votes = sum(panel_tally(claim).values())
    return (
        f"The rating panel has no majority yet: {size // 2 + 1} of {size} editors must agree on one rating "
        f"({votes} vote{'s' if votes != 1 else ''} so far)."
    )


def _summarised(claim: Claim) -> str | None:
    return None if claim.summary.strip() else "Write the summary: the verdict in a few sentences."


def _quoted(claim: Claim) -> str | None:
    return None if claim.appearances.exists() else "Attach at least one quote in which the claim is made."


def _cited(claim: Claim) -> str | None:
    return None if claim.citations.exists() else "Cite at least one source."


def _approved_by_another(claim: Claim) -> str | None:
    # The step that put the claim in its approved state must be a second person's approval. The table
    # already guarantees it; checking the record as well costs one indexed query per publication.
    step = ReviewEvent.objects.filter(claim=claim, to_state=State.APPROVED).order_by("version").last()
    if step is None or step.action != Action.APPROVE or step.actor_id == claim.author_id:
        return "An editor other than the author must approve this version first."
    return None


VERDICT_READY: tuple[Check, ...] = (_rated, _summarised, _quoted, _cited)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            Action.SUBMIT,
            "Submit for review",
            frozenset({State.DRAFT, State.CHANGES_REQUESTED}),
            State.IN_REVIEW,
            _author_or_editor,
        ),
        Transition(
            Action.REQUEST_CHANGES,
            "Request changes",
            frozenset({State.IN_REVIEW, State.APPROVED}),
            State.CHANGES_REQUESTED,
            _editor,
            comment_required="Say what must change.",
        ),
        Transition(
            Action.APPROVE,
            "Approve",
            frozenset({State.IN_REVIEW}),
            State.APPROVED,
            _second_editor,
            VERDICT_READY,
        ),
        Transition(
            Action.PUBLISH,
            "Publish",
            frozenset({State.APPROVED}),
            State.PUBLISHED,
            _second_editor,
            (*VERDICT_READY, _approved_by_another),
        ),
        Transition(
            Action.RETRACT,
            "Retract",
            frozenset({State.PUBLISHED}),
            State.RETRACTED,
            _editor,
            comment_required="Tell readers why the fact-check is retracted: the note is public.",
        ),
        Transition(Action.REOPEN, "Reopen as a draft", frozenset({State.RETRACTED}), State.DRAFT, _editor),
        Transition(
            Action.RETURN_TO_REVIEW,
            "Back to review",
            frozenset({State.APPROVED}),
            State.IN_REVIEW,
            _nobody,
            offered=False,
        ),
    )
}


# --- asking and doing -----------------------------------------------------------------------------


def refusal(claim: Claim, action: str, user: AnyUser, comment: str | None = "") -> Refusal | None:
    """Why `user` may not take `action` on `claim` now, or None if they may.

    With `comment=None` the comment is not judged (a form asks for it after the button is chosen).
    """
    transition = TRANSITIONS.get(action)
    if transition is None or not transition.offered:
        return Refusal("invalid", [f"Unknown action {action!r}."])
    if claim.state not in transition.sources:
        allowed = ", ".join(sorted(State(s).label.lower() for s in transition.sources))
        return Refusal(
            "conflict",
            [f"This claim is {claim.get_state_display().lower()}; “{transition.label}” needs {allowed}."],
        )
    who = transition.who(user, claim)
    if who is not None:
        return Refusal("forbidden", [who])
    reasons = [reason for check in transition.checks if (reason := check(claim)) is not None]
    if comment is not None and transition.comment_required and not comment.strip():
        reasons.append(transition.comment_required)
    return Refusal("invalid", reasons) if reasons else None


def offered(claim: Claim, user: AnyUser) -> list[tuple[Transition, Refusal | None]]:
    """The transitions from the claim's state, each with the reason it is refused to `user` (or None)."""
    return [
        (transition, refusal(claim, transition.name, user, comment=None))
        for transition in TRANSITIONS.values()
        if transition.offered and claim.state in transition.sources
    ]


def apply(
    *, claim: Claim, action: str, actor: AnyUser, comment: str = "", expected_version: int | None = None
) -> Claim:
    """Carry out a transition: lock, check, record, save. Returns the claim as saved; raises Refusal.

    `expected_version` is the version the person saw: if the claim changed since, nothing happens and
    the refusal says so (two editors publishing at once: one wins, the other is told it moved on).
    """
    if not isinstance(actor, User) or not actor.is_active:
        raise Refusal("forbidden", ["Log in to review claims."])
    with transaction.atomic(), pghistory.context(user=actor.pk, workflow=action):
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if expected_version is not None and locked.version != expected_version:
            raise Refusal(
                "conflict",
                [
                    f"This claim changed since you loaded it (you saw version {expected_version}, it is now "
                    f"version {locked.version}, {locked.get_state_display().lower()}). Reload and try again."
                ],
            )
        refused = refusal(locked, action, actor, comment)
        if refused is not None:
            raise refused
        _record(locked, TRANSITIONS[action], actor, comment.strip())
    return locked


def verdict_changed(*, claim: Claim, actor: User, fields: Iterable[str]) -> None:
    """Called, inside their transaction and with the row locked, by services that changed an approved
    claim's verdict (statement, rating, summary, analysis, quotes, sources): it goes back to review."""
    if claim.state == State.APPROVED:
        names = ", ".join(fields)
        _record(claim, TRANSITIONS[Action.RETURN_TO_REVIEW], actor, f"Changed after approval: {names}.")


def _record(claim: Claim, transition: Transition, actor: User, comment: str) -> None:
    version = claim.version + 1
    ReviewEvent.objects.create(
        claim=claim,
        action=transition.name,
        from_state=claim.state,
        to_state=transition.target,
        actor=actor,
        comment=comment,
        version=version,
    )
    update = ["state", "version", "updated_at"]
    if transition.name == Action.PUBLISH:
        if panel_size() > 1:
            claim.rating = panel_verdict(claim)
            update.append("rating")
        if claim.published_at is None:
            claim.published_at = timezone.now()
            update.append("published_at")
    if transition.name == Action.RETRACT:
        Correction.objects.create(
            claim=claim, kind=Correction.Kind.RETRACTION, note=comment, author=actor, version=version
        )
    claim.state = transition.target
    claim.version = version
    claim.save(update_fields=update)
