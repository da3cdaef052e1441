"""manage.py restore_deleted <app_label.Model> <id>: bring back a row deleted by mistake, from history."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.history import restore_deleted


class Command(BaseCommand):
    help = (
        "Re-insert a deleted speaker, alias, quote, claim, appearance, citation, relation, rating, outlet or "
        "source exactly as it was when deleted. Restore parents first (a claim before its citations)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("model", help="For example claims.Quote or sources.Source")
        parser.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            model = apps.get_model(options["model"])
        except (LookupError, ValueError):
            raise CommandError(
                f"Unknown model {options['model']!r}; use app_label.Model, e.g. claims.Quote."
            ) from None
        try:
            row = restore_deleted(model, options["id"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        except LookupError:
            raise CommandError(f"{model._meta.label} has no history to restore from.") from None
        self.stdout.write(self.style.SUCCESS(f"Restored {model._meta.verbose_name} #{row.pk}: {row}"))
