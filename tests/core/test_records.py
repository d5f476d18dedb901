"""The records kit: bilingual declarations keep their columns and read the active language;
`record_save` checks the permission, validates, saves only what changed and audits the diff."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation

from lanzarote.committee.models import Meeting, PriorityFlag, Project
from lanzarote.core.audit import Actor, AuditAction, SaveActions
from lanzarote.core.errors import Forbidden, InvalidInput, Unauthorised
from lanzarote.core.models import AuditRecord
from lanzarote.core.records.bilingual import Bilingual, bilingual_text, both_languages
from lanzarote.core.records.inputs import clean_sources, known_date, lines
from lanzarote.core.records.saving import record_save
from lanzarote.monitoring.models import Round
from lanzarote.registry.models import Article, State
from tests.accounts.factories import person
from tests.committee.factories import secretariat

MEETING = SaveActions(AuditAction.COMMITTEE_MEETING_CREATE, AuditAction.COMMITTEE_MEETING_UPDATE)


def test_a_bilingual_declaration_yields_two_columns_and_one_reader():
    note_en = Round._meta.get_field("note_en")
    note_fr = Round._meta.get_field("note_fr")
    assert isinstance(note_en, models.TextField) and note_en.blank and note_fr.blank
    assert str(note_en.verbose_name) == "note (English)"
    with translation.override("fr"):
        assert str(note_fr.verbose_name) == "note (français)"
    item = Round(note_en="In English", note_fr="")
    assert item.note == "In English"
    item.note_fr = "En français"
    with translation.override("fr"):
        assert item.note == "En français"
    assert isinstance(Round.note, Bilingual)


@isolate_apps("lanzarote.core")
def test_french_may_be_optional_alone():
    class Sample(models.Model):
        title = Bilingual(models.CharField, "title", max_length=20, fr_blank=True)

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.title

    fields = {f.name: f for f in Sample._meta.fields}
    assert not fields["title_en"].blank and fields["title_fr"].blank
    assert fields["title_en"].max_length == fields["title_fr"].max_length == 20
    # The columns keep the declaration's place among the fields.
    assert [f.name for f in Sample._meta.fields] == ["id", "title_en", "title_fr"]


def test_both_languages_and_bilingual_text():
    assert both_languages(lambda: translation.get_language() or "") == ("en", "fr")
    text = bilingual_text("Saved.")
    assert text.split("\n\n") == ["Saved.", "Enregistré."]


def test_inputs_are_cleaned_or_refused_by_field():
    assert known_date("2015-06", field="d").as_text() == "2015-06"
    with pytest.raises(InvalidInput) as bad:
        known_date("2015-13", field="adopted_on")
    assert bad.value.field == "adopted_on"
    assert clean_sources(["https://example.org", {"note": "Minutes"}]) == [
        {"url": "https://example.org", "note": ""},
        {"url": "", "note": "Minutes"},
    ]
    with pytest.raises(InvalidInput):
        clean_sources([{"url": "", "note": ""}])
    assert lines("a\n\n b \n") == ["a", "b"]


def _meeting_values(**changes: object) -> dict[str, object]:
    return {
        "number": 70,
        "start_date": date(2027, 3, 1),
        "end_date": date(2027, 3, 3),
        "mode": "in_person",
        "place_en": "Strasbourg",
        "place_fr": "Strasbourg",
    } | changes


@pytest.mark.django_db
def test_record_save_audits_what_changed_and_nothing_when_nothing_did():
    actor = Actor(user=secretariat())
    meeting = record_save(
        actor=actor,
        instance=Meeting(),
        values=_meeting_values(),
        permission="committee.manage",
        action=MEETING,
        summary="meeting 70",
    )
    created = AuditRecord.objects.get(target_type="Meeting", target_id=str(meeting.pk))
    assert created.action == "committee.meeting.create"
    assert created.payload["changes"]["start_date"] == [None, "2027-03-01"]

    # Nothing changed: no save, no audit row.
    record_save(
        actor=actor,
        instance=meeting,
        values=_meeting_values(),
        permission="committee.manage",
        action=MEETING,
    )
    assert AuditRecord.objects.filter(target_id=str(meeting.pk), target_type="Meeting").count() == 1

    record_save(
        actor=actor,
        instance=meeting,
        values=_meeting_values(end_date=date(2027, 3, 4), place_fr="Strasbourg (France)"),
        permission="committee.manage",
        action=MEETING,
    )
    update = AuditRecord.objects.filter(action=AuditAction.COMMITTEE_MEETING_UPDATE).get(
        target_id=str(meeting.pk)
    )
    assert update.payload["changes"] == {
        "end_date": ["2027-03-03", "2027-03-04"],
        "place_fr": ["Strasbourg", "Strasbourg (France)"],
    }
    meeting.refresh_from_db()
    assert meeting.end_date == date(2027, 3, 4)


@pytest.mark.django_db
def test_record_save_checks_the_permission_then_validates_before_writing():
    office, staff = person("treaty_office", username="office"), secretariat()
    audits = AuditRecord.objects.count()
    with pytest.raises(Forbidden):
        record_save(
            actor=Actor(user=office),
            instance=Meeting(),
            values=_meeting_values(),
            permission="committee.manage",
            action=MEETING,
        )
    with pytest.raises(InvalidInput) as invalid:
        record_save(
            actor=Actor(user=staff),
            instance=Meeting(),
            values=_meeting_values(mode="by pigeon"),
            permission="committee.manage",
            action=MEETING,
        )
    assert invalid.value.field == "mode"
    with pytest.raises(Unauthorised):
        Actor(user=type("Anonymous", (), {"is_authenticated": False})())
    assert AuditRecord.objects.count() == audits
    assert not Meeting.objects.filter(number=70).exists()


@pytest.mark.django_db
def test_record_save_compares_foreign_keys_and_relations_by_key(loaded_db):
    actor = Actor(user=secretariat())
    actions = SaveActions(
        AuditAction.COMMITTEE_PROJECT_CREATE, AuditAction.COMMITTEE_PROJECT_UPDATE
    )
    values = {"slug": "kit-project", "title_en": "Kit", "title_fr": "Kit", "status": "planned"}
    articles = list(Article.objects.filter(treaty__slug="cets-201", number__in=[35, 36]))
    project = record_save(
        actor=actor,
        instance=Project(),
        values=values,
        relations={"articles": articles},
        permission="committee.manage",
        action=actions,
    )
    created = AuditRecord.objects.latest("id")
    assert created.payload["changes"]["articles"] == [[], sorted(a.pk for a in articles)]
    before = AuditRecord.objects.count()
    # The same rows in another order are no change.
    record_save(
        actor=actor,
        instance=project,
        values=values,
        relations={"articles": list(reversed(articles))},
        permission="committee.manage",
        action=actions,
    )
    assert AuditRecord.objects.count() == before
    record_save(
        actor=actor,
        instance=project,
        values=values,
        relations={"articles": articles[:1]},
        permission="committee.manage",
        action=actions,
    )
    update = AuditRecord.objects.latest("id")
    assert update.action == "committee.project.update"
    assert update.payload["changes"] == {
        "articles": [sorted(a.pk for a in articles), [articles[0].pk]]
    }
    assert [a.number for a in project.articles.all()] == [35]

    flag_actions = SaveActions(
        AuditAction.COMMITTEE_PRIORITY_CREATE, AuditAction.COMMITTEE_PRIORITY_UPDATE
    )
    flag_values = {
        "state": State.objects.get(code="MA"),
        "reason_en": "Asked for help.",
        "flagged_on": date(2026, 1, 1),
    }
    flag = record_save(
        actor=actor,
        instance=PriorityFlag(),
        values=flag_values,
        permission="committee.manage",
        action=flag_actions,
    )
    assert AuditRecord.objects.latest("id").payload["changes"]["state"] == [None, "MA"]
    record_save(
        actor=actor,
        instance=flag,
        values=flag_values | {"state": State.objects.get(code="TN")},
        permission="committee.manage",
        action=flag_actions,
    )
    assert AuditRecord.objects.latest("id").payload["changes"] == {"state": ["MA", "TN"]}
