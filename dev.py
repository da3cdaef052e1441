#!/usr/bin/env python3
"""The two commands of the quick start, for a fresh machine with nothing but Python 3.11+:

    python3 dev.py serve    # virtualenv, install, migrate, demo newsroom, server on 127.0.0.1:8000
    python3 dev.py test     # virtualenv, install, the whole test suite (extra arguments go to pytest)

Both are idempotent: the virtualenv is created once (.venv/) and dependencies are installed again only
when pyproject.toml changes. Standard library only: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed-from"
HOST, PORT = "127.0.0.1", os.environ.get("PORT", "8000")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(arg) for arg in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_virtualenv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs under whatever python3 the machine has
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating the virtualenv in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing dependencies (pyproject.toml changed or first run) ...", flush=True)
    # The project runs from this folder (manage.py puts it on the path), so only its dependencies are
    # installed: no build step, nothing to rebuild when the code changes.
    import tomllib  # here, not at the top: Python < 3.11 must reach the version message above

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", *requirements)
    STAMP.write_text(wanted)


def serve() -> None:
    manage = [PYTHON, "manage.py"]
    run(*manage, "migrate", "--no-input")
    run(*manage, "loaddemo")
    url = f"http://{HOST}:{PORT}"
    print(
        f"\nThe fact-check desk is starting on {url}/\n"
        f"  Public site:          {url}/\n"
        f"  The desk:             {url}/desk/   reporters and editors log quotes, draft, review, publish\n"
        f"  Admin (data repair):  {url}/admin/   log in as editor / editor-demo\n"
        f"  REST API and docs:    {url}/api/v1/   {url}/api/docs/\n"
        f"  Demo logins:          reporter / reporter-demo, editor / editor-demo\n"
        "Stop with Ctrl-C. The embedded database keeps running; `.venv/bin/python manage.py embedded_db stop`"
        " stops it.\n",
        flush=True,
    )
    run(*manage, "runserver", f"{HOST}:{PORT}")


def test(pytest_args: list[str]) -> None:
    run(PYTHON, "-m", "pytest", *pytest_args)


def main() -> None:
    command, *rest = sys.argv[1:] or ["help"]
    if command not in {"serve", "test"}:
        sys.exit(__doc__)
    ensure_virtualenv()
    if command == "serve":
        serve()
    else:
        test(rest)


if __name__ == "__main__":
    main()
