"""Shared fixtures: the newsroom's personas and fast password hashing."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture
def reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="rita", role="Reporter")


@pytest.fixture
def other_reporter(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="oscar", role="Reporter")


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    return UserFactory(username="edna", role="Editor", is_staff=True)
