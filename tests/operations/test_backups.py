"""manage.py backup / restore: backup → wipe → restore gives back every row, every history event, and
working search (unaccent, the text search configurations, factcheck_search_config() and the generated
columns). Runs on a database of its own on the test server, through the real commands."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg import sql

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def archive_url(django_db_blocker: Any) -> Iterator[str]:
    """A fresh database beside the test database, migrated and holding the demo newsroom plus edits."""
    with django_db_blocker.unblock():
        params = connection.get_connection_params()
    server = {key: params[key] for key in ("host", "port", "user") if params.get(key)}
    name = f"factcheck_ops_backup_{secrets.token_hex(4)}"
    with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    user, host, port = server.get("user", "postgres"), server.get("host", ""), server.get("port", 5432)
    url = f"postgresql://{user}@{host}:{port}/{name}"
    try:
        manage(url, "migrate", "--no-input", "-v0")
        manage(url, "loaddemo")
        yield url
    finally:
        with psycopg.connect(**server, dbname="postgres", autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(url: str, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=check,
    )


def snapshot(url: str) -> dict[str, Any]:
    """Row counts of every table, every history event in full, and what search finds."""
    with psycopg.connect(url) as archive:
        tables = [
            row[0] for row in archive.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        counts = {
            table: archive.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
            for table in tables
        }
        events = {
            table: archive.execute(
                sql.SQL("SELECT to_jsonb(e) FROM {} e ORDER BY pgh_id").format(sql.Identifier(table))
            ).fetchall()
            for table in tables
            if table.endswith("event") and table != "claims_reviewevent"
        }
        search = archive.execute(
            "SELECT id FROM claims_quote "
            "WHERE search_vector @@ websearch_to_tsquery('factcheck_newsroom', %s) ORDER BY id",
            ["liberated"],
        ).fetchall()
    return {"counts": counts, "events": events, "search": search}


def test_backup_wipe_restore_gives_everything_back(archive_url: str, tmp_path: Path) -> None:
    dump = tmp_path / "archive.dump"
    manage(archive_url, "backup", str(dump))
    before = snapshot(archive_url)
    assert before["search"], "the demo newsroom has quotes about the Kursk region being liberated"
    assert sum(len(rows) for rows in before["events"].values()) > 0

    # Over a database that holds the archive: refused, nothing touched.
    refused = manage(archive_url, "restore", str(dump), check=False)
    assert refused.returncode == 1
    assert "already holds" in refused.stderr and "--force" in refused.stderr
    assert snapshot(archive_url) == before

    # Wipe: the schema goes, with the extensions, configurations and function living in it.
    with psycopg.connect(archive_url, autocommit=True) as archive:
        archive.execute("DROP SCHEMA public CASCADE")
        archive.execute("CREATE SCHEMA public")
    manage(archive_url, "restore", str(dump))
    assert snapshot(archive_url) == before

    with psycopg.connect(archive_url) as archive:
        # Search works on changed rows too: the generated column is computed again with the restored
        # configurations, function and unaccent ("Libérées" in French matches "liberee").
        matches = archive.execute(
            "UPDATE claims_quote SET original_text = 'Les régions libérées', original_language = 'fr' "
            "WHERE id = %s RETURNING search_vector @@ to_tsquery('factcheck_french', 'liberee')",
            [before["search"][0][0]],
        ).fetchone()
        assert matches == (True,)
        archive.rollback()


def test_restore_with_force_replaces_a_database_that_holds_data(archive_url: str, tmp_path: Path) -> None:
    dump = tmp_path / "archive.dump"
    manage(archive_url, "backup", str(dump))
    before = snapshot(archive_url)
    with psycopg.connect(archive_url, autocommit=True) as archive:
        archive.execute("UPDATE claims_speaker SET name = name || ' (edited after the backup)'")
    restored = manage(archive_url, "restore", str(dump), "--force")
    assert "Restored" in restored.stdout
    assert snapshot(archive_url) == before


def test_restore_names_a_missing_file(archive_url: str, tmp_path: Path) -> None:
    missing = manage(archive_url, "restore", str(tmp_path / "nothing.dump"), check=False)
    assert missing.returncode == 1
    assert "No backup file" in missing.stderr


def test_an_unreadable_backup_is_refused_before_anything_is_erased(archive_url: str, tmp_path: Path) -> None:
    before = snapshot(archive_url)
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP" + b"\0" * 40)
    refused = manage(archive_url, "restore", str(broken), "--force", check=False)
    assert refused.returncode == 1
    assert "pg_restore failed" in refused.stderr
    assert snapshot(archive_url) == before
