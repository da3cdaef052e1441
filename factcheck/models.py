"""Abstract model pieces shared by the apps. No concrete model may live here."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models


class Timestamped(models.Model):
    """Adds when a row was created and last changed."""

    # Fields a form leaves out of validation although the row's constraints depend on them: values the
    # model computes itself (a canonical URL, a normalised alias, the workflow state) and the parent's key
    # in an inline form. Django skips every constraint that mentions an excluded field; these must still
    # be checked, or the database refuses the row with a 500 instead of a message on the form.
    always_validated: ClassVar[frozenset[str]] = frozenset()

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        super().validate_constraints(exclude=set(exclude or ()) - self.always_validated)


def refuse_unknown_fields(changes: dict[str, Any], allowed: frozenset[str]) -> None:
    """For update services: a field outside `allowed` is refused by name rather than silently set."""
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be changed here."))
