"""Load and fault test of the production server (gunicorn) on loopback, with editors writing meanwhile.

    python bench/load.py prepare --cluster-dir DIR --port PORT [--quotes 1000000]
    python bench/load.py run    --cluster-dir DIR --port PORT [--duration 60] [--concurrency 32]
    python bench/load.py faults --cluster-dir DIR --port PORT [--duration 60] [--concurrency 32]
    python bench/load.py smoke  # self-contained, ~30 s: scratch server, small archive, both faults

The database is a scratch PostgreSQL cluster of our own (operations.cluster.ScratchCluster: its folder
and port), never the machine's shared server: the fault run kills it. `prepare` creates one in
`--cluster-dir` and writes an archive into its database `--database` (`manage.py migrate` and
`generate_archive`); `run` and `faults` start it if it is stopped; `smoke` builds one in a temporary
folder and removes it afterwards.

gunicorn serves factcheck.wsgi with DEBUG off, one worker per CPU, 4 threads each. Clients (asyncio +
httpx, in this process) read the public fact-check pages, the fact-checks list, search and the API
anonymously, and editors create claims through the API with a token (each claim with two topics: a
claim row, two topic links and their history events, in one transaction). Reported: requests/s,
p50/p95/p99 per kind of request, and errors (any 5xx other than the outage's 503, any transport error
outside a fault, any unexpected status).

`faults` (and `smoke`) also crash the database mid-load (`pg_ctl -m immediate`), bring it back after
DB_DOWN_SECONDS, and SIGKILL a gunicorn worker mid-request. They check that the site answered 503 while
the database was down (JSON under /api/, HTML elsewhere, never 500), that it recovered by itself, that
every acknowledged write (201) exists with its history event afterwards, and that no claim is
half-written (every one has both topics and its insert event).

Results go to artifacts/bench/load-<mode>.json and a Markdown table on stdout. Exit status 1 when a
check fails. A measurement, not a test (tests/operations/test_load_smoke.py runs `smoke`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

DB_DOWN_SECONDS = 3.0
FAULT_TAIL_SECONDS = 3.0
SEARCH_WORDS = ["election", "tax", "border", "vaccine", "liberated", "budget", "war", "inflation"]
# Share of each kind of request in the mix (editors' writes included).
MIX = {
    "page": 30,
    "list": 15,
    "search": 10,
    "api_list": 20,
    "api_search": 10,
    "api_write": 15,
}
WRITE_TOPICS = ("load-topic-a", "load-topic-b")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


# --- the database and the data ----------------------------------------------------------------------


def manage(database_url: str, *arguments: str) -> None:
    environment = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, str(PROJECT / "manage.py"), *arguments], check=True, env=environment)  # noqa: S603


def use_database(database_url: str) -> None:
    """Point this process's Django at the archive (no pool: the database will be killed under it)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DATABASE_POOL"] = "false"
    import django

    django.setup()


@dataclass
class Fixture:
    token: str
    slugs: list[str]
    pages: int
    user_id: int


