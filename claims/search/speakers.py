"""Speakers by a name as people type it: "Shyriaev" (a transliteration), "Zelenskyy", "V. Putin".

Names and aliases are compared on their normalised keys (case, accents and spacing ignored) with
pg_trgm: `similarity` for whole names and `word_similarity` for a part of a name ("Putin" in "Vladimir
Putin"), both served by the trigram indexes claims_speaker_name_trgm and claims_alias_normalised_trgm.
Initials are checked in Python against the candidates: "V. Putin" keeps Vladimir Putin and drops a
Putin whose first name starts with another letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from claims.models import Speaker
from claims.normalise import normalise_name
from claims.roles import AnyUser
from claims.selectors import speakers_visible_to

CANDIDATES = 50
MIN_SCORE = 0.3
# An initial that fits no word of the name halves the score; one that fits adds a little.
INITIAL_MISS = 0.5
INITIAL_FIT = 0.05

# factcheck_speaker_candidates (migration 0008): names and aliases close to the key by trigram
# similarity, on the trigram indexes claims_speaker_name_trgm and claims_alias_normalised_trgm.
_CANDIDATES_SQL = "SELECT * FROM factcheck_speaker_candidates(%s, %s)"
# The same with closer thresholds (migration 0010), for the search box: a query there is often not a
# name at all, and a loose look-up of an ordinary word costs several times more and finds only noise.
_CLOSE_CANDIDATES_SQL = "SELECT * FROM factcheck_speaker_close_candidates(%s, %s)"


@dataclass(frozen=True)
class SpeakerMatch:
    speaker: Speaker
    score: float
    matched: str  # the name or alias (normalised) that matched


def _initials_factor(initials: list[str], name: str) -> float:
    starts = {word[0] for word in name.replace(".", " ").split() if word}
    if not initials:
        return 1.0
    return 1.0 + INITIAL_FIT if all(initial in starts for initial in initials) else INITIAL_MISS


def find_speakers(name: str, *, user: AnyUser, limit: int = 10, close: bool = False) -> list[SpeakerMatch]:
    """The speakers `user` may see whose name or an alias is close to `name`, best first, with a score
    between 0 and 1. `close` keeps only names at least half alike (or a part of a name 0.8 alike)."""
    words = normalise_name(name).replace(".", " ").split()
    initials = [word for word in words if len(word) == 1]
    key = " ".join(word for word in words if len(word) > 1)
    if len(key) < 2:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_CLOSE_CANDIDATES_SQL if close else _CANDIDATES_SQL, [key, CANDIDATES])
        rows = cursor.fetchall()
    best: dict[int, tuple[float, str]] = {}
    for speaker_id, matched, full_name, score in rows:
        adjusted = min(1.0, float(score) * _initials_factor(initials, f"{matched} {full_name}"))
        if adjusted >= MIN_SCORE and adjusted > best.get(speaker_id, (0.0, ""))[0]:
            best[speaker_id] = (adjusted, matched)
    speakers = speakers_visible_to(user).filter(pk__in=best).in_bulk()
    ranked = sorted(
        (
            SpeakerMatch(speakers[pk], round(score, 3), matched)
            for pk, (score, matched) in best.items()
            if pk in speakers
        ),
        key=lambda match: (-match.score, match.speaker.name, match.speaker.pk),
    )
    return ranked[:limit]
