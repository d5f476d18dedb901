"""The work waiting for each role in the journeys of `test_role_journeys_*`, made through the
services (the test factories) against the browser-test server's database.

`seed(base_url, role)` runs `python -m tests.browser.journey_data ROLE` with the server's
environment, once per server and role; it creates the people of that role's journey in English and
in French and the records they will work on, and answers with what the journey needs to find
(usernames, references) as JSON. Each language has its own people and records, so that the two
journeys never see each other's finished work.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.browser.server import env_of

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "fr")
_SEEDED: dict[tuple[str, str], dict[str, Any]] = {}


def seed(base_url: str, role: str) -> dict[str, Any]:
    """The records of `role`'s journeys on the server at `base_url`, made on the first call."""
    key = (base_url, role)
    if key not in _SEEDED:
        done = subprocess.run(
            [sys.executable, "-m", "tests.browser.journey_data", role],
            env=env_of(base_url),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"seeding {role}:\n{done.stdout}{done.stderr}"
        _SEEDED[key] = json.loads(done.stdout.strip().splitlines()[-1])
    return _SEEDED[key]


# What follows runs in the subprocess, with Django set up on the server's database.

# States that join by accession and that no other browser test files a request for.
ACCESSION_STATES = {"party_delegate": "CL", "treaty_office": {"en": "PE", "fr": "UY"}}
# States whose officials file their request in the official's journeys, one per language.
OFFICIAL_STATES = {"en": "CR", "fr": "MA"}
# Parties whose delegates reply in the delegate's journeys, one per language.
DELEGATE_PARTIES = {"en": "FR", "fr": "BE"}
# Parties whose national coordinators reply to the journeys' round, one per language.
COORDINATOR_PARTIES = {"en": "FR", "fr": "BE"}


def _official(code: str) -> Any:
    from lanzarote.accounts.models import Role
    from tests.accounts.factories import person

    return person(Role.STATE_OFFICIAL, username=f"journey-official-{code.lower()}", state=code)


def _office() -> Any:
    from lanzarote.accounts.models import Role, User
    from tests.accounts.factories import person

    found = User.objects.filter(username="journey-office-seed").first()
    return found or person(Role.TREATY_OFFICE, username="journey-office-seed")


def _case(code: str, phase: str) -> str:
    from lanzarote.accession import services
    from tests.accession.helpers import advance, letter

    official = _official(code)
    case = services.accession_request_file(user=official, state_code=code, letter=letter())
    case = advance(case, phase, office=_office(), official=official)
    return str(case.reference)


def _people(role: str, states: dict[str, str] | None = None) -> dict[str, str]:
    from tests.accounts.factories import person

    names = {}
    for language in LANGUAGES:
        username = f"journey-{role.replace('_', '-')}-{language}"
        state = states[language] if states else None
        person(role, username=username, state=state)
        names[language] = username
    return names


def _round() -> tuple[Any, list[Any]]:
    """The journeys' monitoring round, awaiting replies, with its questionnaire."""
    from lanzarote.monitoring.models import Round
    from tests.monitoring.factories import new_round, questionnaire

    secretariat = _secretariat()
    existing = Round.objects.filter(slug="journey-round").first()
    if existing is not None:
        item = existing.questionnaires.get()
        return existing, list(item.questions.order_by("position"))
    today = _today()
    round_ = new_round(
        secretariat, slug="journey-round", number=None, replies_due=today + timedelta(days=60)
    )
    _item, questions = questionnaire(secretariat, round_)
    return round_, questions


def _secretariat() -> Any:
    from lanzarote.accounts.models import Role, User
    from tests.accounts.factories import person

    found = User.objects.filter(username="journey-secretariat-seed").first()
    return found or person(Role.SECRETARIAT, username="journey-secretariat-seed")


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


def _party_delegate() -> dict[str, Any]:
    return {
        "users": _people("party_delegate", DELEGATE_PARTIES),
        "case": _case(str(ACCESSION_STATES["party_delegate"]), "consultation"),
    }


def _treaty_office() -> dict[str, Any]:
    states = ACCESSION_STATES["treaty_office"]
    assert isinstance(states, dict)
    return {
        "users": _people("treaty_office"),
        "cases": {language: _case(states[language], "decided") for language in LANGUAGES},
    }


def _national_coordinator() -> dict[str, Any]:
    round_, questions = _round()
    return {
        "users": _people("national_coordinator", COORDINATOR_PARTIES),
        "round": round_.slug,
        "question": questions[0].pk,
    }


def _rapporteur() -> dict[str, Any]:
    from lanzarote.accounts.models import User
    from lanzarote.core.audit import Actor
    from lanzarote.monitoring import services

    questions = _round()[1]
    users = _people("rapporteur", {"en": "PT", "fr": "IT"})
    for username in users.values():
        services.rapporteur_assign(
            actor=Actor(user=_secretariat()),
            question=questions[0],
            rapporteur=User.objects.get(username=username),
            assigned_on=_today(),
        )
    return {"users": users, "question": questions[0].pk}


def _secretariat_journey() -> dict[str, Any]:
    from lanzarote.core.audit import Actor
    from lanzarote.monitoring import services

    round_, questions = _round()
    contributions = {}
    for language in LANGUAGES:
        contributor = {"en": "Journey Ombudsman", "fr": "Défenseur des droits (parcours)"}[language]
        item = services.contribution_submit(
            actor=Actor(user=_secretariat()),
            round_=round_,
            source="nhri",
            text="Coaches are screened against the national register before they are hired.",
            language="en",
            questions=[questions[0].pk],
            states=["FR"],
            contributor=contributor,
        )
        contributions[language] = {"pk": item.pk, "contributor": contributor}
    return {"users": _people("secretariat"), "contributions": contributions}


def _state_official() -> dict[str, Any]:
    return {"users": _people("state_official", OFFICIAL_STATES)}


SEEDS = {
    "state_official": _state_official,
    "party_delegate": _party_delegate,
    "treaty_office": _treaty_office,
    "national_coordinator": _national_coordinator,
    "rapporteur": _rapporteur,
    "secretariat": _secretariat_journey,
}


def main(role: str) -> None:
    import django

    django.setup()
    print(json.dumps(SEEDS[role]()))


if __name__ == "__main__":
    main(sys.argv[1])
