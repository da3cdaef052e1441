"""manage.py embedded_db status|stop: look after the embedded PostgreSQL server of a development setup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck.embedded_db import running_address, stop_server


class Command(BaseCommand):
    help = "Show or stop the embedded PostgreSQL server used when DATABASE_URL is not set."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "stop"])

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DATABASES["default"]["ENGINE"] != "factcheck.embedded_db":
            raise CommandError("DATABASE_URL is set: this project is not using the embedded server.")
        folder = Path(settings.EMBEDDED_POSTGRES_DIR)
        address = running_address(folder)
        if options["action"] == "status":
            if address is None:
                message = f"Not running (data in {folder}); the next command that needs it starts it."
            else:
                message = f"Running, pid {address.pid}, socket in {address.socket_dir}, data in {folder}."
            self.stdout.write(message)
            return
        if stop_server(folder):
            self.stdout.write(self.style.SUCCESS("Stopped."))
        else:
            self.stdout.write("It was not running.")
