"""Which quotation marks in an article open and close which quotations.

Pairs curly and straight double and single marks, « » and » «, „ “ and ‚ ‘, tells apostrophes
("Putin’s", "’90s", "nurses’ room") from closing single quotes, keeps quotes nested in quotes inside
their outer quote, and follows a quotation that runs on into the next paragraph when that paragraph
opens with a quote mark. It only finds spans of text between marks; it must never decide who said them,
and it must stay linear in the length of the article (no backtracking regexes over a whole paragraph).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.layout import Paragraph
from claims.extraction.lexicon import ELISIONS

MARKS = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
_MARK = re.compile(f"[{MARKS}]")

# For each mark, the opening marks it can close. "“" closes „ (German); "«" closes » (»Danish«).
_CLOSES: dict[str, frozenset[str]] = {
    "”": frozenset('“„”"‟'),
    '"': frozenset('"“„”‟'),
    "“": frozenset("„"),
    "»": frozenset("«»"),
    "«": frozenset("»"),
    "’": frozenset("‘’'‚‛"),
    "'": frozenset("'‘’‚‛"),
    "‘": frozenset("‚"),
    "›": frozenset("‹›"),
    "‹": frozenset("›"),
}
_OPENERS = frozenset("“\"„‟«»‘'‚‛‹›”’")
# Guillemets and low-9 marks are set with or without inner spaces; their direction is in their shape.
_SHAPED = frozenset("«»‹›„‚")
_SINGLE = frozenset("‘’'‚‛")
_FAMILY = dict.fromkeys('“”"„‟', "double") | dict.fromkeys("«»", "angle")
_FAMILY |= dict.fromkeys("‘’'‚‛", "single") | dict.fromkeys("‹›", "single angle")

_OPEN_CONTEXT = frozenset("([{—–-/:") | frozenset(MARKS)
_CLOSE_CONTEXT = frozenset(".,;:!?)]}…—–-") | frozenset(MARKS)
# A closing single mark not followed by a letter: the candidates for ending a single-quoted quotation.
_SINGLE_CLOSER = re.compile(r"(?<=\S)[’'](?![^\W_])")
_MAX_DEPTH = 12
_NEXT_WORD = re.compile(r"\w+")
# Words that follow a closing quote but hardly ever a plural possessive ("the players’ ...").
_AFTER_CLOSING = frozenset(
    """
    and or but as in on to by for with from at of that which who is are was were will would has have had
    he she they it after before because since while when if than then so said says told
    """.split()
)


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between an opening and a closing mark, possibly over several paragraphs.

    `pieces` are (start, end) of the raw text inside the marks in each paragraph; `opened` is the offset
    of the first opening mark and `closed` the offset just after the final closing mark.
    """

    opened: int
    closed: int
    pieces: tuple[tuple[int, int], ...]
    first_paragraph: int
    last_paragraph: int


@dataclass(slots=True)
class _Open:
    mark: str
    at: int
    pieces: list[tuple[int, int]]
    content_from: int
    paragraph: int


def quoted_spans(text: str, paras: list[Paragraph]) -> list[QuotedSpan]:
    """Every outermost quotation in the body paragraphs, in article order."""
    found: list[QuotedSpan] = []
    body = [i for i, p in enumerate(paras) if p.is_body]
    carried: _Open | None = None
    for position, index in enumerate(body):
        paragraph = paras[index]
        left_open = _pair_in_paragraph(text, paragraph, index, carried, found)
        carried = None
        if left_open is not None and position + 1 < len(body):
            following = paras[body[position + 1]]
            if _continues(text[following.start], left_open.mark):
                pieces = [*left_open.pieces, (left_open.content_from, paragraph.end)]
                carried = _Open(
                    left_open.mark, left_open.at, pieces, following.start + 1, left_open.paragraph
                )
    return _outermost(found)


def _continues(first_char: str, mark: str) -> bool:
    """A paragraph that opens with a mark of the same family carries on an unclosed quotation."""
    return first_char in _OPENERS and _FAMILY.get(first_char) == _FAMILY.get(mark)


