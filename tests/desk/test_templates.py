"""The desk's templates hold no inline script, style or event attribute: a strict Content-Security-Policy
(script-src 'self' with nonces, no 'unsafe-inline') must not break any page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "templates" / "desk").glob("*.html"))

FORBIDDEN = {
    "an inline <script>": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "an inline <style>": re.compile(r"<style\b", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an event attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "htmx's inline handlers": re.compile(r"\shx-on", re.IGNORECASE),
    "a javascript: link": re.compile(r"javascript:", re.IGNORECASE),
}


def test_there_are_desk_templates() -> None:
    assert len(TEMPLATES) >= 15


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_inline_script_or_style(template: Path) -> None:
    text = template.read_text()
    found = [what for what, pattern in FORBIDDEN.items() if pattern.search(text)]
    assert found == []


def test_pages_load_htmx_from_static_files(reporter_client) -> None:  # type: ignore[no-untyped-def]
    body = reporter_client.get("/desk/").content.decode()
    assert '<script src="/static/django_htmx/htmx-2.min.js"' in body
    assert '"includeIndicatorStyles": false' in body
    assert "<script>" not in body and "style=" not in body
