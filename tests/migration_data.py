"""Transactional tests (threads, browsers) run on a database that is flushed after each of them, which
empties what the migrations wrote (the default rating scale, the Reporter and Editor roles with their
permissions). These helpers put it back."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

_scale = importlib.import_module("claims.migrations.0002_default_rating_scale")
_roles = importlib.import_module("claims.migrations.0004_newsroom_roles")


class _MigratedApps:
    """The project's own app registry, for the migrations' functions. It offers no app configs, so the
    roles migration does not create permissions itself (the flush's post-migrate step does)."""

    def get_app_configs(self) -> list[Any]:
        return []

    def get_model(self, app_label: str, model_name: str) -> Any:
        return apps.get_model(app_label, model_name)


def fresh_database() -> None:
    """Empty tables with content types and permissions, then the migrations' rows."""
    call_command("flush", verbosity=0, interactive=False)
    _scale.create_default_scale(_MigratedApps(), None)
    _roles.create_roles(_MigratedApps(), None)


def database_as_migrated() -> None:
    """The database exactly as the test run created it (same rows, same ids) when it was serialized,
    which later tests with serialized rollback rely on; otherwise a fresh one."""
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        fresh_database()
        return
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(contents)


def ensure_migration_data() -> None:
    """The migrations' rows, if a flush before this test removed them (content types and permissions
    first, as migrate would make them)."""
    if Group.objects.filter(name__in=["Reporter", "Editor"]).count() == 2:
        return
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    _scale.create_default_scale(_MigratedApps(), None)
    _roles.create_roles(_MigratedApps(), None)
