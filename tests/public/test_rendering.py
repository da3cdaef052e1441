"""Analysis is Markdown written by the newsroom: it is rendered, and nothing in it ever runs in a reader's
browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.rendering import render_markdown
from tests.factories import SpeakerFactory
from tests.public.conftest import publish

HOSTILE = """\
# Our findings

A [normal link](https://example.org/report?a=1&b=2) and *emphasis*.

<script>alert("owned")</script>

[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)
<a href="JaVaScRiPt:alert(2)" onclick="alert(3)">mixed case</a>
<img src="x" onerror="alert(4)">
<iframe src="https://evil.example/"></iframe>
<p style="background:url(javascript:alert(5))" onmouseover="alert(6)">styled</p>
<svg><script>alert(7)</script></svg>
"""

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "img",
    "svg",
    "object",
    "embed",
    "form",
    "input",
    "link",
    "meta",
}


class Inspector(HTMLParser):
    """Every tag and attribute the browser would see, as the browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"{tag}[{name}]")
            if name in ("href", "src", "cite") and value is not None:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme not in ("", "http", "https", "mailto"):
                    self.problems.append(f"{tag}[{name}={value}]")


def assert_inert(html: str) -> None:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    assert inspector.problems == [], html


def test_hostile_markdown_is_rendered_inert() -> None:
    html = render_markdown(HOSTILE)
    assert_inert(html)
    assert "<h2>Our findings</h2>" in html  # the page's title is its only h1
    assert '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow noopener noreferrer">' in html
    assert "<em>emphasis</em>" in html
    assert "javascript" not in html.lower() and "alert" not in html


@pytest.mark.django_db
def test_hostile_analysis_never_reaches_the_page(client: Client, editor: object) -> None:
    claim = publish(
        editor,  # type: ignore[arg-type]
        statement="The port handles a million containers a year.",
        speaker=SpeakerFactory(),
        analysis=HOSTILE,
    )
    html = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    scripts = re.findall(r"<script[^>]*>", html, re.IGNORECASE)
    # our markup, nothing else; it carries the response's CSP nonce
    assert len(scripts) == 1 and re.fullmatch(
        r'<script type="application/ld\+json" nonce="[^"]+">', scripts[0]
    )
    assert "alert(" not in html and "javascript:" not in html.lower()
    assert "onerror" not in html and "onclick" not in html and "<iframe" not in html


FRAGMENTS = st.sampled_from(
    [
        "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "[a](", ")", "<a href=",
        '"', "'", "<", ">", "=", "onload=", "&", "&#x6A;avascript:", "\n", "# ", "* ", "`", "<!--", "-->",
        "data:", "<svg", "<style>", "word", " ",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS | st.text(max_size=8), max_size=30).map("".join))
def test_any_text_renders_inert(text: str) -> None:
    assert_inert(render_markdown(text))
