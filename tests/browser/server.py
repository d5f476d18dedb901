"""The real product for the browser tests and `scripts/screenshots.py`.

`running_server()` serves, on a free port of 127.0.0.1, a SQLite database with the shipped
reference data in a temporary directory, and yields the base URL. The database is a copy of the
test run's reference database when one is given, else built with the `lanzarote` commands (see
tests/reference_database.py). The server is a separate process on purpose: pytest-django's live
server would flush the session-loaded reference data the other tests rely on.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.reference_database import (
    lanzarote_command,
    reference_database_build,
    sqlite_env,
)

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


@dataclass(frozen=True)
class Server:
    env: dict[str, str]
    process: subprocess.Popen[Any]
    log: Path


# Each running server by base URL: tests run `lanzarote` commands (users, tokens) against the
# server's database with its environment.
SERVERS: dict[str, Server] = {}


def env_of(base_url: str) -> dict[str, str]:
    """The environment (`LANZAROTE_VAR_DIR`, `DATABASE_URL`…) of the server at `base_url`."""
    return dict(SERVERS[base_url].env)


def server_problem(base_url: str) -> str | None:
    """Why the server at `base_url` can no longer answer, with the end of its log; None while it
    runs."""
    server = SERVERS[base_url]
    if server.process.poll() is None:
        return None
    return f"The server exited ({server.process.returncode}):\n{server.log.read_text()[-4000:]}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


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
def running_server(reference: Path | None = None, timeout: float = 60) -> Iterator[str]:
    """Yields the base URL ("http://127.0.0.1:PORT") of a freshly loaded Lanzarote, serving a copy
    of the `reference` database if given."""
    with tempfile.TemporaryDirectory(prefix="lanzarote-browser-") as tmp:
        var_dir = Path(tmp)
        database = var_dir / "lanzarote.sqlite3"
        env = sqlite_env(var_dir, database)
        if reference is None:
            reference_database_build(database)
        else:
            shutil.copyfile(reference, database)
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
            SERVERS[base_url] = Server(env=env, process=process, log=log)
            yield base_url
        finally:
            SERVERS.pop(base_url, None)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless, with nothing that would reach the network on its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
