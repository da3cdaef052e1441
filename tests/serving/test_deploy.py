"""The production configuration, run as production runs it: `check --deploy` is clean, collectstatic
writes hashed and compressed files, and gunicorn serves with JSON access logs and stops gracefully."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def production_env(tmp_path: Path) -> dict[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    return {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "k3Jx9-vQz_2mN8pL5rT1wY7uE4iO0aS6dF3gH8jK2lZ5xC9vB1nM-production-test",
        "ALLOWED_HOSTS": "factcheck.example,127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        **({"DATABASE_URL": database_url} if database_url else {}),
    }


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_check_deploy_passes_without_a_single_warning(tmp_path: Path) -> None:
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"], production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A production collectstatic, once for the tests that need its output; the folder it wrote into."""
    folder = tmp_path_factory.mktemp("production")
    result = run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], production_env(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_collectstatic_writes_hashed_compressed_files(collected: Path) -> None:
    static = collected / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    hashed = manifest["site/site.css"]
    assert hashed != "site/site.css" and hashed.startswith("site/site.") and hashed.endswith(".css")
    assert (static / hashed).exists() and (static / f"{hashed}.gz").exists()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in manifest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"X-Request-ID": "deploy-test-1"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - a local test server
        return response.status, dict(response.headers), response.read()


def test_gunicorn_serves_and_stops_gracefully(collected: Path) -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs a DATABASE_URL server the gunicorn process can reach")
    env = production_env(collected)
    port = free_port()
    env |= {"GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1", "SECURE_SSL_REDIRECT": "0"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, headers, body = get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        assert status == 200 and json.loads(body) == {"status": "ok"}
        assert headers["X-Request-ID"] == "deploy-test-1"
        manifest = json.loads((collected / "static" / "staticfiles.json").read_text())["paths"]
        status, headers, _ = get(f"{base}/static/{manifest['site/site.css']}")
        assert status == 200 and "max-age=315360000" in headers["Cache-Control"]
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output
    access = [json.loads(line) for line in output.splitlines() if '"logger": "gunicorn.access"' in line]
    probe = next(line for line in access if line["path"] == "/healthz")
    assert {"method": "GET", "status": 200, "request_id": "deploy-test-1"}.items() <= probe.items()
    assert probe["duration_ms"] >= 0 and probe["user_agent"].startswith("Python-urllib")
    lifecycle = [
        json.loads(line)["message"] for line in output.splitlines() if '"logger": "gunicorn.error"' in line
    ]
    assert "Handling signal: term" in lifecycle and "Shutting down: Master" in lifecycle
