"""Markdown written by the newsroom (a fact-check's analysis), turned into HTML that is safe to show.

The public pages and the desk show analysis through `render_markdown()` and nothing else. Markdown is
converted first, then the HTML is sanitised by nh3 (ammonia) against an allow-list of tags, attributes
and URL schemes, so raw HTML typed into the analysis, `<script>`, event handlers, `style`, and
`javascript:` or `data:` links never reach a reader's browser.

This module must never mark text as safe without passing it through the sanitiser, and never allows a
tag or attribute that can run script or load content from elsewhere (img, iframe, object, style).
The page's own title is its only `<h1>`: headings in the text start at level 2 or below.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# What an analysis needs: paragraphs, emphasis, lists, quotations, links, headings, tables, code.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "em", "strong", "b", "i", "s", "del", "ins", "sub", "sup", "mark", "small",
        "abbr", "cite", "q", "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})

_MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "smarty"]
_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def render_markdown(text: str, *, top_heading: int = 2) -> SafeString:
    """The text as sanitised HTML. Headings are moved so the highest one in the text becomes
    `<h{top_heading}>` (the page has its own title and sections), keeping their order below it. Links get
    rel="nofollow noopener noreferrer": they are the newsroom's sources, not endorsements."""
    if not text.strip():
        return mark_safe("")
    html = markdown.markdown(text, extensions=_MARKDOWN_EXTENSIONS, output_format="html")
    html = _shift_headings(html, top_heading)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def _shift_headings(html: str, top: int) -> str:
    levels = [int(level) for _, level in _HEADING.findall(html)]
    if not levels:
        return html
    shift = max(2, min(top, 6)) - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, max(2, int(m.group(2)) + shift))}", html)
