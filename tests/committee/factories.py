"""People and records for the Committee tests, created through the services as the desk does."""

from __future__ import annotations

from datetime import date
from typing import Any

from lanzarote.accounts.models import Role, User
from lanzarote.accounts.services import token_create
from lanzarote.committee import services
from lanzarote.committee.models import Meeting, ObserverApplication
from lanzarote.core.audit import Actor
from tests.accounts.factories import person

# The ballots of every Party on a day in 2023 (48 Parties), all "for".
PARTIES_2023 = [
    "AD",
    "AL",
    "AM",
    "AT",
    "AZ",
    "BA",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GE",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MC",
    "MD",
    "ME",
    "MK",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "RS",
    "RU",
    "SE",
    "SI",
    "SK",
    "SM",
    "TN",
    "TR",
    "UA",
]


def secretariat(username: str = "secretariat") -> User:
    return person(Role.SECRETARIAT, username=username)


def others() -> dict[str, User]:
    """One signed-in person in each role that is not the secretariat."""
    return {
        "treaty_office": person(Role.TREATY_OFFICE, username="office"),
        "party_delegate": person(Role.PARTY_DELEGATE, username="delegate-fr", state="FR"),
        "state_official": person(Role.STATE_OFFICIAL, username="official-br", state="BR"),
        "observer": person(Role.OBSERVER, username="observer-ecpat", org="ECPAT"),
    }


def token_for(user: User) -> str:
    _token, key = token_create(actor=Actor.system("tests"), user=user, name="tests")
    return key


def meeting(
    user: User, number: int = 50, start: date = date(2026, 3, 10), days: int = 3, **extra: Any
) -> Meeting:
    end = date.fromordinal(start.toordinal() + days - 1)
    return services.meeting_save(
        user=user,
        number=number,
        start_date=start,
        end_date=end,
        mode=extra.pop("mode", "in_person"),
        place_en=extra.pop("place_en", "Strasbourg"),
        **extra,
    )


def application(
    user: User,
    *,
    name: str = "Child Safety Network",
    received_on: date = date(2026, 1, 15),
    **extra: Any,
) -> ObserverApplication:
    return services.observer_application_record(
        user=user,
        name_en=name,
        received_on=received_on,
        mission_en="Protecting children from sexual exploitation online.",
        child_protection_activity_en="Runs a hotline and trains teachers in 12 countries.",
        references="Recommended by the national ombudsperson for children\nMember of a European NGO network",
        today=extra.pop("today", date(2026, 2, 1)),
        **extra,
    )
