"""Reads: what a person may see, and the desk's queues.

Visibility is decided here and nowhere else. Every list, detail page, API endpoint, filter, search and
feed starts from one of the `*_visible_to(user)` querysets, so a draft, a comment or a quote that no
published fact-check uses cannot leak through a path that forgot to filter.

- Newsroom staff (the Reporter and Editor groups, and superusers) see everything.
- Everyone else sees published and retracted fact-checks (retracted ones stay up, marked as such), and
  only the quotes, speakers, sources and outlets those fact-checks use. Review events, rating votes and
  comments are internal; corrections of public fact-checks are public.
"""

from __future__ import annotations

import datetime
import re

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from claims.extraction import CandidateQuote, KnownSpeaker, extract_quotes
from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    Comment,
    Correction,
    Quote,
    Rating,
    RatingVote,
    ReviewEvent,
    Speaker,
    SpeakerAlias,
)
from claims.normalise import normalise_name
from claims.roles import AnyUser, is_editor, is_newsroom_staff
from sources.models import Outlet, Source

PUBLIC_STATES = [Claim.State.PUBLISHED, Claim.State.RETRACTED]


def claims_visible_to(user: AnyUser) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    return claims if is_newsroom_staff(user) else claims.filter(state__in=PUBLIC_STATES)


def _public_appearances() -> QuerySet[ClaimAppearance]:
    return ClaimAppearance.objects.filter(claim__state__in=PUBLIC_STATES)


def quotes_visible_to(user: AnyUser) -> QuerySet[Quote]:
    quotes = Quote.objects.all()
    if is_newsroom_staff(user):
        return quotes
    return quotes.filter(Exists(_public_appearances().filter(quote=OuterRef("pk"))))


def claims_searchable_by(user: AnyUser) -> QuerySet[Claim]:
    """Where a search of `user`'s looks for claims: the same rows as `claims_visible_to`, written as the
    condition of the readers' partial search index (claims_claim_public_search_idx)."""
    return claims_visible_to(user)


def quotes_searchable_by(user: AnyUser) -> QuerySet[Quote]:
    """Where a search of `user`'s looks for quotes: for readers, the quotes whose `is_public` flag the
    database keeps true to `quotes_visible_to` (and that the partial index claims_quote_public_search_idx
    covers), because testing the rule's EXISTS on thousands of candidates would cost more than the
    search. Searches still fetch the rows they show through `quotes_visible_to`, so a flag gone wrong can
    hide a quote, never show one."""
    quotes = Quote.objects.all()
    return quotes if is_newsroom_staff(user) else quotes.filter(is_public=True)


def speakers_visible_to(user: AnyUser) -> QuerySet[Speaker]:
    speakers = Speaker.objects.all()
    if is_newsroom_staff(user):
        return speakers
    return speakers.filter(Exists(_public_appearances().filter(quote__speaker=OuterRef("pk"))))


def sources_visible_to(user: AnyUser) -> QuerySet[Source]:
    sources = Source.objects.all()
    if is_newsroom_staff(user):
        return sources
    cited = Citation.objects.filter(claim__state__in=PUBLIC_STATES, source=OuterRef("pk"))
    quoted = _public_appearances().filter(quote__source=OuterRef("pk"))
    return sources.filter(Exists(cited) | Exists(quoted))


def outlets_visible_to(user: AnyUser) -> QuerySet[Outlet]:
    outlets = Outlet.objects.all()
    if is_newsroom_staff(user):
        return outlets
    return outlets.filter(Exists(sources_visible_to(user).filter(outlet=OuterRef("pk"))))


def ratings_visible_to(user: AnyUser) -> QuerySet[Rating]:
    """The scales are the newsroom's published methodology: everyone may read them."""
    return Rating.objects.select_related("scale")


def corrections_visible_to(user: AnyUser) -> QuerySet[Correction]:
    corrections = Correction.objects.all()
    if is_newsroom_staff(user):
        return corrections
    return corrections.filter(claim__state__in=PUBLIC_STATES)


def review_events_visible_to(user: AnyUser) -> QuerySet[ReviewEvent]:
    events = ReviewEvent.objects.select_related("actor")
    return events if is_newsroom_staff(user) else events.none()


def rating_votes_visible_to(user: AnyUser) -> QuerySet[RatingVote]:
    votes = RatingVote.objects.select_related("voter", "rating__scale")
    return votes if is_newsroom_staff(user) else votes.none()


