"""Importing other fact-checkers' ClaimReview: `import_claimreviews(data, editor=...)`.

A write service. Each record is its own transaction and goes through claims/services.py and
sources/services.py; it is published through claims/workflow.py by a dedicated import author (a Reporter
account nobody logs in to) and the editor who runs the import, so an imported verdict meets the same
two-person rule and database guards as ours. Re-importing a review URL updates the claim it made (with a
public correction when the verdict changed there), never duplicates it.

Ratings map to our default scale by name only (their alternateName or name, any case; a rating map for
the names that differ): an unmapped rating is reported, never guessed from numbers. Speakers are matched
by Wikidata ID, then name, then alias; a name that fits several speakers is reported, not guessed.

The claim remembers where it came from (`imported_from_url`, `imported_publisher`): the public site and
our ClaimReview show the original publisher, never our newsroom, as the author of that verdict. A bad
record is reported with its position and reason and leaves nothing behind.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pghistory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction

from claims import services, workflow
from claims.claimreview.wild import (
    NotAClaimReview,
    ParsedPerson,
    ParsedReview,
    ParsedWork,
    RecordError,
    claimreview_records,
    parse_claimreview,
)
from claims.models import Citation, Claim, ClaimAppearance, Quote, Rating, Speaker
from claims.normalise import normalise_name
from claims.roles import REPORTER, is_editor
from sources.canonical import InvalidURL, canonicalise_url
from sources.models import DOMAIN, Outlet, Source
from sources.services import outlet_get_or_create, source_record

# The author of every imported claim. The editor who runs the import approves and publishes.
IMPORT_USERNAME = "claimreview-import"
# The claimant of an imported fact-check that names none (itemReviewed missing or without author).
UNATTRIBUTED = "Unnamed claimant"


@dataclass(frozen=True)
class RecordOutcome:
    """What became of one record: created, updated, skipped (nothing to do) or failed (with why)."""

    position: int  # 1-based, in reading order
    path: str  # where in the data: "$", "$[3]", "$.dataFeedElement[0].item[1]"
    status: str
    reason: str = ""
    url: str = ""
    claim_id: int | None = None

    def __str__(self) -> str:
        where = f"record {self.position} ({self.path})"
        what = f"{self.status}: {self.url}" if self.url else self.status
        return f"{where} {what}" + (f" — {self.reason}" if self.reason else "")


@dataclass
class ImportReport:
    outcomes: list[RecordOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.skipped} skipped, {self.failed} failed"

    def as_json(self) -> dict[str, Any]:
        """The report as the API answers it and as a background import's job keeps it."""
        return {
            "summary": self.summary(),
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "records": [
                {
                    "position": outcome.position,
                    "path": outcome.path,
                    "status": outcome.status,
                    "reason": outcome.reason,
                    "url": outcome.url,
                    "claim": outcome.claim_id,
                }
                for outcome in self.outcomes
            ],
        }


class RatingMapError(ValueError):
    """A --rating-map entry that names no rating of our scale."""


def import_claimreviews(
    data: object,
    *,
    editor: User,
    rating_map: dict[str, str] | None = None,
    progress: Callable[[RecordOutcome], None] | None = None,
) -> ImportReport:
    """Import every ClaimReview in `data` (parsed JSON: one ClaimReview, a list, an @graph or a
    DataFeed), each in its own transaction, published by `editor` through the workflow.

    `rating_map` maps their rating names (alternateName or name, any case) to ours (label or slug);
    our own scale's labels and slugs map themselves. Raises Refusal before touching anything when
    `editor` cannot publish imports, and RatingMapError when the map names a rating we do not have.
    """
    if not is_editor(editor) or editor.username == IMPORT_USERNAME:
        raise workflow.Refusal("forbidden", ["Imports are approved and published by an editor."])
    if workflow.panel_size() > 1:
        raise workflow.Refusal(
            "invalid",
            [
                "This newsroom rates by panel (RATING_PANEL_SIZE > 1): an imported verdict cannot be "
                "published by one editor's vote. Import with a panel size of 1."
            ],
        )
    ratings = RatingLookup(rating_map or {})
    author = import_author()
    report = ImportReport()
    seen: dict[str, int] = {}
    for position, (path, record) in enumerate(claimreview_records(data), start=1):
        outcome = _import_one(
            position, path, record, editor=editor, author=author, ratings=ratings, seen=seen
        )
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return report


