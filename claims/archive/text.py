"""News-like text for the synthetic archive.

Words follow a Zipf–Mandelbrot law over a vocabulary whose head is the common words of news prose
(words.txt, counted in the project's own test articles, most frequent first) and whose long tail is
made-up words built from syllables, as names, places and rare terms are in a real archive. Lengths are
log-normal, as sentence and quotation lengths are. Everything comes from one seeded `random.Random`, so
an archive is the same every time for the same seed.
"""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.txt")
TAIL_WORDS = 60_000
ZIPF_EXPONENT = 1.0
ZIPF_SHIFT = 2.7

_ONSETS = [
    "b",
    "br",
    "d",
    "dr",
    "f",
    "g",
    "gr",
    "h",
    "k",
    "kr",
    "l",
    "m",
    "n",
    "p",
    "pr",
    "r",
    "s",
    "st",
    "t",
    "tr",
    "v",
    "z",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ya"]
_CODAS = ["", "", "", "n", "r", "s", "l", "k", "m", "v"]


def common_words() -> list[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line and not line.startswith("#")]


def made_up_words(rng: random.Random, count: int) -> list[str]:
    """`count` distinct pronounceable words of two to four syllables."""
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < count:
        syllables = rng.choice((2, 2, 3, 3, 4))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(
            _CODAS
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Prose:
    """Draws sentences; `names` draws person-like names from the same tail."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        tail = made_up_words(rng, TAIL_WORDS)
        self.vocabulary = common_words() + tail
        weights = (1 / (rank + ZIPF_SHIFT) ** ZIPF_EXPONENT for rank in range(len(self.vocabulary)))
        self.cumulative = list(itertools.accumulate(weights))
        self.name_parts = [word.capitalize() for word in tail[:8000]]

    def lengths(self, count: int, mean: float, sigma: float, low: int, high: int) -> list[int]:
        mu = math.log(mean) - sigma * sigma / 2
        return [min(high, max(low, round(self.rng.lognormvariate(mu, sigma)))) for _ in range(count)]

    def texts(
        self, count: int, *, mean: float, sigma: float = 0.5, low: int = 4, high: int = 200
    ) -> list[str]:
        """`count` texts of about `mean` words, as sentences of about 18 words."""
        sizes = self.lengths(count, mean, sigma, low, high)
        words = self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=sum(sizes))
        texts = []
        start = 0
        for size in sizes:
            chunk = words[start : start + size]
            start += size
            sentences = [chunk[i : i + 18] for i in range(0, len(chunk), 18)]
            texts.append(" ".join(" ".join(s).capitalize() + "." for s in sentences))
        return texts

    def names(self, count: int) -> list[str]:
        return [
            f"{self.rng.choice(self.name_parts)} {self.rng.choice(self.name_parts)}" for _ in range(count)
        ]
