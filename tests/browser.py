"""Browser tests in the machine's own Chromium, through pytest-playwright.

Nothing is downloaded: Playwright is pointed at Debian's `chromium` (found with `shutil.which`), which
`.ci/run` installs. Without it the browser tests are skipped on a developer's machine, and fail when
`REQUIRE_BROWSER=1` is set (CI sets it), so a missing browser can never pass silently there.

Playwright's synchronous API runs an event loop in the main thread for as long as it is started. While
a loop runs there, Django refuses ORM calls from that thread, and asgiref's thread-locals (Django's
database connections among them) are looked up per context rather than per thread: pytest-django's
teardown of a transactional test would then flush through a fresh connection object that has lost the
test database's serialized contents, and recreate content types the next test restores again
(duplicate keys). So Playwright (and its browser) is started for each browser test, after the database
is set up, and stopped before it is torn down — pytest-playwright starts it once per session — and
DJANGO_ALLOW_ASYNC_UNSAFE is set only while it runs. The server under test runs in pytest-django's
`live_server` thread, which has no loop, so the application's own check still holds.

Browser tests use `live_server`, so they are transactional: mark them
`pytest.mark.django_db(transaction=True, serialized_rollback=True)` so that the data migrations write
(the newsroom's roles, the rating scale) is there again for the tests after them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, BrowserType, Playwright, sync_playwright

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)."
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " REQUIRE_BROWSER=1 is set, so browser tests may not be skipped.")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, with the system Chromium instead of a downloaded one."""
    return {**browser_type_launch_args, "executable_path": chromium_path(), "headless": True}


@pytest.fixture
def playwright() -> Iterator[Playwright]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as started:
            try:
                yield started
            finally:
                # The connections the test opened while the loop ran belong to its context: close them
                # here, or the test database could not be dropped at the end of the session.
                connections.close_all()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    return getattr(playwright, browser_name)


@pytest.fixture
def browser(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> Iterator[Browser]:
    launched = browser_type.launch(**browser_type_launch_args)
    yield launched
    launched.close()


@pytest.fixture
def browser_context_args(playwright: Playwright, device: str | None, base_url: str | None) -> dict[str, Any]:
    """pytest-playwright's context options (`--device`, `--base-url`), for the module's Playwright."""
    options: dict[str, Any] = dict(playwright.devices[device]) if device else {}
    if base_url:
        options["base_url"] = base_url
    return options


@pytest.fixture
def screenshot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under artifacts/screenshots/<test>/<step>.png and return its path."""
    folder = ARTIFACTS / request.node.name.replace("[", "_").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)

    def take(page: Any, step: str) -> Path:
        path = folder / f"{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
