"""Fill the database with a synthetic archive at newsroom scale, for benchmarks and load tests."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.archive.generate import ArchiveExists, Plan, generate


class Command(BaseCommand):
    help = (
        "Write a synthetic archive (by default 1,000,000 quotes, 200,000 claims, 20,000 speakers, 100,000 "
        "sources) with COPY, in one transaction. Refuses to run twice on one database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quotes", type=int, default=1_000_000)
        parser.add_argument("--claims", type=int, help="Default: a fifth of --quotes.")
        parser.add_argument("--speakers", type=int, help="Default: a fiftieth of --quotes.")
        parser.add_argument("--sources", type=int, help="Default: a tenth of --quotes.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed writes the same archive.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = [options["quotes"], options["claims"], options["speakers"], options["sources"]]
        if any(count is not None and count < 1 for count in counts):
            raise CommandError("Every count must be at least 1.")
        plan = Plan.for_quotes(
            options["quotes"],
            claims=options["claims"],
            speakers=options["speakers"],
            sources=options["sources"],
            seed=options["seed"],
        )
        started = time.perf_counter()
        try:
            generate(plan, progress=lambda message: self.stdout.write(f"  {message}"))
        except ArchiveExists as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(f"Archive written in {time.perf_counter() - started:.0f} s."))
