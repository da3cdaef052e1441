"""manage.py restore FILE: bring back a backup made by `manage.py backup`, into an empty database."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into the database. Refuses a database that holds "
        "tables unless --force, which erases everything in it first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup file to restore.")
        parser.add_argument("--database", default="default", help="The database alias to restore into.")
        parser.add_argument(
            "--force", action="store_true", help="Erase the database's current contents, then restore."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            restore(options["file"], alias=options["database"], force=options["force"])
        except BackupError as failure:
            raise CommandError(str(failure)) from failure
        self.stdout.write(
            self.style.SUCCESS(f"Restored {options['file']} in {time.perf_counter() - started:.1f} s.")
        )
