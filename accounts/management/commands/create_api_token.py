"""`manage.py create_api_token <username> [--name NAME]`: a new API token, its key printed once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import token_create


class Command(BaseCommand):
    help = "Make a new API token for a user and print its key (only a digest is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="API token", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user called {options['username']!r}.") from None
        new = token_create(user=user, name=options["name"])
        self.stderr.write(f"Token {new.token.prefix}… made for {user.username}; it will not be shown again:")
        self.stdout.write(new.key)
