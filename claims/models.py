"""Who said what, and what it is worth: speakers, their quotes, the claims those quotes make, ratings.

Invariants that must hold whatever code writes the row live in PostgreSQL as named constraints; rules
that span rows of several models live in claims/services.py. Nothing here changes a claim's workflow
state: that belongs to the workflow module alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from claims.normalise import normalise_name, quote_fingerprint
from factcheck.models import Timestamped
from sources.models import LANGUAGE_TAG, Source, language_validator

WIKIDATA_QID = r"^Q[1-9][0-9]*$"


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


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
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.speaker.name}"

    def clean(self) -> None:
        self.alias = " ".join(self.alias.split())
        self.normalised = normalise_name(self.alias)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalised = normalise_name(self.alias)
        super().save(*args, **kwargs)


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct quotation"
    PARTIAL = "partial", "Partial quotation"
    PARAPHRASE = "paraphrase", "Paraphrase"


class QuotePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    UNKNOWN = "unknown", "Unknown"


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
        # clean() checks the words-per-speaker rule itself, to name the quote already logged; the
        # constraint stays in the database for the race between two reporters saving at once.
        super().validate_constraints(exclude={*(exclude or ()), "fingerprint"})

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


class Topic(Timestamped):
    """A subject that groups claims for readers and editors ("War in Ukraine", "Elections")."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ClaimState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class Claim(Timestamped):
    """A neutral, checkable statement that quotes make, and our fact-check of it."""

    State = ClaimState
    PUBLIC_STATES = (State.PUBLISHED, State.RETRACTED)

    statement = models.TextField(help_text="The claim in neutral words that can be checked.")
    slug = models.SlugField(max_length=120, unique=True, allow_unicode=True)
    first_appeared_on = models.DateField(null=True, blank=True, help_text="When the claim was first made.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    # Changed only by the workflow module, which records a review event for every change.
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    summary = models.TextField(blank=True, help_text="The verdict explained in a few sentences.")
    analysis = models.TextField(blank=True, help_text="The full fact-check, in Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_claims"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    always_validated = frozenset({"state", "version", "published_at"})

    class Meta:
        ordering = ["-published_at", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ClaimState.values),
                name="%(app_label)s_%(class)s_state_valid",
                violation_error_message="Unknown workflow state.",
            ),
            models.CheckConstraint(
                condition=Q(statement__regex=r"\S"),
                name="%(app_label)s_%(class)s_statement_not_blank",
                violation_error_message="A claim needs its statement.",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="%(app_label)s_%(class)s_version_positive",
                violation_error_message="Versions start at 1.",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["published", "retracted"])
                | Q(rating__isnull=False, published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_rating",
                violation_error_message="A published fact-check has a rating and a publication time.",
            ),
        ]
        indexes = [
            # Public lists: latest published fact-checks (home page, feeds, API default ordering).
            models.Index(fields=["state", "-published_at"], name="claims_claim_state_pub_idx"),
            # The desk: my drafts / my claims by state.
            models.Index(fields=["author", "state"], name="claims_claim_author_state_idx"),
            # The desk: assigned to me, by state.
            models.Index(fields=["assignee", "state"], name="claims_claim_assignee_idx"),
            # Speaker scorecards and ?rating= filters.
            models.Index(fields=["rating", "state"], name="claims_claim_rating_idx"),
            # Trigram index for "similar claims already exist" while drafting (statement % text).
            GinIndex(fields=["statement"], opclasses=["gin_trgm_ops"], name="claims_claim_statement_trgm"),
        ]

    def __str__(self) -> str:
        return self.statement if len(self.statement) <= 100 else self.statement[:99] + "…"

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES


class ClaimAppearanceStance(models.TextChoices):
    ASSERTS = "asserts", "Makes the claim"
    REPEATS = "repeats", "Repeats the claim"
    DISPUTES = "disputes", "Disputes the claim"


class ClaimAppearance(Timestamped):
    """A quote in which a claim is made, repeated or disputed."""

    Stance = ClaimAppearanceStance
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    quote = models.ForeignKey(Quote, on_delete=models.PROTECT, related_name="appearances")
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.ASSERTS)

    always_validated = frozenset({"claim"})

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "quote"],
                name="%(app_label)s_%(class)s_unique_quote_per_claim",
                violation_error_message="This quote is already attached to this claim.",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=ClaimAppearanceStance.values),
                name="%(app_label)s_%(class)s_stance_valid",
                violation_error_message="Unknown stance.",
            ),
        ]
        indexes = [
            # Which claims a quote appears in (visibility of quotes, speaker pages).
            models.Index(fields=["quote"], name="claims_appearance_quote_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.quote} — {self.get_stance_display().lower()}"


class CitationBearing(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    REFUTES = "refutes", "Refutes the claim"
    CONTEXT = "context", "Gives context"


class Citation(Timestamped):
    """A source used as evidence in a fact-check, and whether it supports or refutes the claim."""

    Bearing = CitationBearing
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    bearing = models.CharField(max_length=20, choices=Bearing.choices, default=Bearing.CONTEXT)
    note = models.TextField(blank=True, help_text="What this source shows.")

    always_validated = frozenset({"claim"})

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"],
                name="%(app_label)s_%(class)s_unique_source_per_claim",
                violation_error_message="This source is already cited in this fact-check.",
            ),
            models.CheckConstraint(
                condition=Q(bearing__in=CitationBearing.values),
                name="%(app_label)s_%(class)s_bearing_valid",
                violation_error_message="Unknown bearing.",
            ),
        ]
        indexes = [
            # Fact-checks that cite a source (source page, "where is this document used").
            models.Index(fields=["source"], name="claims_citation_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_bearing_display().lower()})"


class ClaimRelationKind(models.TextChoices):
    CONTRADICTS = "contradicts", "Contradicts"
    REBUTS = "rebuts", "Rebuts"
    SUPPORTS = "supports", "Supports"
    DUPLICATES = "duplicates", "Duplicates"


class ClaimRelation(Timestamped):
    """How two claims bear on each other: one contradicts, rebuts, supports or duplicates the other."""

    Kind = ClaimRelationKind
    COMPETING = (Kind.CONTRADICTS, Kind.REBUTS)

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    always_validated = frozenset({"from_claim"})

    class Meta:
        ordering = ["from_claim_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")),
                name="%(app_label)s_%(class)s_no_self_link",
                violation_error_message="A claim cannot be related to itself.",
            ),
            # One relation per pair of claims, whichever way round it was entered.
            models.UniqueConstraint(
                Least("from_claim", "to_claim"),
                Greatest("from_claim", "to_claim"),
                name="%(app_label)s_%(class)s_one_per_pair",
                violation_error_message="These two claims are already related.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimRelationKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
                violation_error_message="Unknown relation kind.",
            ),
        ]
        indexes = [
            # Relations pointing at a claim (competing-claims pages walk both directions).
            models.Index(fields=["to_claim"], name="claims_relation_to_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_claim} {self.get_kind_display().lower()} {self.to_claim}"
