"""manage.py loaddemo: build the demo newsroom (the Kursk example) and its two demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from claims.demo import ACCOUNTS, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (speakers, quotes and competing claims about the Kursk region). Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--accounts",
            action="store_true",
            help="Create the demo logins even with DEBUG off (they have published passwords).",
        )
        parser.add_argument(
            "--no-accounts", action="store_true", help="Do not create or reset the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with_accounts = not options["no_accounts"] and (settings.DEBUG or options["accounts"])
        if not with_accounts and not options["no_accounts"]:
            self.stderr.write(
                "DEBUG is off: demo logins skipped (their passwords are public). Use --accounts."
            )
        load_demo(with_accounts=with_accounts)
        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded: the Kursk example."))
        if with_accounts:
            for account in ACCOUNTS:
                self.stdout.write(f"  {account.group:<9} login: {account.username} / {account.password}")
