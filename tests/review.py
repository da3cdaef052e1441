"""Helpers for tests of the review workflow: claims ready for a verdict, driven to any state."""

from __future__ import annotations

from django.contrib.auth.models import User

from claims import workflow
from claims.models import Claim
from tests.factories import CitationFactory, ClaimAppearanceFactory, ClaimFactory, rating

# The path from draft to each state, as (action, who takes it: "author" or "editor").
PATHS: dict[str, list[tuple[str, str]]] = {
    "draft": [],
    "in_review": [("submit", "author")],
    "changes_requested": [("submit", "author"), ("request_changes", "editor")],
    "approved": [("submit", "author"), ("approve", "editor")],
    "published": [("submit", "author"), ("approve", "editor"), ("publish", "editor")],
    "retracted": [("submit", "author"), ("approve", "editor"), ("publish", "editor"), ("retract", "editor")],
}


def ready_claim(author: User, **fields: object) -> Claim:
    """A draft with everything a verdict needs: rating, summary, a quote and a cited source."""
    values = {"rating": rating("false"), "summary": "Fighting continued in the region for weeks."} | fields
    claim = ClaimFactory(author=author, **values)
    ClaimAppearanceFactory(claim=claim)
    CitationFactory(claim=claim)
    return claim


def drive(claim: Claim, state: str, *, editor: User) -> Claim:
    """Take `claim` to `state` through the workflow, the author submitting and `editor` reviewing."""
    for action, who in PATHS[state]:
        actor = claim.author if who == "author" else editor
        claim = workflow.apply(claim=claim, action=action, actor=actor, comment=f"{action} in a test")
    return claim
