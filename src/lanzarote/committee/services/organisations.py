"""Organisations and participants (Art. 40), representatives and the Bureau."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from lanzarote.committee import selectors
from lanzarote.committee.checks import MANAGE, authorised
from lanzarote.committee.models import (
    BureauTerm,
    Decision,
    Organisation,
    Participation,
    Representative,
)
from lanzarote.core.audit import AuditAction, SaveActions
from lanzarote.core.errors import InvalidInput
from lanzarote.core.records.inputs import (
    SourceInput,
    clean_sources,
    known_date,
    one_of,
    optional_known_date,
    unique_slug,
)
from lanzarote.core.records.saving import record_save
from lanzarote.registry.lookups import state_by_code
from lanzarote.registry.models import State
from lanzarote.treaty_law import KnownDate

ORGANISATION = SaveActions(
    AuditAction.COMMITTEE_ORGANISATION_CREATE, AuditAction.COMMITTEE_ORGANISATION_UPDATE
)
PARTICIPATION = SaveActions(
    AuditAction.COMMITTEE_PARTICIPATION_CREATE, AuditAction.COMMITTEE_PARTICIPATION_UPDATE
)
REPRESENTATIVE = SaveActions(
    AuditAction.COMMITTEE_REPRESENTATIVE_CREATE, AuditAction.COMMITTEE_REPRESENTATIVE_UPDATE
)
BUREAU = SaveActions(AuditAction.COMMITTEE_BUREAU_CREATE, AuditAction.COMMITTEE_BUREAU_UPDATE)


def organisation_values(
    organisation: Organisation,
    *,
    name_en: str,
    name_fr: str = "",
    kind: str = Organisation.Kind.NGO,
    acronym: str = "",
    country: str | State | None = None,
    website: str = "",
    slug: str = "",
) -> dict[str, Any]:
    """The columns of an organisation as given (the French name defaults to the English one)."""
    return {
        "name_en": name_en.strip(),
        "name_fr": (name_fr or name_en).strip(),
        "kind": kind,
        "acronym": acronym.strip(),
        "country": state_by_code(country, field="country"),
        "website": website,
        "slug": slug or organisation.slug or unique_slug(Organisation, acronym or name_en),
    }


@transaction.atomic
def organisation_save(
    *,
    user: Any,
    organisation: Organisation | None = None,
    name_en: str,
    name_fr: str = "",
    kind: str,
    acronym: str = "",
    country: str | State | None = None,
    website: str = "",
    slug: str = "",
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Organisation:
    actor = authorised(user)
    instance = organisation or Organisation()
    values = organisation_values(
        instance,
        name_en=name_en,
        name_fr=name_fr,
        kind=kind,
        acronym=acronym,
        country=country,
        website=website,
        slug=slug,
    )
    values |= {"sources": clean_sources(sources), "note_en": note_en, "note_fr": note_fr}
    return record_save(
        actor=actor,
        instance=instance,
        values=values,
        permission=MANAGE,
        action=ORGANISATION,
        summary=lambda saved: saved.name_en,
    )


def _period_refusal(start: KnownDate, end: KnownDate | None, decision: Decision | None) -> None:
    if (
        end is not None
        and start.earliest is not None
        and end.latest is not None
        and end.latest < start.earliest
    ):
        raise InvalidInput("A participation cannot end before it starts.", field="end")
    if decision is not None and start.value is not None and start.value < decision.decided_on:
        raise InvalidInput(
            "A participation admitted by a decision cannot start before that decision "
            f"({decision.decided_on.isoformat()}).",
            field="start",
        )


@transaction.atomic
def participation_save(
    *,
    user: Any,
    participation: Participation | None = None,
    organisation: Organisation,
    basis: str,
    start: KnownDate | str,
    end: KnownDate | str | None = None,
    decision: Decision | None = None,
    confirmed: bool = False,
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Participation:
    """An organisation taking part without the right to vote (Art. 40), with its dates and the
    decision that admitted it. States are never recorded here: their participation is derived."""
    actor = authorised(user)
    one_of(basis, Participation.Basis.values, field="basis")
    start_known = known_date(start, field="start")
    end_known = optional_known_date(end, field="end")
    _period_refusal(start_known, end_known, decision)
    values = {
        "organisation": organisation,
        "basis": basis,
        "decision": decision,
        "confirmed": confirmed,
        "sources": clean_sources(sources),
        "note_en": note_en,
        "note_fr": note_fr,
        **Participation.known_date_values(start_known),
        **Participation.end_values(end_known),
    }
    return record_save(
        actor=actor,
        instance=participation or Participation(),
        values=values,
        permission=MANAGE,
        action=PARTICIPATION,
        summary=f"{organisation.slug} {basis} {start_known}",
    )


def _seated_key(state: State | None, organisation: Organisation | None, *, on: date) -> str:
    """The designating State's or organisation's seat key, refused unless it sits on `on`."""
    if (state is None) == (organisation is None):
        raise InvalidInput(
            "A representative is designated by one State or one organisation.", field="state"
        )
    seated = selectors.composition(on)
    keys = {row.key for row in seated.members + seated.participants + seated.observers}
    if state is not None:
        key, who = f"state:{state.code}", state.name_en
    else:
        assert organisation is not None
        key, who = f"organisation:{organisation.slug}", organisation.name_en
    if key not in keys:
        raise InvalidInput(
            f"{who} is not a member, participant or observer of the Committee on "
            f"{on.isoformat()}, so it cannot designate a representative then.",
            field="term_start",
            article="Arts. 39(1) and 40",
        )
    return key


@transaction.atomic
def representative_save(
    *,
    user: Any,
    representative: Representative | None = None,
    name: str,
    role: str,
    term_start: date,
    state: str | State | None = None,
    organisation: Organisation | None = None,
    term_end: date | None = None,
    function_en: str = "",
    function_fr: str = "",
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> Representative:
    """A person designated by a member, a participant or an observer: the designating State or
    organisation must sit in the Committee when the term starts."""
    actor = authorised(user)
    designating_state = state_by_code(state)
    key = _seated_key(designating_state, organisation, on=term_start)
    values = {
        "state": designating_state,
        "organisation": organisation,
        "name": name.strip(),
        "role": role,
        "term_start": term_start,
        "term_end": term_end,
        "function_en": function_en.strip(),
        "function_fr": function_fr.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "is_demo": is_demo,
    }
    return record_save(
        actor=actor,
        instance=representative or Representative(),
        values=values,
        permission=MANAGE,
        action=REPRESENTATIVE,
        summary=f"{name.strip()} ({key})",
    )


@transaction.atomic
def bureau_term_save(
    *,
    user: Any,
    term: BureauTerm | None = None,
    position: str,
    person_name: str,
    start: KnownDate | str,
    end: KnownDate | str | None = None,
    state: str | State | None = None,
    decision: Decision | None = None,
    confirmed: bool = False,
    evidence_en: str = "",
    evidence_fr: str = "",
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> BureauTerm:
    """A term as Chair, Vice-Chair or Bureau member. When the State and an exact start are given,
    the State must be a member (a Party) that day: the Bureau is elected among the members."""
    actor = authorised(user)
    start_known = known_date(start, field="start")
    end_known = optional_known_date(end, field="end")
    chosen = state_by_code(state)
    if chosen is not None and start_known.is_exact and start_known.value is not None:
        members = selectors.composition(start_known.value).members
        if not any(row.state.code == chosen.code for row in members):
            raise InvalidInput(
                f"{chosen.name_en} is not a Party on {start_known.value.isoformat()}; the Bureau "
                "is elected among the members.",
                field="state",
                article="Art. 39(1)",
            )
    values = {
        "position": position,
        "person_name": person_name.strip(),
        "state": chosen,
        "decision": decision,
        "confirmed": confirmed,
        "evidence_en": evidence_en,
        "evidence_fr": evidence_fr,
        "sources": clean_sources(sources),
        "note_en": note_en,
        "note_fr": note_fr,
        **BureauTerm.known_date_values(start_known),
        **BureauTerm.end_values(end_known),
    }
    return record_save(
        actor=actor,
        instance=term or BureauTerm(),
        values=values,
        permission=MANAGE,
        action=BUREAU,
        summary=f"{position} {person_name}",
    )
