"""Whatever text comes in, the extractor answers, and its offsets point at what it returns."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import CandidateQuote, KnownSpeaker, extract_quotes
from claims.extraction.marks import MARKS

SPEAKERS = (
    KnownSpeaker(1, "Vladimir Putin", role="President of Russia", aliases=("Putin", "Vlad")),
    KnownSpeaker(2, "Kremlin", kind="organisation", aliases=("the Kremlin",)),
)
WORDS = [
    "Putin",
    "said",
    "he",
    "she",
    "the president",
    "the Kremlin",
    "told reporters",
    "Mr",
    "Oleh Shyriaiev,",
    # What the mention resolver reads: titles, platforms, datelines, timestamps, ages, court openers.
    "Det Insp",
    "Sen.",
    "Cllr",
    "Police Constable Amira Shah",
    "wrote on X",
    "LONDON (Reuters) -",
    "14:32\n",
    "2.15pm",
    "the 34-year-old",
    "(D-Ohio)",
    "Mitigating,",
    "a spokesperson for the Food and Allied Workers Union",
    "in Kyiv",
]
PIECES = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(["\n", "\n\n", " ", ". ", ", ", ": ", "’s", "'90s", "[/caption]", "Photo: "]),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.characters(max_codepoint=0x1F),  # control characters
)
NEWSY = st.lists(PIECES, max_size=60).map("".join)


def assert_consistent(article: str, quotes: list[CandidateQuote]) -> None:
    previous = -1
    for quote in quotes:
        assert quote.parts, quote
        assert quote.text == " ".join(article[s:e] for s, e in quote.parts)
        assert (quote.start, quote.end) == (quote.parts[0][0], quote.parts[-1][1])
        assert all(0 <= s < e <= len(article) for s, e in quote.parts)
        assert all(a[1] <= b[0] for a, b in zip(quote.parts, quote.parts[1:], strict=False))
        if len(quote.parts) == 1:
            assert article[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert quote.kind in ("direct", "partial")
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.start > previous
        previous = quote.start


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_unicode_text_gives_consistent_quotes(article):
    assert_consistent(article, extract_quotes(article, speakers=SPEAKERS))


@given(NEWSY)
@settings(max_examples=500, deadline=None)
def test_newsy_fragments_with_unbalanced_marks_give_consistent_quotes(article):
    assert_consistent(article, extract_quotes(article, speakers=SPEAKERS))


@given(st.lists(st.sampled_from([*MARKS, " ", "a", "\n\n"]), max_size=200).map("".join))
@settings(max_examples=300, deadline=None)
def test_nothing_but_quote_marks_never_gives_empty_quotes(article):
    quotes = extract_quotes(article)
    assert_consistent(article, quotes)
    assert all(q.text.strip(" \n") for q in quotes)


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_megabyte_of_one_paragraph_built_from_any_snippet(snippet):
    one_line = snippet.replace("\n", " ").replace("\r", " ")
    article = one_line * (1_000_000 // len(one_line) + 1)
    assert_consistent(article, extract_quotes(article, speakers=SPEAKERS))


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("« ", " »"), ("„", "“"), ("»", "«"), ("‚", "‘")],
)
def test_a_megabyte_of_one_paragraph_in_every_convention(opening, closing):
    article = f"He said {opening}yes, sir{closing} and went on. " * 33_000
    quotes = extract_quotes(article)
    assert len(article) > 1_000_000
    assert_consistent(article, quotes)
    assert len(quotes) == 33_000
    assert {q.text for q in quotes} == {"yes, sir"}


def test_a_megabyte_of_one_unclosed_quote_is_no_quote():
    article = "Putin said: “" + "we will not stop " * 62_000
    assert len(article) > 1_000_000
    assert extract_quotes(article) == []


def test_a_megabyte_of_balanced_quotes_in_one_paragraph_is_all_found():
    article = "Putin said: “Yes.” " * 55_000 + "The end."
    quotes = extract_quotes(article, speakers=SPEAKERS)
    assert len(article) > 1_000_000
    assert len(quotes) == 55_000
    assert {q.text for q in quotes} == {"Yes."}
    assert {q.speaker.id for q in quotes} == {1}


def test_control_characters_and_nul_bytes_inside_a_quote_are_kept_as_written():
    article = "Putin said: “The\x0b adventure\x00 has\x1c failed.”\u2028"
    quotes = extract_quotes(article, speakers=SPEAKERS)
    assert [(q.text, q.speaker.id) for q in quotes] == [("The\x0b adventure\x00 has\x1c failed.", 1)]
