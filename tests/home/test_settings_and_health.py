"""Production settings are safe by default; liveness needs no database."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra=None, settings="portal.settings.production"):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env.update({"DJANGO_SETTINGS_MODULE": settings, **(env_extra or {})})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # starts other processes
def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env_extra={"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.slow  # starts other processes
def test_production_passes_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "evidence.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_settings_are_production_safe():
    from portal.settings import base

    assert base.DEBUG is False or os.environ.get("DEBUG")
    assert base.SECURE_SSL_REDIRECT is True or os.environ.get("SECURE_SSL_REDIRECT")
    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE


@pytest.mark.django_db
def test_healthz_does_no_database_work(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert len(ctx.captured_queries) == 0
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_search_responses_with_a_query_are_never_cached_by_shared_caches(client):
    response = client.get("/search/", {"q": "pharmacy"})
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" in client.get("/search/")["Cache-Control"]


@pytest.mark.django_db
def test_pages_are_not_served_to_unknown_hosts(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.slow  # starts other processes
def test_static_files_collect_with_production_settings(tmp_path):
    # `make serve` collects static files with hashed names; a reference the storage cannot resolve fails here.
    result = run_manage(
        "collectstatic",
        "--noinput",
        "-v0",
        env_extra={
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "evidence.example.org",
            "STATIC_ROOT": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
