"""Settings come from the environment: none at all is a working development setup; production refuses
to start with what would be unsafe. Each case imports the settings in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "k3Jx9-vQz_2mN8pL5rT1wY7uE4iO0aS6dF3gH8jK2lZ5xC9vB1nM"

PROBE = """
import json
from factcheck import settings as s
db = s.DATABASES["default"]
print(json.dumps({"DEBUG": s.DEBUG, "ENGINE": db["ENGINE"], "NAME": db["NAME"], "HOST": db.get("HOST"),
    "PORT": db.get("PORT"), "USER": db.get("USER"), "OPTIONS": db["OPTIONS"],
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS, "SECRET_KEY": s.SECRET_KEY, "EMBEDDED_DIR": db.get("EMBEDDED_DIR")}))
"""


def load_settings(**environment: str) -> dict:  # type: ignore[type-arg]
    env = {"PATH": os.environ["PATH"], **environment}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout)


def test_no_environment_at_all_is_development_on_the_embedded_server() -> None:
    loaded = load_settings()
    assert loaded["DEBUG"] is True
    assert loaded["ENGINE"] == "factcheck.embedded_db"
    assert loaded["NAME"] == "factcheck"
    assert loaded["EMBEDDED_DIR"] == str(ROOT / ".pgdata")
    assert loaded["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert loaded["OPTIONS"]["pool"]["max_size"] == 10


def test_database_url_selects_a_server() -> None:
    loaded = load_settings(DATABASE_URL="postgresql://newsroom:s3cret@db.internal:6543/factcheck_prod")
    assert loaded["ENGINE"] == "django.db.backends.postgresql"
    assert (loaded["NAME"], loaded["HOST"], loaded["PORT"], loaded["USER"]) == (
        "factcheck_prod",
        "db.internal",
        6543,
        "newsroom",
    )
    assert loaded["EMBEDDED_DIR"] is None


def test_pool_can_be_turned_off_and_sized() -> None:
    assert "pool" not in load_settings(DATABASE_POOL="off")["OPTIONS"]
    assert load_settings(DATABASE_POOL_MAX_SIZE="4")["OPTIONS"]["pool"]["max_size"] == 4


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/factcheck"}, "DATABASE_URL must be a PostgreSQL URL"),
        ({"DEBUG": "false"}, "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off"),
        ({"DEBUG": "false", "SECRET_KEY": "short"}, "SECRET_KEY is too weak for production"),
        (
            {"DEBUG": "false", "SECRET_KEY": "django-insecure-" + STRONG_KEY},
            "SECRET_KEY is too weak for production",
        ),
        ({"DEBUG": "false", "SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS must list the host names"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DATABASE_POOL_MAX_SIZE": "lots"}, "DATABASE_POOL_MAX_SIZE='lots' is not a whole number"),
        ({"DATABASE_POOL_MAX_SIZE": "0"}, "DATABASE_POOL_MAX_SIZE=0 is below the minimum of 1"),
        ({"SECRET_KEY_FILE": "/nonexistent/secret"}, "SECRET_KEY_FILE points to '/nonexistent/secret'"),
    ],
)
def test_unsafe_or_malformed_configuration_refused(environment: dict[str, str], message: str) -> None:
    with pytest.raises(RuntimeError, match="ImproperlyConfigured") as caught:
        load_settings(**environment)
    assert message in str(caught.value)


def test_production_with_a_real_key_starts(tmp_path: Path) -> None:
    secret = tmp_path / "secret_key"
    secret.write_text(STRONG_KEY + "\n")
    loaded = load_settings(
        DEBUG="0", SECRET_KEY_FILE=str(secret), ALLOWED_HOSTS="factcheck.example, www.x.example"
    )
    assert loaded["DEBUG"] is False
    assert loaded["SECRET_KEY"] == STRONG_KEY
    assert loaded["ALLOWED_HOSTS"] == ["factcheck.example", "www.x.example"]
