"""People and records for the monitoring tests, created through the services as the desk does."""

from __future__ import annotations

from datetime import date
from typing import Any

from lanzarote.accounts.models import Role, User
from lanzarote.accounts.services import token_create
from lanzarote.core.audit import Actor
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Question, Questionnaire, Round
from lanzarote.treaty_law import KnownDate
from tests.accounts.factories import person


def token_for(user: User) -> str:
    _token, key = token_create(actor=Actor.system("tests"), user=user, name="tests")
    return key


def bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}


def people() -> dict[str, User]:
    """One person in each role the monitoring procedure knows."""
    return {
        "secretariat": person(Role.SECRETARIAT, username="secretariat"),
        "delegate_fr": person(Role.PARTY_DELEGATE, username="delegate-fr", state="FR"),
        "coordinator_fr": person(Role.NATIONAL_COORDINATOR, username="coordinator-fr", state="FR"),
        "delegate_de": person(Role.PARTY_DELEGATE, username="delegate-de", state="DE"),
        "coordinator_de": person(Role.NATIONAL_COORDINATOR, username="coordinator-de", state="DE"),
        "rapporteur": person(Role.RAPPORTEUR, username="rapporteur-pt", state="PT"),
        "other_rapporteur": person(Role.RAPPORTEUR, username="rapporteur-it", state="IT"),
        "observer": person(Role.OBSERVER, username="observer-ecpat", org="ECPAT"),
        "other_observer": person(Role.OBSERVER, username="observer-inhope", org="INHOPE"),
        "treaty_office": person(Role.TREATY_OFFICE, username="office"),
        "official_br": person(Role.STATE_OFFICIAL, username="official-br", state="BR"),
    }


def secretariat_actor(user: User) -> Actor:
    return Actor(user=user)


def new_round(
    user: User,
    *,
    slug: str = "round-4",
    launch: KnownDate | None = None,
    replies_due: date = date(2026, 9, 30),
    number: int | None = 4,
) -> Round:
    return services.round_create(
        actor=Actor(user=user),
        slug=slug,
        kind="thematic",
        number=number,
        title_en="4th monitoring round",
        title_fr="4e cycle de suivi",
        theme_en="Protection of children against sexual exploitation in sport",
        theme_fr="Protection des enfants contre l'exploitation sexuelle dans le sport",
        launch=launch or KnownDate.exact(date(2026, 3, 12)),
        replies_due=replies_due,
        status="replies",
    )


def questionnaire(user: User, round_: Round, **extra: Any) -> tuple[Questionnaire, list[Question]]:
    actor = Actor(user=user)
    item = services.questionnaire_create(
        actor=actor,
        kind="thematic",
        round_=round_,
        title_en="Questionnaire on sport",
        title_fr="Questionnaire sur le sport",
        **extra,
    )
    questions = [
        services.question_add(
            actor=actor,
            questionnaire=item,
            number="1",
            text_en="How are coaches screened before working with children?",
            text_fr="Comment les entraîneurs sont-ils contrôlés avant de travailler avec des enfants ?",
            articles=[5],
        ),
        services.question_add(
            actor=actor,
            questionnaire=item,
            number="2",
            text_en="How does national law punish child pornography offences in sport clubs?",
            text_fr="Comment le droit national punit-il la pédopornographie dans les clubs sportifs ?",
            articles=[20, 24],
        ),
        services.question_add(
            actor=actor,
            questionnaire=item,
            number="2.1",
            parent_number="2",
            text_en="Is the attempt punishable?",
            text_fr="La tentative est-elle punissable ?",
            articles=[24],
        ),
    ]
    return item, questions
