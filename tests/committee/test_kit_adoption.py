"""The Committee on the shared kit: saves that change nothing write nothing, saves that change
something say what, every audit action is declared, the observer workflow both performs the steps
and decides the desk's buttons, and the project references moved to the monitoring relation."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.utils import translation

from lanzarote.committee import services
from lanzarote.committee.models import Project
from lanzarote.committee.workflows import OBSERVER_APPLICATIONS
from lanzarote.core.audit import AuditAction
from lanzarote.core.models import AuditRecord
from lanzarote.monitoring.models import Recommendation, Report
from lanzarote.treaty_law import RuleViolation
from lanzarote.treaty_law.committee import ApplicationStatus, ObserverStep, observer_step
from tests.committee.factories import application, meeting, others, secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def _audits(instance: object) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.filter(
            target_type=type(instance).__name__,
            target_id=str(instance.pk),  # type: ignore[attr-defined]
        ).order_by("id")
    )


def test_a_save_that_changes_nothing_writes_no_audit_row(loaded_db):
    staff = secretariat()
    session = meeting(staff, number=80, start=date(2027, 3, 1))
    assert [a.action for a in _audits(session)] == ["committee.meeting.create"]
    services.meeting_save(
        user=staff,
        meeting=session,
        number=80,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 3),
        mode="in_person",
        place_en="Strasbourg",
    )
    assert len(_audits(session)) == 1
    services.meeting_save(
        user=staff,
        meeting=session,
        number=80,
        start_date=date(2027, 3, 1),
        end_date=date(2027, 3, 3),
        mode="online",
        place_en="Strasbourg",
    )
    update = _audits(session)[-1]
    assert update.action == "committee.meeting.update"
    assert update.payload["changes"] == {"mode": ["in_person", "online"]}


def test_relations_are_compared_as_sets_and_reported_by_key(loaded_db):
    staff = secretariat()
    project = services.project_save(
        user=staff, title_en="Kit", title_fr="Kit", status="planned", articles=[35, 36]
    )
    created = _audits(project)[-1].payload["changes"]
    assert created["title_en"] == [None, "Kit"] and len(created["articles"][1]) == 2
    services.project_save(
        user=staff,
        project=project,
        title_en="Kit",
        title_fr="Kit",
        status="planned",
        articles=[36, 35],
    )
    assert len(_audits(project)) == 1
    services.project_save(
        user=staff,
        project=project,
        title_en="Kit",
        title_fr="Kit",
        status="ongoing",
        articles=[35],
    )
    changes = _audits(project)[-1].payload["changes"]
    assert changes["status"] == ["planned", "ongoing"]
    assert len(changes["articles"][0]) == 2 and len(changes["articles"][1]) == 1


def test_every_committee_audit_row_names_a_declared_action(loaded_db):
    staff = secretariat()
    session = meeting(staff, number=81, start=date(2026, 3, 10))
    item = application(staff)
    services.observer_application_schedule(
        user=staff, application=item, meeting=session, today=date(2026, 2, 2)
    )
    declared = {a.value for a in AuditAction}
    actions = set(
        AuditRecord.objects.filter(action__startswith="committee.").values_list("action", flat=True)
    )
    assert actions and actions <= declared
    schedule = AuditRecord.objects.filter(action=AuditAction.COMMITTEE_OBSERVER_SCHEDULE).get()
    assert schedule.payload["changes"]["status"] == ["received", "scheduled"]


def test_the_workflow_agrees_with_the_treaty_law_rule():
    """Art. 40(3): observers are admitted by a decision of the members; the declaration and the
    pure rule must say the same about which step starts from which status."""
    for status in ApplicationStatus:
        for step in (s for s in ObserverStep if s is not ObserverStep.APPLY):
            transition = OBSERVER_APPLICATIONS.transition(step)
            try:
                target = observer_step(status, step)
            except RuleViolation:
                assert status.value not in transition.sources, (status, step)
            else:
                assert status.value in transition.sources and target.value == transition.target


def test_the_desk_offers_the_steps_the_workflow_allows(client, loaded_db):
    staff = secretariat()
    client.force_login(staff)
    item = application(staff)
    page = client.get(f"/en/committee/desk/observers/{item.pk}/").content.decode()
    assert "/schedule/" in page and "/decide/" not in page and "/withdraw/" not in page
    assert [t.step for t in OBSERVER_APPLICATIONS.available_transitions(item, staff)] == [
        "schedule"
    ]
    for user in others().values():
        assert OBSERVER_APPLICATIONS.available_transitions(item, user) == []
    session = meeting(staff, number=82, start=date(2026, 3, 10))
    services.observer_application_schedule(
        user=staff, application=item, meeting=session, today=date(2026, 2, 2)
    )
    item.refresh_from_db()
    steps = [t.step for t in OBSERVER_APPLICATIONS.available_transitions(item, staff)]
    assert steps == ["schedule", "admit", "refuse"]
    page = client.get(f"/en/committee/desk/observers/{item.pk}/").content.decode()
    assert "/decide/" in page and "/withdraw/" not in page
    refused = OBSERVER_APPLICATIONS.refusal(item, "admit", decided_on=date(2026, 4, 1))
    assert refused is not None and refused.field == "decided_on" and refused.rule


def test_project_references_become_links_to_recommendations(loaded_db):
    migration = importlib.import_module(
        "lanzarote.committee.migrations.0003_project_recommendations_relation"
    )
    staff = secretariat()
    project = services.project_save(
        user=staff, title_en="Links", title_fr="Liens", status="planned"
    )
    report = Report.objects.get(document_code="T-ES(2022)02")
    seven = Recommendation.objects.create(report=report, number="R7", text_en="Do it.")
    linked, unmatched = migration.link_references(
        Recommendation, AuditRecord, project, ["T-ES(2022)02 R7", "T-ES(1999)01 R1"]
    )
    assert linked == ["T-ES(2022)02 R7"] and unmatched == ["T-ES(1999)01 R1"]
    assert list(seven.responding_projects.all()) == [project]
    record = _audits(project)[-1]
    assert record.payload["unmatched"] == ["T-ES(1999)01 R1"]
    assert record.payload["changes"]["responds_to_recommendations"][1] is None
    assert not hasattr(Project(), "responds_to_recommendations")
