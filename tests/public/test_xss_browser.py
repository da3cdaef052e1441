"""Hostile text in every field a person types, shown in a real Chromium: no script runs, on any public
page, the admin or the browsable API, and the pages themselves cause no Content-Security-Policy
violation (so the policy is not papering over one). The Swagger UI at /api/docs/ works under the CSP.

Each field gets its own payload naming it, so a failure says which field leaked. A payload that ran
would push its field's name onto `window.__xss` or open a dialog; one the CSP stopped would show as a
`securitypolicyviolation` event. Both lists must stay empty.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from claims.models import Claim, Comment, Correction, Speaker
from tests.factories import (
    CitationFactory,
    ClaimAppearanceFactory,
    ClaimFactory,
    ClaimRelationFactory,
    OutletFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerAliasFactory,
    SpeakerFactory,
    UserFactory,
    rating,
)
from tests.review import drive

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WATCH = """
window.__xss = [];
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = (event.blockedURI || "inline") + " " + event.sourceFile;
  window.__violations.push(event.violatedDirective + " " + where);
});
"""


def payload(field: str) -> str:
    """Markup that runs script in every way an unescaped field could let it."""
    return (
        f"XSS-{field} <script>window.__xss.push('{field}:script')</script>"
        f"<img src=x onerror=\"window.__xss.push('{field}:img')\">"
        f"<svg onload=\"window.__xss.push('{field}:svg')\"></svg>"
        f"<a href=\"javascript:window.__xss.push('{field}:link')\">link</a>"
        f"\"><script>alert('{field}')</script>"
    )


def markdown_payload(field: str) -> str:
    return (
        f"XSS-{field}\n\n[click](javascript:window.__xss.push('{field}:md'))\n\n"
        f"<img src=x onerror=\"window.__xss.push('{field}:mdimg')\">\n\n"
        f"<iframe src=\"javascript:alert('{field}')\"></iframe>"
    )


def hostile_newsroom(editor: User) -> Claim:
    speaker = SpeakerFactory(
        name=payload("speaker-name")[:200],
        slug="hostile-speaker",
        role=payload("speaker-role")[:200],
        description=payload("speaker-description"),
    )
    SpeakerAliasFactory(speaker=speaker, alias=payload("alias")[:200])
    outlet = OutletFactory(name=payload("outlet-name")[:200])
    source = SourceFactory(title=payload("source-title"), outlet=outlet)
    quote = QuoteFactory(
        speaker=speaker,
        source=source,
        text=payload("quote-text"),
        original_text=payload("quote-original"),
        original_language="fr",
        venue=payload("venue")[:100],
        location=payload("location")[:100],
    )
    claim = ClaimFactory(
        slug="hostile-claim",
        statement=payload("statement"),
        summary=payload("summary"),
        analysis=markdown_payload("analysis"),
        rating=rating("false"),
    )
    ClaimAppearanceFactory(claim=claim, quote=quote)
    CitationFactory(claim=claim, source=source, note=payload("citation-note"))
    rival = ClaimFactory(
        slug="hostile-rival", statement=payload("rival-statement"), summary="s", rating=rating("true")
    )
    ClaimAppearanceFactory(claim=rival, quote=QuoteFactory(speaker=speaker, source=source))
    CitationFactory(claim=rival, source=source)
    ClaimRelationFactory(from_claim=rival, to_claim=claim, kind="rebuts")
    claim = drive(claim, "published", editor=editor)
    drive(rival, "published", editor=editor)
    Correction.objects.create(
        claim=claim,
        kind="clarification",
        note=payload("correction-note"),
        author=editor,
        version=claim.version,
    )
    Comment.objects.create(claim=claim, author=editor, body=payload("comment"))
    return claim


def visit(page: Any, url: str, *, expect: str | None = "XSS-") -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if expect:
        assert expect in page.content(), url
    assert page.evaluate("window.__xss") == [], url
    assert page.evaluate("window.__violations") == [], url


def test_no_typed_text_runs_script_anywhere(live_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    editor = UserFactory(
        username="xss-editor", role="Editor", is_staff=True, is_superuser=True, password="pw-long-enough-1"
    )
    claim = hostile_newsroom(editor)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH)
    base = live_server.url
    speaker = Speaker.objects.get(slug="hostile-speaker")

    for url in [
        f"{base}/",
        f"{base}/fact-checks/{claim.slug}/",
        f"{base}/speakers/{speaker.slug}/",
        f"{base}/competing/{claim.slug}/",
        f"{base}/search/?q=XSS",
        f"{base}/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]:
        visit(page, url, expect=None if "alert" in url else "XSS-")
    # The fact-check page shows every public field's text, as text.
    page.goto(f"{base}/fact-checks/{claim.slug}/")
    text = page.inner_text("main")
    for field in [
        "statement",
        "summary",
        "analysis",
        "quote-text",
        "speaker-name",
        "source-title",
        "citation-note",
        "correction-note",
    ]:
        assert f"XSS-{field}" in text, field
    assert "<script>" in text  # shown as the characters typed, not run
    screenshot(page, "hostile-fact-check")

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "xss-editor")
    page.fill("#id_password", "pw-long-enough-1")
    page.click("input[type=submit]")
    visit(page, f"{base}/admin/", expect=None)
    for url in [
        f"{base}/admin/claims/claim/{claim.pk}/change/",
        f"{base}/admin/claims/claim/{claim.pk}/compare/",
        f"{base}/admin/claims/speaker/{speaker.pk}/change/",
        f"{base}/api/v1/claims/{claim.pk}/?format=api",
        f"{base}/api/v1/speakers/{speaker.pk}/?format=api",
    ]:
        visit(page, url)
    screenshot(page, "hostile-browsable-api")
    page.goto(f"{base}/admin/claims/claim/{claim.pk}/change/")
    assert "XSS-comment" in page.content() and "XSS-statement" in page.content()  # internal fields too
    assert dialogs == []


def test_swagger_ui_works_under_the_csp(live_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response is not None and "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
    assert "Fact-check desk API" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag", timeout=20_000)
    assert page.locator(".opblock").count() > 10  # the operations were read from /api/schema/
    assert page.evaluate("window.__violations") == []
    assert errors == []
    screenshot(page, "swagger-ui")