def import_author() -> User:
    """The import's own Reporter account (created once, with no usable password)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=IMPORT_USERNAME, defaults={"first_name": "ClaimReview", "last_name": "import"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    if not user.groups.filter(name=REPORTER).exists():
        user.groups.add(Group.objects.get(name=REPORTER))
    return user


def _rating_key(name: str) -> str:
    return " ".join(re.split(r"[\s_\-]+", normalise_name(name))).strip(" .!")


class RatingLookup:
    """Their rating names to our default scale's ratings, by name only: never by number."""

    def __init__(self, rating_map: dict[str, str]) -> None:
        ratings = list(Rating.objects.filter(scale__is_default=True).select_related("scale"))
        own = {_rating_key(r.label): r for r in ratings} | {_rating_key(r.slug): r for r in ratings}
        self.by_name = dict(own)
        for theirs, ours in rating_map.items():
            if not isinstance(theirs, str) or not isinstance(ours, str):
                raise RatingMapError("The rating map is a JSON object of their rating names to ours.")
            if _rating_key(ours) not in own:
                labels = ", ".join(r.label for r in sorted(ratings, key=lambda r: -r.value))
                raise RatingMapError(
                    f"The rating map sends “{theirs}” to “{ours}”, not on our scale ({labels})."
                )
            self.by_name[_rating_key(theirs)] = own[_rating_key(ours)]

    def __call__(self, name: str) -> Rating | None:
        return self.by_name.get(_rating_key(name))


def _import_one(
    position: int,
    path: str,
    record: object,
    *,
    editor: User,
    author: User,
    ratings: RatingLookup,
    seen: dict[str, int],
) -> RecordOutcome:
    given = record.get("url") if isinstance(record, dict) else None
    url = given if isinstance(given, str) else ""
    try:
        parsed = parse_claimreview(record)
        url = parsed.url
        key = _review_key(parsed.url)
        if key in seen:
            raise RecordError(f"record {seen[key]} has the same url: one review URL names one review")
        seen[key] = position
        rating = ratings(parsed.rating_name)
        if rating is None:
            raise RecordError(
                f"the rating “{parsed.rating_name}” is not on our scale and not in the rating map "
                "(map it with --rating-map)"
            )
        if _is_our_own(key):
            return RecordOutcome(position, path, "skipped", "this is our own fact-check", url)
        with transaction.atomic(), pghistory.context(user=editor.pk, action="claimreview_import", url=key):
            existing = Claim.objects.select_for_update().filter(imported_from_url=key).first()
            if existing is None:
                claim = _create(parsed, key, rating, editor=editor, author=author)
                status, reason = "created", ""
            else:
                claim = existing
                status, reason = _update(existing, parsed, rating, editor=editor, author=author)
        return RecordOutcome(position, path, status, reason, url, claim.pk)
    except NotAClaimReview as other:
        return RecordOutcome(position, path, "skipped", str(other), url)
    except RecordError as error:
        return RecordOutcome(position, path, "failed", str(error), url)
    except workflow.Refusal as refused:
        return RecordOutcome(position, path, "failed", " ".join(refused.reasons), url)
    except ValidationError as invalid:
        return RecordOutcome(position, path, "failed", _validation_message(invalid), url)
    except DatabaseError as error:
        return RecordOutcome(position, path, "failed", f"the database refused it: {error}".strip(), url)


def _validation_message(invalid: ValidationError) -> str:
    if hasattr(invalid, "error_dict"):
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in invalid.message_dict.items())
    return " ".join(invalid.messages)


def _review_key(url: str) -> str:
    """The review's identity: its canonical URL, with the fragment kept, since a page that carries
    several reviews tells them apart by anchor ("…/page#claim-2")."""
    try:
        key = canonicalise_url(url)
    except InvalidURL as error:
        raise RecordError(f"url is not a web address we can use ({error})") from None
    fragment = urlsplit(url.strip()).fragment
    if fragment:
        key = f"{key}#{fragment}"
    try:
        URLValidator(schemes=["http", "https"])(key)
    except ValidationError:
        raise RecordError(f"url is not a web address we can use: {url}") from None
    if len(key) > 2048:
        raise RecordError("url is longer than 2048 characters")
    return key


