"""People and assessments for the readiness tests."""

from __future__ import annotations

import pytest

from lanzarote.accounts.models import Role
from lanzarote.accounts.services import token_create
from lanzarote.core.audit import Actor
from lanzarote.readiness import services
from tests.accounts.factories import person


@pytest.fixture
def official(loaded_db):  # type: ignore[no-untyped-def]
    """An official of Brazil: not a member of the Council of Europe, a Party to the OPSC."""
    return person(Role.STATE_OFFICIAL, state="BR")


@pytest.fixture
def colleague(loaded_db):  # type: ignore[no-untyped-def]
    return person(Role.STATE_OFFICIAL, state="BR", username="br-colleague")


@pytest.fixture
def assessment(official):  # type: ignore[no-untyped-def]
    return services.assessment_create(user=official, state_code="BR", title="Baseline")


@pytest.fixture
def official_token(official):  # type: ignore[no-untyped-def]
    _token, key = token_create(actor=Actor.system("tests"), user=official)
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def outsiders(loaded_db):  # type: ignore[no-untyped-def]
    """Everyone who must not see a Brazilian assessment."""
    return {
        "another State's official": person(Role.STATE_OFFICIAL, state="TN", username="tn-official"),
        "a Party delegate": person(Role.PARTY_DELEGATE, state="FR", username="fr-delegate"),
        "the Treaty Office": person(Role.TREATY_OFFICE, username="treaty-office"),
        "the Committee secretariat": person(Role.SECRETARIAT, username="secretariat"),
        "an observer": person(Role.OBSERVER, username="observer"),
    }
