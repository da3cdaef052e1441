"""Speakers and the other names they go by."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from claims.normalise import normalise_name
from factcheck.history import tracked
from factcheck.models import Timestamped

WIKIDATA_QID = r"^Q[1-9][0-9]*$"


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


@tracked
class Speaker(Timestamped):
    """A person or an organisation whose public statements we log and check."""

    Kind = SpeakerKind
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(max_length=200, help_text="Full name as the newsroom writes it.")
    normalised_name = models.CharField(max_length=200, editable=False, db_index=False)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)
    role = models.CharField(
        max_length=200, blank=True, help_text='Office or job, e.g. "President of Russia".'
    )
    description = models.TextField(blank=True)
    affiliation = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": "organisation"},
        help_text="The organisation this speaker belongs to or speaks for.",
    )
    wikidata_qid = models.CharField(
        "Wikidata ID",
        max_length=20,
        blank=True,
        validators=[RegexValidator(WIKIDATA_QID, "A Wikidata ID looks like Q7747.")],
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_qid"],
                condition=~Q(wikidata_qid=""),
                name="%(app_label)s_%(class)s_unique_wikidata_qid",
                violation_error_message="Another speaker already has this Wikidata ID.",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=WIKIDATA_QID),
                name="%(app_label)s_%(class)s_wikidata_qid_format",
                violation_error_message="A Wikidata ID looks like Q7747.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SpeakerKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown speaker kind.",
            ),
            models.CheckConstraint(
                condition=~Q(affiliation=F("id")),
                name="%(app_label)s_%(class)s_not_own_affiliation",
                violation_error_message="A speaker cannot be affiliated with itself.",
            ),
            models.CheckConstraint(
                condition=Q(name__regex=r"\S"),
                name="%(app_label)s_%(class)s_name_not_blank",
                violation_error_message="A speaker needs a name.",
            ),
        ]
        indexes = [
            # Name resolution: speaker by exact normalised name (quote logging, extraction).
            models.Index(fields=["normalised_name"], name="claims_speaker_norm_name_idx"),
            # Fuzzy look-up as people type a name ("Shyriaev", "V. Putin"): trigram similarity.
            GinIndex(fields=["normalised_name"], opclasses=["gin_trgm_ops"], name="claims_speaker_name_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Tidy what people paste ("q7747 ") before the format is checked.
        self.wikidata_qid = self.wikidata_qid.strip().upper()
        self.name = " ".join(self.name.split())
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        self.normalised_name = normalise_name(self.name)
        if self.affiliation_id is not None:
            if self.pk is not None and self.affiliation_id == self.pk:
                raise ValidationError({"affiliation": "A speaker cannot be affiliated with itself."})
            affiliation = self.affiliation
            if affiliation is not None and affiliation.kind != Speaker.Kind.ORGANISATION:
                raise ValidationError({"affiliation": "The affiliation must be an organisation."})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised_name = normalise_name(self.name)
        super().save(*args, **kwargs)


@tracked
class SpeakerAlias(Timestamped):
    """Another name a speaker goes by in the press ("Vlad", "Putin"), used to recognise them."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, editable=False)

    always_validated = frozenset({"normalised", "speaker"})

    class Meta:
        ordering = ["speaker_id", "alias", "id"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "normalised"],
                name="%(app_label)s_%(class)s_unique_per_speaker",
                violation_error_message="This speaker already has this alias (ignoring case and accents).",
            ),
            models.CheckConstraint(
                condition=~Q(normalised=""),
                name="%(app_label)s_%(class)s_not_blank",
                violation_error_message="An alias cannot be blank.",
            ),
        ]
        indexes = [
            # Name resolution: every speaker known by this alias ("Putin" → candidates).
            models.Index(fields=["normalised"], name="claims_alias_normalised_idx"),
            # Fuzzy look-up through aliases ("Zelenskyy", "Vlad").
            GinIndex(fields=["normalised"], opclasses=["gin_trgm_ops"], name="claims_alias_normalised_trgm"),
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.speaker.name}"

    def clean(self) -> None:
        self.alias = " ".join(self.alias.split())
        self.normalised = normalise_name(self.alias)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised = normalise_name(self.alias)
        super().save(*args, **kwargs)