def prepare(run_id: str) -> Fixture:
    """An editor with an API token, the topics the writes use, and the published pages to read."""
    from django.contrib.auth.models import Group, User

    from accounts.services import token_create
    from claims.models import Claim, Topic

    editor, _ = User.objects.get_or_create(username=f"load-editor-{run_id}")
    editor.groups.add(Group.objects.get(name="Editor"))
    token = token_create(user=editor, name=f"load test {run_id}").key
    for slug in WRITE_TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ")})
    published = Claim.objects.filter(state=Claim.State.PUBLISHED)
    slugs = list(published.order_by("?").values_list("slug", flat=True)[:500])
    return Fixture(
        token=token, slugs=slugs, pages=max(1, min(50, published.count() // 20)), user_id=editor.pk
    )


# --- the server -------------------------------------------------------------------------------------


STATIC_ROOT = PROJECT / "artifacts" / "load-static"


def start_gunicorn(database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "true",
        # A request waits at most this long for a connection while the database is down, then gets 503.
        "DATABASE_POOL_TIMEOUT": "2",
        "API_THROTTLE_ANON": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
        "LOG_LEVEL": "ERROR",
        "DJANGO_LOG_LEVEL": "ERROR",
        # Production serves hashed static files collected beforehand, as a deployment does.
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=PROJECT,
        env=environment,
        check=True,
    )
    command = [
        sys.executable, "-m", "gunicorn", "factcheck.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread", "--threads", "4",
        "--timeout", "30", "--graceful-timeout", "5",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=PROJECT, env=environment)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start listening within 60 s")


def worker_pids(server: subprocess.Popen[bytes]) -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process(server.pid).children()]


def stop_gunicorn(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- the clients ------------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    status: int  # 0: the connection failed or was cut
    seconds: float
    started: float
    body_ok: bool = True


@dataclass
class Load:
    base: str
    fixture: Fixture
    run_id: str
    mix: dict[str, int] = field(default_factory=lambda: dict(MIX))
    samples: list[Sample] = field(default_factory=list)
    acknowledged: dict[int, str] = field(default_factory=dict)
    counter: int = 0

    def request_for(self, kind: str) -> tuple[str, str, dict[str, Any]]:
        if kind == "page":
            return "GET", f"/fact-checks/{random.choice(self.fixture.slugs)}/", {}
        if kind == "list":
            return "GET", f"/?page={random.randint(1, self.fixture.pages)}", {}
        if kind == "search":
            return "GET", f"/search/?q={random.choice(SEARCH_WORDS)}", {}
        if kind == "api_list":
            return "GET", f"/api/v1/claims/?page={random.randint(1, self.fixture.pages)}", {}
        if kind == "api_search":
            return "GET", f"/api/v1/search/?q={random.choice(SEARCH_WORDS)}", {}
        self.counter += 1
        statement = f"Load run {self.run_id}: claim number {self.counter} says the budget doubled"
        body = {"statement": statement, "topics": list(WRITE_TOPICS)}
        headers = {"Authorization": f"Token {self.fixture.token}"}
        return "POST", "/api/v1/claims/", {"json": body, "headers": headers}

    async def one(self, client: Any, kind: str) -> None:
        import httpx

        method, path, options = self.request_for(kind)
        started = time.perf_counter()
        try:
            response = await client.request(method, path, **options)
        except httpx.HTTPError:
            self.samples.append(Sample(kind, 0, time.perf_counter() - started, started))
            return
        elapsed = time.perf_counter() - started
        body_ok = True
        if response.status_code == 503:
            body_ok = outage_body_ok(path, response)
        elif kind == "api_write" and response.status_code == 201:
            self.acknowledged[int(response.json()["id"])] = options["json"]["statement"]
        self.samples.append(Sample(kind, response.status_code, elapsed, started, body_ok))

    async def worker(self, client: Any, stop: asyncio.Event) -> None:
        kinds, weights = list(self.mix), list(self.mix.values())
        while not stop.is_set():
            await self.one(client, random.choices(kinds, weights)[0])


def outage_body_ok(path: str, response: Any) -> bool:
    """The outage answer: the API's JSON envelope under /api/, an HTML page elsewhere; Retry-After."""
    if "Retry-After" not in response.headers:
        return False
    if path.startswith("/api/"):
        try:
            return bool(response.json()["error"]["code"] == "unavailable")
        except (ValueError, KeyError, TypeError):
            return False
    return (
        response.headers.get("Content-Type", "").startswith("text/html")
        and "Back in a moment" in response.text
    )


async def drive(load: Load, *, duration: float, concurrency: int, faults: Faults | None) -> float:
    """Run the clients for `duration` seconds, or, with faults, until both faults are over and the
    load has run FAULT_TAIL_SECONDS after them; returns the seconds the load ran."""
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    timeout = httpx.Timeout(30.0)
    stop = asyncio.Event()
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=load.base, limits=limits, timeout=timeout) as client:
        workers = [asyncio.create_task(load.worker(client, stop)) for _ in range(concurrency)]
        injected = asyncio.create_task(faults.inject(duration)) if faults is not None else None
        await asyncio.sleep(duration)
        if injected is not None:
            await injected
            await asyncio.sleep(FAULT_TAIL_SECONDS)
        stop.set()
        await asyncio.gather(*workers)
    return time.perf_counter() - started


# --- faults -----------------------------------------------------------------------------------------


@dataclass
class Faults:
    cluster: Any
    server: subprocess.Popen[bytes]
    database_url: str
    events: dict[str, float] = field(default_factory=dict)
    killed: str = ""

    async def inject(self, duration: float) -> None:
        await asyncio.sleep(duration * 0.2)
        self.events["db_killed"] = time.perf_counter()
        await asyncio.to_thread(self.cluster.kill)
        await asyncio.sleep(DB_DOWN_SECONDS)
        await asyncio.to_thread(self.cluster.start)
        self.events["db_back"] = time.perf_counter()
        await asyncio.sleep(duration * 0.2)
        self.killed = await asyncio.to_thread(self.kill_worker_mid_write)

    def kill_worker_mid_write(self, patience: float = 15.0) -> str:
        """SIGKILL a gunicorn worker in the middle of a write's transaction. To catch one there, this
        holds a lock on a topic the writes link to: the next write stops half-way (its claim row
        inserted, the topic links waiting), its backend shows in pg_stat_activity waiting on the lock,
        and the worker owning that backend's connection (matched by TCP port) is killed. Then the
        lock is released."""
        import psutil
        import psycopg

        deadline = time.monotonic() + patience
        with (
            psycopg.connect(self.database_url) as locker,
            psycopg.connect(self.database_url, autocommit=True) as watcher,
        ):
            locker.execute("SELECT id FROM claims_topic WHERE slug = %s FOR UPDATE", [WRITE_TOPICS[0]])
            try:
                while time.monotonic() < deadline:
                    rows = watcher.execute(
                        "SELECT client_port, left(query, 60) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock' "
                        "AND xact_start IS NOT NULL"
                    ).fetchall()
                    waiting = dict(rows)
                    for pid in worker_pids(self.server):
                        for link in psutil.Process(pid).net_connections(kind="tcp"):
                            if link.laddr and link.laddr.port in waiting:
                                os.kill(pid, signal.SIGKILL)
                                self.events["worker_killed"] = time.perf_counter()
                                return (
                                    f"worker {pid} killed in its transaction at: {waiting[link.laddr.port]}"
                                )
                    time.sleep(0.05)
            finally:
                locker.rollback()
        return f"no write was caught mid-transaction in {patience:.0f} s; no worker killed"


# --- checks and report ------------------------------------------------------------------------------


def summarise(load: Load, duration: float, faults: Faults | None) -> dict[str, Any]:
    samples = load.samples
    events = faults.events if faults else {}
    # Transport errors are expected only around the worker kill (the killed worker's open requests).
    worker_window = (events.get("worker_killed", -1.0) - 1.0, events.get("worker_killed", -1.0) + 5.0)
    outage_window = (events.get("db_killed", -1.0), events.get("db_back", -1.0) + 30.0)

    def expected_failure(sample: Sample) -> bool:
        if sample.status == 503:
            return outage_window[0] <= sample.started + sample.seconds and sample.started <= outage_window[1]
        if sample.status == 0:
            return worker_window[0] <= sample.started + sample.seconds <= worker_window[1]
        return False

    def is_error(sample: Sample) -> bool:
        expected_status = 201 if sample.kind == "api_write" else 200
        return (sample.status != expected_status and not expected_failure(sample)) or not sample.body_ok

    kinds: dict[str, Any] = {}
    for kind in MIX:
        ok = [s.seconds * 1000 for s in samples if s.kind == kind and s.status in (200, 201)]
        kinds[kind] = {
            "requests": sum(1 for s in samples if s.kind == kind),
            "p50_ms": round(percentile(ok, 0.50), 1),
            "p95_ms": round(percentile(ok, 0.95), 1),
            "p99_ms": round(percentile(ok, 0.99), 1),
        }
    ok_all = [s.seconds * 1000 for s in samples if s.status in (200, 201)]
    errors = [s for s in samples if is_error(s)]
    statuses: dict[str, int] = {}
    for sample in samples:
        statuses[str(sample.status)] = statuses.get(str(sample.status), 0) + 1
    return {
        "duration_s": round(duration, 1),
        "requests": len(samples),
        "requests_per_s": round(len(samples) / duration, 1),
        "p50_ms": round(percentile(ok_all, 0.50), 1),
        "p95_ms": round(percentile(ok_all, 0.95), 1),
        "p99_ms": round(percentile(ok_all, 0.99), 1),
        "errors": len(errors),
        "error_samples": [f"{s.kind} {s.status}" for s in errors[:10]],
        "statuses": statuses,
        "outage_503": sum(1 for s in samples if s.status == 503),
        "outage_503_wrong_body": sum(1 for s in samples if s.status == 503 and not s.body_ok),
        "status_500": sum(1 for s in samples if s.status == 500),
        "cut_by_worker_kill": sum(1 for s in samples if s.status == 0),
        "acknowledged_writes": len(load.acknowledged),
        "kinds": kinds,
    }


def wait_until_serving(base: str, timeout: float = 60.0) -> float:
    """Seconds until the API answers 200 again."""
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        with contextlib.suppress(httpx.HTTPError):  # not answering yet is what is being waited out
            if httpx.get(f"{base}/api/v1/claims/", timeout=10).status_code == 200:
                return time.perf_counter() - started
        time.sleep(0.5)
    raise RuntimeError(f"The site did not recover within {timeout:.0f} s")


def verify_writes(load: Load) -> dict[str, int]:
    """Every acknowledged claim exists with its words and its insert event; no claim of this run is
    missing a topic or its history (a write cut half-way would leave one)."""
    from django.db import connections
    from django.db.models import Count

    from claims.models import Claim

    connections.close_all()  # the database was restarted under this process's connections
    claims = Claim.objects.filter(author_id=load.fixture.user_id).annotate(topic_count=Count("topics"))
    found = {claim.pk: claim for claim in claims}
    events = Claim.pgh_event_model.objects.filter(  # type: ignore[attr-defined]
        pgh_obj_id__in=list(found), pgh_label="insert"
    ).values_list("pgh_obj_id", flat=True)
    with_event = set(events)
    lost = [
        pk
        for pk, statement in load.acknowledged.items()
        if pk not in found or found[pk].statement != statement
    ]
    return {
        "acknowledged": len(load.acknowledged),
        "lost": len(lost),
        "without_history": sum(1 for pk in load.acknowledged if pk not in with_event),
        "claims_written": len(found),
        "half_written": sum(1 for claim in found.values() if claim.topic_count != len(WRITE_TOPICS))
        + sum(1 for pk in found if pk not in with_event),
    }


def report(mode: str, result: dict[str, Any]) -> None:
    out = PROJECT / "artifacts" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"load-{mode}.json").write_text(json.dumps(result, indent=1))
    print(f"\n| {mode} | requests | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|")
    for kind, row in result["kinds"].items():
        print(f"| {kind} | {row['requests']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} |")
    summary = {key: value for key, value in result.items() if key != "kinds"}
    print(json.dumps(summary, indent=1))