def comments_visible_to(user: AnyUser) -> QuerySet[Comment]:
    comments = Comment.objects.select_related("author")
    return comments if is_newsroom_staff(user) else comments.none()


# --- the desk's queues ----------------------------------------------------------------------------

OPEN_STATES = Claim.OPEN_STATES


def _desk(user: AnyUser) -> QuerySet[Claim]:
    return claims_visible_to(user).select_related("author", "assignee", "rating")


def claims_waiting_for_my_review(user: AnyUser) -> QuerySet[Claim]:
    """For an editor: claims in review or approved (awaiting publication) that someone else wrote,
    assigned to this editor or to nobody."""
    if not is_editor(user):
        return Claim.objects.none()
    return (
        _desk(user)
        .filter(state__in=[Claim.State.IN_REVIEW, Claim.State.APPROVED])
        .exclude(author_id=user.pk)
        .filter(Q(assignee_id=user.pk) | Q(assignee__isnull=True))
        .order_by("due_on", "created_at", "id")
    )


def claims_my_drafts(user: AnyUser) -> QuerySet[Claim]:
    if not user.is_authenticated:
        return Claim.objects.none()
    return _desk(user).filter(author_id=user.pk, state=Claim.State.DRAFT).order_by("-updated_at", "-id")


def claims_changes_requested_of(user: AnyUser) -> QuerySet[Claim]:
    if not user.is_authenticated:
        return Claim.objects.none()
    return (
        _desk(user)
        .filter(state=Claim.State.CHANGES_REQUESTED)
        .filter(Q(author_id=user.pk) | Q(assignee_id=user.pk))
        .order_by("due_on", "-updated_at", "id")
    )


def claims_assigned_to(user: AnyUser) -> QuerySet[Claim]:
    if not user.is_authenticated:
        return Claim.objects.none()
    return (
        _desk(user).filter(assignee_id=user.pk, state__in=OPEN_STATES).order_by("due_on", "-updated_at", "id")
    )


def claims_overdue(user: AnyUser, *, today: datetime.date | None = None) -> QuerySet[Claim]:
    """Open claims past their due date (served by the partial index claims_claim_overdue_idx)."""
    today = today or timezone.localdate()
    return _desk(user).filter(state__in=OPEN_STATES, due_on__lt=today).order_by("due_on", "id")


def speakers_named(name: str) -> list[Speaker]:
    """Every speaker whose name or an alias matches `name` (ignoring case, accents and spacing)."""
    key = normalise_name(name)
    if not key:
        return []
    by_alias = SpeakerAlias.objects.filter(normalised=key, speaker=OuterRef("pk"))
    return list(Speaker.objects.filter(Q(normalised_name=key) | Exists(by_alias)).order_by("name", "id"))


MAX_NAME_WORDS = 5
MAX_NAME_KEYS = 20_000


def speakers_mentioned_in(text: str) -> list[Speaker]:
    """Speakers whose name or an alias occurs in `text` (as whole words), with their aliases fetched:
    the known-speaker table for quote extraction, without loading every speaker of the archive."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    # Names carry a capital ("Putin", "the Kremlin", "V. Putin"): only word runs that hold one are tried,
    # which keeps the look-up to a few thousand keys even for a long article.
    runs = (
        words[start : start + size] for size in range(1, MAX_NAME_WORDS + 1) for start in range(len(words))
    )
    keys = {normalise_name(" ".join(run)) for run in runs if any(word[0].isupper() for word in run)}
    keys.discard("")
    keys = set(sorted(keys)[:MAX_NAME_KEYS])
    if not keys:
        return []
    named = SpeakerAlias.objects.filter(normalised__in=keys, speaker=OuterRef("pk"))
    return list(
        Speaker.objects.filter(Q(normalised_name__in=keys) | Exists(named))
        .prefetch_related("aliases")
        .order_by("id")
    )


def quotes_found_in(text: str) -> list[CandidateQuote]:
    """Every quotation in `text`, attributed, with the speakers the archive already knows matched."""
    known = [
        KnownSpeaker(
            id=speaker.pk,
            name=speaker.name,
            kind=speaker.kind,
            role=speaker.role or None,
            aliases=tuple(alias.alias for alias in speaker.aliases.all()),
        )
        for speaker in speakers_mentioned_in(text)
    ]
    return extract_quotes(text, speakers=known)
