"""Write a synthetic archive with COPY: speakers, aliases, outlets, sources, quotes, claims, the quotes
claims are made in, citations and the review steps of every claim past draft.

Shape (for N quotes): N/5 claims, N/50 speakers, N/10 sources by default. Most claims are unpublished
(drafts and claims in review); about one in eight is published. A few speakers have many quotes (their
share follows a Zipf law). A claim's statement is usually words taken from one of its quotes, as a
reporter would write it, so similar-claim matching has real pairs to find.

Everything happens in one transaction on one connection, with the session's triggers off
(`session_replication_role = replica`): the rows are consistent by construction (foreign keys included),
history is not recorded for generated rows (they are not newsroom edits), and the database computes the
search vectors while Python writes the next rows. The tables' secondary indexes are dropped first and
built again at the end, which is several times faster than updating them row by row. Run it on a quiet
database: it locks the tables it fills until it commits.
"""

from __future__ import annotations

import datetime
import itertools
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from claims.archive.text import Prose
from claims.models import Rating
from claims.normalise import normalise_name, quote_fingerprint
from claims.roles import EDITOR, REPORTER

USER_PREFIX = "archive-"
# The transaction-scoped advisory lock that lets one generator at a time write into a database.
ARCHIVE_LOCK = 7_274_061
TABLES = (
    "claims_speaker",
    "claims_speakeralias",
    "sources_outlet",
    "sources_source",
    "claims_quote",
    "claims_claim",
    "claims_claimappearance",
    "claims_citation",
    "claims_reviewevent",
)
ROLES = [
    "Member of parliament",
    "Minister",
    "Mayor",
    "Spokesperson",
    "Army commander",
    "Chief executive",
    "Trade union leader",
    "Professor",
    "Campaigner",
    "Governor",
    "Senator",
    "President",
    "Prime minister",
]
# (state, share of claims, the review steps that led there as (action, from, to))
STATES: list[tuple[str, float, list[tuple[str, str, str]]]] = [
    ("draft", 0.55, []),
    ("in_review", 0.17, [("submit", "draft", "in_review")]),
    (
        "changes_requested",
        0.09,
        [("submit", "draft", "in_review"), ("request_changes", "in_review", "changes_requested")],
    ),
    ("approved", 0.05, [("submit", "draft", "in_review"), ("approve", "in_review", "approved")]),
    (
        "published",
        0.13,
        [
            ("submit", "draft", "in_review"),
            ("approve", "in_review", "approved"),
            ("publish", "approved", "published"),
        ],
    ),
    (
        "retracted",
        0.01,
        [
            ("submit", "draft", "in_review"),
            ("approve", "in_review", "approved"),
            ("publish", "approved", "published"),
            ("retract", "published", "retracted"),
        ],
    ),
]


# The generator's steps in order, each reported once done (to the command's output, or a job's progress).
STEPS = (
    "outlets",
    "sources",
    "speakers",
    "aliases",
    "quotes",
    "claims",
    "review events",
    "appearances",
    "citations",
    "indexes",
    "analyze",
)


@dataclass(frozen=True)
class Step:
    """One finished step: its name, its place among STEPS (from 1), the rows it wrote (indexes rebuilt,
    tables analysed) and the seconds since the generator started."""

    name: str
    number: int
    count: int
    seconds: float

    def __str__(self) -> str:
        return f"{self.name}: {self.count:,} ({self.seconds} s)"


class ArchiveExists(Exception):
    """An archive was generated in this database before."""