def failures(result: dict[str, Any], faults: bool) -> list[str]:
    problems = []
    if result["errors"]:
        problems.append(f"{result['errors']} errors: {result['error_samples']}")
    if result["status_500"]:
        problems.append(f"{result['status_500']} answers were 500")
    if faults:
        if not result["outage_503"]:
            problems.append("no 503 was seen while the database was down")
        checks = result["writes"]
        if checks["lost"] or checks["without_history"] or checks["half_written"]:
            problems.append(f"writes not intact: {checks}")
        if not checks["acknowledged"]:
            problems.append("no write was acknowledged")
        if not result["worker_killed"].startswith("worker"):
            problems.append(result["worker_killed"])
    return problems


def run(
    cluster: Any, database: str, *, duration: float, concurrency: int, faults: bool, mix: dict[str, int] = MIX
) -> int:
    database_url = cluster.url(database)
    use_database(database_url)
    run_id = secrets.token_hex(4)
    fixture = prepare(run_id)
    port = free_port()
    server = start_gunicorn(database_url, port, workers=os.cpu_count() or 1)
    try:
        base = f"http://127.0.0.1:{port}"
        load = Load(base=base, fixture=fixture, run_id=run_id, mix=dict(mix))
        injector = Faults(cluster=cluster, server=server, database_url=database_url) if faults else None
        ran = asyncio.run(drive(load, duration=duration, concurrency=concurrency, faults=injector))
        result = summarise(load, ran, injector)
        result["conditions"] = {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "gunicorn": f"{os.cpu_count()} workers x 4 threads",
            "concurrency": concurrency,
        }
        if injector is not None:
            result["recovered_after_s"] = round(wait_until_serving(base), 1)
            result["db_down_s"] = round(injector.events["db_back"] - injector.events["db_killed"], 1)
            result["worker_killed"] = injector.killed
        result["writes"] = verify_writes(load)
    finally:
        stop_gunicorn(server)
    report("faults" if faults else "run", result)
    problems = failures(result, faults)
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


