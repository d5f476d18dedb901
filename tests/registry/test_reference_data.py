"""The loader is idempotent and applies changed shipped facts as superseding events."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lanzarote.core.models import AuditRecord
from lanzarote.registry.models import State, TreatyEvent
from lanzarote.registry.reference_data import DATA_DIR, parse_sources, reference_data_load

pytestmark = pytest.mark.django_db


def test_a_second_run_changes_nothing():
    events, audits = TreatyEvent.objects.count(), AuditRecord.objects.count()
    report = reference_data_load()
    assert report.recorded == report.superseded == report.retracted == 0
    assert report.unchanged > 0
    assert TreatyEvent.objects.count() == events
    assert AuditRecord.objects.count() == audits


def test_a_changed_fact_is_applied_as_a_superseding_event(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    events_file = data / "cets201_events.csv"
    text = events_file.read_text(encoding="utf-8")
    assert "2020-09-07" in text
    events_file.write_text(text.replace("2020-09-07", "2020-09-08", 1), encoding="utf-8")
    report = reference_data_load(data_dir=data)
    assert report.superseded == 1
    [key] = report.changed_keys
    versions = TreatyEvent.objects.filter(reference_key=key).order_by("id")
    assert versions.count() == 2
    assert versions.last().supersedes == versions.first()
    assert "legal_date" in versions.last().correction_reason


def test_all_states_and_the_eu_are_loaded_with_french_names():
    assert State.objects.filter(kind=State.Kind.STATE).count() >= 195
    assert State.objects.get(code="DE").name_fr == "Allemagne"
    assert State.objects.get(code="EU").kind == State.Kind.ORGANISATION


def test_sources_are_parsed_with_their_notes():
    assert parse_sources("https://a.example/x (says A) | https://b.example/y") == [
        {"url": "https://a.example/x", "note": "says A"},
        {"url": "https://b.example/y", "note": ""},
    ]
