"""Writes for speakers, quotes and claims. Views, the admin's actions, commands and the API call these.

Every function takes keyword-only arguments, validates with full_clean() and runs in a transaction, so a
refused write leaves nothing behind. Who may do what is decided here (editorial rules raise
`workflow.Refusal`, bad input `ValidationError`); a claim's state is changed only by claims/workflow.py,
which these functions call when an edit sends an approved claim back to review.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pghistory
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims import workflow
from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Comment,
    Correction,
    Quote,
    Rating,
    RatingVote,
    Speaker,
    SpeakerAlias,
    Topic,
)
from claims.normalise import normalise_name
from claims.roles import is_editor, is_newsroom_staff
from claims.workflow import Refusal
from factcheck.models import refuse_unknown_fields
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


SPEAKER_FIELDS = frozenset({"name", "kind", "role", "description", "wikidata_qid", "affiliation"})


@transaction.atomic
def speaker_update(
    *, speaker: Speaker, actor: User, changes: dict[str, Any], aliases: Iterable[str] | None = None
) -> Speaker:
    """Change a speaker's record; `aliases`, when given, becomes the full list of aliases."""
    refuse_unknown_fields(changes, SPEAKER_FIELDS)
    with pghistory.context(user=actor.pk):
        for name, value in changes.items():
            setattr(speaker, name, value)
        speaker.full_clean()
        speaker.save()
        if aliases is not None:
            wanted = {normalise_name(alias): alias for alias in aliases if alias.strip()}
            speaker.aliases.exclude(normalised__in=wanted).delete()
            for alias in wanted.values():
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


QUOTE_FIELDS = frozenset(
    {
        "text",
        "kind",
        "source",
        "said_on",
        "said_on_precision",
        "venue",
        "location",
        "original_text",
        "original_language",
    }
)


@transaction.atomic
def quote_update(*, quote: Quote, actor: User, changes: dict[str, Any]) -> Quote:
    """Change a logged quote. The words of a quote that a published fact-check cites are evidence
    readers have seen: only editors change those."""
    refuse_unknown_fields(changes, QUOTE_FIELDS)
    cited = quote.appearances.filter(claim__published_at__isnull=False).exists()
    if cited and not is_editor(actor):
        raise Refusal("forbidden", ["A published fact-check cites this quote: only editors change it."])
    with pghistory.context(user=actor.pk):
        for name, value in changes.items():
            setattr(quote, name, value)
        quote.full_clean()
        quote.save()
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


def _lock(claim: Claim, expected_version: int | None = None) -> Claim:
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Refusal(
            "conflict",
            [
                f"Someone saved this claim since you loaded it (you saw version {expected_version}, it is "
                f"now version {locked.version}). Reload it: your changes were not saved."
            ],
        )
    return locked


def _may_edit(claim: Claim, actor: User) -> None:
    """Reporters edit their own claims until publication; editors edit any claim; nobody edits a
    retracted claim (reopen it first)."""
    if claim.state == Claim.State.RETRACTED:
        raise Refusal("conflict", ["This fact-check is retracted: reopen it as a draft before editing."])
    if is_editor(actor):
        return
    if claim.state == Claim.State.PUBLISHED:
        raise Refusal("forbidden", ["Only editors change a published fact-check."])
    if claim.author_id != actor.pk or not is_newsroom_staff(actor):
        raise Refusal("forbidden", ["Only the claim's author or an editor can change it."])


def edit_refusal(claim: Claim, actor: User) -> Refusal | None:
    """Why `actor` may not change `claim` (its text, quotes, sources) now, or None if they may: lets a
    page hide the buttons that the services would refuse."""
    try:
        _may_edit(claim, actor)
    except Refusal as refused:
        return refused
    return None


def _bump(claim: Claim) -> None:
    claim.version += 1


@dataclass(frozen=True)
class CorrectionNote:
    """What readers are told when a published fact-check's verdict changes."""

    kind: str
    note: str


EDITABLE_CLAIM_FIELDS = frozenset(
    {
        "statement",
        "short_statement",
        "summary",
        "analysis",
        "rating",
        "first_appeared_on",
        "imported_from_url",
        "imported_publisher",
    }
)


