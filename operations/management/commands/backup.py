"""manage.py backup FILE: the whole archive to one pg_dump file (custom format)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back the database up to FILE in pg_dump's custom format: schema, search configurations, history "
        "triggers, every row and every history event. Restore it with `manage.py restore FILE`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="Where to write the backup, e.g. factcheck-2026-11-25.dump"
        )
        parser.add_argument("--database", default="default", help="The database alias to back up.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if path.is_dir():
            raise CommandError(f"{path} is a folder; name the backup file to write.")
        started = time.perf_counter()
        try:
            backup(path, alias=options["database"])
        except BackupError as failure:
            raise CommandError(str(failure)) from failure
        size = path.stat().st_size / 1_000_000
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up to {path} ({size:.1f} MB) in {time.perf_counter() - started:.1f} s."
            )
        )