def _is_our_own(key: str) -> bool:
    """A review URL that is one of our own (not imported) fact-check pages, say from our own feed."""
    parts = urlsplit(key)
    ours = {urlsplit(settings.NEWSROOM_URL).netloc.lower(), *(h.lower() for h in settings.ALLOWED_HOSTS)}
    match = re.fullmatch(r"/fact-checks/([^/]+)/", parts.path)
    if parts.netloc.lower() not in ours or match is None:
        return False
    return Claim.objects.filter(slug=match.group(1), imported_from_url="").exists()


# --- writing one record ---------------------------------------------------------------------------


def _create(parsed: ParsedReview, key: str, rating: Rating, *, editor: User, author: User) -> Claim:
    claim = services.claim_create(
        statement=parsed.statement,
        author=author,
        summary=parsed.summary or _default_summary(parsed),
        first_appeared_on=_first_day(parsed),
    )
    claim.short_statement = parsed.short_statement
    claim.imported_from_url = key
    claim.imported_publisher = parsed.publisher_name[:200]
    claim.full_clean()
    claim.save(update_fields=["short_statement", "imported_from_url", "imported_publisher", "updated_at"])
    _add_evidence(claim, parsed, author=author)
    claim = services.claim_update(claim=claim, actor=editor, changes={"rating": rating})
    claim = workflow.apply(claim=claim, action="submit", actor=author, comment=f"Imported from {key}.")
    for action in ("approve", "publish"):
        claim = workflow.apply(claim=claim, action=action, actor=editor, comment=f"Imported from {key}.")
    return claim


def _update(
    claim: Claim, parsed: ParsedReview, rating: Rating, *, editor: User, author: User
) -> tuple[str, str]:
    if claim.state != Claim.State.PUBLISHED:
        return "skipped", f"claim #{claim.pk} is {claim.get_state_display().lower()} here: not updated"
    changes: dict[str, Any] = {}
    if " ".join(parsed.statement.split()) != claim.statement:
        changes["statement"] = parsed.statement
    if rating.pk != claim.rating_id:
        changes["rating"] = rating
    summary = parsed.summary or _default_summary(parsed)
    if summary.strip() != claim.summary:
        changes["summary"] = summary.strip()
    first_day = _first_day(parsed)
    if first_day is not None and first_day != claim.first_appeared_on:
        changes["first_appeared_on"] = first_day
    changed = sorted(changes)
    if changes:
        verdict = [name for name in changes if name in Claim.VERDICT_FIELDS]
        note = services.CorrectionNote(
            "update",
            f"Updated from {parsed.publisher_name}'s fact-check ({', '.join(verdict)} changed there).",
        )
        claim = services.claim_update(claim=claim, actor=editor, changes=changes, correction=note)
    label_fields = {
        "short_statement": parsed.short_statement,
        "imported_publisher": parsed.publisher_name[:200],
    }
    relabelled = [name for name, value in label_fields.items() if getattr(claim, name) != value]
    if relabelled:
        for name in relabelled:
            setattr(claim, name, label_fields[name])
        claim.full_clean()
        claim.save(update_fields=[*relabelled, "updated_at"])
    added = _add_evidence(claim, parsed, author=editor)
    changed += relabelled + (["quotes or sources"] if added else [])
    if not changed:
        return "skipped", "already imported, unchanged"
    return "updated", "changed: " + ", ".join(changed)


def _first_day(parsed: ParsedReview) -> datetime.date | None:
    """The claim's first-appearance date, which is a day: a month or a year alone is not one."""
    return parsed.claim_date if parsed.claim_date_precision == Quote.Precision.DAY else None


def _default_summary(parsed: ParsedReview) -> str:
    return f"Rated “{parsed.rating_name}” by {parsed.publisher_name}."


