"""The contract the REST endpoint relies on: shapes, immutability, no Django, and the management command."""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import CandidateQuote, KnownSpeaker, ProposedSpeaker, extract_quotes

PROJECT = Path(__file__).resolve().parents[2]


def test_the_package_imports_without_django_or_settings():
    script = (
        "import sys; import claims.extraction as e; "
        "e.extract_quotes('Putin said: “Yes.”'); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_candidates_and_speakers_are_frozen_records_with_the_agreed_fields():
    assert [f.name for f in dataclasses.fields(CandidateQuote)] == [
        "text",
        "start",
        "end",
        "parts",
        "speaker",
        "speaker_mention",
        "cue",
        "kind",
        "confidence",
    ]
    assert [f.name for f in dataclasses.fields(ProposedSpeaker)] == ["id", "name", "role"]
    assert [f.name for f in dataclasses.fields(KnownSpeaker)] == ["id", "name", "kind", "role", "aliases"]
    quote = extract_quotes("Putin said: “Yes.”")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.text = "No."  # type: ignore[misc]


def test_speakers_are_keyword_only_and_any_sequence_will_do():
    putin = KnownSpeaker(5, "Vladimir Putin", aliases=("Putin",))
    by_list = extract_quotes("Putin said: “Yes.”", speakers=[putin])
    by_tuple = extract_quotes("Putin said: “Yes.”", speakers=(putin,))
    assert by_list == by_tuple
    assert by_list[0].speaker == ProposedSpeaker(5, "Vladimir Putin", None)
    with pytest.raises(TypeError):
        extract_quotes("Putin said: “Yes.”", [putin])  # type: ignore[misc]


def test_a_known_speakers_alias_matches_whatever_its_typography():
    zelensky = KnownSpeaker(8, "Volodymyr Zelensky", aliases=("Zelénsky",))
    quote = extract_quotes("ZELENSKY told reporters: “We will hold.”", speakers=(zelensky,))[0]
    assert (quote.speaker.id, quote.speaker_mention) == (8, "ZELENSKY")


def test_the_evaluation_command_prints_figures_per_article_and_overall():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("evaluate_extraction", "--set", "heldout", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("== heldout (")
    assert any(line.startswith("harbour-bridge") and "direct P" in line for line in lines)
    assert lines[-1].startswith("overall") and "partial P" in lines[-1]


def test_every_folder_of_annotated_articles_is_a_set_and_all_reads_them_all(tmp_path, monkeypatch):
    from django.core.management import call_command

    from claims.extraction.evaluation import ARTICLES, article_sets

    assert article_sets(ARTICLES)[:2] == ["dev", "heldout"]
    for name in ("unseen2", "dev"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "one.txt").write_text("Putin said: “Yes.”", encoding="utf-8")
        annotation = {
            "speakers": [{"name": "Putin"}],
            "quotes": [{"text": "Yes.", "speaker": "Putin", "kind": "direct"}],
        }
        (tmp_path / name / "one.quotes.json").write_text(json.dumps(annotation), encoding="utf-8")
    (tmp_path / "notes").mkdir()  # a folder without annotated articles is not a set
    monkeypatch.setattr("claims.management.commands.evaluate_extraction.ARTICLES", tmp_path)
    assert article_sets(tmp_path) == ["dev", "unseen2"]

    out = io.StringIO()
    call_command("evaluate_extraction", "--set", "unseen2", "--seed", str(tmp_path / "none"), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("== unseen2 (1 articles")
    assert lines[-1].startswith("overall") and "direct P 1.00 R 1.00" in lines[-1]

    out = io.StringIO()
    call_command("evaluate_extraction", "--set", "all", "--seed", str(tmp_path / "none"), stdout=out)
    assert [line.split(" (")[0] for line in out.getvalue().splitlines() if line.startswith("==")] == [
        "== dev",
        "== unseen2",
    ]


def test_an_unknown_set_is_refused_with_the_sets_there_are():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"no article set 'nope'; available: dev, heldout, .*all"):
        call_command("evaluate_extraction", "--set", "nope")
