"""Shared fixtures: the newsroom's personas and fast password hashing."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import UserFactory

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _empty_local_cache() -> None:
    """Each test starts with an empty per-process cache, so a cached answer (the home page's speaker
    filter) cannot leak from one test into another's query counts. A shared cache (CACHE_URL) is never
    flushed by the tests."""
    default = caches["default"]
    if isinstance(default, LocMemCache):
        default.clear()


@pytest.fixture
def reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="rita", role="Reporter")


@pytest.fixture
def other_reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="oscar", role="Reporter")


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="edna", role="Editor", is_staff=True)
