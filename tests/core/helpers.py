"""Running `lanzarote` commands as their own processes, against a database and a media folder
of the test's choosing (as an operator runs them); what a render's "being prepared" page says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[2]


def postgres_url(
    settings: dict[str, Any], *, name: str | None = None, user: str | None = None
) -> str:
    """A URL for the test database's server: another database `name`, or another `user`."""
    who = user or settings["USER"] or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") and not user else ""
    host = settings["HOST"] or "127.0.0.1"
    return (
        f"postgres://{who}{password}@{host}:{settings['PORT'] or 5432}/{name or settings['NAME']}"
    )


def lanzarote(
    *args: str, database_url: str, settings: str = "lanzarote.settings.test", **env: str
) -> subprocess.CompletedProcess[str]:
    """`lanzarote ARGS…` in its own process; `env` adds variables (MEDIA_ROOT, …)."""
    return run(
        [str(Path(sys.executable).with_name("lanzarote")), *args],
        database_url=database_url,
        settings=settings,
        **env,
    )


def run(
    command: list[str], *, database_url: str, settings: str, **env: str
) -> subprocess.CompletedProcess[str]:
    variables = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings,
        **env,
    }
    return subprocess.run(
        command,
        env=variables,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def assert_being_prepared(response: Any) -> None:
    """The answer, in French, for a render the worker is still making (core.renders): a 202
    page that says so, reloads itself and is kept by no cache."""
    assert response.status_code == 202
    assert response["Retry-After"] == "3"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Votre document est en cours de préparation" in page
    assert 'http-equiv="refresh"' in page
