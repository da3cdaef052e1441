"""Speech cues in an article and the speakers they belong to.

A cue is a speech verb with what follows it ("said last month", "told state media", "posted to Truth
Social", "fired back", "described by"). Its subject is the mention just before it ("Putin said", "Oleh
Shyriaiev, a Ukrainian army commander, fired back"), the mention after it ("said Dr Ramanathan"), the
agent of a passive ("described by Putin as") or the subject of the sentence when the verb is the second
of two ("His representatives made demands – and even threatened"). This module reads a paragraph's cues;
it must never decide which quote a cue belongs to (that is `extractor`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.lexicon import (
    BETWEEN_SUBJECT_AND_VERB,
    DAYS,
    NAMING_VERBS,
    SPEECH_PHRASES,
    SPEECH_VERBS,
    alternation,
)
from claims.extraction.marks import MARKS
from claims.extraction.mentions import Mention

SPEECH = alternation(SPEECH_PHRASES | SPEECH_VERBS)
_CUE = re.compile(rf"(?<!\w)(?:{SPEECH})\b")
_BETWEEN = (
    rf"(?:{alternation(BETWEEN_SUBJECT_AND_VERB)}|on\s+(?:{alternation(DAYS)})"
    r"|(?:last|this|on\s+\w+)\s+(?:week|month|year|night|morning|afternoon|evening)|at\s+the\s+time)"
)
# "Putin also said", "Emil Rusnak, had said", "Senator Mary Cole, who said".
_GAP = re.compile(rf"[\s,]*(?:who\s+)?(?:(?:{_BETWEEN})[\s,]+)*")
# A speech verb straight after its subject and the gap above: "Whelan told", "Kovac, who said".
SPEECH_FOLLOWS = re.compile(rf"{_GAP.pattern}(?:{SPEECH})\b")
_COORDINATED = re.compile(rf"(?:[,—–-]\s*)?\b(?:and|but|or)\s+(?:(?:{_BETWEEN})\s+)*$")
_PARTICIPLE_LEAD = re.compile(r",\s*$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be|to|not|n’t|n't)\s+$")
_AGENT = re.compile(r"\s+by\s+")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
SENTENCE_OPENERS = re.compile(
    r"(?:(?:But|And|However|Meanwhile|Yet|So|Still|Now|Then|Later|Earlier|Instead)\b,?\s*)?"
)
_COMPLEMENT_WORD = re.compile(r"\s+([\w$£€%&-][\w’'$£€%.&-]*)")
_QUOTE_MARKS = frozenset(MARKS)
# How far from a quotation its cue may stand; also what keeps a run-on "sentence" from going quadratic.
REACH = 500
_COMPLEMENT_STOP = frozenset("that as if whether when because while but and".split())


@dataclass(slots=True)
class Cue:
    """A speech verb in the text and, once found, who it belongs to."""

    start: int
    end: int  # end of the verb (or of "by" for a passive)
    verb: str
    subject: Mention | None = None
    naming: bool = False  # "called", "described": the quote after it is its object
    participle: bool = False  # ", calling the diversion ...": belongs to the clause before it

    def text(self, article: str, *, until: int | None = None) -> str:
        """The cue as the reporter wrote it, with a complement ("told state media") up to `until`.

        A complement that runs straight into the quotation ("threatened Ukraine with an “…”") is the
        verb's object, not part of the cue, and is left out.
        """
        if until is None or self.naming or self.verb.endswith(" by"):
            return self.verb
        complement = article[self.end : until]
        words: list[str] = []
        position = 0
        while len(words) < 10:
            match = _COMPLEMENT_WORD.match(complement, position)
            if match is None or match.group(1).lower() in _COMPLEMENT_STOP:
                break
            words.append(match.group(1).rstrip(".,"))
            position = match.end()
            if match.group(1).endswith((".", ",")):
                break
        rest = complement[position:].lstrip()
        runs_into_quote = rest[:1] in _QUOTE_MARKS if rest else article[until : until + 1] not in ":,."
        return self.verb if runs_into_quote else " ".join([self.verb, *words])


# "a photograph of Liam", "owned by Carrow Group", "a letter to the judge": in a phrase, not a subject.
OBJECT_BEFORE = re.compile(
    r"(?<![\w’'-])((?:according\s+)?(?:of|for|with|to|at|from|about|on|beside|against|into|towards?|over"
    r"|behind|like|than|between|among|by|alongside|without|onto|upon|including))\s+(?:the\s+)?$"
)


def _is_object(text: str, mention: Mention) -> bool:
    start = mention.surface_start
    before = OBJECT_BEFORE.search(text, max(0, start - 24), start)
    return before is not None and before.group(1) != "according to"


class ParagraphCues:
    """The cues of one paragraph (outside its quotations) with their subjects."""

    def __init__(
        self,
        text: str,
        regions: list[tuple[int, int]],
        mentions: list[Mention],
        sentence_of: Callable[[int], int],
    ) -> None:
        self.text = text
        self.mentions = mentions
        self._starts = [m.surface_start for m in mentions]
        self._sentence_of = sentence_of
        self.cues: list[Cue] = []
        for start, end in regions:
            for match in _CUE.finditer(text, start, end):
                cue = self._cue(match)
                if cue is not None:
                    self.cues.append(cue)
        self._cue_starts = [c.start for c in self.cues]

    def _cue(self, match: re.Match[str]) -> Cue | None:
        text = self.text
        verb = match.group(0)
        cue = Cue(match.start(), match.end(), re.sub(r"\s+", " ", verb))
        cue.naming = verb in NAMING_VERBS
        cue.participle = verb.endswith("ing") and bool(
            _PARTICIPLE_LEAD.search(text, max(0, match.start() - 3), match.start())
        )
        agent = _AGENT.match(text, match.end())
        if agent is not None:
            cue.subject = self.mention_at(agent.end())
            if cue.subject is not None:
                cue.verb = f"{cue.verb} by"
                cue.end = agent.end() - 1
                return cue
        if _PASSIVE_BEFORE.search(text, max(0, match.start() - 8), match.start()) and not verb.startswith(
            "quoted"
        ):
            return None  # "was announced", "to say": no one is speaking here
        cue.subject = self.subject_before(match.start())
        if cue.subject is not None and verb.endswith("ing") and _is_object(text, cue.subject):
            # "wrote a letter to the judge describing her father as ...": the judge is the letter's
            # addressee; the participle belongs to the clause's subject.
            cue.subject, cue.participle = None, True
        return cue

    # Looking for mentions ---------------------------------------------------------------------------

    def mention_at(self, position: int) -> Mention | None:
        """The mention that begins at `position` (after whitespace)."""
        while position < len(self.text) and self.text[position].isspace():
            position += 1
        index = bisect.bisect_left(self._starts, position)
        if index < len(self.mentions) and self.mentions[index].surface_start == position:
            return self.mentions[index]
        return None

    def subject_before(self, position: int) -> Mention | None:
        """The mention that is the subject of a verb at `position`."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return None
        mention = self.mentions[index]
        if mention.surface_end > position:
            return None
        gap = self.text[mention.surface_end : position]
        if _GAP.fullmatch(gap) and not mention.possessive:
            return mention
        if _COORDINATED.search(self.text, max(0, position - 40), position):
            # "Asked whether ..., Tulloch said ... but added:": the subject of the sentence's earlier verb.
            sentence = self._sentence_of(position)
            earlier = [c for c in self.cues if c.start >= sentence and c.subject is not None]
            return earlier[-1].subject if earlier else self.sentence_subject(position)
        return None

    def sentence_subject(self, position: int) -> Mention | None:
        """The mention that opens the sentence holding `position` ("But Putin ...")."""
        sentence = self._sentence_of(position)
        index = bisect.bisect_left(self._starts, sentence)
        if index >= len(self.mentions) or self.mentions[index].surface_start > position:
            return None
        mention = self.mentions[index]
        opener = SENTENCE_OPENERS.match(self.text, sentence)
        lead = self.text[opener.end() if opener else sentence : mention.surface_start]
        return mention if not lead.strip() and not mention.possessive else None

    def according_to(self, start: int, end: int) -> Mention | None:
        """ "According to Dabrowski, ..." anywhere in text[start:end]."""
        match = _ACCORDING.search(self.text, start, end)
        return self.mention_at(match.end()) if match else None

    def in_range(self, start: int, end: int) -> list[Cue]:
        """The cues that begin in text[start:end], in order."""
        first = bisect.bisect_left(self._cue_starts, start)
        last = bisect.bisect_left(self._cue_starts, end)
        return self.cues[first:last]

    def participle_subject(self, cue: Cue, sentence: int) -> Mention | None:
        """ "Redline said ..., calling the diversion ...": the subject of the clause before."""
        earlier = [
            c for c in self.in_range(max(sentence, cue.start - REACH), cue.start) if c.subject is not None
        ]
        if earlier:
            return earlier[-1].subject
        return self.sentence_subject(cue.start)
