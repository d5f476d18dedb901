"""The loader is idempotent and applies changed shipped facts as superseding events."""

from __future__ import annotations

from pathlib import Path

import pytest

from lanzarote.core.models import AuditRecord
from lanzarote.registry.models import State, TreatyEvent
from lanzarote.registry.reference_data import parse_sources, registry_data_load
from tests.registry.helpers import data_with

pytestmark = pytest.mark.django_db


def test_a_second_run_changes_nothing():
    events, audits = TreatyEvent.objects.count(), AuditRecord.objects.count()
    report = registry_data_load()
    assert report.recorded == report.superseded == report.retracted == 0
    assert report.unchanged > 0
    assert TreatyEvent.objects.count() == events
    assert AuditRecord.objects.count() == audits


def test_a_changed_fact_is_applied_as_a_superseding_event(tmp_path: Path):
    # Albania's Art. 37(2) declaration, dated in the events file itself.
    data = data_with(tmp_path, "cets201_events.csv", "2010-10-11", "2010-10-12")
    report = registry_data_load(data_dir=data)
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


def test_sources_are_parsed_with_their_grades_and_notes():
    # Each source now opens with its grade; a document without an address is named by title.
    text = "gazette: https://a.example/x (says A) | press: https://b.example/y | government: Note 1"
    assert parse_sources(text) == [
        {"url": "https://a.example/x", "title": "", "note": "says A", "grade": "gazette"},
        {"url": "https://b.example/y", "title": "", "note": "", "grade": "press"},
        {"url": "", "title": "Note 1", "note": "", "grade": "government"},
    ]
