"""Health probes for the load balancer and the orchestrator: `/healthz` and `/readyz`.

- `/healthz` (liveness): the process answers. It touches nothing else, so a database outage never gets
  healthy web processes killed and restarted.
- `/readyz` (readiness): the database answers a query AND every migration this code knows is applied; 503
  otherwise, so traffic goes to a new release only once its schema is in place.

`HealthMiddleware` answers both near the top of MIDDLEWARE, before host validation, HTTPS redirects,
sessions or authentication: probes come from inside the network by IP address and plain HTTP, and must
stay cheap. It must never answer anything but these two paths, and never say more than "ok" or which
check failed (no versions, no error text: probes can be reached from outside).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"

# Probes are JSON, never framed, never cached, never sniffed as anything else.
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}

# Once this process has seen every migration applied it stops asking: migrations are not un-applied
# under a running release, and the check reads every migration file.
_migrations_seen_applied = False


def _probe(status: int, body: dict[str, object]) -> JsonResponse:
    response = JsonResponse(body, status=status)
    for name, value in _HEADERS.items():
        response[name] = value
    return response


def liveness() -> JsonResponse:
    return _probe(200, {"status": "ok"})


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations this code has that the database does not, as "app.name"."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def readiness() -> JsonResponse:
    global _migrations_seen_applied
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # Anything at all (refused, timed out, pool exhausted, bad credentials) means "not ready"; the
        # cause goes to the log, not to whoever asked.
        logger.exception("Readiness: the database did not answer")
        return _probe(503, {"status": "unavailable", "failed": "database"})
    if not _migrations_seen_applied:
        try:
            pending = unapplied_migrations()
        except Exception:
            logger.exception("Readiness: could not read the migration state")
            return _probe(503, {"status": "unavailable", "failed": "migrations"})
        if pending:
            logger.warning("Readiness: %d migrations not applied", len(pending), extra={"pending": pending})
            return _probe(503, {"status": "unavailable", "failed": "migrations"})
        _migrations_seen_applied = True
    return _probe(200, {"status": "ok"})


class HealthMiddleware:
    """Answers GET and HEAD on /healthz and /readyz; passes everything else on untouched."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/")
        if path in (HEALTH_PATH, READY_PATH) and request.method in ("GET", "HEAD"):
            return liveness() if path == HEALTH_PATH else readiness()
        return self.get_response(request)
