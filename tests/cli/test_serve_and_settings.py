"""Production settings from the environment, the TLS proxy, `check --deploy`, and `lanzarote
serve` / `make run` never with DEBUG on unless --dev is asked for (issue 10)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from lanzarote.accounts.models import Role
from lanzarote.core.management.commands import serve
from tests.accounts.factories import PASSWORD, person

# The values docs/operations.md documents for a deployment behind a TLS proxy.
DOCUMENTED = {
    "DJANGO_SETTINGS_MODULE": "lanzarote.settings.production",
    "ALLOWED_HOSTS": "lanzarote.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://lanzarote.example.org",
    "BEHIND_TLS_PROXY": "1",
}


def run_lanzarote(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LANZAROTE_VAR_DIR": str(tmp_path / "var"),
        "STATIC_ROOT": str(tmp_path / "static"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "from lanzarote.cli import main; main()", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    env = {
        **DOCUMENTED,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = run_lanzarote(
        "check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_lanzarote("check", env=dict(DOCUMENTED), tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, len(settings.SECRET_KEY), settings.SECRET_KEY[:8])"
)


def test_the_one_machine_settings_run_without_debug_and_keep_a_generated_key(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LANZAROTE_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.local",
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", PRINT_SETTINGS],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][0] == "False"
    assert int(runs[0][1]) >= 50
    assert runs[0] == runs[1]  # the same key on the next start: sessions survive a restart
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0


def test_serve_runs_gunicorn_with_its_configuration_and_debug_off():
    argv = serve.gunicorn_argv(
        bind="127.0.0.1:8000", workers=None, threads=3, settings_module="lanzarote.settings.local"
    )
    assert argv[argv.index("--config") + 1] == "python:lanzarote.gunicorn_config"
    assert "DEBUG=0" in argv
    assert argv[argv.index("--threads") + 1] == "3"
    assert "--workers" not in argv  # the configuration's WEB_CONCURRENCY decides


def test_serve_dev_is_the_only_way_to_debug(monkeypatch):
    called = {}
    monkeypatch.setattr(serve, "call_command", lambda *args: called.setdefault("args", args))
    monkeypatch.delenv("DEBUG", raising=False)
    with override_settings(DEBUG=False):
        serve.Command().handle(bind="127.0.0.1:8001", workers=None, threads=None, dev=True)
    assert called["args"] == ("runserver", "127.0.0.1:8001")
    assert os.environ.pop("DEBUG") == "1"


def test_gunicorn_recycles_workers_and_bounds_requests():
    from lanzarote import gunicorn_config as config

    assert config.max_requests >= 100 and config.max_requests_jitter > 0
    assert 0 < config.timeout <= 120 and config.graceful_timeout > 0
    assert config.limit_request_line <= 8190 and config.limit_request_fields <= 100
    assert config.worker_class == "gthread" and config.wsgi_app == "lanzarote.wsgi:application"


# -- behind the TLS proxy ------------------------------------------------------------------------

BEHIND_PROXY = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "ALLOWED_HOSTS": ["lanzarote.example.org"],
    "CSRF_TRUSTED_ORIGINS": ["https://lanzarote.example.org"],
}


@pytest.mark.django_db
@override_settings(**BEHIND_PROXY)
def test_behind_the_proxy_https_is_recognised_and_the_redirect_does_not_loop():
    client = Client(HTTP_HOST="lanzarote.example.org")
    plain = client.get("/en/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    proxied = client.get("/en/", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


@pytest.mark.django_db
@override_settings(**BEHIND_PROXY)
def test_behind_the_proxy_sign_in_passes_the_origin_check():
    person(Role.TREATY_OFFICE, username="clerk")
    client = Client(
        enforce_csrf_checks=True,
        HTTP_HOST="lanzarote.example.org",
        HTTP_X_FORWARDED_PROTO="https",
    )
    page = client.get("/en/accounts/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/en/accounts/login/",
        {"login": "clerk", "password": PASSWORD, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://lanzarote.example.org",
        HTTP_REFERER="https://lanzarote.example.org/en/accounts/login/",
    )
    assert response.status_code == 302, response.content[:500]
