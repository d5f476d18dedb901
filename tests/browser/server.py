"""The real product for the browser tests and `scripts/screenshots.py`.

`running_server()` makes a fresh SQLite database in a temporary directory, migrates it, loads the
shipped reference data with the `lanzarote` command, serves it on a free port of 127.0.0.1 and
yields the base URL. It is a separate process on purpose: pytest-django's live server would flush
the session-loaded reference data the other tests rely on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST = "127.0.0.1"
# The environment of each running server, by base URL: tests run `lanzarote` commands (users,
# tokens) against the server's database with it.
SERVER_ENVS: dict[str, dict[str, str]] = {}


def env_of(base_url: str) -> dict[str, str]:
    """The environment (`LANZAROTE_VAR_DIR`, `DATABASE_URL`…) of the server at `base_url`."""
    return dict(SERVER_ENVS[base_url])


def lanzarote_command() -> Path:
    """The `lanzarote` script of the virtualenv running this Python, in whichever clone."""
    return Path(sys.executable).parent / "lanzarote"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(var_dir: Path) -> dict[str, str]:
    """Local settings on SQLite under `var_dir`, whatever DATABASE_URL says (and whatever a .env
    file would set in its absence): the browser runs use SQLite in every suite run."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["LANZAROTE_VAR_DIR"] = str(var_dir)
    env["DATABASE_URL"] = f"sqlite:///{var_dir / 'lanzarote.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "lanzarote.settings.local"
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(
        [str(lanzarote_command()), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"`lanzarote {' '.join(args)}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )


def _wait_until_up(url: str, process: subprocess.Popen[Any], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(
        f"The server did not answer {url} within {timeout:.0f} s:\n{log.read_text()}"
    )


@contextmanager
def running_server(timeout: float = 60) -> Iterator[str]:
    """Yields the base URL ("http://127.0.0.1:PORT") of a freshly loaded Lanzarote."""
    with tempfile.TemporaryDirectory(prefix="lanzarote-browser-") as tmp:
        var_dir = Path(tmp)
        env = server_env(var_dir)
        _run(["migrate", "--noinput"], env)
        _run(["load-reference-data"], env)
        port = free_port()
        log = var_dir / "server.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [str(lanzarote_command()), "runserver", f"{HOST}:{port}", "--noreload"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        base_url = f"http://{HOST}:{port}"
        try:
            _wait_until_up(f"{base_url}/en/", process, log, timeout)
            SERVER_ENVS[base_url] = env
            yield base_url
        finally:
            SERVER_ENVS.pop(base_url, None)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing that would reach the network on its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
