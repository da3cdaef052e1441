"""The public site in a real Chromium: the published demo fact-check renders, with no script errors."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_demo_fact_check_renders_in_chromium(live_server, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    call_command("loaddemo", verbosity=0)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.location["url"].endswith("/favicon.ico")
            else None
        ),
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Russia has fully liberated the Kursk region", exact=False).first.click()

    assert page.locator("h1").inner_text()
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert screenshot(page, "fact-check").stat().st_size > 0
    assert errors == []
