"""The Committee's seed: loaded with the reference data, idempotent, unconfirmed facts marked,
and changes to the shipped files applied as corrections (append-only events superseded)."""

from __future__ import annotations

import json
import shutil
from datetime import date
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
    Project,
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
            Project,
            Representative,
        )
    }
    assert counts == {
        "Organisation": 11,
        "Meeting": 43,
        "AgendaItem": 77,
        "Decision": 8,  # one adoption per text whose adopting meeting is known
        "CommitteeDocument": 5,
        "Participation": 5,
        "ObserverEvent": 6,
        "AdoptedText": 22,
        "BureauTerm": 12,
        "Theme": 8,
        "CapacityEvent": 8,
        "Project": 8,
        "Representative": 0,  # no real names in the seed: tests create demonstration ones
    }
    # Every plenary meeting from the first to the latest, without a gap.
    assert sorted(Meeting.objects.values_list("number", flat=True)) == list(range(1, 44))


def test_every_content_field_has_its_french():
    for meeting in Meeting.objects.exclude(note_en=""):
        assert meeting.note_fr, meeting.number
    assert not AgendaItem.objects.filter(title_fr="").exists()
    for text in AdoptedText.objects.all():
        assert text.title_fr and text.summary_fr and bool(text.note_fr) == bool(text.note_en)
    assert not BureauTerm.objects.filter(evidence_fr="").exists()
    assert not Project.objects.filter(note_fr="").exists()
    assert not CapacityEvent.objects.filter(title_fr="").exists()


def test_meetings_whose_days_are_unknown_keep_their_bounds():
    first = Meeting.objects.get(number=1)
    assert first.period.as_text() == "2010-07-01..2012-01-24" and not first.dates_confirmed
    assert Meeting.objects.get(number=2).period.as_text() == "2012-03"
    sixth = Meeting.objects.get(number=6)
    assert sixth.period is None and (sixth.start_date, sixth.end_date) == (
        date(2013, 10, 14),
        date(2013, 10, 15),
    )
    assert Meeting.objects.get(number=9).status == Meeting.Status.ANNOUNCED
    latest = Meeting.objects.get(number=43)
    assert not latest.number_confirmed and not latest.place_confirmed
    assert latest.place_fr == "Vienne"


def test_unconfirmed_facts_are_stored_as_unconfirmed():
    guidance = AdoptedText.objects.get(slug="guidance-note-statute-of-limitations")
    assert not guidance.adoption_confirmed and guidance.known_date.as_text() == "2023-05-30.."
    article_23 = AdoptedText.objects.get(slug="opinion-article-23")
    assert not article_23.confirmed and article_23.known_date.as_text() == "2015-06-15..2015-06-17"
    assert article_23.meeting.number == 12 and article_23.document_code == "T-ES(2015)04"
    assert [a.number for a in article_23.articles.all()] == [23]
    assert article_23.decision.meeting.number == 12 and not article_23.decision.day_confirmed
    refugees = AdoptedText.objects.get(slug="special-report-refugee-crisis")
    assert refugees.decision.decided_on == date(2017, 3, 3) and refugees.decision.day_confirmed
    assert refugees.url_en.startswith("https://www.coe.int/")
    protect = ObserverEvent.objects.get(reference_key="observer/protect-children")
    assert protect.confirmed and protect.meeting.number == 42
    assert not ObserverEvent.objects.filter(confirmed=True).exclude(pk=protect.pk).exists()
    gudbrandsson = BureauTerm.objects.get(reference_key="bureau/chair/gudbrandsson")
    assert gudbrandsson.elected_at.number == 8 and gudbrandsson.state_id == "IS"
    assert not Participation.objects.get(reference_key="participant/unicef").confirmed
    assert (
        CapacityEvent.objects.get(slug="europol-study-visit-2015").known_date.as_text()
        == "2015-03-16"
    )
    assert CommitteeDocument.objects.get(code="T-ES(2022)02").meeting.number == 36


def test_the_special_rapporteurs_seat_is_confirmed_by_the_leaflet_alone():
    # The leaflet names the mandate among the participants; it gives no date, so the start
    # stays bounded by the entry into force and no admitting decision is invented.
    seat = Participation.objects.get(reference_key="participant/un-special-rapporteur")
    assert seat.confirmed and seat.decision is None
    assert seat.known_date.as_text() == "2010-07-01.."
    leaflet = seat.sources[0]
    assert "Why join the Lanzarote Convention?" in leaflet["title"]
    assert leaflet["grade"] == "government" and "participant" in leaflet["note"]


def test_the_project_the_leaflet_names_comes_first_with_its_bounds():
    project = Project.objects.get(slug="endocsea-europe")
    assert project.start_as_known.as_text() == "..2019-04-08" and not project.confirmed
    assert project.status == Project.Status.NOT_RECORDED
    assert sorted(project.beneficiaries.values_list("code", flat=True)) == ["MD", "ME", "RS", "UA"]
    assert "End Violence Against Children Fund" in project.donors
    assert "2019-04-08:" in project.outputs_en and "2019-04-08 :" not in project.outputs_fr


def test_a_second_load_writes_nothing():
    audits = AuditRecord.objects.count()
    report = committee_data_load(data_dir=DATA_DIR)
    assert not report.anything
    assert AuditRecord.objects.count() == audits


def test_a_changed_admission_is_recorded_as_a_correction(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    observers_file = data / "research" / "committee" / "observers.json"
    items = json.loads(observers_file.read_text(encoding="utf-8"))
    items[1]["admitted"] = "2016"
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
