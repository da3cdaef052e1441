"""Every quotation in an article, attributed to its speaker: the extractor's one entry point.

Reads the article paragraph by paragraph: finds the quotations (`marks`), the mentions and cues outside
them (`mentions`, `attribution`), asks `resolver` who each mention is (the one place that is decided,
for every rule below), then decides for each quotation whether it is a direct quote or a partial one
and who said it — by the cue before it ("X said: “…”"), after it ("“…,” said X"), around it
("described by X as “…”"), or, for a paragraph that is nothing but a quote, by the speaker quoted just
before. Pure Python: it must never import Django, touch a database or the network, or load a model;
and it must never rewrite the quoted words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.extraction.attribution import REACH, Cue, ParagraphCues
from claims.extraction.layout import Paragraph, Sentences, paragraphs, preamble_end
from claims.extraction.marks import QuotedSpan, quoted_spans
from claims.extraction.mentions import Mention, find_mentions
from claims.extraction.resolver import MentionResolver, Resolution
from claims.extraction.speakers import Entity, KnownSpeaker, ProposedSpeaker

_HANDOVER = re.compile(r"[^.!?;“”\"«»„]{0,80}?[:,]?\s*$")
_POST_LEAD = re.compile(r"[\s,;:.!?…—–-]*")
_CLAUSE_END = re.compile(r"[,.;:!?—–]")
_SET_OFF_AFTER = frozenset(".,;:!?…—–-)")


@dataclass(frozen=True, slots=True)
class CandidateQuote:
    """A quotation found in an article, with who said it as far as the text tells.

    `parts` are the offsets of each paragraph's piece (without quote marks); `text` is the pieces joined
    with one space. `kind` is "direct" (a sentence or more, set off by a colon, a comma or its own
    paragraph) or "partial" (words woven into the reporter's sentence, scare quotes included).
    `speaker` is None when nothing in the text attributes the quote. `confidence` (0..1) is how sure the
    rules are of the quote and speaker together: about 0.95 for a named speaker next to a speech verb,
    0.85 for a pronoun or description, 0.75 for a quote carrying on from the speaker quoted just before,
    0.5 to 0.6 for a quote no one is said to have said.
    """

    text: str
    start: int
    end: int
    parts: tuple[tuple[int, int], ...]
    speaker: ProposedSpeaker | None
    speaker_mention: str | None
    cue: str | None
    kind: str  # "direct" or "partial"
    confidence: float


@dataclass(frozen=True, slots=True)
class _Attribution:
    entity: Entity | None
    mention: Mention | None
    cue: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class _Said:
    """Someone said something at `position`, in the body paragraph numbered `ordinal`."""

    position: int
    ordinal: int
    entity: Entity
    mention: Mention | None = None
    cue_text: str | None = None
    cue: Cue | None = None  # a cue outside any quote: its words are read only if a quote inherits it
    until: int = 0


@dataclass(slots=True)
class _ParagraphReading:
    paragraph: Paragraph
    ordinal: int
    sentences: Sentences
    cues: ParagraphCues
    opens_at: int  # after a live blog's timestamp or a wire dateline


def extract_quotes(text: str, *, speakers: Sequence[KnownSpeaker] = ()) -> list[CandidateQuote]:
    """Every quotation in `text`, in article order, attributed where the text allows."""
    if not text or not text.strip():
        return []
    return _Reading(text, speakers).quotes()


class _Reading:
    """One pass over one article."""

    def __init__(self, text: str, speakers: Sequence[KnownSpeaker]) -> None:
        self.text = text
        self.paras = paragraphs(text)
        self.spans = quoted_spans(text, self.paras)
        self.resolver = MentionResolver(text, speakers)
        self.said: list[_Said] = []
        covered: list[tuple[int, int]] = []
        for span in self.spans:
            for number, (start, end) in enumerate(span.pieces):
                last = number == len(span.pieces) - 1
                covered.append((start - 1, end + 1 if last else end))
        self.covered = covered
        self._covered_starts = [s for s, _ in covered]
        self._opened_in: dict[int, list[QuotedSpan]] = {}
        for span in self.spans:
            if span.last_paragraph > span.first_paragraph:
                self._opened_in.setdefault(span.first_paragraph, []).append(span)

    def quotes(self) -> list[CandidateQuote]:
        ending_in: dict[int, list[QuotedSpan]] = {}
        for span in self.spans:
            ending_in.setdefault(span.last_paragraph, []).append(span)
        readings: dict[int, _ParagraphReading] = {}
        found: list[CandidateQuote] = []
        ordinal = 0
        for number, paragraph in enumerate(self.paras):
            if not paragraph.is_body:
                continue
            readings[number] = self._read_paragraph(paragraph, ordinal)
            ordinal += 1
            for span in ending_in.get(number, []):
                quote = self._candidate(span, readings[span.first_paragraph], readings[number])
                if quote is not None:
                    found.append(quote)
            # Only a quotation still running on needs an earlier paragraph's reading.
            for done in [n for n in readings if n != number and not self._still_open(n, number)]:
                self._forget(readings.pop(done))
        return sorted(found, key=lambda q: q.start)

    def _still_open(self, paragraph: int, now: int) -> bool:
        return any(s.last_paragraph > now for s in self._opened_in.get(paragraph, ()))

    def _forget(self, reading: _ParagraphReading) -> None:
        for mention in reading.cues.mentions:
            self.resolver.forget(mention)

    # Reading a paragraph ----------------------------------------------------------------------------

    def _read_paragraph(self, paragraph: Paragraph, ordinal: int) -> _ParagraphReading:
        inside = self._covered_within(paragraph)
        sentences = Sentences(self.text, paragraph, inside)
        regions = _outside(paragraph, inside)
        # Platforms, places, datelines and court openers are dropped before any rule can see them.
        opens_at = preamble_end(self.text, paragraph.start)
        mentions = [
            m
            for start, end in regions
            for m in find_mentions(self.text, start, end)
            if self.resolver.rejects(m, opens_at) is None
        ]
        for mention in mentions:
            self.resolver.read(mention, sentences.start_of(mention.start), paragraph.start)
        cues = ParagraphCues(self.text, regions, mentions, sentences.start_of)
        for cue in cues.cues:
            entity = self._entity(cue.subject, cue.start, ordinal).entity if cue.subject else None
            if entity is not None:
                self.said.append(_Said(cue.start, ordinal, entity, cue.subject, cue=cue, until=paragraph.end))
        return _ParagraphReading(paragraph, ordinal, sentences, cues, opens_at)

    def _covered_within(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        first = max(0, bisect.bisect_right(self._covered_starts, paragraph.start) - 1)
        last = bisect.bisect_left(self._covered_starts, paragraph.end)
        return [
            (max(s, paragraph.start), min(e, paragraph.end))
            for s, e in self.covered[first:last]
            if e > paragraph.start and s < paragraph.end
        ]

    def _entity(self, mention: Mention, position: int, ordinal: int) -> Resolution:
        said = self._last_said(position, ordinal)
        return self.resolver.speaker(mention, speaking_before=said.entity if said else None)

    def _last_said(self, position: int, ordinal: int) -> _Said | None:
        """Who spoke last before `position`, in this paragraph or the one before it."""
        # Entries arrive nearly in article order, so the last few hold the answer.
        latest: _Said | None = None
        for said in self.said[-24:]:
            recent = said.position < position and said.ordinal >= ordinal - 1
            if recent and (latest is None or said.position > latest.position):
                latest = said
        return latest

    # Judging one quotation --------------------------------------------------------------------------

    def _candidate(
        self, span: QuotedSpan, first: _ParagraphReading, last: _ParagraphReading
    ) -> CandidateQuote | None:
        parts = _trimmed(self.text, span.pieces)
        if not parts:
            return None
        before_from = max(
            first.sentences.start_of(span.opened), self._previous_close(span, first.paragraph), first.opens_at
        )
        before_from = min(before_from, span.opened)
        before = self.text[before_from : span.opened]
        after_to = self._after_limit(span, last)
        kind = self._kind(span, parts, before, first, after_to)
        if kind == "partial":
            parts = _without_trailing(self.text, parts, ".")
            if not parts:
                return None
            attribution = self._attribute_partial(span, first, last, after_to)
        else:
            attribution = self._attribute_direct(span, before_from, first, last, after_to)
        if attribution.entity is not None:
            said = _Said(span.opened, first.ordinal, attribution.entity, attribution.mention, attribution.cue)

            self.said.append(said)
        return self._quote(parts, kind, attribution)

    def _quote(self, parts: list[tuple[int, int]], kind: str, attribution: _Attribution) -> CandidateQuote:
        mention = attribution.mention
        return CandidateQuote(
            text=" ".join(self.text[s:e] for s, e in parts),
            start=parts[0][0],
            end=parts[-1][1],
            parts=tuple(parts),
            speaker=attribution.entity.proposal() if attribution.entity else None,
            speaker_mention=self.text[mention.surface_start : mention.surface_end] if mention else None,
            cue=attribution.cue,
            kind=kind,
            confidence=attribution.confidence,
        )

    def _previous_close(self, span: QuotedSpan, paragraph: Paragraph) -> int:
        index = bisect.bisect_left(self._covered_starts, span.opened) - 1
        if index >= 0 and self.covered[index][1] > paragraph.start:
            return self.covered[index][1]
        return paragraph.start

    def _after_limit(self, span: QuotedSpan, last: _ParagraphReading) -> int:
        limit = last.sentences.end_of(span.closed)
        index = bisect.bisect_right(self._covered_starts, span.closed - 1)
        if index < len(self.covered):
            limit = min(limit, self.covered[index][0])
        return max(limit, span.closed)

    def _kind(
        self,
        span: QuotedSpan,
        parts: list[tuple[int, int]],
        before: str,
        first: _ParagraphReading,
        after_to: int,
    ) -> str:
        lead = before.rstrip()
        handed_over = lead.endswith(",") and self._cue_before(span, first) is not None
        introduced = not lead or lead.endswith((":", "—", "–")) or handed_over
        if len(span.pieces) > 1:
            return "direct" if introduced else "partial"
        opening = self.text[parts[0][0]]
        sentence_like = not opening.isalpha() or opening.isupper() or handed_over
        closing = self.text[span.closed - 2] if span.closed >= 2 else ""
        following = self.text[span.closed : after_to].lstrip()[:1]
        set_off = closing in _SET_OFF_AFTER or not following or following in _SET_OFF_AFTER
        set_off = set_off or self._after_attribution(span, first, after_to) is not None
        return "direct" if introduced and sentence_like and set_off else "partial"

    def _cue_before(self, span: QuotedSpan, reading: _ParagraphReading) -> Cue | None:
        """The cue whose clause hands over to the quote: "X said:", "X told state media,"."""
        start = reading.sentences.start_of(span.opened)
        cues = reading.cues.in_range(max(start, span.opened - 120), span.opened)
        if cues and _HANDOVER.match(self.text, cues[-1].end, span.opened):
            return cues[-1]
        return None

    # Attributing ------------------------------------------------------------------------------------

    def _attribute_direct(
        self,
        span: QuotedSpan,
        before_from: int,
        first: _ParagraphReading,
        last: _ParagraphReading,
        after_to: int,
    ) -> _Attribution:
        cue = self._cue_before(span, first)
        if cue is not None and cue.start >= before_from:
            attribution = self._from_cue(cue, first, until=span.opened, confidence=0.95)
            if attribution.entity is not None:
                return attribution
        according = first.cues.according_to(before_from, span.opened)
        if according is not None:
            return self._from_mention(according, "according to", first, 0.9)
        after = self._after_attribution(span, last, after_to)
        if after is not None and after.entity is not None:
            return after
        if after is not None and after.mention is not None:
            # "“…,” his mother said": someone the text names but no one it has met; not the last speaker.
            return _Attribution(None, after.mention, after.cue, 0.6)
        if not self.text[before_from : span.opened].strip():
            return self._inherited(span, first)
        return _Attribution(None, None, None, 0.6)

    def _attribute_partial(
        self, span: QuotedSpan, first: _ParagraphReading, last: _ParagraphReading, after_to: int
    ) -> _Attribution:
        sentence = first.sentences.start_of(span.opened)
        cues = [
            c
            for c in first.cues.in_range(max(sentence, span.opened - REACH), span.opened)
            if c.subject is not None or c.participle
        ]
        # "Putin declared that the area had been “liberated”": the main clause's speaker, unless a
        # naming verb governs the quote itself ("what Mr Bellweather called ‘a serious offer’").
        chosen = (
            cues[-1] if cues and cues[-1].naming else next((c for c in reversed(cues) if c.subject), None)
        )
        fallbacks = [c for c in reversed(cues) if c is not chosen]
        for cue in [chosen, *fallbacks] if chosen is not None else fallbacks:
            attribution = self._from_cue(cue, first, until=span.opened, confidence=0.8)
            if attribution.entity is not None:
                return attribution
        after = self._after_attribution(span, last, after_to)
        if after is not None and after.entity is not None:
            return _Attribution(after.entity, after.mention, after.cue, 0.75)
        # "According to X" stands near the words it attributes; the window keeps long sentences linear.
        window_end = min(first.sentences.end_of(span.opened), span.closed + 300)
        according = first.cues.according_to(max(sentence, span.opened - 300), window_end)
        if according is not None:
            return self._from_mention(according, "according to", first, 0.7)
        return _Attribution(None, None, None, 0.5)

    def _after_attribution(
        self, span: QuotedSpan, reading: _ParagraphReading, limit: int
    ) -> _Attribution | None:
        """ "“…,” X said", "“…,” said X", "“…,” X, a commander, told reporters"."""
        lead = _POST_LEAD.match(self.text, span.closed, limit)
        position = lead.end() if lead else span.closed
        if position >= limit:
            return None
        cues = reading.cues
        mention = cues.mention_at(position)
        if mention is not None:
            nearby = cues.in_range(mention.surface_end, min(limit, mention.surface_end + REACH))
            cue = next((c for c in nearby if c.subject is mention), None)
            if cue is not None:
                return self._from_cue(cue, reading, until=self._clause_end(cue.end, limit), confidence=0.95)
        cue = next((c for c in cues.in_range(position, position + 1)), None)
        if cue is not None:
            inverted = cues.mention_at(cue.end)
            if inverted is not None:
                return self._from_mention(inverted, cue.verb, reading, 0.95)
        according = cues.according_to(position, min(limit, position + 14))
        if according is not None:
            return self._from_mention(according, "according to", reading, 0.9)
        return None

    def _clause_end(self, position: int, limit: int) -> int:
        match = _CLAUSE_END.search(self.text, position, limit)
        return match.start() if match else limit

    def _from_cue(
        self, cue: Cue, reading: _ParagraphReading, *, until: int | None, confidence: float
    ) -> _Attribution:
        mention = cue.subject
        if mention is None and cue.participle:
            mention = reading.cues.participle_subject(cue, reading.sentences.start_of(cue.start))
        if mention is None:
            return _Attribution(None, None, None, confidence)
        resolution = self._entity(mention, cue.start, reading.ordinal)
        cue_text = cue.text(self.text, until=until)
        return _Attribution(resolution.entity, mention, cue_text, _confidence(resolution, confidence))

    def _from_mention(
        self, mention: Mention, cue: str, reading: _ParagraphReading, confidence: float
    ) -> _Attribution:
        resolution = self._entity(mention, mention.start, reading.ordinal)
        return _Attribution(resolution.entity, mention, cue, _confidence(resolution, confidence))

    def _inherited(self, span: QuotedSpan, first: _ParagraphReading) -> _Attribution:
        """A paragraph or sentence that is only a quote goes on with the speaker quoted just before."""
        said = self._last_said(span.opened, first.ordinal)
        if said is None:
            return _Attribution(None, None, None, 0.6)
        if said.ordinal == first.ordinal and said.mention is not None:
            # "“…,” Mr Raval said. “…”": the second quote has the same attribution as the first.
            cue = said.cue_text
            if said.cue is not None:
                cue = said.cue.text(self.text, until=self._clause_end(said.cue.end, said.until))
            return _Attribution(said.entity, said.mention, cue, 0.85)
        return _Attribution(said.entity, None, None, 0.75)


def _confidence(resolution: Resolution, base: float) -> float:
    """A cue's confidence, lowered when the speaker was reached through a pronoun, a role or a document."""
    if resolution.confidence >= 0.9:
        return base
    return round(base - 0.1, 2)


def _outside(paragraph: Paragraph, inside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    position = paragraph.start
    for start, end in inside:
        if start > position:
            regions.append((position, start))
        position = max(position, end)
    if position < paragraph.end:
        regions.append((position, paragraph.end))
    return regions


def _trimmed(text: str, pieces: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    for start, end in pieces:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            start += len(chunk) - len(chunk.lstrip())
            parts.append((start, start + len(stripped)))
    # The comma that hands a quote over to its attribution ("“…,” she said") is not part of what was said.
    return _without_trailing(text, parts, ",")


def _without_trailing(text: str, parts: list[tuple[int, int]], marks: str) -> list[tuple[int, int]]:
    if not parts:
        return parts
    start, end = parts[-1]
    while end > start and (text[end - 1] in marks or text[end - 1].isspace()):
        end -= 1
    return [*parts[:-1], (start, end)] if end > start else parts[:-1]
