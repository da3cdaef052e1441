"""The measurement: scoring (quote, speaker) pairs kind by kind, and the figures the article sets reach."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.extraction import CandidateQuote, ProposedSpeaker
from claims.extraction.evaluation import ARTICLES, AnnotatedArticle, evaluate, load_articles, score_article

ARTICLE = AnnotatedArticle(
    name="tiny",
    text="unused",
    speakers=({"name": "Vladimir Putin", "kind": "person", "aliases": ["Putin", "Vlad"]},),
    quotes=(
        {"text": "The adventure has “failed”.", "speaker": "Vladimir Putin", "kind": "direct"},
        {"text": "liberated", "speaker": "Vladimir Putin", "kind": "partial"},
        {"text": "ridge compromise", "speaker": None, "kind": "partial"},
    ),
)


def quote(text: str, speaker: str | None, kind: str) -> CandidateQuote:
    proposed = ProposedSpeaker(None, speaker, None) if speaker else None
    return CandidateQuote(text, 0, len(text), ((0, len(text)),), proposed, speaker, None, kind, 0.9)


def test_a_perfect_answer_scores_one_and_typography_does_not_matter():
    found = [
        quote('The  adventure has "failed".', "VLADIMIR Putin", "direct"),
        quote("liberated", "Vladimir Putin", "partial"),
        quote("ridge compromise", None, "partial"),
    ]
    result = score_article(ARTICLE, found)
    assert [(s.precision, s.recall) for s in result.scores.values()] == [(1.0, 1.0), (1.0, 1.0)]
    assert result.missed == result.wrong == []


def test_the_wrong_speaker_is_both_a_miss_and_a_false_alarm():
    result = score_article(ARTICLE, [quote("liberated", "Volodymyr Zelensky", "partial")])
    partial = result.scores["partial"]
    assert (partial.expected, partial.found, partial.matched) == (2, 1, 0)
    assert ("partial", "liberated", "vladimir putin") in result.missed
    assert ("partial", "liberated", "volodymyr zelensky") in result.wrong


def test_a_direct_quote_reported_as_partial_counts_against_both_kinds():
    result = score_article(ARTICLE, [quote("The adventure has “failed”.", "Vladimir Putin", "partial")])
    assert result.scores["direct"].recall == 0.0
    assert result.scores["partial"].precision == 0.0


def test_an_alias_matches_only_when_asked_to():
    found = [quote("liberated", "Putin", "partial")]
    assert score_article(ARTICLE, found).scores["partial"].matched == 0
    assert score_article(ARTICLE, found, by_alias=True).scores["partial"].matched == 1


def test_articles_load_from_a_folder(tmp_path: Path):
    (tmp_path / "one.txt").write_text("Putin said: “Yes.”", encoding="utf-8")
    annotation = {"speakers": [{"name": "Vladimir Putin", "aliases": ["Putin"]}], "quotes": []}
    (tmp_path / "one.quotes.json").write_text(json.dumps(annotation), encoding="utf-8")
    (tmp_path / "unannotated.txt").write_text("No ground truth here.", encoding="utf-8")
    [article] = load_articles(tmp_path)
    assert article.name == "one"
    assert [(s.id, s.name, s.aliases) for s in article.speaker_table()] == [(1, "Vladimir Putin", ("Putin",))]


@pytest.mark.parametrize("folder", ["dev", "heldout", "unseen"])
def test_every_annotated_quote_is_in_its_article(folder: str):
    from claims.normalise import normalise_quote

    articles = load_articles(ARTICLES / folder)
    assert len(articles) >= 3
    for article in articles:
        words = normalise_quote(article.text)
        for annotated in article.quotes:
            first_paragraph = (
                annotated["text"] if not annotated.get("spans_paragraphs") else annotated["text"][:40]
            )
            assert normalise_quote(first_paragraph) in words, (article.name, annotated["text"])


@pytest.mark.parametrize("folder", ["dev", "heldout"])
def test_direct_quotes_reach_the_targets_with_the_speaker_table(folder: str):
    # A floor against regressions. Rules are never tuned against the held-out articles.
    _, totals = evaluate(load_articles(ARTICLES / folder))
    assert totals["direct"].precision >= 0.95
    assert totals["direct"].recall >= 0.90


def test_the_development_set_also_reaches_the_targets_without_a_speaker_table():
    _, totals = evaluate(load_articles(ARTICLES / "dev"), speaker_table=False)
    assert totals["direct"].precision >= 0.95
    assert totals["direct"].recall >= 0.90


@pytest.mark.parametrize(
    ("blind_set", "precision", "recall"),
    [
        # Measured once each on 2026-11-25 after the discourse work (README "Measured"): unseen2 direct
        # P 0.91 R 0.92 (it had measured 0.87/0.88 before), unseen3 P 0.92 R 0.91 on its first reading.
        ("unseen2", 0.90, 0.91),
        ("unseen3", 0.91, 0.90),
    ],
)
def test_the_blind_sets_keep_their_measured_figures(blind_set: str, precision: float, recall: float) -> None:
    """The blind sets were written by sessions that never read the extractor, and are never tuned
    against; this pins what they measured so a change cannot quietly lose ground on text the rules were
    not written for. Raising the figures must come from work on other articles."""
    _, totals = evaluate(load_articles(ARTICLES / blind_set))
    assert totals["direct"].precision >= precision
    assert totals["direct"].recall >= recall