@transaction.atomic
def claim_update(
    *,
    claim: Claim,
    actor: User,
    changes: dict[str, Any],
    topics: Iterable[Topic] | None = None,
    correction: CorrectionNote | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Change a claim's statement, verdict or topics.

    After approval a changed verdict sends the claim back to review; after publication it needs a
    `correction`, recorded with the change. Nothing is saved if anything is refused.
    """
    refuse_unknown_fields(changes, EDITABLE_CLAIM_FIELDS)
    with pghistory.context(user=actor.pk):
        locked = _lock(claim, expected_version)
        _may_edit(locked, actor)
        before = _editable_values(locked)
        for name, value in changes.items():
            setattr(locked, name, " ".join(value.split()) if name == "statement" else value)
        after = _editable_values(locked)
        changed = [name for name in Claim.VERDICT_FIELDS if before[name] != after[name]]
        _check_rating_change(locked, actor, "rating" in changed)
        locked.full_clean()
        topics = list(topics) if topics is not None else None
        topics_changed = topics is not None and {t.pk for t in topics} != set(
            locked.topics.values_list("pk", flat=True)
        )
        if before == after and not topics_changed:
            return locked
        _bump(locked)
        if locked.state == Claim.State.PUBLISHED and changed:
            _record_correction(locked, actor, correction, changed)
        locked.save()
        if topics is not None:
            locked.topics.set(topics)
        if changed:
            workflow.verdict_changed(claim=locked, actor=actor, fields=changed)
    return locked


def _editable_values(claim: Claim) -> dict[str, Any]:
    return {
        name: claim.rating_id if name == "rating" else getattr(claim, name) for name in EDITABLE_CLAIM_FIELDS
    }


def _check_rating_change(claim: Claim, actor: User, rating_changed: bool) -> None:
    if not rating_changed:
        return
    if not is_editor(actor):
        raise Refusal("forbidden", ["Only editors rate claims."])
    if workflow.panel_size() > 1 and claim.state != Claim.State.PUBLISHED:
        raise Refusal(
            "invalid",
            ["This newsroom rates by panel: the rating comes from the editors' votes when published."],
        )


def _record_correction(
    claim: Claim, actor: User, correction: CorrectionNote | None, changed: list[str]
) -> None:
    if correction is None or not correction.note.strip():
        raise ValidationError(
            {
                "correction": "A published fact-check's statement, rating, summary or analysis changes only "
                "with a correction: say what changed and why (readers will see it)."
            }
        )
    if correction.kind not in {
        Correction.Kind.CORRECTION,
        Correction.Kind.CLARIFICATION,
        Correction.Kind.UPDATE,
    }:
        raise ValidationError({"correction": "Choose correction, clarification or update."})
    Correction.objects.create(
        claim=claim,
        kind=correction.kind,
        note=correction.note.strip(),
        changed_fields=changed,
        author=actor,
        version=claim.version,
    )


@transaction.atomic
def appearance_add(
    *, claim: Claim, quote: Quote, actor: User, stance: str = ClaimAppearance.Stance.ASSERTS
) -> ClaimAppearance:
    """Attach a quote in which the claim is made (or disputed). After approval: back to review."""
    with pghistory.context(user=actor.pk):
        locked = _lock(claim)
        _may_edit(locked, actor)
        appearance = ClaimAppearance(claim=locked, quote=quote, stance=stance)
        appearance.full_clean()
        appearance.save()
        _evidence_changed(locked, actor, "quotes")
    return appearance


@transaction.atomic
def appearance_remove(*, appearance: ClaimAppearance, actor: User) -> None:
    with pghistory.context(user=actor.pk):
        locked = _lock(appearance.claim)
        _may_edit(locked, actor)
        appearance.delete()
        _evidence_changed(locked, actor, "quotes")


@transaction.atomic
def citation_add(
    *, claim: Claim, source: Source, actor: User, bearing: str = Citation.Bearing.CONTEXT, note: str = ""
) -> Citation:
    """Cite a source as evidence. After approval: back to review."""
    with pghistory.context(user=actor.pk):
        locked = _lock(claim)
        _may_edit(locked, actor)
        citation = Citation(claim=locked, source=source, bearing=bearing, note=note.strip())
        citation.full_clean()
        citation.save()
        _evidence_changed(locked, actor, "sources")
    return citation


@transaction.atomic
def citation_remove(*, citation: Citation, actor: User) -> None:
    with pghistory.context(user=actor.pk):
        locked = _lock(citation.claim)
        _may_edit(locked, actor)
        citation.delete()
        _evidence_changed(locked, actor, "sources")


@transaction.atomic
def evidence_changed(*, claim: Claim, actor: User, what: str) -> None:
    """The quotes or sources behind a claim changed outside appearance_*/citation_* (the admin's inline
    forms): bump the version, and send an approved claim back to review."""
    with pghistory.context(user=actor.pk):
        locked = _lock(claim)
        _may_edit(locked, actor)
        _evidence_changed(locked, actor, what)


def _evidence_changed(claim: Claim, actor: User, what: str) -> None:
    _bump(claim)
    claim.save(update_fields=["version", "updated_at"])
    workflow.verdict_changed(claim=claim, actor=actor, fields=[what])


@transaction.atomic
def relation_add(
    *, from_claim: Claim, to_claim: Claim, kind: str, actor: User | None = None
) -> ClaimRelation:
    with pghistory.context(user=actor.pk if actor else None):
        relation = ClaimRelation(from_claim=from_claim, to_claim=to_claim, kind=kind)
        relation.full_clean()
        relation.save()
    return relation


@transaction.atomic
def relation_remove(*, relation: ClaimRelation, actor: User) -> None:
    """Unlink two competing claims (the link is kept in history)."""
    if not is_newsroom_staff(actor):
        raise Refusal("forbidden", ["Only the newsroom's reporters and editors link claims."])
    with pghistory.context(user=actor.pk):
        relation.delete()


@transaction.atomic
def claim_delete(*, claim: Claim, actor: User) -> None:
    """Delete a claim that never went out (kept in history; `restore_deleted` brings it back)."""
    if not is_editor(actor):
        raise Refusal("forbidden", ["Only editors delete claims."])
    with pghistory.context(user=actor.pk):
        locked = _lock(claim)
        if locked.published_at is not None:
            raise Refusal("conflict", ["This fact-check was published: retract it instead of deleting it."])
        locked.delete()


@transaction.atomic
def claim_assign(
    *,
    claim: Claim,
    actor: User,
    assignee: User | None,
    due_on: datetime.date | None = None,
    priority: str = Claim.Priority.NORMAL,
) -> Claim:
    """Editors give a claim to someone on the desk, with a due date and a priority."""
    if not is_editor(actor):
        raise Refusal("forbidden", ["Only editors assign claims."])
    if assignee is not None and not is_newsroom_staff(assignee):
        raise ValidationError({"assignee": "Assign claims to a reporter or an editor of the newsroom."})
    with pghistory.context(user=actor.pk):
        locked = _lock(claim)
        locked.assignee, locked.due_on, locked.priority = assignee, due_on, priority
        locked.full_clean()
        _bump(locked)
        locked.save(update_fields=["assignee", "due_on", "priority", "version", "updated_at"])
    return locked


@transaction.atomic
def rating_vote_cast(*, claim: Claim, voter: User, rating: Rating, reason: str) -> RatingVote:
    """An editor's vote on the rating panel; voting again changes the vote (the change is in history)."""
    if workflow.panel_size() == 1:
        raise Refusal("invalid", ["This newsroom does not rate by panel (RATING_PANEL_SIZE is 1)."])
    if not is_editor(voter):
        raise Refusal("forbidden", ["Only editors vote on ratings."])
    locked = _lock(claim)
    if locked.author_id == voter.pk:
        raise Refusal("forbidden", ["You wrote this claim: the panel is the other editors."])
    if locked.state not in (Claim.State.IN_REVIEW, Claim.State.APPROVED):
        raise Refusal("conflict", ["Votes are cast while the claim is in review or approved."])
    with pghistory.context(user=voter.pk):
        vote = RatingVote.objects.filter(claim=locked, voter=voter).first() or RatingVote(
            claim=locked, voter=voter
        )
        vote.rating, vote.reason = rating, reason.strip()
        vote.full_clean()
        vote.save()
    return vote


@transaction.atomic
def comment_add(*, claim: Claim, author: User, body: str) -> Comment:
    if not is_newsroom_staff(author):
        raise Refusal("forbidden", ["Only the newsroom's reporters and editors comment on claims."])
    with pghistory.context(user=author.pk):
        comment = Comment(claim=claim, author=author, body=body.strip())
        comment.full_clean()
        comment.save()
    return comment


@transaction.atomic
def speaker_merge(*, keep: Speaker, duplicate: Speaker, actor: User) -> Speaker:
    """Fold a duplicate speaker into `keep`: quotes, aliases, members and Wikidata ID move over, the same
    words logged under both become one quote, and the duplicate's name becomes an alias."""
    if not is_editor(actor):
        raise Refusal("forbidden", ["Only editors merge speakers."])
    if keep.pk == duplicate.pk:
        raise ValidationError({"duplicate": "Choose two different speakers."})
    with pghistory.context(user=actor.pk, action="speaker_merge"):
        keep = Speaker.objects.select_for_update().get(pk=keep.pk)
        duplicate = Speaker.objects.select_for_update().get(pk=duplicate.pk)
        _merge_quotes(keep, duplicate)
        Speaker.objects.filter(affiliation=duplicate).update(affiliation=keep)
        for alias in [duplicate.name, *duplicate.aliases.values_list("alias", flat=True)]:
            speaker_alias_add(speaker=keep, alias=alias)
        qid, duplicate_name = duplicate.wikidata_qid, duplicate.name
        duplicate.delete()
        if qid and not keep.wikidata_qid:
            keep.wikidata_qid = qid
        keep.description = keep.description or f"Merged with {duplicate_name}."
        keep.full_clean()
        keep.save()
    return keep


def _merge_quotes(keep: Speaker, duplicate: Speaker) -> None:
    kept = {quote.fingerprint: quote for quote in keep.quotes.all()}
    for quote in list(duplicate.quotes.all()):
        twin = kept.get(quote.fingerprint)
        if twin is None:
            quote.speaker = keep
            quote.save(update_fields=["speaker", "updated_at"])
            continue
        # The same words logged under both: keep one quote, and move the claims that cite the other.
        for appearance in quote.appearances.exclude(claim__appearances__quote=twin):
            appearance.quote = twin
            appearance.save(update_fields=["quote", "updated_at"])
        quote.appearances.all().delete()
        quote.delete()
