"""The archive benchmark suite runs end to end on a small archive (its figures come from bench/)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.archive import run


@pytest.mark.django_db
def test_the_archive_benchmark_smoke_run(tmp_path: Path) -> None:
    call_command("generate_archive", quotes=3_000, speakers=500, stdout=io.StringIO())
    out = tmp_path / "archive.json"
    results = run(smoke=True, out=out)
    assert out.read_text().startswith("{")
    assert results["quotes"] == 3_000 and results["queries"] >= 40
    for key in ("search_editor", "search_reader", "similar", "fuzzy_speaker"):
        assert results[key]["p95_ms"] >= results[key]["p50_ms"] > 0
    assert results["claims_list_50"]["ratio_p50"] > 0 and results["claim_detail"]["ratio_p50"] > 0
    assert results["ingest"]["copy_rows_per_s"] > 0 and results["ingest"]["app_rows_per_s"] > 0
