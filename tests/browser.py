"""Browser tests in the machine's own Chromium, through pytest-playwright.

Nothing is downloaded: Playwright is pointed at Debian's `chromium` (found with `shutil.which`), which
`.ci/run` installs. Without it the browser tests are skipped on a developer's machine, and fail when
`REQUIRE_BROWSER=1` is set (CI sets it), so a missing browser can never pass silently there.

Playwright's synchronous API keeps an event loop running in the main thread for the rest of the
session once a browser has started, and Django refuses ORM calls from a thread with a running loop.
The tests (never the application) therefore set DJANGO_ALLOW_ASYNC_UNSAFE: the server under test runs
in pytest-django's `live_server` thread, which has no loop, so the application's own check still holds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

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
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {**browser_type_launch_args, "executable_path": chromium_path(), "headless": True}


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
