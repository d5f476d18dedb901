"""`lanzarote serve`: serve the product with gunicorn (or Django's autoreloading server with --dev)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Lanzarote over HTTP (gunicorn; --dev for the autoreloading development server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--dev", action="store_true", help="use Django's development server")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dev"]:
            call_command("runserver", options["bind"])
            return
        settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
        self.stdout.write(f"Lanzarote on http://{options['bind']}/ (Ctrl+C to stop)")
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "lanzarote.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--env",
            f"DJANGO_SETTINGS_MODULE={settings_module}",
        ]
        os.execv(sys.executable, argv)  # noqa: S606 — replace this process with the server
