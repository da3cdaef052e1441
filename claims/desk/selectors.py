"""Reads for the desk: the dashboard's queues, the filtered lists and a claim's workspace.

Everything starts from the visibility selectors and queues in claims/selectors.py; this module only
adds the related rows each page shows, so a page costs the same number of queries whatever its length.
Reads only: never writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet

from claims import selectors
from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation, Quote
from claims.roles import AnyUser, is_editor
from sources.models import Source

QUEUE_LENGTH = 5


@dataclass(frozen=True)
class Queue:
    key: str
    title: str
    claims: list[Claim]
    count: int
    link: str  # the claims list's query string that shows the whole queue


def recently_published(user: AnyUser) -> QuerySet[Claim]:
    return (
        selectors.claims_visible_to(user)
        .filter(state=Claim.State.PUBLISHED)
        .select_related("author", "assignee", "rating")
        .order_by("-published_at", "-id")
    )


QUEUES = (
    ("drafts", "My drafts", selectors.claims_my_drafts),
    ("review", "Waiting for my review", selectors.claims_waiting_for_my_review),
    ("changes", "Changes requested of me", selectors.claims_changes_requested_of),
    ("overdue", "Overdue", selectors.claims_overdue),
    ("assigned", "Assigned to me", selectors.claims_assigned_to),
    ("published", "Recently published", recently_published),
)


def queue(user: AnyUser, key: str) -> QuerySet[Claim]:
    for name, _, query in QUEUES:
        if name == key:
            return query(user)
    raise KeyError(key)


def dashboard(user: AnyUser) -> list[Queue]:
    """Each queue's size and its first few claims: two queries a queue, whatever their length. Reporters
    have no review queue."""
    return [
        Queue(key, title, list(query(user)[:QUEUE_LENGTH]), query(user).count(), f"?queue={key}")
        for key, title, query in QUEUES
        if key != "review" or is_editor(user)  # reviewing is an editor's queue
    ]


def claims_list(user: AnyUser, filters: dict[str, Any]) -> QuerySet[Claim]:
    """The desk's claim list with the filters of its form (already validated)."""
    claims = (
        queue(user, filters["queue"])
        if filters.get("queue")
        else selectors.claims_visible_to(user)
        .select_related("author", "assignee", "rating")
        .order_by("-updated_at", "-id")
    )
    if filters.get("state"):
        claims = claims.filter(state=filters["state"])
    if filters.get("rating"):
        claims = claims.filter(rating=filters["rating"])
    if filters.get("author"):
        claims = claims.filter(author=filters["author"])
    for word in (filters.get("q") or "").split():
        claims = claims.filter(Q(statement__icontains=word) | Q(summary__icontains=word))
    return claims


def quotes_list(user: AnyUser, filters: dict[str, Any]) -> QuerySet[Quote]:
    quotes = (
        selectors.quotes_visible_to(user)
        .select_related("speaker", "source__outlet", "logged_by")
        .order_by("-created_at", "-id")
    )
    if filters.get("speaker"):
        quotes = quotes.filter(speaker=filters["speaker"])
    if filters.get("kind"):
        quotes = quotes.filter(kind=filters["kind"])
    for word in (filters.get("q") or "").split():
        quotes = quotes.filter(Q(text__icontains=word) | Q(speaker__name__icontains=word))
    return quotes


def sources_list(user: AnyUser, filters: dict[str, Any]) -> QuerySet[Source]:
    # The text snapshot can be a whole article: the list only needs to know whether there is one.
    has_text = ExpressionWrapper(~Q(text=""), output_field=BooleanField())
    sources = (
        selectors.sources_visible_to(user)
        .select_related("outlet")
        .defer("text")
        .annotate(has_text=has_text)
        .order_by("-created_at", "-id")
    )
    if filters.get("outlet"):
        sources = sources.filter(outlet=filters["outlet"])
    for word in (filters.get("q") or "").split():
        sources = sources.filter(Q(title__icontains=word) | Q(canonical_url__icontains=word))
    return sources


def claim_workspace(user: AnyUser, pk: int) -> Claim | None:
    """A claim with everything its workspace shows, fetched in a fixed number of queries."""
    appearances = ClaimAppearance.objects.select_related("quote__speaker", "quote__source__outlet").order_by(
        "id"
    )
    return (
        selectors.claims_visible_to(user)
        .select_related("author", "assignee", "rating__scale")
        .prefetch_related(
            Prefetch("appearances", queryset=appearances),
            Prefetch("citations", queryset=_citations()),
            Prefetch(
                "relations_from",
                queryset=ClaimRelation.objects.select_related("to_claim__rating").order_by("id"),
            ),
            Prefetch(
                "relations_to",
                queryset=ClaimRelation.objects.select_related("from_claim__rating").order_by("id"),
            ),
            Prefetch("corrections", queryset=selectors.corrections_visible_to(user).order_by("created_at")),
        )
        .filter(pk=pk)
        .first()
    )


def _citations() -> QuerySet[Citation]:
    return Citation.objects.select_related("source__outlet").order_by("id")
