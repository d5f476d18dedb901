"""`lanzarote scale-data --treaties 600 --states 200 --seed 1`: a synthetic registry for load tests."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from lanzarote.core.audit import Actor
from lanzarote.core.management.base import LanzaroteCommand
from lanzarote.registry.scale_data import scale_data_generate


class Command(LanzaroteCommand):
    help = (
        "Fill an EMPTY database with a synthetic registry (treaties, States and their acts, "
        "every act checked by the rules), the same for the same seed. Refused on a database "
        "that holds a registry."
    )
    formats = ("table", "json")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--treaties", type=int, default=600)
        parser.add_argument("--states", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = scale_data_generate(
            actor=Actor.system("lanzarote scale-data"),
            treaties=options["treaties"],
            states=options["states"],
            seed=options["seed"],
        )
        seconds = round(time.perf_counter() - started, 1)
        if options["format"] == "json":
            self.emit_json({**report.as_dict(), "seconds": seconds})
            return
        self.emit_table(["item", "count"], sorted(report.as_dict().items()))
        self.stdout.write(f"synthetic registry written in {seconds} s")
