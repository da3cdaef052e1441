"""gunicorn's configuration for serving the site in production: `gunicorn` in this folder reads it.

Every value can be overridden from the environment (GUNICORN_* below, or gunicorn's own
GUNICORN_CMD_ARGS). Workers are processes with threads: each process has its own database connection
pool (DATABASE_POOL_MAX_SIZE), so size the pool to at least the threads per worker.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger

from factcheck.observability import JsonFormatter

wsgi_app = "factcheck.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# The usual rule of thumb, (2 x CPUs) + 1, with WEB_CONCURRENCY (the platform convention) taking precedence.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Graceful shutdown: on SIGTERM gunicorn stops accepting connections and gives requests in flight this
# long to finish before the workers are killed. Keep the orchestrator's grace period longer than this.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "25"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then (with jitter, so not all at once) to bound any slow leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load the application before forking, so a broken release fails at once rather than in every worker.
preload_app = True
# Only the proxy in front may say the request came over HTTPS (see BEHIND_TLS_PROXY in settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class JsonAccessLogger(Logger):
    """One JSON object per request on the access log, with the request id the application returned
    (factcheck.observability), so an access line and the application's lines for it can be joined.
    gunicorn's own lines (workers starting, signals, shutdown) are JSON too."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "time": datetime.now(tz=UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": f"{atoms['m']} {atoms['U']} {atoms['s']}",
            "request_id": atoms.get("{x-request-id}o") or None,
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": resp.status_code if hasattr(resp, "status_code") else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote_addr": atoms["h"],
            "user_agent": atoms["a"],
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:
            self.exception("Failed to write the access log line")


logger_class = JsonAccessLogger
