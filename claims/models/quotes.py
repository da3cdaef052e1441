"""Quotes: a speaker's exact words, when, where and in which source."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from claims.models.speakers import Speaker
from claims.normalise import quote_fingerprint
from claims.search.vectors import quote_vector, vector_field
from factcheck.history import tracked
from factcheck.models import Timestamped
from sources.models import LANGUAGE_TAG, Source, language_validator


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct quotation"
    PARTIAL = "partial", "Partial quotation"
    PARAPHRASE = "paraphrase", "Paraphrase"


class QuotePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


@tracked(untracked=("search_vector", "is_public"))
class Quote(Timestamped):
    """A speaker's exact words (or a paraphrase, marked as such): when, where and in which source."""

    Kind = QuoteKind
    Precision = QuotePrecision
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="quotes")
    text = models.TextField(help_text="The words exactly as said, without the outer quotation marks.")
    fingerprint = models.CharField(max_length=64, editable=False)
    original_text = models.TextField(blank=True, help_text="The words in the language they were said in.")
    original_language = models.CharField(max_length=35, blank=True, validators=[language_validator])
    said_on = models.DateField(null=True, blank=True)
    said_on_precision = models.CharField(
        "precision of the date", max_length=10, choices=Precision.choices, default=Precision.UNKNOWN
    )
    venue = models.CharField(
        "how or where said", max_length=200, blank=True, help_text='e.g. "state media", "Truth Social post".'
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="The document in which we found the quote.",
    )
    location = models.CharField(
        "location in the source",
        max_length=100,
        blank=True,
        help_text='Paragraph or timecode: "¶21", "00:14:05".',
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DIRECT)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logged_quotes",
    )
    # Kept by PostgreSQL: the words as a search vector (claims.search.vectors), and whether a published
    # or retracted fact-check uses the quote (triggers on claims and their appearances keep it true to
    # claims.selectors.quotes_visible_to; it only narrows searches, the selector still decides).
    search_vector = models.GeneratedField(
        expression=quote_vector(), output_field=vector_field(), db_persist=True
    )
    is_public = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-said_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "fingerprint"],
                name="%(app_label)s_%(class)s_unique_words_per_speaker",
                violation_error_message="This speaker's quote with these words is already logged.",
            ),
            models.CheckConstraint(
                condition=Q(text__regex=r"\S"),
                name="%(app_label)s_%(class)s_text_not_blank",
                violation_error_message="A quote needs its words.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QuoteKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown quote kind.",
            ),
            models.CheckConstraint(
                condition=Q(said_on_precision__in=QuotePrecision.values),
                name="%(app_label)s_%(class)s_precision_valid",
                violation_error_message="Unknown date precision.",
            ),
            # A date is stored at its precision's first day, so "April 2025" sorts and compares as one day.
            models.CheckConstraint(
                condition=(
                    ~Q(said_on_precision__in=QuotePrecision.values)  # left to ..._precision_valid
                    | Q(said_on_precision="unknown", said_on__isnull=True)
                    | Q(said_on_precision="day", said_on__isnull=False)
                    | Q(said_on_precision="month", said_on__day=1)
                    | Q(said_on_precision="year", said_on__day=1, said_on__month=1)
                ),
                name="%(app_label)s_%(class)s_date_matches_precision",
                violation_error_message=(
                    "The date does not match its precision: give a date unless the precision is unknown; "
                    "a month is stored as its first day, a year as 1 January."
                ),
            ),
            models.CheckConstraint(
                condition=Q(original_text="", original_language="")
                | (Q(original_text__regex=r"\S") & Q(original_language__regex=LANGUAGE_TAG)),
                name="%(app_label)s_%(class)s_original_has_language",
                violation_error_message=(
                    "Original-language words need their language, and a language needs words."
                ),
            ),
        ]
        indexes = [
            # A speaker's quotes, newest first (speaker page, API ?speaker=).
            models.Index(fields=["speaker", "-said_on", "-id"], name="claims_quote_speaker_date_idx"),
            # Quotes found in one source (source page, extraction "already logged").
            models.Index(fields=["source"], name="claims_quote_source_idx"),
            # The desk's "quotes I logged".
            models.Index(fields=["logged_by", "-created_at"], name="claims_quote_logger_idx"),
            # Ranked search and similar quotes, for the newsroom (every quote)…
            GinIndex(fields=["search_vector"], name="claims_quote_search_idx"),
            # …and for readers: only quotes published fact-checks use, a few per cent of the archive.
            GinIndex(
                fields=["search_vector"], condition=Q(is_public=True), name="claims_quote_public_search_idx"
            ),
        ]

    def __str__(self) -> str:
        words = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.speaker.name}: “{words}”" if self.speaker_id else f"“{words}”"

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Words that are only whitespace are no words: report them as a blank field.
        self.text = self.text.strip()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        self.fingerprint = quote_fingerprint(self.text)
        self.said_on = self.floor_to_precision(self.said_on, self.said_on_precision)
        if self.said_on_precision != Quote.Precision.UNKNOWN and self.said_on is None:
            raise ValidationError({"said_on": "Give the date, or set the precision to unknown."})
        if self.said_on_precision == Quote.Precision.UNKNOWN and self.said_on is not None:
            raise ValidationError({"said_on_precision": "Say how precise the date is."})
        if bool(self.original_text.strip()) != bool(self.original_language):
            field = "original_language" if self.original_text.strip() else "original_text"
            raise ValidationError({field: "Original-language words and their language go together."})
        duplicate = self.find_duplicate()
        if duplicate is not None:
            raise ValidationError({"text": self.duplicate_message(duplicate)}, code="duplicate_quote")

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # clean() checks two rules itself: words-per-speaker, to name the quote already logged, and the
        # date's precision, because Django's check of that constraint would send PostgreSQL an untyped
        # NULL date to EXTRACT from, which fails and spoils the transaction. Both constraints stay in
        # the database, for any write that bypasses validation.
        super().validate_constraints(exclude={*(exclude or ()), "fingerprint", "said_on"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fingerprint = quote_fingerprint(self.text)
        super().save(*args, **kwargs)

    def find_duplicate(self) -> Quote | None:
        """The already-logged quote of the same speaker with the same words, if any."""
        if self.speaker_id is None:
            return None
        fingerprint = quote_fingerprint(self.text)
        return (
            Quote.objects.filter(speaker_id=self.speaker_id, fingerprint=fingerprint)
            .exclude(pk=self.pk)
            .select_related("speaker")
            .first()
        )

    @staticmethod
    def duplicate_message(existing: Quote) -> str:
        return f"Already logged as quote #{existing.pk}: {existing}"

    @staticmethod
    def floor_to_precision(day: datetime.date | None, precision: str) -> datetime.date | None:
        if day is None:
            return None
        if precision == Quote.Precision.MONTH:
            return day.replace(day=1)
        if precision == Quote.Precision.YEAR:
            return day.replace(month=1, day=1)
        return day

    @property
    def said_when(self) -> str:
        """The date at its precision, as a reader should see it: "26 April 2025", "April 2025", "2025"."""
        if self.said_on is None:
            return "date unknown"
        if self.said_on_precision == Quote.Precision.YEAR:
            return str(self.said_on.year)
        if self.said_on_precision == Quote.Precision.MONTH:
            return f"{self.said_on:%B %Y}"
        return f"{self.said_on.day} {self.said_on:%B %Y}"
