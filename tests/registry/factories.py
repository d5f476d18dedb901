"""Factories for registry tests. Treaty actions are created through the service, as in production."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth import get_user_model

from lanzarote.core.audit import Actor
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.registry.services import treaty_event_record
from lanzarote.treaty_law import KnownDate


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"treaty-officer-{n}")
    role = "treaty_office"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")


def actor() -> Actor:
    return Actor(user=UserFactory())


def record_event(
    *,
    state: str,
    kind: str,
    on: date | KnownDate,
    treaty: str = "cets-201",
    **extra: object,
) -> TreatyEvent:
    return treaty_event_record(
        actor=actor(),
        treaty=Treaty.objects.get(slug=treaty),
        state=State.objects.get(code=state),
        kind=kind,
        legal_date=on if isinstance(on, KnownDate) else KnownDate.exact(on),
        sources=[{"url": "https://example.org/test", "note": "test fixture"}],
        confirmed=True,
        **extra,  # type: ignore[arg-type]
    )


# A United Nations-style treaty open to every State, as `lanzarote scale-data` stores them
# (treaty_law.clause_data).
STORED_CLAUSES = {
    "opened_for_signature": "2007-10-25",
    "reservations": [],
    "family": "united_nations",
    "depositary": "the Secretary-General of the United Nations",
    "signatory_groups": ["all_states"],
    "consent_instruments": ["ratification", "accession"],
    "minimum_member_states": 0,
    "formula": "same_day_after_period",
    "entry_into_force_months": 3,
    "later_months": 1,
    "accession_months": 1,
    "later_consents": "after_entry_into_force",
    "accession_after_entry_into_force": False,
    "accession_by_invitation": False,
    "denunciation_months": 6,
}


def treaty_with_stored_clauses(
    slug: str, *, threshold: int = 2, is_synthetic: bool = False
) -> Treaty:
    number = slug.upper()
    return Treaty.objects.create(
        slug=slug,
        number=number,
        title_en=f"Test treaty {number}",
        title_fr=f"Traité d’essai {number}",
        short_title_en=number,
        short_title_fr=number,
        opened_for_signature=date(2007, 10, 25),
        final_clauses={
            **STORED_CLAUSES,
            "number": number,
            "title": f"Test treaty {number}",
            "short_title": number,
            "threshold": threshold,
        },
        is_synthetic=is_synthetic,
    )
