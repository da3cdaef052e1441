"""Taking quotes in from the desk and from newsroom tools: who said them, where they were found, and
logging one or many at once.

Writes, like claims/services.py (which they call): keyword-only, validated, in a transaction. A speaker is
matched by id or by name and alias, and created only when the caller asks; a source is found by any
spelling of its URL or recorded. `quotes_log_batch` logs a reporter's chosen extraction candidates in
one transaction: duplicates are reported, never logged twice, and one bad candidate logs nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from claims import selectors, services
from claims.models import Quote, Speaker
from sources.models import Source
from sources.services import source_record


def speaker_for_quote(
    *, speaker_id: int | None = None, name: str = "", role: str = "", create: bool = False
) -> Speaker:
    """The speaker a quote is logged under: by id, or by name or alias; created only when `create`."""
    if speaker_id is not None:
        found = Speaker.objects.filter(pk=speaker_id).first()
        if found is None:
            raise ValidationError({"speaker": f"No speaker has id {speaker_id}."})
        return found
    if not name.strip():
        raise ValidationError({"speaker": "Give the speaker: an id, or a name or alias."})
    candidates = selectors.speakers_named(name)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = "; ".join(f"{s.name} (id {s.pk}{', ' + s.role if s.role else ''})" for s in candidates)
        raise ValidationError(
            {"speaker_name": f"“{name}” could be several speakers: {listed}. Send `speaker` with one id."}
        )
    if not create:
        raise ValidationError(
            {"speaker_name": f"No speaker is known as “{name}”. Send create_speaker: true to add them."}
        )
    return services.speaker_create(name=name, role=role)


def source_for_quote(*, source_id: int | None = None, url: str = "", title: str = "") -> Source | None:
    """The document a quote was found in: by id, or by URL (any spelling of a recorded one is reused)."""
    if source_id is not None:
        found = Source.objects.filter(pk=source_id).first()
        if found is None:
            raise ValidationError({"source": f"No source has id {source_id}."})
        return found
    if not url:
        return None
    try:
        source, _ = source_record(url=url, title=title)
    except ValidationError as invalid:
        raise ValidationError({"source_url": invalid.messages}) from None
    return source


@dataclass(frozen=True)
class Candidate:
    """One quote chosen from an extraction, as the reporter confirmed or corrected it."""

    text: str
    speaker_id: int | None = None
    speaker_name: str = ""
    speaker_role: str = ""
    create_speaker: bool = False
    kind: str = Quote.Kind.DIRECT
    said_on: datetime.date | None = None
    said_on_precision: str = Quote.Precision.UNKNOWN
    venue: str = ""
    location: str = ""


@dataclass
class BatchResult:
    logged: list[Quote] = field(default_factory=list)
    # (position in the request, the quote already logged with these words)
    duplicates: list[tuple[int, Quote]] = field(default_factory=list)


def quotes_log_batch(
    *, candidates: Sequence[Candidate], actor: User, source: Source | None = None
) -> BatchResult:
    """Log the chosen candidates, all or nothing. Errors name each candidate by its position."""
    result = BatchResult()
    errors: dict[str, Any] = {}
    with transaction.atomic():
        for position, candidate in enumerate(candidates):
            try:
                with transaction.atomic():
                    speaker = speaker_for_quote(
                        speaker_id=candidate.speaker_id,
                        name=candidate.speaker_name,
                        role=candidate.speaker_role,
                        create=candidate.create_speaker,
                    )
                    result.logged.append(
                        services.quote_log(
                            speaker=speaker,
                            text=candidate.text,
                            kind=candidate.kind,
                            source=source,
                            said_on=candidate.said_on,
                            said_on_precision=candidate.said_on_precision,
                            venue=candidate.venue,
                            location=candidate.location,
                            logged_by=actor,
                        )
                    )
            except services.DuplicateQuote as duplicate:
                result.duplicates.append((position, duplicate.existing))
            except ValidationError as invalid:
                errors[str(position)] = (
                    invalid.message_dict if hasattr(invalid, "error_dict") else invalid.messages
                )
        if errors:  # raised inside the transaction: everything above is undone
            raise ValidationError({"quotes": [f"Quote {pos}: {_flat(err)}" for pos, err in errors.items()]})
    return result


def _flat(error: Any) -> str:
    if isinstance(error, dict):
        return " ".join(f"{name}: {' '.join(messages)}" for name, messages in error.items())
    return " ".join(error)