def _pair_in_paragraph(
    text: str, paragraph: Paragraph, index: int, carried: _Open | None, found: list[QuotedSpan]
) -> _Open | None:
    stack: list[_Open] = [carried] if carried is not None else []
    closers = _SingleClosers(text, paragraph)
    start = paragraph.start + 1 if carried is not None else paragraph.start
    for match in _MARK.finditer(text, start, paragraph.end):
        at = match.start()
        mark = text[at]
        before = text[at - 1] if at > paragraph.start else None
        after = text[at + 1] if at + 1 < paragraph.end else None
        if mark in _SINGLE and _is_apostrophe(text, at, before, after, paragraph.end):
            continue
        opens_here = _left_flanking(mark, before, after)
        closes_here = _right_flanking(mark, before, after)
        target = _closable(stack, mark) if (closes_here or not opens_here or mark in _SHAPED) else None
        if target is not None and _plural_possessive(text, at, before, after, closers):
            target = None
        if target is not None:
            opened = stack[target]
            del stack[target:]
            pieces = (*opened.pieces, (opened.content_from, at))
            found.append(QuotedSpan(opened.at, at + 1, pieces, opened.paragraph, index))
        elif opens_here and mark in _OPENERS and len(stack) < _MAX_DEPTH:
            stack.append(_Open(mark, at, [], at + 1, index))
    return stack[0] if stack else None


def _plural_possessive(
    text: str, at: int, before: str | None, after: str | None, closers: _SingleClosers
) -> bool:
    """ "the nurses’ room": an apostrophe, unless a function word follows or no later mark could close."""
    if text[at] not in "’'" or before not in ("s", "S") or after != " ":
        return False
    following = _NEXT_WORD.match(text, at + 2)
    if following is not None and following.group(0).lower() in _AFTER_CLOSING:
        return False
    return closers.later_than(at)


def _is_apostrophe(text: str, at: int, before: str | None, after: str | None, end: int) -> bool:
    if before is not None and after is not None and before.isalnum() and after.isalnum():
        return True  # inside a word: "Putin’s", "don't"
    if after is not None and (before is None or not before.isalnum()):
        following = text[at + 1 : min(end, at + 7)]
        if following[:2].isdigit() and following[2:3] in ("s", ""):
            return True  # "’90s"
        word = re.match(r"[a-z]+", following)
        if (
            word is not None
            and word.group(0) in ELISIONS
            and not following[len(word.group(0)) :][:1].isalpha()
        ):
            return True
    return False


def _left_flanking(mark: str, before: str | None, after: str | None) -> bool:
    if mark in _SHAPED:
        return mark in "«„‚‹" or after is not None
    return (before is None or before.isspace() or before in _OPEN_CONTEXT) and (
        after is not None and not after.isspace()
    )


def _right_flanking(mark: str, before: str | None, after: str | None) -> bool:
    if mark in _SHAPED:
        return mark in "»›"
    return (before is not None and not before.isspace()) and (
        after is None or after.isspace() or after in _CLOSE_CONTEXT
    )


def _closable(stack: list[_Open], mark: str) -> int | None:
    """The index of the innermost open quotation this mark can close, if any."""
    closes = _CLOSES.get(mark)
    if not closes:
        return None
    for index in range(len(stack) - 1, -1, -1):
        if stack[index].mark in closes:
            return index
    return None


class _SingleClosers:
    """Offsets of the single marks in a paragraph that could end a single-quoted quotation."""

    def __init__(self, text: str, paragraph: Paragraph) -> None:
        self.text = text
        self.paragraph = paragraph
        self.offsets: list[int] | None = None

    def later_than(self, at: int) -> bool:
        if self.offsets is None:
            self.offsets = [
                m.start()
                for m in _SINGLE_CLOSER.finditer(self.text, self.paragraph.start, self.paragraph.end)
            ]
        index = bisect.bisect_right(self.offsets, at)
        return any(self.text[offset - 1] not in "sS" for offset in self.offsets[index : index + 8])


def _outermost(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    kept: list[QuotedSpan] = []
    for span in sorted(spans, key=lambda s: (s.opened, -s.closed)):
        if kept and span.opened < kept[-1].closed:
            continue  # a quote nested in a quote belongs to its outer quote
        kept.append(span)
    return kept
