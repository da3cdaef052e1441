"""Benchmark suite for search and the API at archive scale, in one run.

    python bench/archive.py                 # on the archive in DATABASE_URL (see below)
    python bench/archive.py --generate      # first writes a 1M-quote archive into an empty database
    python bench/archive.py --smoke         # a few repetitions, for CI (tests/search/test_bench.py)

Run it against a database holding an archive from `manage.py generate_archive` (1,000,000 quotes by
default), e.g. `DATABASE_URL=postgresql://postgres@127.0.0.1:5432/archive`. It measures, in this one
process, after a warm-up pass:

- ranked search (claims, quotes and speakers together) p50/p95 over 48 rotating queries: common words,
  rare words, two-word queries, phrases, OR and minus — as an editor and as an anonymous reader;
- similar claims and quotes p95 for statements and quote excerpts with words dropped;
- fuzzy speaker look-up p95 for names with a letter dropped and with initials;
- the claims list (50 per page, nested) and a claim's detail through the API, as a ratio to the raw
  limit: the same rows fetched by one hand-written SQL query (json_agg for nested data) through psycopg
  and encoded with orjson;
- ingest: quotes per second through the app's bulk path (the batch-log service, one transaction)
  against COPY of the same rows; both rolled back.

Results go to artifacts/bench/archive.json and a Markdown table on stdout. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], Any], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
        "max_ms": round(max(samples), 2),
    }


def sample_of(model: Any, field: str, count: int, rng: random.Random) -> list[str]:
    """`count` values of `field` from rows picked by `rng` (seeded): the same rows on every run over the
    same archive, so runs compare (ORDER BY random() gave every run other queries)."""
    ids = list(model.objects.order_by("id").values_list("id", flat=True))
    chosen = rng.sample(ids, min(count, len(ids)))
    values = dict(model.objects.filter(id__in=chosen).values_list("id", field))
    return [values[pk] for pk in chosen]


def search_queries(rng: random.Random) -> list[str]:
    from claims.archive.text import common_words
    from claims.models import Quote

    common = common_words()[:60]
    sample = sample_of(Quote, "text", 60, rng)
    words = [word.strip(".").lower() for text in sample for word in text.split()]
    rare = sorted(set(words), key=len, reverse=True)[:40]
    queries = [rng.choice(common) for _ in range(8)]  # the commonest words of news prose
    queries += rng.sample(rare, 12)  # rare words (names, places, terms)
    queries += [f"{rng.choice(common)} {rng.choice(rare)}" for _ in range(8)]
    queries += [f'"{" ".join(text.split()[2:4]).strip(".")}"' for text in sample[:8]]  # phrases
    queries += [f"{rng.choice(rare)} or {rng.choice(rare)}" for _ in range(6)]
    queries += [f"{rng.choice(rare)} -{rng.choice(common)}" for _ in range(6)]
    return queries


def drop_a_word(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 4:
        words.pop(rng.randrange(len(words)))
    return " ".join(words)


def bench_search(rng: random.Random, repeat: int) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser, User

    from claims.models import Claim, Quote, Speaker
    from claims.search.fulltext import search
    from claims.search.similar import similar
    from claims.search.speakers import find_speakers

    editor = (
        User.objects.filter(username__startswith="archive-editor").first()
        or User.objects.filter(is_superuser=True).first()
    )
    queries = search_queries(rng)
    results: dict[str, Any] = {"queries": len(queries)}
    for label, user in (("editor", editor), ("reader", AnonymousUser())):
        for query in queries:  # warm-up pass
            search(query, user=user)
        samples = [
            sample for query in queries for sample in timed(lambda q=query, u=user: search(q, user=u), repeat)
        ]
        results[f"search_{label}"] = summary(samples)
    statements = sample_of(Claim, "statement", 30, rng)
    excerpts = [" ".join(text.split()[:12]) for text in sample_of(Quote, "text", 20, rng)]
    texts = [drop_a_word(text, rng) for text in statements + excerpts]
    for text in texts:
        similar(text, user=editor)
    results["similar"] = summary(
        [s for text in texts for s in timed(lambda t=text: similar(t, user=editor), repeat)]
    )
    names = sample_of(Speaker, "name", 40, rng)
    typed = []
    for name in names:
        first, _, last = name.partition(" ")
        cut = rng.randrange(1, len(last)) if len(last) > 2 else 1
        typed.append(last[:cut] + last[cut + 1 :] if rng.random() < 0.5 else f"{first[0]}. {last}")
    for name in typed:
        find_speakers(name, user=editor)
    results["fuzzy_speaker"] = summary(
        [s for name in typed for s in timed(lambda n=name: find_speakers(n, user=editor), repeat)]
    )
    return results


RAW_LIST = """
SELECT coalesce(json_agg(row_to_json(page)), '[]')::text FROM (
  SELECT c.id, c.slug, c.statement, c.state, c.summary, c.first_appeared_on, c.published_at, c.updated_at,
         c.version,
         (SELECT json_build_object('id', r.id, 'slug', r.slug, 'label', r.label, 'value', r.value,
                                   'colour', r.colour, 'scale', s.slug)
            FROM claims_rating r JOIN claims_ratingscale s ON s.id = r.scale_id
           WHERE r.id = c.rating_id) AS rating,
         (SELECT coalesce(json_agg(DISTINCT jsonb_build_object('id', sp.id, 'name', sp.name, 'slug', sp.slug,
                                  'kind', sp.kind, 'role', sp.role, 'wikidata_qid', sp.wikidata_qid)), '[]')
            FROM claims_claimappearance a JOIN claims_quote q ON q.id = a.quote_id
            JOIN claims_speaker sp ON sp.id = q.speaker_id WHERE a.claim_id = c.id) AS speakers,
         (SELECT coalesce(json_agg(t.slug), '[]') FROM claims_claim_topics ct
            JOIN claims_topic t ON t.id = ct.topic_id WHERE ct.claim_id = c.id) AS topics
  FROM claims_claim c WHERE c.state IN ('published', 'retracted')
  ORDER BY c.published_at DESC, c.created_at DESC, c.id DESC LIMIT 50) page
