"""`manage.py revoke_api_tokens <username> [--prefix PREFIX]`: stop a person's tokens working."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import ApiToken
from accounts.services import token_revoke, tokens_revoke_for


class Command(BaseCommand):
    help = "Revoke one API token of a user (--prefix, as listed in the admin) or all of them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--prefix", help="The first characters of the token's key, as shown in lists.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user called {options['username']!r}.") from None
        prefix = options["prefix"]
        if prefix is None:
            count = tokens_revoke_for(user=user)
            self.stdout.write(f"{count} token(s) of {user.username} revoked.")
            return
        tokens = list(ApiToken.objects.filter(user=user, prefix=prefix, revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} active tokens of {user.username} start with {prefix!r}.")
        token_revoke(token=tokens[0])
        self.stdout.write(f"Token {prefix}… of {user.username} revoked.")
