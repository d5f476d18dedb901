"""Children's contributions: consent recorded (by whom, when), anonymised, an age band only —
and never a name. There is no field to hold one, and the service refuses one by name."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lanzarote.core.audit import Actor
from lanzarote.core.errors import Forbidden, InvalidInput
from lanzarote.monitoring import children, services
from lanzarote.monitoring.models import Contribution, Round
from lanzarote.monitoring.rules import PERSONAL_FIELDS
from tests.monitoring.factories import people

pytestmark = pytest.mark.django_db

FIELDS = {
    "text": "Adults should listen.",
    "age_band": "10-13",
    "consent_from": "child_and_guardian",
    "anonymised": True,
}


def test_there_is_no_field_for_a_childs_name_or_age():
    names = {f.name for f in Contribution._meta.get_fields()}
    assert not names & PERSONAL_FIELDS
    assert not {n for n in names if "name" in n or "birth" in n}


@pytest.mark.parametrize(
    "field", ["name", "first_name", "surname", "child_name", "date_of_birth", "age", "school"]
)
def test_personal_fields_are_refused_by_name(loaded_db, field):
    who = people()
    round_ = Round.objects.get(slug="round-3")
    with pytest.raises(InvalidInput) as refused:
        children.children_contribution_record(
            actor=Actor(user=who["secretariat"]), round_=round_, **FIELDS, **{field: "Ana"}
        )
    assert field in refused.value.message and "never carries a name" in refused.value.message
    assert not Contribution.objects.filter(source="children").exists()


def test_the_safeguards_are_required(loaded_db):
    who = people()
    actor = Actor(user=who["secretariat"])
    round_ = Round.objects.get(slug="round-3")
    with pytest.raises(InvalidInput, match="anonymised"):
        children.children_contribution_record(
            actor=actor, round_=round_, **{**FIELDS, "anonymised": False}
        )
    with pytest.raises(InvalidInput, match="age band"):
        children.children_contribution_record(
            actor=actor, round_=round_, **{**FIELDS, "age_band": "12"}
        )
    with pytest.raises(InvalidInput, match="consent"):
        children.children_contribution_record(
            actor=actor, round_=round_, **{**FIELDS, "consent_from": ""}
        )
    item = children.children_contribution_record(
        actor=actor, round_=round_, **FIELDS, facilitator="A children's NGO"
    )
    assert item.consent_recorded_by_label == "secretariat" and item.consent_recorded_at is not None
    assert item.anonymised and item.age_band == "10-13" and item.contributor == ""


def test_the_database_refuses_an_unsafeguarded_childrens_contribution(loaded_db):
    round_ = Round.objects.get(slug="round-3")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(
            round=round_,
            source="children",
            text="x",
            submitted_at=timezone.now(),
            submitted_by_label="x",
            age_band="10-13",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(
            round=round_,
            source="nhri",
            contributor="Ombudsperson",
            text="x",
            submitted_at=timezone.now(),
            submitted_by_label="x",
            age_band="10-13",
        )


def test_only_the_secretariat_or_an_observer_for_its_organisation_records_them(loaded_db):
    who = people()
    round_ = Round.objects.get(slug="round-3")
    with pytest.raises(Forbidden):
        children.children_contribution_record(
            actor=Actor(user=who["delegate_fr"]), round_=round_, **FIELDS
        )
    item = children.children_contribution_record(
        actor=Actor(user=who["observer"]), round_=round_, **FIELDS
    )
    assert item.organisation.slug == "ecpat" and item.facilitator == "ECPAT"


def test_the_public_page_shows_safeguards_not_identities(client, loaded_db):
    who = people()
    round_ = Round.objects.get(slug="round-3")
    item = children.children_contribution_record(
        actor=Actor(user=who["secretariat"]), round_=round_, **FIELDS
    )
    services.contribution_publish(actor=Actor(user=who["secretariat"]), contribution=item)
    page = client.get(f"/en/monitoring/contributions/{item.pk}/").content.decode()
    assert "10–13" in page and "No name, age or birth date is ever recorded" in page
    data = client.get("/api/v1/monitoring/contributions", {"source": "children"}).json()
    assert data[0]["safeguards"]["age_band"] == "10-13"
    assert not {k for k in data[0] if "name" in k}
