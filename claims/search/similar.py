"""The claims and quotes nearest to a text, with a score: "has this been checked already?"

Two stages, so a match costs the same on two hundred thousand claims or a million quotes:

1. Blocking. The text's lexemes (the newsroom's stemming) are weighed by how many rows hold them,
   read from PostgreSQL's own statistics of the search vector (pg_stats.most_common_elems, kept by
   ANALYZE; a lexeme not listed there is rarer than every listed one). The rarest lexemes are joined
   with OR while the rows they are expected to match stay under `SIMILAR_CANDIDATES`; when even the
   rarest word is common, the rarest two or three are joined with AND instead. That query runs on the
   GIN index, capped, and what it returns are the candidates.
   Claims are blocked and ranked on their statement alone (`statement_vector`, stored in the row): a
   claim's full search vector holds its analysis too, kilobytes stored out of line, and ranking two
   thousand of those cost 20-30 ms on the 1M-quote archive; quotes on their own vector (a few dozen
   lexemes). The cap is 1,000: on the 1M-quote archive, 2,000 cost 15-20 ms more at p95 and found the
   claim a statement was taken from (a word dropped) in the top five no more often (198 and 199 of 200).
2. Scoring. Candidates are ranked by `ts_rank` against all the text's lexemes; the best `SCORED` are
   narrowed to the `TRIGRAM_SCORED` holding the largest share of the text's lexemes (in the whole search
   vector: a claim's summary and analysis count, so "Putin says…" finds the claim whose fact-check names
   Putin, though its statement does not), and those are scored
   0.5 × trigram similarity of the words (pg_trgm) + 0.5 × that share. Trigram similarity is the costly
   part (three comparisons of whole texts per row), so it runs on twenty rows, not sixty.

A paraphrase that shares no rare word with the text ("Kursk", "liberated") is not found; one that shares
any usually is. Statistics go stale between ANALYZE runs: a word that became common since only makes the
candidate cap bite sooner.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Model, QuerySet

from claims.models import Claim, Quote
from claims.roles import AnyUser
from claims.search.fulltext import UNSHOWN_CLAIM_FIELDS
from claims.search.languages import NEWSROOM, SIMPLE
from claims.selectors import claims_searchable_by, claims_visible_to, quotes_searchable_by, quotes_visible_to

T = TypeVar("T", bound=Model)

MAX_TEXT_LENGTH = 2000
MAX_LEXEMES = 40
SCORED = 60  # candidates scored on shared lexemes, the best by ts_rank
TRIGRAM_SCORED = 20  # of those, the ones sharing most lexemes, scored with trigrams too
MIN_SCORE = 0.2
STATISTICS_TTL = 300.0  # seconds a process keeps a table's lexeme statistics

_statistics: dict[str, tuple[float, dict[str, float], float, float]] = {}


@dataclass(frozen=True)
class Match(Generic[T]):
    item: T
    score: float


@dataclass(frozen=True)
class Similar:
    text: str
    claims: list[Match[Claim]]
    quotes: list[Match[Quote]]


def candidate_cap() -> int:
    return int(getattr(settings, "SIMILAR_CANDIDATES", 1000))


def lexeme_shares(table: str, vector: str = "search_vector") -> tuple[dict[str, float], float, float]:
    """Share of `table`'s rows whose `vector` holds each common lexeme, the share below which unlisted
    lexemes lie, and the table's row count estimate; from pg_stats, cached for a few minutes per process."""
    cached = _statistics.get(f"{table}.{vector}")
    if cached and time.monotonic() - cached[0] < STATISTICS_TTL:
        return cached[1], cached[2], cached[3]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [table, vector],
        )
        row = cursor.fetchone()
        cursor.execute("SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", [table])
        rows = float(cursor.fetchone()[0])
    shares: dict[str, float] = {}
    floor = 0.0
    if row and row[0]:
        lexemes, frequencies = row
        shares = dict(zip(lexemes, frequencies[: len(lexemes)], strict=True))
        floor = frequencies[len(lexemes)] if len(frequencies) > len(lexemes) else min(shares.values())
    _statistics[f"{table}.{vector}"] = (time.monotonic(), shares, floor, rows)
    return shares, floor, rows


def lexemes_of(text: str) -> list[str]:
    with connection.cursor() as cursor:
        sql = f"SELECT lexeme FROM unnest(to_tsvector('{NEWSROOM}', %s))"  # noqa: S608 - a constant
        cursor.execute(sql, [text[:MAX_TEXT_LENGTH]])
        return [lexeme for (lexeme,) in cursor.fetchall()][:MAX_LEXEMES]


