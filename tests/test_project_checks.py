"""The checks every commit must pass, run as part of the suite so CI enforces them: lint, format,
types, Django's system checks, models in step with their migrations, and an OpenAPI schema that
generates without a warning and validates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
        [BIN / "mypy"],
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        [sys.executable, "manage.py", "spectacular", "--fail-on-warn", "--validate", "--file", os.devnull],
    ],
    ids=["ruff-check", "ruff-format", "mypy", "django-check", "migrations-in-step", "openapi-schema"],
)
def test_project_check_passes(command: list[str | Path]) -> None:
    result = subprocess.run(
        [str(part) for part in command], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
