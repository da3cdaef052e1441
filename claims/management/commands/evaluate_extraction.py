"""`manage.py evaluate_extraction`: precision and recall of the quote extractor on annotated articles.

A thin caller of `claims.extraction.evaluation`; it reads files only and must never touch the database.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction.evaluation import (
    ARTICLES,
    KINDS,
    SEED,
    AnnotatedArticle,
    ArticleScore,
    Score,
    article_sets,
    evaluate,
    load_articles,
)


class Command(BaseCommand):
    help = "Report the quote extractor's precision and recall on the annotated articles."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        # Any folder under tests/extraction/articles/ is a set. unseen, unseen2, ...: articles written and
        # annotated after the rules, by someone who never read them; never tune against them, or their
        # figure stops meaning anything.
        parser.add_argument(
            "--set",
            default="all",
            dest="article_set",
            help="A folder under tests/extraction/articles/, or 'all' for every one (default: %(default)s).",
        )
        parser.add_argument(
            "--seed",
            type=Path,
            default=SEED,
            help="The seed article, or its folder; it belongs to the development set (default: %(default)s).",
        )
        parser.add_argument(
            "--no-speaker-table",
            action="store_true",
            help="Give the extractor no known speakers; a proposed name may then match an annotated alias.",
        )
        parser.add_argument(
            "--show-errors", action="store_true", help="List missed and wrongly found quotes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        table = not options["no_speaker_table"]
        available = article_sets(ARTICLES)
        chosen = options["article_set"]
        if chosen != "all" and chosen not in available:
            raise CommandError(f"no article set {chosen!r}; available: {', '.join([*available, 'all'])}")
        for name in available if chosen == "all" else [chosen]:
            articles = _articles(name, options["seed"])
            if not articles:
                self.stdout.write(f"{name}: no annotated articles found")
                continue
            results, totals = evaluate(articles, speaker_table=table)
            self.stdout.write(
                f"== {name} ({len(articles)} articles, speaker table {'on' if table else 'off'})"
            )
            for result in results:
                self._article(result, show_errors=options["show_errors"])
            self.stdout.write(f"{'overall':<28}" + "".join(_cell(kind, totals[kind]) for kind in KINDS))

    def _article(self, result: ArticleScore, *, show_errors: bool) -> None:
        self.stdout.write(f"{result.name:<28}" + "".join(_cell(kind, result.scores[kind]) for kind in KINDS))
        if show_errors:
            for kind, text, speaker in result.missed:
                self.stdout.write(f"    missed {kind}: {text[:70]!r} ({speaker})")
            for kind, text, speaker in result.wrong:
                self.stdout.write(f"    wrong  {kind}: {text[:70]!r} ({speaker})")


def _articles(name: str, seed: Path) -> list[AnnotatedArticle]:
    articles = load_articles(ARTICLES / name)
    if name == "dev":
        articles = load_articles(seed) + articles
    return articles


def _cell(kind: str, score: Score) -> str:
    counts = f"{score.matched}/{score.expected} of {score.found}"
    return f"  {kind} P {score.precision:.2f} R {score.recall:.2f} ({counts:<12})"