def smoke(duration: float, concurrency: int) -> int:
    import psycopg

    from operations.cluster import ScratchCluster

    with tempfile.TemporaryDirectory(prefix="factcheck_ops_load_") as folder:
        cluster = ScratchCluster(folder=Path(folder) / "pg", port=free_port())
        try:
            cluster.init()
            cluster.start()
            cluster.wait_ready()
            with psycopg.connect(cluster.url(), autocommit=True) as connection:
                connection.execute("CREATE DATABASE factcheck_ops_load")
            manage(cluster.url("factcheck_ops_load"), "migrate", "--no-input", "-v0")
            manage(cluster.url("factcheck_ops_load"), "generate_archive", "--quotes", "1000")
            # Writes are a larger share than in the full run, so a short run still has many in flight.
            mix = {**MIX, "api_write": 40}
            return run(
                cluster,
                "factcheck_ops_load",
                duration=duration,
                concurrency=concurrency,
                faults=True,
                mix=mix,
            )
        finally:
            cluster.destroy()


def prepare_archive(cluster: Any, database: str, quotes: int) -> int:
    import psycopg

    cluster.init()
    cluster.start()
    cluster.wait_ready()
    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    manage(cluster.url(database), "migrate", "--no-input", "-v0")
    manage(cluster.url(database), "generate_archive", "--quotes", str(quotes))
    print(f"Archive ready in {cluster.url(database)}; the server keeps running.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["prepare", "run", "faults", "smoke"])
    parser.add_argument("--quotes", type=int, default=1_000_000, help="The archive's size (prepare).")
    parser.add_argument("--cluster-dir", type=Path, help="The scratch cluster's folder (run, faults).")
    parser.add_argument("--port", type=int, help="The scratch cluster's port (run, faults).")
    parser.add_argument("--database", default="factcheck_ops_archive")
    parser.add_argument("--duration", type=float, help="Seconds of load (default 60; smoke 12).")
    parser.add_argument("--concurrency", type=int, default=32)
    options = parser.parse_args()
    if options.mode == "smoke":
        return smoke(options.duration or 12, min(options.concurrency, 12))
    if options.cluster_dir is None or options.port is None:
        parser.error("prepare, run and faults need the scratch cluster's --cluster-dir and --port")
    from operations.cluster import ScratchCluster

    cluster = ScratchCluster(folder=options.cluster_dir, port=options.port)
    if options.mode == "prepare":
        return prepare_archive(cluster, options.database, options.quotes)
    if not cluster.is_running():
        cluster.start()
        cluster.wait_ready()
    return run(
        cluster,
        options.database,
        duration=options.duration or 60,
        concurrency=options.concurrency,
        faults=options.mode == "faults",
    )


if __name__ == "__main__":
    sys.exit(main())
