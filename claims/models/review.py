"""The review of claims: the workflow's event log, rating-panel votes, public corrections and the
desk's internal comments.

Review events and corrections are append-only (database triggers refuse updates and deletes): they are
the record of who decided what. Only claims/workflow.py writes review events.
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q

from claims.models.claims import Claim, ClaimState
from claims.models.ratings import Rating
from factcheck.history import tracked
from factcheck.models import Timestamped
from factcheck.triggers import refuse


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", "Submitted for review"
    REQUEST_CHANGES = "request_changes", "Requested changes"
    APPROVE = "approve", "Approved"
    PUBLISH = "publish", "Published"
    RETRACT = "retract", "Retracted"
    REOPEN = "reopen", "Reopened"
    RETURN_TO_REVIEW = "return_to_review", "Changed after approval: back to review"


@tracked
class ReviewEvent(models.Model):
    """One step of a claim through review: who moved it from which state to which, when, and why."""

    Action = ReviewAction

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="review_events")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_state = models.CharField(max_length=20, choices=ClaimState.choices)
    to_state = models.CharField(max_length=20, choices=ClaimState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_events"
    )
    comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(help_text="The claim's version after this step.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ReviewAction.values),
                name="%(app_label)s_%(class)s_action_valid",
                violation_error_message="Unknown review action.",
            ),
            models.UniqueConstraint(
                fields=["claim", "version"],
                name="%(app_label)s_%(class)s_one_per_version",
                violation_error_message="This version of the claim already has a review event.",
            ),
        ]
        triggers = [
            refuse(
                name="append_only",
                operation=pgtrigger.Update,
                message="Review events are a record: they are never edited.",
            ),
        ]
        # The claim's timeline is read through the (claim, version) unique index.

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor} (v{self.version})"


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    """A public note on a published fact-check, recorded with the change it explains."""

    Kind = CorrectionKind

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.TextField(help_text="Shown to readers: what changed and why.")
    changed_fields = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="corrections")
    version = models.PositiveIntegerField(help_text="The claim's version after the change.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown kind of correction.",
            ),
            models.CheckConstraint(
                condition=Q(note__regex=r"\S"),
                name="%(app_label)s_%(class)s_note_not_blank",
                violation_error_message="A correction tells readers what changed.",
            ),
            models.UniqueConstraint(
                fields=["claim", "version"],
                name="%(app_label)s_%(class)s_one_per_version",
                violation_error_message="This version of the claim already has a correction.",
            ),
        ]
        triggers = [
            refuse(
                name="append_only_update",
                operation=pgtrigger.Update,
                message="Corrections are public record: they are never edited.",
            ),
            refuse(
                name="append_only_delete",
                operation=pgtrigger.Delete,
                message="Corrections are public record: they are never deleted.",
            ),
        ]
        # The public corrections log is read through the (claim, version) unique index.

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (v{self.version}): {self.note[:60]}"


@tracked
class RatingVote(Timestamped):
    """One editor's vote on a claim's rating, when the newsroom rates by panel (RATING_PANEL_SIZE > 1)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="rating_votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rating_votes")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="votes")
    reason = models.CharField(max_length=500, help_text="Why this rating, in a sentence or two.")

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "voter"],
                name="%(app_label)s_%(class)s_one_per_voter",
                violation_error_message="This editor has already voted on this claim; change that vote.",
            ),
            models.CheckConstraint(
                condition=Q(reason__regex=r"\S"),
                name="%(app_label)s_%(class)s_reason_not_blank",
                violation_error_message="Give a short reason for the rating.",
            ),
        ]
        # Votes on a claim are read through the (claim, voter) unique index.

    def __str__(self) -> str:
        return f"{self.voter}: {self.rating}"


@tracked
class Comment(Timestamped):
    """Internal discussion of a claim on the desk; never shown to readers."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_comments"
    )
    body = models.TextField()

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body__regex=r"\S"),
                name="%(app_label)s_%(class)s_body_not_blank",
                violation_error_message="A comment needs some words.",
            ),
        ]
        indexes = [
            # A claim's comment thread, oldest first.
            models.Index(fields=["claim", "created_at"], name="claims_comment_thread_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:60]}"
