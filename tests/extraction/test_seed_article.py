"""The seed article (a real news report, kept outside the project) comes out exactly as annotated."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import extract_quotes
from claims.extraction.evaluation import load_article
from claims.normalise import normalise_quote

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
ARTICLE = SEED / "kursk-2025-05-21.txt"

pytestmark = pytest.mark.skipif(
    not ARTICLE.exists(), reason="the seed article lives in shared/, beside the project"
)


@pytest.fixture(scope="module")
def seed():
    return load_article(ARTICLE)


@pytest.fixture(scope="module")
def quotes(seed):
    return extract_quotes(seed.text, speakers=seed.speaker_table())


def test_the_seven_quotations_come_out_with_speaker_text_and_kind(seed, quotes):
    expected = [(normalise_quote(q["text"]), q["speaker"], q["kind"]) for q in seed.quotes]
    found = [(normalise_quote(q.text), q.speaker.name if q.speaker else None, q.kind) for q in quotes]
    assert found == expected


def test_the_speakers_are_the_newsrooms_known_speakers(seed, quotes):
    ids = {s.name: s.id for s in seed.speaker_table()}
    assert [q.speaker.id for q in quotes] == [ids[q["speaker"]] for q in seed.quotes]


def test_mentions_and_cues_read_as_the_reporter_wrote_them(seed, quotes):
    assert [q.speaker_mention for q in quotes] == [q["mention"] for q in seed.quotes]
    assert [q.cue for q in quotes] == [q["cue"] for q in seed.quotes]


def test_the_two_quotes_over_two_paragraphs_are_joined_with_one_space(seed, quotes):
    running_on = [q for q in quotes if len(q.parts) > 1]
    assert [q.speaker.name for q in running_on] == ["Oleh Shyriaiev", "Donald Trump"]
    for quote in running_on:
        assert quote.text == " ".join(seed.text[s:e] for s, e in quote.parts)
        assert "\n" in seed.text[quote.start : quote.end]


def test_captions_and_the_dateline_give_no_quotes(seed, quotes):
    assert all("[/caption]" not in seed.text[q.start : q.end] for q in quotes)
    assert len(quotes) == 7


def test_without_a_speaker_table_names_come_from_the_article(seed):
    found = {(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(seed.text)}
    assert ("The Kyiv regime’s adventure has completely failed.", "Vladimir Putin") in found
    shyriaiev = next(q for q in extract_quotes(seed.text) if q.text.startswith("Russia has not yet"))
    assert (shyriaiev.speaker.id, shyriaiev.speaker.role) == (None, "Ukrainian army commander")
