"""Abstract model pieces shared by the apps. No concrete model may live here."""

from __future__ import annotations

from collections.abc import Collection
from typing import ClassVar

from django.db import models


class Timestamped(models.Model):
    """Adds when a row was created and last changed."""

    # Fields the model computes itself (a canonical URL, a normalised name, the workflow state). Forms
    # leave them out, and Django then skips the constraints that mention them; they must still be checked
    # before saving, or the database refuses the row with a 500 instead of a message on the form.
    derived_fields: ClassVar[frozenset[str]] = frozenset()

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        super().validate_constraints(exclude=set(exclude or ()) - self.derived_fields)
