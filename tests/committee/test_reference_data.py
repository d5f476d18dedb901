"""The Committee's seed: loaded with the reference data, idempotent, unconfirmed facts marked,
and changes to the shipped files applied as corrections (append-only events superseded)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    BureauTerm,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverEvent,
    Organisation,
    Participation,
    Representative,
    Theme,
)
from lanzarote.committee.reference_data import committee_data_load
from lanzarote.core.models import AuditRecord
from lanzarote.registry.reference_data import DATA_DIR

pytestmark = pytest.mark.django_db


def test_the_seed_is_loaded_with_the_reference_data():
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Meeting,
            AgendaItem,
            Decision,
            CommitteeDocument,
            Participation,
            ObserverEvent,
            AdoptedText,
            BureauTerm,
            Theme,
            CapacityEvent,
            Representative,
        )
    }
    assert counts == {
        "Organisation": 10,
        "Meeting": 18,
        "AgendaItem": 37,
        "Decision": 9,
        "CommitteeDocument": 5,
        "Participation": 5,
        "ObserverEvent": 5,
        "AdoptedText": 11,
        "BureauTerm": 4,
        "Theme": 8,
        "CapacityEvent": 5,
        "Representative": 0,  # no real names in the seed: tests create demonstration ones
    }
    assert sorted(Meeting.objects.values_list("number", flat=True)) == [
        10,
        11,
        12,
        14,
        15,
        17,
        18,
        20,
        21,
        22,
        23,
        24,
        25,
        28,
        31,
        34,
        36,
        38,
    ]


def test_unconfirmed_facts_are_stored_as_unconfirmed():
    assert not AdoptedText.objects.get(
        slug="guidance-note-statute-of-limitations"
    ).adoption_confirmed
    article_23 = AdoptedText.objects.get(slug="opinion-article-23-solicitation")
    assert not article_23.confirmed and article_23.known_date.as_text() == "2015-06-15..2015-06-17"
    assert article_23.meeting.number == 12
    assert [a.number for a in article_23.articles.all()] == [23]
    emerging = AdoptedText.objects.get(slug="declaration-emerging-technologies")
    assert emerging.known_date.is_unknown and "year" in emerging.note_en
    assert not ObserverEvent.objects.filter(confirmed=True).exists()
    assert not BureauTerm.objects.filter(confirmed=True).exists()
    assert not Participation.objects.get(reference_key="participant/unicef").confirmed
    assert (
        CapacityEvent.objects.get(slug="europol-study-visit-2015").known_date.as_text()
        == "2015-03-16"
    )
    assert CommitteeDocument.objects.get(code="T-ES(2022)02").meeting.number == 36


def test_a_second_load_writes_nothing():
    audits = AuditRecord.objects.count()
    report = committee_data_load(data_dir=DATA_DIR)
    assert not report.anything
    assert AuditRecord.objects.count() == audits


def test_a_changed_admission_is_recorded_as_a_correction(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    observers_file = data / "committee" / "observers.json"
    items = json.loads(observers_file.read_text(encoding="utf-8"))
    items[1]["date"] = "2016"
    removed = items.pop(2)
    observers_file.write_text(json.dumps(items), encoding="utf-8")
    report = committee_data_load(data_dir=data)
    assert report.changed == {"ObserverEvent": 1} and report.removed == {"ObserverEvent": 1}
    versions = ObserverEvent.objects.filter(reference_key=items[1]["key"]).order_by("id")
    assert [v.known_date.as_text() for v in versions] == ["..2017-12-31", "2016"]
    assert versions.last().supersedes == versions.first()
    retraction = ObserverEvent.objects.filter(reference_key=removed["key"]).order_by("id").last()
    assert retraction.is_retraction
    assert AuditRecord.objects.filter(action="committee.reference_data.load").count() == 2


def test_a_data_folder_without_the_committee_loads_nothing(tmp_path: Path):
    assert not committee_data_load(data_dir=tmp_path).anything
