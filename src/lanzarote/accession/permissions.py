"""Who may file, see, move, withdraw and answer an accession case (Art. 46).

Each rule is registered under its name with `core.permissions.permission` when Django starts
(`CoreConfig.ready` imports every app's `permissions` module); services call `require(user,
name, ...)` before they write, views `allowed(...)` to decide which actions to offer.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from lanzarote.core.permissions import (
    acts_for,
    has_role,
    is_treaty_office,
    permission,
)
from lanzarote.core.roles import Role


@permission(
    "accession.file_request",
    _(
        "Only an official of the requesting State, or the Treaty Office on its behalf, files a request."
    ),
)
def _file_request(user: Any, *, state: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, state.code)
    )


@permission(
    "accession.view_case",
    _(
        "This accession case is confidential to the Treaty Office, the requesting State and, during "
        "the consultation, the Parties consulted."
    ),
)
def _view_case(user: Any, *, case: Any) -> bool:
    if is_treaty_office(user) or case.is_public:
        return True
    if has_role(user, Role.STATE_OFFICIAL):
        return acts_for(user, case.state_id)
    if has_role(user, Role.PARTY_DELEGATE):
        return case.consultation_open and user.state_id in case.consulted_party_codes
    return False


@permission("accession.advance_case", _("Only the Treaty Office moves an accession case forward."))
def _advance_case(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user)


@permission(
    "accession.withdraw_case",
    _("Only the requesting State's officials or the Treaty Office can withdraw a request."),
)
def _withdraw_case(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, case.state_id)
    )


@permission(
    "accession.download_request_letter",
    _("The signed request letter is for the Treaty Office and the requesting State's officials."),
)
def _download_request_letter(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user) or (
        has_role(user, Role.STATE_OFFICIAL) and acts_for(user, case.state_id)
    )


@permission(
    "accession.reply_to_consultation",
    _(
        "A Party's reply is given by that Party's delegate, or recorded by the Treaty Office from a "
        "note verbale."
    ),
)
def _reply(user: Any, *, case: Any, party: str) -> bool:
    if is_treaty_office(user):
        return True
    return has_role(user, Role.PARTY_DELEGATE) and acts_for(user, party)


@permission(
    "accession.answer_consultations",
    _("Only a Party's delegates are consulted on requests to accede."),
)
def _answer_consultations(user: Any, **_objects: Any) -> bool:
    return has_role(user, Role.PARTY_DELEGATE)


@permission(
    "accession.see_internal_steps",
    _(
        "Every Party's reply and the accounts that moved a case are for the Treaty Office; a "
        "delegate sees their own Party's reply."
    ),
)
def _see_internal_steps(user: Any, **_objects: Any) -> bool:
    return is_treaty_office(user)


@permission(
    "accession.record_notes_verbales",
    _("Only the Treaty Office records the replies the Parties send by note verbale."),
)
def _record_notes_verbales(user: Any, *, case: Any) -> bool:
    return is_treaty_office(user)
