"""Shared fixtures: the newsroom's personas and fast password hashing."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


# The data migrations' rows: the default rating scale and the newsroom's roles.
DATA_MIGRATIONS = [
    ("claims.migrations.0002_default_rating_scale", "create_default_scale"),
    ("claims.migrations.0004_newsroom_roles", "create_roles"),
]


@pytest.fixture(autouse=True)
def _data_migration_rows_in_transactional_tests(request: pytest.FixtureRequest) -> None:
    """A transactional test empties every table when it ends, and Django's serialized restore does not
    survive every test before it (threads closing connections), so the next one could start without
    the rows the data migrations wrote. They are written again, as the migrations do (idempotent)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    state = MigrationExecutor(connection).loader.project_state()
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(state.apps, None)


@pytest.fixture
def reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="rita", role="Reporter")


@pytest.fixture
def other_reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="oscar", role="Reporter")


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="edna", role="Editor", is_staff=True)