def _add_evidence(claim: Claim, parsed: ParsedReview, *, author: User) -> int:
    """The claim's quotes and the sources behind it, as far as the record tells: returns how many
    appearances and citations were added (none are removed)."""
    added = 0
    quoted_sources: set[int] = set()
    quotations = [(work, q) for work in parsed.works for q in work.quotations]
    if not quotations:
        # No words of the claimant's in the record: the claim as the fact-checker summed it up, marked
        # as a paraphrase, found in the first document where it appeared.
        first = parsed.works[0] if parsed.works else None
        quote = _quote(
            parsed.claimant,
            parsed.statement,
            Quote.Kind.PARAPHRASE,
            parsed.claim_date,
            parsed.claim_date_precision,
            _source(first) if first else None,
            author,
        )
        added += _appear(claim, quote, author)
        if quote.source_id:
            quoted_sources.add(quote.source_id)
    for work, quotation in quotations:
        source = _source(work)
        speaker = quotation.speaker or parsed.claimant
        quote = _quote(
            speaker, quotation.text, quotation.kind, quotation.said_on, quotation.precision, source, author
        )
        added += _appear(claim, quote, author)
        if source is not None:
            quoted_sources.add(source.pk)
    cited = [*parsed.works, *parsed.citations]
    publisher = _outlet(parsed.publisher_name, parsed.url)
    original = source_record(
        url=parsed.url,
        title=(parsed.headline or f"Fact-check by {parsed.publisher_name}")[:500],
        outlet=publisher,
        published_on=parsed.review_date,
    )[0]
    added += _cite(claim, original, f"The original fact-check by {parsed.publisher_name}.", author)
    for work in cited:
        source = _source(work)
        if source is not None and source.pk not in quoted_sources:
            added += _cite(claim, source, "Where the claim appeared, or a source of the original.", author)
    return added


def _appear(claim: Claim, quote: Quote, author: User) -> int:
    if ClaimAppearance.objects.filter(claim=claim, quote=quote).exists():
        return 0
    services.appearance_add(claim=claim, quote=quote, actor=author, stance=ClaimAppearance.Stance.ASSERTS)
    return 1


def _cite(claim: Claim, source: Source, note: str, author: User) -> int:
    if Citation.objects.filter(claim=claim, source=source).exists():
        return 0
    services.citation_add(
        claim=claim, source=source, actor=author, bearing=Citation.Bearing.CONTEXT, note=note
    )
    return 1


def _quote(
    person: ParsedPerson | None,
    text: str,
    kind: str,
    said_on: datetime.date | None,
    precision: str,
    source: Source | None,
    author: User,
) -> Quote:
    speaker = _speaker(person)
    existing = Quote(speaker=speaker, text=text).find_duplicate()
    if existing is not None:
        return existing
    return services.quote_log(
        speaker=speaker,
        text=text,
        kind=kind,
        source=source,
        said_on=said_on,
        said_on_precision=precision if said_on else Quote.Precision.UNKNOWN,
        logged_by=author,
    )


def _speaker(person: ParsedPerson | None) -> Speaker:
    """The speaker a record names: by Wikidata ID, then by name, then by alias; created if unknown.
    A name that fits several speakers is refused, not guessed."""
    if person is None:
        person = ParsedPerson(
            UNATTRIBUTED, Speaker.Kind.ORGANISATION, "Claims whose fact-check names no claimant", ""
        )
    if person.wikidata_qid:
        by_qid = Speaker.objects.filter(wikidata_qid=person.wikidata_qid).first()
        if by_qid is not None:
            return by_qid
    key = normalise_name(person.name)
    for candidates in (
        Speaker.objects.filter(normalised_name=key),
        Speaker.objects.filter(aliases__normalised=key).distinct(),
    ):
        # A namesake with another Wikidata ID is someone else.
        found = [s for s in candidates[:5] if not (person.wikidata_qid and s.wikidata_qid)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(f"{s.name} (#{s.pk})" for s in found)
            raise RecordError(
                f"“{person.name}” could be any of {names}: merge them or import with a Wikidata ID"
            )
    return services.speaker_create(
        name=person.name[:200], kind=person.kind, role=person.role[:200], wikidata_qid=person.wikidata_qid
    )


def _outlet(name: str, url: str) -> Outlet | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    domain = host if re.fullmatch(DOMAIN, host) else ""
    if not name and not domain:
        return None
    return outlet_get_or_create(name=(name or domain)[:200], domain=domain)[0]


def _source(work: ParsedWork) -> Source | None:
    """The document a work describes, recorded once; None when it has neither a URL nor a title."""
    if not work.url and not work.title:
        return None
    outlet = _outlet(work.publisher, work.url) if work.publisher else None
    try:
        return source_record(
            url=work.url,
            title=work.title[:500],
            outlet=outlet,
            kind=work.kind,
            published_on=work.published_on,
            archive_url=work.archive_url,
        )[0]
    except ValidationError:
        if not work.title:
            raise RecordError(f"appearance url is not a web address we can use: {work.url}") from None
        # A bad link but a usable title: keep the document, without the link.
        return source_record(
            title=work.title[:500], outlet=outlet, kind=work.kind, published_on=work.published_on
        )[0]
