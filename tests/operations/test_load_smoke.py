"""The short version of the load and fault test (bench/load.py smoke, about 30 s): gunicorn on a scratch
PostgreSQL with a small archive, readers and editors at once, the database crashed and brought back
mid-load, a worker SIGKILLed in the middle of a write's transaction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_the_site_survives_a_database_crash_and_a_killed_worker_without_losing_a_write() -> None:
    run = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "load.py"), "smoke"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads((PROJECT / "artifacts" / "bench" / "load-faults.json").read_text())
    assert result["errors"] == 0
    assert result["status_500"] == 0
    # The outage was seen, and answered properly (JSON under /api/, HTML elsewhere, Retry-After).
    assert result["outage_503"] > 0
    assert result["outage_503_wrong_body"] == 0
    assert result["recovered_after_s"] < 30
    assert result["worker_killed"].startswith("worker")
    writes = result["writes"]
    assert writes["acknowledged"] > 0
    assert writes["lost"] == 0
    assert writes["without_history"] == 0
    assert writes["half_written"] == 0
