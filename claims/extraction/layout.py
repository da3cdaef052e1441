"""Where an article's paragraphs and sentences are, and which paragraphs are body copy.

Headlines, standfirsts without a full stop, bylines and photo captions repeat or trail quotes from the
body; the extractor reads only body paragraphs. This module must never change the text: every offset it
returns points into the article exactly as it was given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.lexicon import ABBREVIATIONS, SPEECH_VERBS, UPPERCASE, alternation


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the article: offsets of its text without surrounding whitespace."""

    start: int
    end: int
    is_body: bool


# A blank line separates paragraphs when the article has any; otherwise each line is a paragraph.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")

# Captions come from CMS exports ("[/caption]"), picture desks ("Photograph: X/Agency") and wires.
_CAPTION_HEAD = re.compile(r"(?:photo|picture|pictured|image|caption|credit|photograph)s?\s*[:/|]", re.I)
_CREDIT = re.compile(r"\b(?:photo|picture|image|photograph|credit)s?\s*:", re.I)
_AGENCY = re.compile(
    r"\b(?:photo|picture|image|photograph|credit|getty|afp|ap|aap|pa|reuters|epa|shutterstock|alamy)\b", re.I
)
# Body copy ends a sentence; headlines, bylines and datelines do not.
_TERMINAL = re.compile(r"[.!?…:;][\s\"'”’»“«)\]]*$")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")

_SENTENCE_END = re.compile(rf"[.!?…][\"'”’»“)\]]*\s+(?=[\"'“‘«„(]?\s?[{UPPERCASE}0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]$")
# "“Will you resign?” Strand asked Tarrow.": a question or an exclamation closing a quotation is handed
# over to the name after it, which is its attribution, not a new sentence.
_QUESTION_CLOSES_QUOTE = re.compile(r"[?!…][\"”’»]")
_ATTRIBUTION_AFTER = re.compile(
    rf"(?:[{UPPERCASE}][\w’'.-]*\s+){{1,4}}?(?:also\s+|then\s+)?(?:{alternation(SPEECH_VERBS)})\b"
)


# What a live blog or a wire story puts before a paragraph's first sentence: a timestamp ("14:32",
# "2.15pm", "12.55pm BST") and a dateline ("ABERFAL —", "LONDON (Reuters) -", "KYIV, March 3 (AP) —").
_PREAMBLE = re.compile(
    r"(?:(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4}T)?"
    r"(?:\s*[—–:|-]\s*|\s*\n\s*|\s+(?=[A-Z“‘\"\'«])))?"
    rf"(?:[{UPPERCASE}]{{3}}[{UPPERCASE}’'. -]{{0,30}}"
    r"(?:,\s[^—–\n()]{1,30}?)?(?:\s*\([^()\n]{1,30}\))?\s*[—–-]+\s+)?"
)


def preamble_end(text: str, paragraph_start: int) -> int:
    """Where a paragraph's own words begin, after any timestamp and dateline."""
    match = _PREAMBLE.match(text, paragraph_start)
    return match.end() if match else paragraph_start


def paragraphs(text: str) -> list[Paragraph]:
    """The article's paragraphs in order, each marked as body copy or not."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    found: list[Paragraph] = []
    position = 0
    for match in separator.finditer(text):
        _append_paragraph(text, position, match.start(), found)
        position = match.end()
    _append_paragraph(text, position, len(text), found)
    if len(found) == 1 and not found[0].is_body and not _is_caption(text[found[0].start : found[0].end]):
        # A lone sentence pasted without its full stop is what the reporter wants read, not a headline.
        found[0] = Paragraph(found[0].start, found[0].end, is_body=True)
    return found


def _append_paragraph(text: str, start: int, end: int, found: list[Paragraph]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    found.append(Paragraph(start, end, is_body=_is_body(stripped)))


def _is_body(paragraph: str) -> bool:
    if _is_caption(paragraph):
        return False
    return not _is_headline(paragraph)


def _is_caption(paragraph: str) -> bool:
    tail = paragraph[-130:].rstrip()
    if "[/caption]" in tail or paragraph.startswith("[caption") or _CAPTION_HEAD.match(paragraph):
        return True
    if ":" in tail and _CREDIT.search(tail):
        return True  # "... Photograph: Lena Marsh/Harbour Post"
    # "... (AAP Image/Carla Dunn)"
    opening = tail.rfind("(")
    return tail.endswith(")") and opening != -1 and _AGENCY.search(tail, opening) is not None


def _is_headline(paragraph: str) -> bool:
    ending = _TERMINAL.search(paragraph[-12:].rstrip())
    if ending is None:
        return True
    # A headline may end in a question or an exclamation, hardly ever in a full stop.
    if ending.group(0)[0] in ".:;" or len(paragraph) > 250:
        return False
    words = _WORD.findall(paragraph)
    if len(words) < 4:
        return False
    # Headline case: nearly every longer word capitalised, or the whole line in capitals.
    long_words = [w for w in words if len(w) >= 4]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    shouting = sum(1 for w in words if w.isupper())
    return (bool(long_words) and capitalised >= 0.8 * len(long_words)) or shouting >= 0.8 * len(words)


class Sentences:
    """Sentence starts within one paragraph, ignoring full stops inside quotations and after abbreviations."""

    def __init__(self, text: str, paragraph: Paragraph, quoted: list[tuple[int, int]]) -> None:
        self.paragraph = paragraph
        starts = [paragraph.start]
        inside = _Inside(quoted)
        for match in _SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
            if inside(match.end()) or _after_abbreviation(text, match.start() + 1):
                continue
            if _QUESTION_CLOSES_QUOTE.match(text, match.start()) and _ATTRIBUTION_AFTER.match(
                text, match.end(), min(paragraph.end, match.end() + 80)
            ):
                continue
            starts.append(match.end())
        self.starts = starts

    def start_of(self, position: int) -> int:
        """Where the sentence holding `position` begins."""
        return self.starts[bisect.bisect_right(self.starts, position) - 1]

    def end_of(self, position: int) -> int:
        """Where the sentence holding `position` ends (the next sentence's start, or the paragraph's end)."""
        index = bisect.bisect_right(self.starts, position)
        return self.starts[index] if index < len(self.starts) else self.paragraph.end


class _Inside:
    """Whether an offset falls strictly inside one of a sorted list of spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def __call__(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.spans[index][0] < position < self.spans[index][1]


def _after_abbreviation(text: str, end: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, end - 12), end)
    if match is None:
        return False
    word = match.group(1)
    # A single capital before the stop is an initial ("J. D. Vance"), not a sentence.
    return word.lower().rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isupper())
