"""How well the quote extractor does on annotated articles: precision and recall of (quote, speaker) pairs.

An annotated article is `NAME.txt` beside `NAME.quotes.json` (the seed's shape: "speakers" and "quotes",
each quote with "text", "speaker" (a speaker's name, or null for an unattributed scare quote) and "kind").
Quotes are compared after `normalise_quote`; speakers by `normalise_name`. Scores are kept per kind, so a
direct quote reported as partial counts as a miss for direct and a false alarm for partial. Pure: it
reads files and calls the extractor, and must never touch the database or tune anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claims.extraction.extractor import CandidateQuote, extract_quotes
from claims.extraction.speakers import KnownSpeaker
from claims.normalise import normalise_name, normalise_quote

PROJECT = Path(__file__).resolve().parents[2]
ARTICLES = PROJECT / "tests" / "extraction" / "articles"
SEED = PROJECT.parent / "shared" / "seed"
KINDS = ("direct", "partial")

Pair = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article's text and its ground truth."""

    name: str
    text: str
    speakers: tuple[dict[str, Any], ...]
    quotes: tuple[dict[str, Any], ...]

    def speaker_table(self) -> list[KnownSpeaker]:
        """The article's speakers as the newsroom's table would hold them (ids are list positions)."""
        return [
            KnownSpeaker(
                id=number,
                name=s["name"],
                kind=s.get("kind", "person"),
                role=s.get("role"),
                aliases=tuple(s.get("aliases", ())),
            )
            for number, s in enumerate(self.speakers, start=1)
        ]


@dataclass(slots=True)
class Score:
    """Counts for one kind of quote; precision and recall follow from them."""

    expected: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.matched += other.matched


@dataclass(slots=True)
class ArticleScore:
    """One article's scores per kind, with what was missed and what was found wrongly."""

    name: str
    scores: dict[str, Score] = field(default_factory=lambda: {kind: Score() for kind in KINDS})
    missed: list[tuple[str, str, str | None]] = field(default_factory=list)
    wrong: list[tuple[str, str, str | None]] = field(default_factory=list)


def load_article(text_path: Path) -> AnnotatedArticle:
    annotation = json.loads(text_path.with_name(text_path.stem + ".quotes.json").read_text(encoding="utf-8"))
    return AnnotatedArticle(
        name=text_path.stem,
        text=text_path.read_text(encoding="utf-8"),
        speakers=tuple(annotation.get("speakers", ())),
        quotes=tuple(annotation.get("quotes", ())),
    )


def load_articles(folder: Path) -> list[AnnotatedArticle]:
    """Every annotated article in a folder (or the one article a path names), by name."""
    if folder.is_file():
        return [load_article(folder)]
    if not folder.is_dir():
        return []
    return [load_article(p) for p in sorted(folder.glob("*.txt")) if p.with_suffix(".quotes.json").exists()]


def article_sets(root: Path) -> list[str]:
    """The names of the article sets: every folder under `root` that holds an annotated article.

    The development set comes first, then the others by name, so `all` reads from the most tuned-against
    to the least.
    """
    if not root.is_dir():
        return []
    names = sorted(
        folder.name
        for folder in root.iterdir()
        if folder.is_dir() and any(p.with_suffix(".quotes.json").exists() for p in folder.glob("*.txt"))
    )
    return sorted(names, key=lambda name: (name != "dev", name != "heldout", name))


def score_article(
    article: AnnotatedArticle, quotes: Sequence[CandidateQuote], *, by_alias: bool = False
) -> ArticleScore:
    """Compare extracted quotes with the annotation, kind by kind.

    With `by_alias`, a proposed speaker also matches when its name is one of the annotated speaker's
    aliases: the fair comparison when the extractor was given no speaker table.
    """
    names = _speaker_keys(article, by_alias=by_alias)
    result = ArticleScore(article.name)
    for kind in KINDS:
        expected = Counter(_expected_pair(q) for q in article.quotes if q.get("kind") == kind)
        found = Counter(_found_pair(q, names) for q in quotes if q.kind == kind)
        score = result.scores[kind]
        score.expected = sum(expected.values())
        score.found = sum(found.values())
        score.matched = sum((expected & found).values())
        result.missed += [(kind, text, speaker) for (text, speaker) in (expected - found).elements()]
        result.wrong += [(kind, text, speaker) for (text, speaker) in (found - expected).elements()]
    return result


def evaluate(
    articles: Iterable[AnnotatedArticle], *, speaker_table: bool = True
) -> tuple[list[ArticleScore], dict[str, Score]]:
    """Run the extractor over each article and score it; also return the totals per kind."""
    results: list[ArticleScore] = []
    totals = {kind: Score() for kind in KINDS}
    for article in articles:
        table = article.speaker_table() if speaker_table else []
        result = score_article(
            article, extract_quotes(article.text, speakers=table), by_alias=not speaker_table
        )
        results.append(result)
        for kind in KINDS:
            totals[kind].add(result.scores[kind])
    return results, totals


def _expected_pair(quote: dict[str, Any]) -> Pair:
    speaker = quote.get("speaker")
    return normalise_quote(quote["text"]), normalise_name(speaker) if speaker else None


def _found_pair(quote: CandidateQuote, names: dict[str, str]) -> Pair:
    if quote.speaker is None:
        return normalise_quote(quote.text), None
    key = normalise_name(quote.speaker.name)
    return normalise_quote(quote.text), names.get(key, key)


def _speaker_keys(article: AnnotatedArticle, *, by_alias: bool) -> dict[str, str]:
    """Each name (and, with `by_alias`, each alias) an annotated speaker goes by, to its name's key."""
    keys: dict[str, str] = {}
    for speaker in article.speakers:
        key = normalise_name(speaker["name"])
        keys[key] = key
        if by_alias:
            for alias in speaker.get("aliases", ()):
                keys.setdefault(normalise_name(alias), key)
    return keys
