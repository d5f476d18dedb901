"""`lanzarote serve`: serve the product with gunicorn (or Django's autoreloading server with --dev).

Never with DEBUG on, whatever the environment says, unless --dev asks for the development server:
a traceback page shows settings and code to anyone who can provoke an error.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

GUNICORN_CONFIG = "python:lanzarote.gunicorn_config"


def gunicorn_argv(
    *, bind: str, workers: int | None, threads: int | None, settings_module: str
) -> list[str]:
    """The command line that replaces this process: gunicorn with the project's configuration."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        GUNICORN_CONFIG,
        "--bind",
        bind,
        "--env",
        f"DJANGO_SETTINGS_MODULE={settings_module}",
        "--env",
        "DEBUG=0",
    ]
    if workers is not None:
        argv += ["--workers", str(workers)]
    if threads is not None:
        argv += ["--threads", str(threads)]
    return argv


class Command(BaseCommand):
    help = "Serve Lanzarote over HTTP (gunicorn; --dev for the autoreloading development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="worker processes (default WEB_CONCURRENCY or 2)",
        )
        parser.add_argument(
            "--threads", type=int, default=None, help="threads per worker (default 4)"
        )
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Django's development server, with DEBUG on (tracebacks): never in production",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dev"]:
            # The autoreloader serves from a child process that reads the settings anew.
            os.environ["DEBUG"] = "1"
            settings.DEBUG = True
            call_command("runserver", options["bind"])
            return
        settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
        self.stdout.write(f"Lanzarote on http://{options['bind']}/ (Ctrl+C to stop)")
        argv = gunicorn_argv(
            bind=options["bind"],
            workers=options["workers"],
            threads=options["threads"],
            settings_module=settings_module,
        )
        os.execv(sys.executable, argv)  # noqa: S606 — replace this process with the server
