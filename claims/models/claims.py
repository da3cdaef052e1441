"""Claims: the checkable statements, the quotes that make them, the sources that weigh on them, and
how claims bear on each other. Nothing here changes a claim's workflow state: only claims/workflow.py does."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from claims.models.quotes import Quote
from claims.models.ratings import Rating, Topic
from claims.search.vectors import claim_vector, statement_vector, vector_field
from factcheck.history import tracked
from factcheck.models import Timestamped
from factcheck.triggers import refuse
from sources.models import Source


class ClaimPriority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class ClaimState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


# Keeps Quote.is_public true to claims.selectors.quotes_visible_to for the quotes whose ids the calling
# trigger puts in `quote_ids`: public when a published or retracted fact-check uses the quote.
_REFRESH_PUBLIC_QUOTES = """
    UPDATE claims_quote q SET is_public = NOT q.is_public
    WHERE q.id = ANY(quote_ids)
      AND q.is_public IS DISTINCT FROM EXISTS (
        SELECT 1 FROM claims_claimappearance a JOIN claims_claim c ON c.id = a.claim_id
        WHERE a.quote_id = q.id AND c.state IN ('published', 'retracted'));
"""


def refresh_public_quotes(
    name: str, operation: pgtrigger.Operation, quote_ids: str, condition: pgtrigger.Condition | None = None
) -> pgtrigger.Trigger:
    """An AFTER row trigger refreshing Quote.is_public for the quotes `quote_ids` (SQL, may use NEW/OLD)."""
    return pgtrigger.Trigger(
        name=name,
        operation=operation,
        when=pgtrigger.After,
        condition=condition,
        declare=[("quote_ids", "bigint[]")],
        func=pgtrigger.Func(f"quote_ids := {quote_ids}; {_REFRESH_PUBLIC_QUOTES} RETURN NULL;"),
    )


# States of claims still being worked on (the desk's queues); the order matters to the partial index.
OPEN_STATES = ["draft", "in_review", "changes_requested", "approved"]


@tracked(untracked=("search_vector", "statement_vector"))
class Claim(Timestamped):
    """A neutral, checkable statement that quotes make, and our fact-check of it."""

    State = ClaimState
    Priority = ClaimPriority
    # The fields that make the verdict: changing one after approval sends the claim back to review, and
    # after publication needs a public correction.
    VERDICT_FIELDS = ("statement", "rating", "summary", "analysis")
    PUBLIC_STATES = (State.PUBLISHED, State.RETRACTED)
    OPEN_STATES = OPEN_STATES

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
    due_on = models.DateField(null=True, blank=True, help_text="When the fact-check should be ready.")
    priority = models.CharField(max_length=10, choices=ClaimPriority.choices, default=ClaimPriority.NORMAL)
    version = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When first published; kept if later retracted."
    )
    short_statement = models.CharField(
        max_length=75,
        blank=True,
        help_text=(
            "The form used as ClaimReview's claimReviewed when the statement is longer than 75 characters."
        ),
    )
    # A fact-check imported from another fact-checker's ClaimReview: the verdict is theirs, never ours.
    imported_from_url = models.URLField(
        max_length=2048, blank=True, help_text="The original fact-check, when imported from its ClaimReview."
    )
    imported_publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published the imported fact-check (its ClaimReview author).",
    )
    # Kept by PostgreSQL: statement, summary and analysis as a search vector (claims.search.vectors).
    search_vector = models.GeneratedField(
        expression=claim_vector(), output_field=vector_field(), db_persist=True
    )
    # Kept by PostgreSQL: the statement alone, for similar-claim matching (claims.search.similar).
    statement_vector = models.GeneratedField(
        expression=statement_vector(), output_field=vector_field(), db_persist=True
    )

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
                condition=Q(priority__in=ClaimPriority.values),
                name="%(app_label)s_%(class)s_priority_valid",
                violation_error_message="Unknown priority.",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["published", "retracted"])
                | Q(rating__isnull=False, published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_rating",
                violation_error_message="A published fact-check has a rating and a publication time.",
            ),
            # Importing the same ClaimReview again updates the claim it made; the URL names it once.
            models.UniqueConstraint(
                fields=["imported_from_url"],
                condition=~Q(imported_from_url=""),
                name="%(app_label)s_%(class)s_unique_imported_url",
                violation_error_message="A fact-check imported from this URL already exists.",
            ),
        ]
        indexes = [
            # Public lists: latest published fact-checks (home page, feeds, API default ordering).
            models.Index(fields=["state", "-published_at"], name="claims_claim_state_pub_idx"),
            # …in the lists' own order, so a page is read off the index instead of sorting every
            # published fact-check (0.1 ms instead of 300 ms on a 200,000-claim archive).
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(state__in=["published", "retracted"]),
                name="claims_claim_public_latest_idx",
            ),
            # The desk: my drafts / my claims by state.
            models.Index(fields=["author", "state"], name="claims_claim_author_state_idx"),
            # The desk: assigned to me, by state.
            models.Index(fields=["assignee", "state"], name="claims_claim_assignee_idx"),
            # Speaker scorecards and ?rating= filters.
            models.Index(fields=["rating", "state"], name="claims_claim_rating_idx"),
            # Trigram index for "similar claims already exist" while drafting (statement % text).
            GinIndex(fields=["statement"], opclasses=["gin_trgm_ops"], name="claims_claim_statement_trgm"),
            # Ranked search and similar claims, for the newsroom (every claim)…
            GinIndex(fields=["search_vector"], name="claims_claim_search_idx"),
            # …and for readers: published and retracted fact-checks only.
            GinIndex(
                fields=["search_vector"],
                condition=Q(state__in=["published", "retracted"]),
                name="claims_claim_public_search_idx",
            ),
            # Similar claims ("checked already?"), on statements: the newsroom's and readers'.
            GinIndex(fields=["statement_vector"], name="claims_claim_stmt_idx"),
            GinIndex(
                fields=["statement_vector"],
                condition=Q(state__in=["published", "retracted"]),
                name="claims_claim_pub_stmt_idx",
            ),
            # The desk's "overdue": open claims past their due date.
            models.Index(
                fields=["due_on"],
                condition=Q(state__in=OPEN_STATES, due_on__isnull=False),
                name="claims_claim_overdue_idx",
            ),
        ]
        triggers = [
            refuse(
                name="created_as_draft",
                operation=pgtrigger.Insert,
                unless="NEW.state = 'draft' AND NEW.published_at IS NULL",
                message="A claim starts as a draft; only the review workflow moves it on.",
            ),
            refuse(
                name="state_change_needs_event",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition("OLD.state IS DISTINCT FROM NEW.state"),
                unless=(
                    "EXISTS (SELECT 1 FROM claims_reviewevent e WHERE e.claim_id = NEW.id "
                    "AND e.to_state = NEW.state AND e.version = NEW.version)"
                ),
                message="A claim's state changes only through the review workflow, which records each step.",
            ),
            refuse(
                name="public_change_needs_correction",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "OLD.state IN ('published', 'retracted') AND NEW.state = OLD.state AND ("
                    "OLD.statement IS DISTINCT FROM NEW.statement "
                    "OR OLD.rating_id IS DISTINCT FROM NEW.rating_id "
                    "OR OLD.summary IS DISTINCT FROM NEW.summary "
                    "OR OLD.analysis IS DISTINCT FROM NEW.analysis)"
                ),
                unless=(
                    "EXISTS (SELECT 1 FROM claims_correction c "
                    "WHERE c.claim_id = NEW.id AND c.version = NEW.version)"
                ),
                message=(
                    "A published fact-check's statement, rating, summary or analysis changes only with "
                    "a correction."
                ),
            ),
            refuse(
                name="published_never_deleted",
                operation=pgtrigger.Delete,
                unless="OLD.published_at IS NULL",
                message="A fact-check that was ever published cannot be deleted; retract it instead.",
            ),
            refresh_public_quotes(
                name="refresh_public_quotes",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "((OLD.state IN ('published', 'retracted')) IS DISTINCT FROM "
                    "(NEW.state IN ('published', 'retracted')))"
                ),
                quote_ids="ARRAY(SELECT quote_id FROM claims_claimappearance WHERE claim_id = NEW.id)",
            ),
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


@tracked
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
        triggers = [
            # OLD is NULL on insert and NEW on delete: the array holds the quotes on both sides.
            refresh_public_quotes(
                name="refresh_public_quotes",
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                quote_ids="ARRAY[OLD.quote_id, NEW.quote_id]",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quote} — {self.get_stance_display().lower()}"


class CitationBearing(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    REFUTES = "refutes", "Refutes the claim"
    CONTEXT = "context", "Gives context"


@tracked
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


@tracked
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
