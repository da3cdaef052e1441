"""Fixtures for the desk: clients logged in as each persona."""

from __future__ import annotations

import pytest
from django.test import Client


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter_client(reporter) -> Client:  # type: ignore[no-untyped-def]
    return logged_in(reporter)


@pytest.fixture
def other_reporter_client(other_reporter) -> Client:  # type: ignore[no-untyped-def]
    return logged_in(other_reporter)


@pytest.fixture
def editor_client(editor) -> Client:  # type: ignore[no-untyped-def]
    return logged_in(editor)
