"""Scaling-out settings. CACHE_URL: Redis as the cache every web process shares, for DRF's throttling counts
and sessions; DATABASE_REPLICA_URLS: a database alias per replica.
Uses the Redis at 127.0.0.1:6379 (here and on CI), database 15, under a key prefix of its own."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.test import Client, override_settings

PROJECT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"

PROBE = """
import json
from factcheck import settings as s
print(json.dumps({"CACHES": s.CACHES, "SESSION_ENGINE": getattr(s, "SESSION_ENGINE", None)}))
"""


def settings_with(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_cache_url_selects_redis_for_the_cache_and_sessions() -> None:
    loaded = json.loads(settings_with(CACHE_URL=REDIS_URL, CACHE_KEY_PREFIX="site-a").stdout)
    assert loaded["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "site-a",
    }
    assert loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_a_cache_url_that_is_not_redis_is_refused() -> None:
    refused = settings_with(CACHE_URL="memcached://127.0.0.1:11211")
    assert refused.returncode != 0
    assert "CACHE_URL must be a Redis URL" in refused.stderr


@pytest.fixture
def shared_cache() -> Iterator[str]:
    prefix = f"factcheck-test-{secrets.token_hex(4)}"
    caches_setting = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(
        CACHES=caches_setting, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        caches["default"].clear()  # only this prefix's keys: Django's clear() is FLUSHDB on db 15, ours alone
        try:
            yield prefix
        finally:
            caches["default"].clear()
            caches["default"].close()


@pytest.mark.django_db
def test_throttling_counts_live_in_redis_for_every_process(
    shared_cache: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

    # DRF reads its cache once, at import: point its throttles at the cache these settings name.
    monkeypatch.setattr(SimpleRateThrottle, "cache", caches["default"])
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "1000/minute"})
    client = Client()
    statuses = [client.get("/api/v1/ratings/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # The count is in Redis, where another process (a second gunicorn worker or machine) reads it.
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{shared_cache}:*throttle_anon_*")
    assert len(keys) == 1


@pytest.mark.django_db
def test_sessions_are_kept_in_redis(shared_cache: str, editor: object) -> None:
    client = Client()
    client.force_login(editor)  # type: ignore[arg-type]
    session_key = client.cookies["sessionid"].value
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{shared_cache}:*{session_key}")
    assert len(keys) == 1
    assert client.get("/admin/").status_code == 200


REPLICA_PROBE = """
import json
from factcheck import settings as s
print(json.dumps({alias: {"HOST": db.get("HOST"), "PORT": db.get("PORT"), "NAME": db.get("NAME"),
    "TEST": db.get("TEST")} for alias, db in s.DATABASES.items()} | {"ROUTERS": s.DATABASE_ROUTERS}))
"""


def replica_settings(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], **environment}
    return subprocess.run(
        [sys.executable, "-c", REPLICA_PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_each_replica_url_becomes_a_database_that_tests_never_create() -> None:
    loaded = json.loads(
        replica_settings(
            DATABASE_URL="postgresql://postgres@primary.internal:5432/factcheck",
            DATABASE_REPLICA_URLS="postgresql://postgres@replica-a:5432/factcheck, postgresql://postgres@replica-b:5433/factcheck",
        ).stdout
    )
    assert loaded["ROUTERS"] == ["operations.routers.PrimaryReplicaRouter"]
    assert loaded["replica_1"] == {
        "HOST": "replica-a",
        "PORT": 5432,
        "NAME": "factcheck",
        "TEST": {"MIRROR": "default"},
    }
    assert loaded["replica_2"]["HOST"] == "replica-b"
    assert loaded["replica_2"]["PORT"] == 5433


def test_without_replicas_there_is_no_router() -> None:
    loaded = json.loads(replica_settings(DATABASE_URL="postgresql://postgres@db:5432/factcheck").stdout)
    assert loaded["ROUTERS"] == []
    assert set(loaded) == {"default", "ROUTERS"}


def test_replicas_without_a_primary_url_are_refused() -> None:
    refused = replica_settings(DATABASE_REPLICA_URLS="postgresql://postgres@replica-a:5432/factcheck")
    assert refused.returncode != 0
    assert "DATABASE_REPLICA_URLS needs DATABASE_URL" in refused.stderr
