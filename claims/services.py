"""Writes for speakers, quotes and claims. Views, the admin's actions, commands and the API call these.

Every function takes keyword-only arguments, validates with full_clean() and runs in a transaction, so a
refused write leaves nothing behind. Nothing here changes a claim's workflow state.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation, Quote, Speaker, SpeakerAlias, Topic
from claims.normalise import normalise_name
from factcheck.slugs import unique_slug
from sources.models import Source


class DuplicateQuote(ValidationError):
    """The speaker's quote with these words is already logged; `existing` is that quote."""

    def __init__(self, existing: Quote) -> None:
        super().__init__({"text": Quote.duplicate_message(existing)}, code="duplicate_quote")
        self.existing = existing


@transaction.atomic
def speaker_create(
    *,
    name: str,
    kind: str = Speaker.Kind.PERSON,
    role: str = "",
    description: str = "",
    wikidata_qid: str = "",
    affiliation: Speaker | None = None,
    aliases: Iterable[str] = (),
) -> Speaker:
    speaker = Speaker(
        name=name,
        kind=kind,
        role=role.strip(),
        description=description.strip(),
        wikidata_qid=wikidata_qid,
        affiliation=affiliation,
        slug=unique_slug(Speaker.objects.all(), name),
    )
    speaker.full_clean()
    speaker.save()
    for alias in aliases:
        speaker_alias_add(speaker=speaker, alias=alias)
    return speaker


@transaction.atomic
def speaker_alias_add(*, speaker: Speaker, alias: str) -> SpeakerAlias:
    """Add an alias, or return the speaker's existing one that differs only in case or accents."""
    existing = speaker.aliases.filter(normalised=normalise_name(alias)).first()
    if existing is not None:
        return existing
    row = SpeakerAlias(speaker=speaker, alias=alias)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def quote_log(
    *,
    speaker: Speaker,
    text: str,
    kind: str = Quote.Kind.DIRECT,
    source: Source | None = None,
    said_on: datetime.date | None = None,
    said_on_precision: str = Quote.Precision.UNKNOWN,
    venue: str = "",
    location: str = "",
    original_text: str = "",
    original_language: str = "",
    logged_by: User | None = None,
) -> Quote:
    """Log a speaker's words. Raises DuplicateQuote, naming the existing quote, if they are logged already."""
    quote = Quote(
        speaker=speaker,
        text=text,
        kind=kind,
        source=source,
        said_on=said_on,
        said_on_precision=said_on_precision,
        venue=venue.strip(),
        location=location.strip(),
        original_text=original_text.strip(),
        original_language=original_language.strip(),
        logged_by=logged_by,
    )
    duplicate = quote.find_duplicate()
    if duplicate is not None:
        raise DuplicateQuote(duplicate)
    quote.full_clean()
    try:
        with transaction.atomic():
            quote.save()
    except IntegrityError:
        # Two reporters logging the same words at the same moment: the database let one through.
        duplicate = quote.find_duplicate()
        if duplicate is None:
            raise
        raise DuplicateQuote(duplicate) from None
    return quote


@transaction.atomic
def claim_create(
    *,
    statement: str,
    author: User,
    summary: str = "",
    analysis: str = "",
    first_appeared_on: datetime.date | None = None,
    topics: Iterable[Topic] = (),
    assignee: User | None = None,
) -> Claim:
    """Draft a new claim. It starts in the draft state; only the workflow module moves it on."""
    statement = " ".join(statement.split())
    claim = Claim(
        statement=statement,
        author=author,
        assignee=assignee,
        summary=summary.strip(),
        analysis=analysis.strip(),
        first_appeared_on=first_appeared_on,
        slug=unique_slug(Claim.objects.all(), statement, max_length=120),
    )
    claim.full_clean()
    claim.save()
    claim.topics.set(list(topics))
    return claim


@transaction.atomic
def appearance_add(
    *, claim: Claim, quote: Quote, stance: str = ClaimAppearance.Stance.ASSERTS
) -> ClaimAppearance:
    appearance = ClaimAppearance(claim=claim, quote=quote, stance=stance)
    appearance.full_clean()
    appearance.save()
    return appearance


@transaction.atomic
def citation_add(
    *, claim: Claim, source: Source, bearing: str = Citation.Bearing.CONTEXT, note: str = ""
) -> Citation:
    citation = Citation(claim=claim, source=source, bearing=bearing, note=note.strip())
    citation.full_clean()
    citation.save()
    return citation


@transaction.atomic
def relation_add(*, from_claim: Claim, to_claim: Claim, kind: str) -> ClaimRelation:
    relation = ClaimRelation(from_claim=from_claim, to_claim=to_claim, kind=kind)
    relation.full_clean()
    relation.save()
    return relation
