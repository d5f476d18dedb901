"""Each app ships its own reference-data loader; `core.reference_data` finds them and orders them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from lanzarote.core import reference_data
from lanzarote.core.reference_data import AppLoader, ReferenceLoader, loaders


def test_every_shipping_app_is_found_and_runs_after_what_it_needs():
    order = [entry.app_label for entry in loaders()]
    assert order == ["registry", "readiness", "committee", "monitoring"]


def _declare(monkeypatch: pytest.MonkeyPatch, **after: tuple[str, ...]) -> None:
    declared = [
        AppLoader(label, ReferenceLoader(load=lambda **_: None, after=needs))  # type: ignore[arg-type,return-value]
        for label, needs in after.items()
    ]
    monkeypatch.setattr(reference_data, "_declared", lambda: declared)


def test_a_loader_waits_for_a_later_declared_one(monkeypatch: pytest.MonkeyPatch):
    _declare(monkeypatch, reports=("meetings",), meetings=("states",), states=())
    assert [e.app_label for e in loaders()] == ["states", "meetings", "reports"]


def test_a_loader_needing_an_app_without_one_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
):
    _declare(monkeypatch, reports=("meetings",))
    with pytest.raises(ImproperlyConfigured, match="meetings"):
        loaders()


def test_loaders_waiting_for_each_other_are_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
):
    _declare(monkeypatch, a=("b",), b=("a",))
    with pytest.raises(ImproperlyConfigured, match="wait for each other"):
        loaders()


@pytest.mark.django_db
def test_one_load_runs_every_loader_and_a_second_changes_nothing():
    reports: dict[str, Any] = reference_data.reference_data_load()
    assert list(reports) == ["registry", "readiness", "committee", "monitoring"]
    registry = reports["registry"]
    assert registry.recorded == registry.superseded == registry.retracted == 0
    assert not reports["committee"].anything and not reports["monitoring"].anything
