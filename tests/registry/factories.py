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
