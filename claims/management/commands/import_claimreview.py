"""manage.py import_claimreview PATH... --as-editor USERNAME [--rating-map MAP.json]

Imports other fact-checkers' ClaimReview (one review, a list, an @graph or a DataFeed per file) through
claims.claimreview.import_claimreviews: a thin caller that reads files, shows progress and reports. A
file that is not valid JSON is reported and skipped; the other files go on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm  # type: ignore[import-untyped]

from claims import workflow
from claims.claimreview import (
    ImportReport,
    RatingMapError,
    RecordOutcome,
    claimreview_records,
    import_claimreviews,
)


class Command(BaseCommand):
    help = (
        "Import ClaimReview JSON-LD (a ClaimReview, a list, or a DataFeed) from other fact-checkers. "
        "Idempotent on the review URL; each record is imported whole or not at all."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="JSON files to import.")
        parser.add_argument(
            "--as-editor",
            required=True,
            metavar="USERNAME",
            help="The editor who approves and publishes the imported fact-checks.",
        )
        parser.add_argument(
            "--rating-map",
            type=Path,
            metavar="MAP.json",
            help='A JSON object of their rating names to ours, e.g. {"Pants on Fire": "False"}.',
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        editor = self._editor(options["as_editor"])
        rating_map = self._rating_map(options["rating_map"])
        total = ImportReport()
        unreadable = 0
        for path in options["paths"]:
            data = self._read(path)
            if data is None:
                unreadable += 1
                continue
            report = self._import(path, data, editor, rating_map, progress=not options["no_progress"])
            total.outcomes.extend(report.outcomes)
        self.stdout.write(
            f"Total: {total.summary()}" + (f"; {unreadable} file(s) unreadable" if unreadable else "")
        )
        if total.failed or unreadable:
            raise CommandError("Some records were not imported: see the reasons above.", returncode=1)

    def _editor(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user

    def _rating_map(self, path: Path | None) -> dict[str, str]:
        if path is None:
            return {}
        try:
            mapping = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the rating map {path}: {error}") from None
        if not isinstance(mapping, dict):
            raise CommandError(f"The rating map {path} must be a JSON object of their rating names to ours.")
        return mapping

    def _read(self, path: Path) -> object | None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            self.stderr.write(
                f"{path}: cannot read it ({error.strerror or error}); nothing imported from it."
            )
        except UnicodeDecodeError:
            self.stderr.write(f"{path}: not UTF-8 text; nothing imported from it.")
        except json.JSONDecodeError as error:
            self.stderr.write(
                f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                "nothing imported from it."
            )
        return None

    def _import(
        self, path: Path, data: object, editor: Any, rating_map: dict[str, str], *, progress: bool
    ) -> ImportReport:
        bar = tqdm(
            total=len(claimreview_records(data)),
            desc=path.name,
            unit="review",
            disable=not progress,
            file=self.stderr,
            leave=False,
        )

        def advance(outcome: RecordOutcome) -> None:
            bar.update(1)
            if outcome.status == "failed":
                bar.write(f"{path}: {outcome}", file=self.stderr)

        try:
            report = import_claimreviews(data, editor=editor, rating_map=rating_map, progress=advance)
        except workflow.Refusal as refused:
            raise CommandError(" ".join(refused.reasons)) from None
        except RatingMapError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        self.stdout.write(f"{path}: {report.summary()}")
        return report