def _literal(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def blocking_query(lexemes: list[str], table: str, cap: int, vector: str = "search_vector") -> str:
    """A tsquery (text form) expected to match at most about `cap` rows of `table` (on its `vector`), from
    the rarest lexemes: OR of single rare ones, or AND of the rarest few when every one is common."""
    shares, floor, rows = lexeme_shares(table, vector)
    rarity = sorted(lexemes, key=lambda lexeme: (shares.get(lexeme, floor / 2), lexeme))
    expected = [shares.get(lexeme, floor / 2) * rows for lexeme in rarity]
    chosen: list[str] = []
    total = 0.0
    for lexeme, count in zip(rarity, expected, strict=True):
        if chosen and total + count > cap:
            break
        chosen.append(lexeme)
        total += count
    if total <= cap or len(rarity) == 1:
        return " | ".join(_literal(lexeme) for lexeme in chosen)
    # Every lexeme is common: the rarest few together, assumed independent.
    together, estimate = [], rows
    for lexeme in rarity[:4]:
        together.append(lexeme)
        estimate *= shares.get(lexeme, floor / 2)
        if estimate <= cap:
            break
    return " & ".join(_literal(lexeme) for lexeme in together)


def _nearest(
    candidates: QuerySet[T],
    visible: QuerySet[T],
    column: str,
    vector: str,
    text: str,
    lexemes: list[str],
    limit: int,
) -> list[Match[T]]:
    """The rows of `candidates` whose `column` is nearest to `text`, blocked and ranked on `vector`."""
    table = candidates.model._meta.db_table
    cap = candidate_cap()
    blocking = blocking_query(lexemes, table, cap, vector)
    every = " | ".join(_literal(lexeme) for lexeme in lexemes)
    matching = candidates.order_by().values_list("id", vector, column)
    # The lexemes are already normalised; the language-neutral configuration leaves them as they are.
    blocked = matching.filter(**{vector: SearchQuery(blocking, search_type="raw", config=SIMPLE)})
    inner, params = blocked[:cap].query.sql_with_params()
    sql = f"""
        WITH candidates AS MATERIALIZED ({inner}),
        best AS (
            SELECT c.id, c.{column} AS words FROM candidates c(id, vector, {column})
            ORDER BY ts_rank(c.vector, %s::tsquery) DESC, c.id DESC LIMIT {SCORED}
        ),
        sharing AS (
            SELECT b.id, b.words,
                   cardinality(ARRAY(SELECT unnest(tsvector_to_array(t.search_vector))
                                     INTERSECT SELECT unnest(%s::text[])))::float / %s AS share
            FROM best b JOIN {table} t ON t.id = b.id
            ORDER BY share DESC, b.id DESC LIMIT {TRIGRAM_SCORED}
        )
        SELECT id,
               0.5 * GREATEST(similarity(words, %s), word_similarity(%s, words), word_similarity(words, %s))
               + 0.5 * share AS score
        FROM sharing ORDER BY score DESC, id DESC LIMIT %s
    """  # noqa: S608 - the inner query is the ORM's, table and columns constants; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, every, lexemes, len(lexemes), text, text, text, limit])
        scored = [(pk, float(score)) for pk, score in cursor.fetchall() if score >= MIN_SCORE]
    items = visible.filter(pk__in=[pk for pk, _ in scored]).in_bulk()
    return [Match(items[pk], round(score, 3)) for pk, score in scored if pk in items]


def similar(
    text: str, *, user: AnyUser, limit: int = 5, kinds: tuple[str, ...] = ("claims", "quotes")
) -> Similar:
    """The claims and quotes `user` may see that are nearest to `text`, best first, scored 0 to 1."""
    text = " ".join(text.split())[:MAX_TEXT_LENGTH]
    lexemes = lexemes_of(text) if text else []
    if not lexemes:
        return Similar(text, [], [])
    claims = (
        _nearest(
            claims_searchable_by(user),
            claims_visible_to(user).select_related("rating").defer(*UNSHOWN_CLAIM_FIELDS),
            "statement",
            "statement_vector",
            text,
            lexemes,
            limit,
        )
        if "claims" in kinds
        else []
    )
    quotes = (
        _nearest(
            quotes_searchable_by(user),
            quotes_visible_to(user).select_related("speaker").defer("search_vector"),
            "text",
            "search_vector",
            text,
            lexemes,
            limit,
        )
        if "quotes" in kinds
        else []
    )
    return Similar(text, claims, quotes)
