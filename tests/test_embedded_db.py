"""The embedded PostgreSQL server: started from scratch, reused, started once when raced, stopped.

These tests use their own data folders (never the project's .pgdata) and stop their servers at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from factcheck.embedded_db import DATA_SUBDIR, SUPERUSER, ensure_server, running_address, stop_server

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "pg"
    yield folder
    stop_server(folder)


def test_server_started_from_scratch_then_reused(folder: Path) -> None:
    assert running_address(folder) is None
    address = ensure_server(folder, database="newsroom")
    assert (folder / DATA_SUBDIR / "PG_VERSION").read_text().strip() == "18"
    with psycopg.connect(
        host=str(address.socket_dir), port=address.port, user=SUPERUSER, dbname="newsroom"
    ) as db:
        assert db.execute("SHOW server_version").fetchone()[0].startswith("18.")  # type: ignore[index]
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        assert db.execute("SELECT similarity('Shyriaiev', 'Shyriaev')").fetchone()[0] > 0.5  # type: ignore[index]
    again = ensure_server(folder, database="newsroom")
    assert again == address  # the same running server, not a second one
    assert stop_server(folder) is True
    assert running_address(folder) is None
    assert stop_server(folder) is False
    # Stopped under a running process (another terminal ran `embedded_db stop`): the next connection
    # starts it again on the same data.
    restarted = ensure_server(folder, database="newsroom")
    assert restarted.pid != address.pid
    with psycopg.connect(
        host=str(restarted.socket_dir), port=restarted.port, user=SUPERUSER, dbname="newsroom"
    ) as db:
        assert db.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()


RACE = """
import sys
from pathlib import Path
from factcheck.embedded_db import ensure_server
print(ensure_server(Path(sys.argv[1]), database="newsroom").pid)
"""


def test_two_processes_starting_at_once_share_one_server(folder: Path) -> None:
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [racer.communicate(timeout=120) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0, 0], [err.decode()[-2000:] for _, err in results]
    pids = {int(out) for out, _ in results}
    assert len(pids) == 1
    address = running_address(folder)
    assert address is not None and address.pid in pids
    postmasters = subprocess.run(["pgrep", "-f", f"postgres -D {folder}"], capture_output=True, text=True)
    assert len(postmasters.stdout.split()) == 1


def test_newcomer_path_migrate_and_demo_on_a_fresh_embedded_server(folder: Path) -> None:
    """What `python3 dev.py serve` does before serving, with no DATABASE_URL, on a brand-new folder."""
    unset = {"DATABASE_URL", "EMBEDDED_POSTGRES_DATABASE"}
    env = {k: v for k, v in os.environ.items() if k not in unset} | {"EMBEDDED_POSTGRES_DIR": str(folder)}
    for command in (["migrate", "--no-input"], ["loaddemo"], ["loaddemo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert "editor / editor-demo" in result.stdout
    address = running_address(folder)
    assert address is not None
    with psycopg.connect(
        host=str(address.socket_dir), port=address.port, user=SUPERUSER, dbname="factcheck"
    ) as db:
        assert db.execute("SELECT count(*) FROM claims_quote").fetchone()[0] == 7  # type: ignore[index]

    def embedded_db(action: str) -> str:
        command = [sys.executable, "manage.py", "embedded_db", action]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout

    assert f"Running, pid {address.pid}" in embedded_db("status")
    assert "Stopped." in embedded_db("stop")
    assert "Not running" in embedded_db("status")
    assert running_address(folder) is None
