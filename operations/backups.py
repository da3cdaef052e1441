"""Back the archive up to one file and restore it: pg_dump/pg_restore in PostgreSQL's custom format.

A backup holds everything migrations built, not only rows: the unaccent and pg_trgm extensions, the
text search configurations and `factcheck_search_config()` that the generated search columns are
computed with, the history triggers and every pghistory event. Restoring replays it into an empty
database, so search and history work at once. A restore never lands on top of data unless asked to
(`force`), and then it first empties the database's public schema.

This module must never restore into a database holding tables without `force`.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

from operations.pgtools import client_program


class BackupError(Exception):
    """pg_dump or pg_restore failed, or the restore would overwrite data."""


@dataclass(frozen=True)
class Target:
    """The database a backup reads or a restore writes, as libpq environment variables."""

    name: str
    environment: dict[str, str]


def target(alias: str = DEFAULT_DB_ALIAS) -> Target:
    params = connections[alias].get_connection_params()
    environment = {"PGDATABASE": str(params["dbname"])}
    for key, variable in (
        ("host", "PGHOST"),
        ("port", "PGPORT"),
        ("user", "PGUSER"),
        ("password", "PGPASSWORD"),
    ):
        if params.get(key) not in (None, ""):
            environment[variable] = str(params[key])
    if params.get("sslmode"):
        environment["PGSSLMODE"] = str(params["sslmode"])
    return Target(name=str(params["dbname"]), environment=environment)


def _server_major(alias: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int / 10000")
        row = cursor.fetchone()
    return int(row[0])


def _run(program: str, arguments: list[str], database: Target, *, server_major: int) -> None:
    command = [str(client_program(program, server_major=server_major)), *arguments]
    environment = {**os.environ, **database.environment}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed on database {database.name!r}: {result.stderr.strip()}")


def backup(path: Path, *, alias: str = DEFAULT_DB_ALIAS) -> Path:
    """Dump the database to `path` (custom format, compressed); written beside it first, then renamed,
    so a failed backup never leaves a truncated file under the expected name."""
    database = target(alias)
    partial = path.with_name(path.name + ".partial")
    try:
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
            database,
            server_major=_server_major(alias),
        )
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def tables_in(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )
        return [row[0] for row in cursor.fetchall()]


def wipe(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Empty the public schema: tables, functions, text search configurations and the extensions that
    live in it all go; the schema itself is created again, empty."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()


def restore(path: Path, *, alias: str = DEFAULT_DB_ALIAS, force: bool = False) -> None:
    """Restore `path` into the database; with `force`, into a database holding data, which is erased
    first (only once the file has been read successfully)."""
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    database = target(alias)
    existing = tables_in(alias)
    if existing and not force:
        raise BackupError(
            f"Database {database.name!r} already holds {len(existing)} tables; restoring would mix two "
            "archives. Restore into an empty database, or pass --force to erase this one first."
        )
    server_major = _server_major(alias)
    # Read the file's table of contents before erasing anything: a truncated or foreign file is refused
    # while the database still holds its data.
    _run("pg_restore", ["--list", str(path)], database, server_major=server_major)
    if existing:
        wipe(alias)
    # Connections must not hold the schema while it is rebuilt, nor keep pooled plans of the old one.
    connections[alias].close()
    _run(
        "pg_restore",
        [
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            f"--dbname={database.name}",
            str(path),
        ],
        database,
        server_major=server_major,
    )
