"""Writes through the services: the observer chain, votes, texts, people and capacity building —
each checked by its rule, audited, and refused to anyone but the secretariat."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.utils import translation

from lanzarote.accounts.models import Role
from lanzarote.committee import selectors, services
from lanzarote.committee.models import ObserverEvent, Vote
from lanzarote.core.append_only import AppendOnlyViolation
from lanzarote.core.errors import Conflict, Forbidden, InvalidInput, Unauthorised
from lanzarote.core.models import AuditRecord
from tests.accounts.factories import person
from tests.committee.factories import PARTIES_2023, application, meeting, others, secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def staff():  # type: ignore[no-untyped-def]
    return secretariat()


def observers(day: date) -> set[str]:
    return {r.organisation.slug for r in selectors.composition(day).observers}


def test_an_observer_admitted_at_a_meeting_appears_from_that_date(staff):
    session = meeting(staff, number=50, start=date(2026, 3, 10))
    item = application(staff)
    assert item.status == "received"
    services.observer_application_schedule(
        user=staff, application=item, meeting=session, today=date(2026, 2, 2)
    )
    ballots = dict.fromkeys(PARTIES_2023, "for") | {"FR": "against", "DE": "abstain"}
    decided = services.observer_application_decide(
        user=staff, application=item, decided_on=date(2026, 3, 11), ballots=ballots
    )
    assert decided.status == "admitted"
    slug = decided.organisation.slug
    assert slug not in observers(date(2026, 3, 10))
    assert slug in observers(date(2026, 3, 11))
    row = next(
        r for r in selectors.composition(date(2026, 3, 11)).observers if r.organisation.slug == slug
    )
    assert row.certain and row.admission.meeting == session
    vote = Vote.objects.get(meeting=session)
    assert (vote.votes_for, vote.votes_against, vote.abstentions, vote.members) == (46, 1, 1, 48)
    assert vote.adopted and vote.decision is not None
    kinds = list(
        ObserverEvent.objects.filter(organisation__slug=slug)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["applied", "scheduled", "admitted"]
    assert session.agenda_items.filter(title_en__contains="Child Safety Network").exists()
    # Withdrawn later: an observer until the day before.
    services.observer_status_withdraw(
        user=staff,
        organisation=decided.organisation,
        withdrawn_on=date(2026, 9, 1),
        reason_en="Dissolved.",
    )
    assert slug in observers(date(2026, 8, 31))
    assert slug not in observers(date(2026, 9, 1))
    decided.refresh_from_db()
    assert decided.status == "withdrawn"


def test_the_chain_is_append_only(staff):
    item = application(staff)
    event = ObserverEvent.objects.get(application=item)
    with pytest.raises(AppendOnlyViolation):
        event.save()
    with pytest.raises(AppendOnlyViolation):
        ObserverEvent.objects.filter(pk=event.pk).update(note_en="changed")
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM committee_observerevent WHERE id = %s", [event.pk])


def test_steps_out_of_order_and_votes_of_non_members_are_refused(staff):
    session = meeting(staff, number=51, start=date(2026, 3, 10))
    item = application(staff)
    with pytest.raises(Conflict) as early:
        services.observer_application_decide(
            user=staff, application=item, decided_on=date(2026, 3, 10), admit=True
        )
    assert early.value.article == "Art. 40(3)"
    services.observer_application_schedule(
        user=staff, application=item, meeting=session, today=date(2026, 2, 2)
    )
    with pytest.raises(InvalidInput) as outside:
        services.observer_application_decide(
            user=staff, application=item, decided_on=date(2026, 4, 1), admit=True
        )
    assert outside.value.field == "decided_on"
    with pytest.raises(InvalidInput) as stranger:
        services.observer_application_decide(
            user=staff,
            application=item,
            decided_on=date(2026, 3, 10),
            ballots={"FR": "for", "JP": "for"},
        )
    assert stranger.value.article == "Art. 39(1)"
    assert "JP was not a Party" in stranger.value.message
    item.refresh_from_db()
    assert item.status == "scheduled"  # nothing was recorded
    refused = services.observer_application_decide(
        user=staff,
        application=item,
        decided_on=date(2026, 3, 12),
        ballots={"FR": "against", "DE": "for"},
    )
    assert refused.status == "refused"  # a tie is not a majority
    assert refused.organisation.slug not in observers(date(2026, 3, 12))


def test_an_organisation_cannot_apply_twice_or_when_already_an_observer(staff):
    item = application(staff)
    with pytest.raises(Conflict):
        application(staff, organisation=item.organisation, name="")
    ecpat = selectors.organisation_get("ecpat")
    with pytest.raises(Conflict, match="already an observer"):
        application(staff, organisation=ecpat, name="")


def test_only_the_secretariat_writes(staff):
    people = others()
    committee_audits = AuditRecord.objects.filter(action__startswith="committee.").count()
    for user in people.values():
        with pytest.raises(Forbidden):
            application(user)
        with pytest.raises(Forbidden):
            meeting(user, number=60)
    with pytest.raises(Unauthorised):
        meeting(None, number=61)  # type: ignore[arg-type]
    assert AuditRecord.objects.filter(action__startswith="committee.").count() == committee_audits


def test_a_vote_checks_the_parties_on_its_day(staff):
    session = meeting(staff, number=52, start=date(2020, 1, 30), days=4)
    # Tunisia is bound from 1 February 2020: it cannot vote on 31 January but can on 3 February.
    with pytest.raises(InvalidInput) as refused:
        services.vote_record(
            user=staff,
            meeting=session,
            subject_en="Budget",
            voted_on=date(2020, 1, 31),
            ballots={"TN": "for", "FR": "for"},
        )
    assert "TN was not a Party on 31 January 2020" in refused.value.message
    vote = services.vote_record(
        user=staff,
        meeting=session,
        subject_en="Budget",
        voted_on=date(2020, 2, 2),
        ballots={"TN": "for", "FR": "for"},
    )
    assert vote.adopted and vote.members == 45
    assert "Art. 39(1)" in vote.explanation_en
    assert vote.explanation_fr  # rendered in both languages when recorded
    with pytest.raises(InvalidInput, match="not a day of"):
        services.vote_record(
            user=staff,
            meeting=session,
            subject_en="X",
            voted_on=date(2020, 2, 9),
            ballots={"FR": "for"},
        )
    with pytest.raises(Forbidden):
        services.vote_record(
            user=person(Role.TREATY_OFFICE, username="to"),
            meeting=session,
            subject_en="X",
            voted_on=date(2020, 2, 2),
            ballots={"FR": "for"},
        )


def test_the_russian_federation_still_votes_in_2023(staff):
    session = meeting(staff, number=53, start=date(2023, 5, 30), days=4)
    vote = services.vote_record(
        user=staff,
        meeting=session,
        subject_en="Report",
        voted_on=date(2023, 6, 1),
        ballots={"RU": "against", "UA": "for", "FR": "for"},
    )
    assert (vote.votes_for, vote.votes_against) == (2, 1)


def test_a_corrected_vote_supersedes_the_first(staff):
    session = meeting(staff, number=54, start=date(2024, 5, 14))
    first = services.vote_record(
        user=staff,
        meeting=session,
        subject_en="Item",
        voted_on=date(2024, 5, 14),
        ballots={"FR": "for"},
    )
    with pytest.raises(InvalidInput, match="why"):
        services.vote_record(
            user=staff,
            meeting=session,
            subject_en="Item",
            voted_on=date(2024, 5, 14),
            ballots={"FR": "against"},
            supersedes=first,
        )
    second = services.vote_record(
        user=staff,
        meeting=session,
        subject_en="Item",
        voted_on=date(2024, 5, 14),
        ballots={"FR": "against"},
        supersedes=first,
        correction_reason="Ballot misrecorded.",
    )
    assert second.supersedes == first
    assert [v.pk for v in selectors.meeting_record(54).votes] == [second.pk]
    with pytest.raises(Conflict):
        services.vote_record(
            user=staff,
            meeting=session,
            subject_en="Item",
            voted_on=date(2024, 5, 14),
            ballots={"FR": "for"},
            supersedes=first,
            correction_reason="Again.",
        )


def test_texts_are_linked_to_articles_and_their_meeting(staff):
    session = selectors.meeting_get(36)
    text = services.text_save(
        user=staff,
        kind="opinion",
        title_en="Opinion on Article 33",
        adopted_on="2022-03-09",
        confirmed=True,
        meeting=session,
        articles=[33],
    )
    assert [a.number for a in text.articles.all()] == [33]
    assert text in selectors.text_list(article=33)
    with pytest.raises(InvalidInput, match="not a day of"):
        services.text_save(
            user=staff,
            kind="opinion",
            title_en="Wrong day",
            adopted_on="2022-04-01",
            meeting=session,
        )
    with pytest.raises(InvalidInput, match="no article 51"):
        services.text_save(user=staff, kind="opinion", title_en="X", articles=[51])
    with pytest.raises(InvalidInput):
        services.text_save(user=staff, kind="opinion", title_en="X", adopted_on="2022-13")


def test_representatives_are_designated_by_those_who_sit(staff):
    delegate = services.representative_save(
        user=staff,
        name="Ana Exemplo (demonstration)",
        role="head_of_delegation",
        state="PT",
        term_start=date(2024, 1, 1),
        email="ana@example.org",
        is_demo=True,
    )
    assert delegate in selectors.composition(date(2024, 6, 1)).representatives
    with pytest.raises(InvalidInput) as refused:
        services.representative_save(
            user=staff,
            name="Nobody",
            role="head_of_delegation",
            state="BR",
            term_start=date(2024, 1, 1),
        )
    assert "not a member, participant or observer" in refused.value.message
    observer_rep = services.representative_save(
        user=staff,
        name="Demo Observer",
        role="representative",
        organisation=selectors.organisation_get("ecpat"),
        term_start=date(2024, 1, 1),
        is_demo=True,
    )
    assert observer_rep.organisation.slug == "ecpat"


def test_bureau_terms_need_a_party(staff):
    services.bureau_term_save(
        user=staff, position="vice_chair", person_name="Demo Vice", state="FR", start="2024-05-14"
    )
    with pytest.raises(InvalidInput, match="not a Party"):
        services.bureau_term_save(
            user=staff, position="chair", person_name="X", state="BR", start="2024-05-14"
        )


def test_capacity_building_records(staff):
    project = services.project_save(
        user=staff,
        title_en="Building child-friendly justice",
        title_fr="Une justice adaptée aux enfants",
        status="ongoing",
        beneficiaries=["TN", "MA"],
        articles=[35, 36],
        partners=["UNICEF"],
        donors="European Union\n",
        start_date=date(2025, 1, 1),
    )
    assert project.slug == "building-child-friendly-justice"
    assert [p.slug for p in selectors.project_list(state="MA")] == [
        project.slug,
        "iwf-reporting-portals",
    ]
    request = services.assistance_request_save(
        user=staff,
        state="MA",
        received_on=date(2025, 2, 1),
        subject_en="Training of judges",
        status="received",
        articles=[35],
        project=project,
        today=date(2025, 3, 1),
    )
    assert request.project == project
    with pytest.raises(InvalidInput):
        services.project_save(
            user=staff,
            title_en="X",
            title_fr="X",
            status="ongoing",
            start_date=date(2025, 2, 1),
            end_date=date(2025, 1, 1),
        )
    event = services.capacity_event_save(
        user=staff, kind="study_visit", title_en="Visit", held_on="2025-06"
    )
    assert event.known_date.as_text() == "2025-06"
