"""Template filters for the public site: JSON-LD in a script element, sanitised Markdown, safe links,
the claimants of a fact-check, the scorecard chart and the newsroom's name.

They only format what the views hand them (prefetched rows); none may run a query or mark unsanitised
text as safe.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from claims.models import Claim, Speaker
from claims.public.selectors import claimants_of
from claims.rendering import render_markdown

register = template.Library()

# The characters that could end a <script> element or open a comment in it, written as JSON escapes.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(value: Any) -> SafeString:
    """An object as JSON for `<script type="application/ld+json">`: nothing in it can close the
    element, whatever the text of a claim or quote."""
    text = json.dumps(value, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped


@register.filter(name="markdown")
def markdown_filter(text: str, top_heading: int = 2) -> SafeString:
    """`{{ claim.analysis|markdown:3 }}`: sanitised HTML whose headings start at <h3>."""
    return render_markdown(text or "", top_heading=int(top_heading))


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) link, else nothing: a stored link never becomes `javascript:`."""
    return url if url and urlsplit(url).scheme in ("http", "https") else ""


@register.filter
def claimants(claim: Claim) -> list[Speaker]:
    """The speakers who make or repeat the claim (from the prefetched quotes; no query)."""
    return claimants_of(claim)


@register.simple_tag
def newsroom_name() -> str:
    return str(settings.NEWSROOM_NAME)


# Geometry of the scorecard chart, in SVG user units (the chart scales down on narrow screens).
_LABEL_RIGHT, _BAR_LEFT, _BAR_WIDTH, _BAR_HEIGHT, _ROW = 100, 108, 200, 20, 28


@register.inclusion_tag("site/_scorecard_chart.html")
def scorecard_chart(rows: list[Any], *, title: str) -> dict[str, Any]:
    """A horizontal bar chart of verdict counts as inline SVG: no script, readable by screen readers
    through its title and description, printable."""
    bars = [
        {
            "label": row.rating.label,
            "count": row.count,
            "colour": row.rating.colour,
            "length": round(row.share * _BAR_WIDTH),
            "y": 6 + index * _ROW,
            "text_y": 6 + index * _ROW + 15,
        }
        for index, row in enumerate(rows)
    ]
    return {
        "id": "scorecard",
        "title": title,
        "bars": bars,
        "width": _BAR_LEFT + _BAR_WIDTH + 40,
        "height": 12 + len(bars) * _ROW,
        "label_right": _LABEL_RIGHT,
        "bar_left": _BAR_LEFT,
        "bar_width": _BAR_WIDTH,
        "bar_height": _BAR_HEIGHT,
        "count_left": _BAR_LEFT + _BAR_WIDTH + 8,
    }
