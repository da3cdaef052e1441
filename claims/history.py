"""Reading the record that the history triggers keep: a claim's versions, the difference between any
two of them, and bringing back a row that was deleted by mistake.

Reads only, except `restore_deleted`, which re-inserts a row exactly as it was when deleted (the
re-insertion is itself recorded). The events are written by the database, never by this module.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import pghistory
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from pghistory.models import Event

from claims.models import Claim

# What a reader of the history cares about; bookkeeping columns stay out of the comparison.
CLAIM_HISTORY_FIELDS = (
    "statement",
    "state",
    "rating",
    "summary",
    "analysis",
    "first_appeared_on",
    "assignee",
    "due_on",
    "priority",
    "version",
)


def event_model(model: type[models.Model]) -> Any:
    """The history table of a tracked model (<Model>Event, beside it)."""
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


def claim_versions(claim: Claim) -> list[Event]:
    """Every recorded state of the claim, oldest first, with who made the change when known."""
    events: Any = event_model(Claim).objects.filter(pgh_obj_id=claim.pk).select_related("pgh_context")
    return list(events.order_by("pgh_created_at", "pgh_id"))


def event_author(event: Event) -> str:
    context = getattr(event, "pgh_context", None)
    user_id = (context.metadata or {}).get("user") if context is not None else None
    if user_id is None:
        return "unknown (a change made outside the application)"
    user = User.objects.filter(pk=user_id).first()
    return user.get_username() if user else f"user #{user_id}"


@dataclass(frozen=True)
class FieldDiff:
    field: str
    before: str
    after: str

    @property
    def html(self) -> SafeString:
        """The change word by word: removed words in <del>, added words in <ins>, the rest as it was."""
        old, new = self.before.split(" "), self.after.split(" ")
        pieces: list[str] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                pieces.append(escape(" ".join(old[a1:a2])))
                continue
            if a2 > a1:
                pieces.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
            if b2 > b1:
                pieces.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
        return mark_safe(" ".join(pieces))  # noqa: S308 - every piece is escaped above


def _shown(event: Event, field: str) -> str:
    value: Any = getattr(event, f"{field}_id" if field in ("rating", "assignee") else field)
    if value is None:
        return ""
    if field == "rating":
        return str(apps.get_model("claims", "Rating").objects.filter(pk=value).first() or f"rating #{value}")
    if field == "assignee":
        user = User.objects.filter(pk=value).first()
        return user.get_username() if user else f"user #{value}"
    return str(value)


def diff_versions(older: Event, newer: Event) -> list[FieldDiff]:
    """The fields that differ between two recorded versions of a claim."""
    changes = []
    for field in CLAIM_HISTORY_FIELDS:
        before, after = _shown(older, field), _shown(newer, field)
        if before != after:
            changes.append(FieldDiff(field, before, after))
    return changes


@transaction.atomic
def restore_deleted(model: type[models.Model], pk: int, *, actor: User | None = None) -> models.Model:
    """Re-insert a deleted row from its last recorded state. Refuses if the row exists or was never kept.

    Rows are restored one at a time, parents first (a claim, then its appearances and citations).
    """
    if model._default_manager.filter(pk=pk).exists():
        raise ValidationError(f"{model._meta.verbose_name} #{pk} exists: there is nothing to restore.")
    try:
        event = event_model(model).objects.filter(pgh_obj_id=pk, pgh_label="delete").latest("pgh_created_at")
    except ObjectDoesNotExist:
        raise ValidationError(
            f"No deleted {model._meta.verbose_name} #{pk} is recorded in history."
        ) from None
    values = {
        field.attname: getattr(event, field.attname)
        for field in model._meta.concrete_fields
        if hasattr(event, field.attname)
    }
    if model is Claim:
        # Its review events went with it: it comes back as a draft, to be reviewed again.
        values["state"] = Claim.State.DRAFT
    row = model(**values)
    with pghistory.context(user=actor.pk if actor else None, action="restore"):
        row.full_clean()
        row.save(force_insert=True)
    return row
