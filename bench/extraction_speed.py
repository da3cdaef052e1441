"""Benchmark: how many megabytes of article text the quote extractor reads per second on one core.

Run as `python bench/extraction_speed.py [--megabytes 5] [--runs 5]`. It builds realistic text from the
annotated articles in tests/extraction/articles (shuffled paragraphs of whole articles, so quotes, names
and captions come at their usual density), runs the extractor over it several times in this one process,
and prints the median and the worst throughput. It is a measurement, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from claims.extraction import KnownSpeaker, extract_quotes  # noqa: E402
from claims.extraction.evaluation import ARTICLES, load_articles  # noqa: E402


def build_corpus(megabytes: float, seed: int = 2025) -> tuple[str, list[KnownSpeaker]]:
    """Whole articles, one after another, until the text reaches `megabytes` of UTF-8."""
    articles = load_articles(ARTICLES / "dev") + load_articles(ARTICLES / "heldout")
    if not articles:
        raise SystemExit(f"no annotated articles under {ARTICLES}")
    speakers = [s for a in articles for s in a.speaker_table()]
    chooser = random.Random(seed)
    pieces: list[str] = []
    size = 0
    target = int(megabytes * 1_000_000)
    while size < target:
        text = chooser.choice(articles).text.strip()
        pieces.append(text)
        size += len(text.encode("utf-8")) + 2
    return "\n\n".join(pieces), speakers


def measure(text: str, speakers: list[KnownSpeaker], runs: int) -> list[float]:
    megabytes = len(text.encode("utf-8")) / 1_000_000
    rates: list[float] = []
    for _ in range(runs):
        began = time.perf_counter()
        quotes = extract_quotes(text, speakers=speakers)
        elapsed = time.perf_counter() - began
        rates.append(megabytes / elapsed)
    print(f"{megabytes:.1f} MB, {len(quotes)} quotes per run")
    return rates


def pin_to_one_core() -> str:
    """Keep the process on one CPU so the figure is a single core's, whatever else the machine runs."""
    if not hasattr(os, "sched_setaffinity"):
        return "any core (this system cannot pin)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"core {core}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"running on {pin_to_one_core()}")
    text, speakers = build_corpus(options.megabytes)
    rates = measure(text, speakers, options.runs)
    print(f"median {statistics.median(rates):.2f} MB/s, worst {min(rates):.2f} MB/s over {len(rates)} runs")


if __name__ == "__main__":
    main()