@dataclass(frozen=True)
class Plan:
    quotes: int
    claims: int
    speakers: int
    sources: int
    seed: int = 1

    @classmethod
    def for_quotes(
        cls,
        quotes: int,
        *,
        claims: int | None = None,
        speakers: int | None = None,
        sources: int | None = None,
        seed: int = 1,
    ) -> Plan:
        return cls(
            quotes=quotes,
            claims=claims if claims is not None else max(1, quotes // 5),
            speakers=speakers if speakers is not None else max(1, quotes // 50),
            sources=sources if sources is not None else max(1, quotes // 10),
            seed=seed,
        )


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def existing_archive() -> int:
    return get_user_model().objects.filter(username__startswith=USER_PREFIX).count()


def refuse_a_second_archive() -> None:
    """ArchiveExists if an archive was generated in this database before."""
    if existing_archive():
        raise ArchiveExists(
            "An archive was already generated in this database. Generate into a fresh database "
            "(set DATABASE_URL, or EMBEDDED_POSTGRES_DATABASE for the embedded server) instead."
        )


def _next_ids(cursor: Any) -> dict[str, int]:
    ids = {}
    for table in TABLES:
        cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608 - TABLES
        ids[table] = cursor.fetchone()[0]
    return ids


def _copy(cursor: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _secondary_indexes(cursor: Any) -> list[tuple[str, str]]:
    """(name, definition) of every index on the filled tables that backs no constraint."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        """,
        [list(TABLES)],
    )
    return cursor.fetchall()


def _users() -> tuple[list[int], list[int]]:
    User = get_user_model()
    reporters, editors = Group.objects.get(name=REPORTER), Group.objects.get(name=EDITOR)
    made: dict[str, list[int]] = {"reporter": [], "editor": []}
    for kind, group, count in (("reporter", reporters, 12), ("editor", editors, 6)):
        for number in range(1, count + 1):
            user = User.objects.create_user(f"{USER_PREFIX}{kind}-{number}", password=None)
            user.groups.add(group)
            made[kind].append(user.pk)
    return made["reporter"], made["editor"]


def generate(plan: Plan, *, progress: Callable[[Step], None] = lambda step: None) -> Report:
    """Write the archive `plan` describes; refuses (ArchiveExists) if one was generated here before.

    `progress` is called after each of STEPS. Everything but the final ANALYZE happens in one
    transaction, so other connections see the archive only once it is whole; a caller that wants its
    progress seen meanwhile must write it on a connection of its own (jobs.tasks does)."""
    refuse_a_second_archive()
    rng = random.Random(plan.seed)  # noqa: S311 - synthetic text, not secrets
    prose = Prose(rng)
    report = Report()
    now = timezone.now()
    started = time.perf_counter()

    def step(name: str, count: int) -> None:
        report.counts[name] = count
        report.seconds[name] = round(time.perf_counter() - started, 1)
        progress(Step(name, STEPS.index(name) + 1, count, report.seconds[name]))

    with transaction.atomic(), connection.cursor() as cursor:
        # Two generators started at once (two workers, a command and a job) would both pass the check
        # above; the second waits here until the first commits, then refuses.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ARCHIVE_LOCK])
        refuse_a_second_archive()
        reporters, editors = _users()
        ratings = list(Rating.objects.filter(scale__is_default=True).values_list("pk", flat=True)) or list(
            Rating.objects.values_list("pk", flat=True)
        )
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        ids = _next_ids(cursor)
        indexes = _secondary_indexes(cursor)
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')

        # Outlets and sources.
        outlet_count = max(1, plan.sources // 200)
        outlet_ids = list(range(ids["sources_outlet"], ids["sources_outlet"] + outlet_count))
        outlet_names = prose.names(outlet_count)
        domains = {}
        rows = []
        for pk, name in zip(outlet_ids, outlet_names, strict=True):
            slug = f"{slugify(name)}-{pk}"
            domains[pk] = f"{slug}.example"
            rows.append((pk, now, now, f"The {name} Times", slug, domains[pk], "newspaper"))
        step(
            "outlets",
            _copy(
                cursor,
                "sources_outlet",
                ["id", "created_at", "updated_at", "name", "slug", "domain", "kind"],
                rows,
            ),
        )
        source_ids = list(range(ids["sources_source"], ids["sources_source"] + plan.sources))
        titles = prose.texts(plan.sources, mean=10, sigma=0.3, low=4, high=20)
        first_day = datetime.date(2015, 1, 1)

        def sources() -> Iterable[tuple[Any, ...]]:
            for pk, title in zip(source_ids, titles, strict=True):
                outlet = rng.choice(outlet_ids)
                day = first_day + datetime.timedelta(days=rng.randrange(4000))
                url = f"https://{domains[outlet]}/{day:%Y/%m}/{pk}"
                yield (
                    pk,
                    now,
                    now,
                    url,
                    url,
                    title.rstrip("."),
                    "article",
                    day,
                    None,
                    "",
                    "en",
                    "",
                    "",
                    outlet,
                )

        step(
            "sources",
            _copy(
                cursor,
                "sources_source",
                [
                    "id",
                    "created_at",
                    "updated_at",
                    "url",
                    "canonical_url",
                    "title",
                    "kind",
                    "published_on",
                    "accessed_at",
                    "archive_url",
                    "language",
                    "text",
                    "text_sha256",
                    "outlet_id",
                ],
                sources(),
            ),
        )

        # Speakers, a third of them with an alias (their surname).
        speaker_ids = list(range(ids["claims_speaker"], ids["claims_speaker"] + plan.speakers))
        names = prose.names(plan.speakers)
        speaker_rows: list[tuple[Any, ...]] = []
        aliases = []
        alias_id = ids["claims_speakeralias"]
        for pk, name in zip(speaker_ids, names, strict=True):
            kind = "organisation" if rng.random() < 0.05 else "person"
            speaker_rows.append(
                (
                    pk,
                    now,
                    now,
                    kind,
                    name,
                    normalise_name(name),
                    f"{slugify(name)}-{pk}",
                    rng.choice(ROLES),
                    "",
                    "",
                    None,
                )
            )
            if rng.random() < 0.33:
                surname = name.split()[-1]
                aliases.append((alias_id, now, now, surname, normalise_name(surname), pk))
                alias_id += 1
        step(
            "speakers",
            _copy(
                cursor,
                "claims_speaker",
                [
                    "id",
                    "created_at",
                    "updated_at",
                    "kind",
                    "name",
                    "normalised_name",
                    "slug",
                    "role",
                    "description",
                    "wikidata_qid",
                    "affiliation_id",
                ],
                speaker_rows,
            ),
        )
        step(
            "aliases",
            _copy(
                cursor,
                "claims_speakeralias",
                ["id", "created_at", "updated_at", "alias", "normalised", "speaker_id"],
                aliases,
            ),
        )

        # Claims: their states, and which quotes make them (decided first, so quotes know if they are public).
        quote_ids = range(ids["claims_quote"], ids["claims_quote"] + plan.quotes)
        claim_ids = list(range(ids["claims_claim"], ids["claims_claim"] + plan.claims))
        state_names = [state for state, _, _ in STATES]
        states = rng.choices(state_names, weights=[share for _, share, _ in STATES], k=plan.claims)
        appearances: list[tuple[int, int]] = []
        first_quote: dict[int, int] = {}
        public_quotes: set[int] = set()
        for claim, state in zip(claim_ids, states, strict=True):
            chosen = set(rng.sample(quote_ids, k=min(len(quote_ids), rng.choice((1, 1, 2, 3)))))
            first_quote[claim] = min(chosen)
            appearances.extend((claim, quote) for quote in sorted(chosen))
            if state in ("published", "retracted"):
                public_quotes.update(chosen)
        wanted_texts = set(first_quote.values())

        # Quotes, in chunks; a few speakers say much (Zipf over speakers).
        speaker_weights = list(itertools.accumulate(1 / (rank + 5) ** 1.1 for rank in range(plan.speakers)))
        texts_for_claims: dict[int, str] = {}
        seen: set[tuple[int, str]] = set()

        def quotes() -> Iterable[tuple[Any, ...]]:
            chunk = 20_000
            for start in range(0, plan.quotes, chunk):
                size = min(chunk, plan.quotes - start)
                texts = prose.texts(size, mean=24, sigma=0.55, low=6, high=160)
                speakers = rng.choices(speaker_ids, cum_weights=speaker_weights, k=size)
                for offset, (text, speaker) in enumerate(zip(texts, speakers, strict=True)):
                    pk = quote_ids[start + offset]
                    fingerprint = quote_fingerprint(text)
                    while (speaker, fingerprint) in seen:  # the same words twice from one speaker
                        text += " Indeed."
                        fingerprint = quote_fingerprint(text)
                    seen.add((speaker, fingerprint))
                    if pk in wanted_texts:
                        texts_for_claims[pk] = text
                    day = first_day + datetime.timedelta(days=rng.randrange(4000))
                    source = rng.choice(source_ids) if rng.random() < 0.8 else None
                    yield (
                        pk,
                        now,
                        now,
                        text,
                        fingerprint,
                        "",
                        "",
                        day,
                        "day",
                        "",
                        "",
                        "direct",
                        rng.choice(reporters),
                        source,
                        speaker,
                        pk in public_quotes,
                    )

        step(
            "quotes",
            _copy(
                cursor,
                "claims_quote",
                [
                    "id",
                    "created_at",
                    "updated_at",
                    "text",
                    "fingerprint",
                    "original_text",
                    "original_language",
                    "said_on",
                    "said_on_precision",
                    "venue",
                    "location",
                    "kind",
                    "logged_by_id",
                    "source_id",
                    "speaker_id",
                    "is_public",
                ],
                quotes(),
            ),
        )
        seen.clear()

        # Claims themselves: the statement is usually words of the first quote.
        published_text = {"summary": 45, "analysis": 220}
        events: list[tuple[Any, ...]] = []

        def claims() -> Iterable[tuple[Any, ...]]:
            event_id = ids["claims_reviewevent"]
            nonlocal events
            statements = prose.texts(plan.claims, mean=13, sigma=0.3, low=6, high=30)
            for claim, state, own in zip(claim_ids, states, statements, strict=True):
                words = texts_for_claims[first_quote[claim]].rstrip(".").split()
                if rng.random() < 0.7 and len(words) >= 6:
                    begin = rng.randrange(max(1, len(words) - 12))
                    statement = " ".join(words[begin : begin + rng.randint(6, 14)]).rstrip(".").capitalize()
                else:
                    statement = own.rstrip(".")
                steps = next(path for name, _, path in STATES if name == state)
                public = state in ("published", "retracted")
                summary = prose.texts(1, mean=published_text["summary"])[0] if public else ""
                analysis = (
                    prose.texts(1, mean=published_text["analysis"], sigma=0.4, high=600)[0] if public else ""
                )
                author = rng.choice(reporters)
                for version, (action, from_state, to_state) in enumerate(steps, start=2):
                    actor = author if action == "submit" else rng.choice(editors)
                    events.append((event_id, action, from_state, to_state, "", version, now, actor, claim))
                    event_id += 1
                yield (
                    claim,
                    now,
                    now,
                    statement,
                    f"{slugify(statement)[:90]}-{claim}",
                    None,
                    state,
                    summary,
                    analysis,
                    len(steps) + 1,
                    now if public else None,
                    None,
                    author,
                    rng.choice(ratings) if public else None,
                    None,
                    "normal",
                    "",
                    "",
                    "",
                )

        step(
            "claims",
            _copy(
                cursor,
                "claims_claim",
                [
                    "id",
                    "created_at",
                    "updated_at",
                    "statement",
                    "slug",
                    "first_appeared_on",
                    "state",
                    "summary",
                    "analysis",
                    "version",
                    "published_at",
                    "assignee_id",
                    "author_id",
                    "rating_id",
                    "due_on",
                    "priority",
                    "imported_from_url",
                    "imported_publisher",
                    "short_statement",
                ],
                claims(),
            ),
        )
        texts_for_claims.clear()
        step(
            "review events",
            _copy(
                cursor,
                "claims_reviewevent",
                [
                    "id",
                    "action",
                    "from_state",
                    "to_state",
                    "comment",
                    "version",
                    "created_at",
                    "actor_id",
                    "claim_id",
                ],
                events,
            ),
        )
        appearance_rows = (
            (ids["claims_claimappearance"] + n, now, now, "asserts", claim, quote)
            for n, (claim, quote) in enumerate(appearances)
        )
        step(
            "appearances",
            _copy(
                cursor,
                "claims_claimappearance",
                ["id", "created_at", "updated_at", "stance", "claim_id", "quote_id"],
                appearance_rows,
            ),
        )
        citations = []
        citation_id = ids["claims_citation"]
        for claim, state in zip(claim_ids, states, strict=True):
            if state in ("published", "retracted"):
                for source in rng.sample(source_ids, k=min(len(source_ids), rng.choice((1, 2, 3)))):
                    citations.append(
                        (
                            citation_id,
                            now,
                            now,
                            rng.choice(("supports", "refutes", "context")),
                            "",
                            source,
                            claim,
                        )
                    )
                    citation_id += 1
        step(
            "citations",
            _copy(
                cursor,
                "claims_citation",
                ["id", "created_at", "updated_at", "bearing", "note", "source_id", "claim_id"],
                citations,
            ),
        )

        for _name, definition in indexes:
            cursor.execute(definition)
        step("indexes", len(indexes))
        for table in TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608 - TABLES
            )
    # Statistics for the planner and for similar-claim matching (claims.search.similar); and, when not
    # inside a transaction (VACUUM cannot be), the visibility map autovacuum keeps on a live archive, so
    # counts and lists read the indexes alone (index-only scans) as they would in production.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"{command} {table}")
    step("analyze", len(TABLES))
    return report
