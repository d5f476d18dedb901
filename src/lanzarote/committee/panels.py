"""Panels that apps above the committee app add to its pages, without the committee importing them.

A co-operation project's page lists the monitoring recommendations the project responds to, but
the monitoring app sits above this one (its rounds and reports cite the Committee's meetings). So
monitoring registers a panel from its `AppConfig.ready`, and the project page shows every
registered panel after its own facts::

    project_panels.register(project_recommendations_panel)  # (project) -> Panel
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    """One more fact of a page: a term and its description, rendered by the registering app."""

    title: str
    html: SafeString


class Panels:
    def __init__(self) -> None:
        self._renderers: list[Callable[[Any], Panel]] = []

    def register(self, render: Callable[[Any], Panel]) -> Callable[[Any], Panel]:
        if render not in self._renderers:
            self._renderers.append(render)
        return render

    def render(self, record: Any) -> list[Panel]:
        return [render(record) for render in self._renderers]


project_panels = Panels()
