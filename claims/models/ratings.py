"""Rating scales and their verdicts, and the topics that group claims."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from factcheck.history import tracked
from factcheck.models import Timestamped


@tracked
class RatingScale(Timestamped):
    """A newsroom's ordered set of verdicts (True … False); ClaimReview's best and worst come from it."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    is_default = models.BooleanField(default=False, help_text="The scale new claims are rated on.")

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="%(app_label)s_%(class)s_one_default",
                violation_error_message="Only one rating scale can be the default.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@tracked
class Rating(Timestamped):
    """One verdict on a scale, with the definition readers see beside it."""

    scale = models.ForeignKey(RatingScale, on_delete=models.PROTECT, related_name="ratings")
    label = models.CharField(max_length=100)
    slug = models.SlugField(max_length=80)
    value = models.PositiveSmallIntegerField(help_text="Position on the scale; higher is truer.")
    description = models.TextField(help_text="What this verdict means, in words a reader understands.")
    colour = models.CharField(
        max_length=7,
        default="#6b7280",
        validators=[RegexValidator(r"^#[0-9a-f]{6}$", "Use a colour such as #1a7f37 (lower-case hex).")],
    )

    class Meta:
        ordering = ["scale_id", "-value", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scale", "slug"],
                name="%(app_label)s_%(class)s_unique_slug_per_scale",
                violation_error_message="This scale already has a rating with this slug.",
            ),
            models.UniqueConstraint(
                fields=["scale", "label"],
                name="%(app_label)s_%(class)s_unique_label_per_scale",
                violation_error_message="This scale already has a rating with this label.",
            ),
            models.UniqueConstraint(
                fields=["scale", "value"],
                name="%(app_label)s_%(class)s_unique_value_per_scale",
                violation_error_message="This scale already has a rating at this position.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1),
                name="%(app_label)s_%(class)s_value_positive",
                violation_error_message="Positions on a scale start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-f]{6}$"),
                name="%(app_label)s_%(class)s_colour_hex",
                violation_error_message="Use a colour such as #1a7f37 (lower-case hex).",
            ),
        ]

    def __str__(self) -> str:
        return self.label


@tracked
class Topic(Timestamped):
    """A subject that groups claims for readers and editors ("War in Ukraine", "Elections")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