"""


def bench_api(repeat: int) -> dict[str, Any]:
    import orjson
    from django.db import connection
    from django.test import Client

    from claims.models import Claim

    client = Client(HTTP_HOST="127.0.0.1")
    results: dict[str, Any] = {}

    def api_list() -> None:
        assert client.get("/api/v1/claims/", {"page_size": 50}).status_code == 200

    def raw_list() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_LIST)
            orjson.dumps(orjson.loads(cursor.fetchone()[0]))

    claim = Claim.objects.filter(state="published").order_by("-published_at").first()
    assert claim is not None, "the archive has no published claim"

    def api_detail() -> None:
        assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200

    def raw_detail() -> None:
        with connection.cursor() as cursor:
            cursor.execute(RAW_LIST.replace("ORDER BY", f"AND c.id = {claim.pk} ORDER BY"))
            orjson.dumps(orjson.loads(cursor.fetchone()[0]))

    for name, api, raw in (("claims_list_50", api_list, raw_list), ("claim_detail", api_detail, raw_detail)):
        api()
        raw()
        api_samples, raw_samples = timed(api, repeat * 10), timed(raw, repeat * 10)
        results[name] = {
            "api": summary(api_samples),
            "raw": summary(raw_samples),
            "ratio_p50": round(statistics.median(api_samples) / statistics.median(raw_samples), 2),
        }
    return results


def bench_ingest(rows: int) -> dict[str, Any]:
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from claims import services
    from claims.archive.text import Prose
    from claims.models import Speaker
    from claims.normalise import quote_fingerprint

    class Rollback(Exception):
        """Raised to roll back the rows a measurement wrote."""

    prose = Prose(random.Random(99))
    texts = prose.texts(rows, mean=24)
    speaker = Speaker.objects.order_by("id").first()
    reporter = User.objects.filter(username__startswith="archive-reporter").first() or User.objects.first()
    results: dict[str, Any] = {"rows": rows}
    started = time.perf_counter()
    with contextlib.suppress(Rollback), transaction.atomic():
        for text in texts:
            services.quote_log(speaker=speaker, text=text, logged_by=reporter)
        raise Rollback
    results["app_rows_per_s"] = round(rows / (time.perf_counter() - started))
    started = time.perf_counter()
    with contextlib.suppress(Rollback), transaction.atomic(), connection.cursor() as cursor:
        columns = (
            "speaker_id, text, fingerprint, original_text, original_language, said_on_precision, venue, "
            "location, kind, is_public, created_at, updated_at"
        )
        with cursor.copy(f"COPY claims_quote ({columns}) FROM STDIN") as copy:
            for text in texts:
                copy.write_row(
                    (
                        speaker.pk,
                        text + " (copy)",
                        quote_fingerprint(text + " (copy)"),
                        "",
                        "",
                        "unknown",
                        "",
                        "",
                        "direct",
                        False,
                        "now",
                        "now",
                    )
                )
        raise Rollback
    results["copy_rows_per_s"] = round(rows / (time.perf_counter() - started))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true", help="write a 1M-quote archive first")
    parser.add_argument("--smoke", action="store_true", help="one repetition and small ingest, for CI")
    parser.add_argument("--out", type=Path, default=PROJECT / "artifacts" / "bench" / "archive.json")
    args = parser.parse_args()
    import django

    django.setup()
    print(json.dumps(run(generate=args.generate, smoke=args.smoke, out=args.out), indent=2))


def run(*, generate: bool = False, smoke: bool = False, out: Path | None = None) -> dict[str, Any]:
    from django.core.management import call_command

    from claims.models import Quote

    if generate:
        call_command("generate_archive")
    rng = random.Random(2026)
    repeat = 1 if smoke else 3
    results: dict[str, Any] = {"quotes": Quote.objects.count()}
    results.update(bench_search(rng, repeat))
    results.update(bench_api(repeat))
    results["ingest"] = bench_ingest(50 if smoke else 2000)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
