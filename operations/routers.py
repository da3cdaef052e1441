"""Send anonymous readers' queries to the read replicas, everything else to the primary.

With DATABASE_REPLICA_URLS set, settings.py adds one database alias per replica ("replica_1", …) and
installs `PrimaryReplicaRouter`. A replica may lag the primary by a moment, which a reader of published
fact-checks never notices but a journalist who just saved a draft would. So the primary serves:
- every write;
- every request from someone who may be logged in: it carries a session cookie or an Authorization
  header (decided from the request alone, without a database query);
- every request that is not a safe method (GET, HEAD, OPTIONS);
- reads inside a transaction (`atomic`), which must see the transaction's own writes and locks;
- reads after a write in the same request (read-your-writes).
Outside a request (management commands, the shell, tasks) everything goes to the primary.

`ReplicaRoutingMiddleware` marks the requests that may read from a replica; the router must never send a
query to a replica for a request it did not mark.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# True while an anonymous, read-only request runs and nothing has been written in it yet.
_replica_allowed: ContextVar[bool] = ContextVar("replica_allowed", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def may_use_replica(request: HttpRequest) -> bool:
    """Anonymous and read-only, judged from the request alone."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ReplicaRoutingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _replica_allowed.set(may_use_replica(request))
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        replicas = replica_aliases()
        if not replicas or not _replica_allowed.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return random.choice(replicas)  # noqa: S311 - spreading load, not a secret

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # Read-your-writes: once this request has written, its reads stay on the primary.
        _replica_allowed.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replicas are copies of the primary: rows from any of them relate.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        # Replicas receive the schema through replication; migrating them directly is impossible.
        return db == DEFAULT_DB_ALIAS
