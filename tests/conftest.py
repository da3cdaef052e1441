"""Shared fixtures: the newsroom's personas and fast password hashing."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from tests.factories import UserFactory
from tests.migration_data import ensure_migration_data

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


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    """A transactional test that ran before may have flushed the roles and the rating scale; whatever the
    order the tests run in, each transactional test starts with them."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        ensure_migration_data()


@pytest.fixture
def reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="rita", role="Reporter")


@pytest.fixture
def other_reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="oscar", role="Reporter")


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="edna", role="Editor", is_staff=True)
