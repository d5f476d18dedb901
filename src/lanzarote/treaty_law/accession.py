"""The accession procedure of Art. 46 as a sequence of guarded steps.

A request is admissible only from a State that cannot sign (Art. 45(1)), is not already bound,
and asks after the treaty has entered into force, in a letter signed by its Minister of Foreign
Affairs or a diplomatic representative and addressed to the Secretary General. The case then moves
through fixed steps; each guard here says which rule blocks a step taken out of order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.eligibility import Applicant
from lanzarote.treaty_law.explain import Explanation, RuleAnswer, RuleViolation, _
from lanzarote.treaty_law.final_clauses import FinalClauses
from lanzarote.treaty_law.guards import may_sign
from lanzarote.treaty_law.status import StatePosition, Status
from lanzarote.treaty_law.voting import unanimous_consent

PROCEDURE = "Art. 46(1)"


class CaseStatus(StrEnum):
    DRAFT = "draft"
    RECEIVED = "received"
    CONSULTATION = "consultation"
    CONSENT_OBTAINED = "consent_obtained"
    OBJECTION = "objection"
    DECIDED = "decided"
    INVITED = "invited"
    DEPOSITED = "deposited"
    IN_FORCE = "in_force"
    WITHDRAWN = "withdrawn"


class Step(StrEnum):
    FILE = "file"
    OPEN_CONSULTATION = "open_consultation"
    CLOSE_CONSULTATION = "close_consultation"
    RECORD_DECISION = "record_decision"
    ISSUE_INVITATION = "issue_invitation"
    RECORD_DEPOSIT = "record_deposit"
    ENTER_INTO_FORCE = "enter_into_force"
    WITHDRAW = "withdraw"


# A case stays open (and blocks a second request) until it ends: by withdrawal, objection,
# a rejected decision, or the deposit of the instrument.
OPEN_STATUSES = frozenset(
    {
        CaseStatus.DRAFT,
        CaseStatus.RECEIVED,
        CaseStatus.CONSULTATION,
        CaseStatus.CONSENT_OBTAINED,
        CaseStatus.DECIDED,
        CaseStatus.INVITED,
    }
)

_FROM: Mapping[Step, frozenset[CaseStatus]] = {
    Step.FILE: frozenset({CaseStatus.DRAFT}),
    Step.OPEN_CONSULTATION: frozenset({CaseStatus.RECEIVED}),
    Step.CLOSE_CONSULTATION: frozenset({CaseStatus.CONSULTATION}),
    Step.RECORD_DECISION: frozenset({CaseStatus.CONSENT_OBTAINED}),
    Step.ISSUE_INVITATION: frozenset({CaseStatus.DECIDED}),
    Step.RECORD_DEPOSIT: frozenset({CaseStatus.INVITED}),
    Step.ENTER_INTO_FORCE: frozenset({CaseStatus.DEPOSITED}),
    Step.WITHDRAW: OPEN_STATUSES,
}

_NEEDS: Mapping[Step, str] = {
    Step.FILE: _("a draft request"),
    Step.OPEN_CONSULTATION: _("a request received by the Secretary General"),
    Step.CLOSE_CONSULTATION: _("an open consultation of the Parties"),
    Step.RECORD_DECISION: _("the unanimous consent of the Parties consulted"),
    Step.ISSUE_INVITATION: _("a decision of the Committee of Ministers to invite the State"),
    Step.RECORD_DEPOSIT: _("an invitation to accede"),
    Step.ENTER_INTO_FORCE: _("a deposited instrument of accession"),
    Step.WITHDRAW: _("a request that is still open"),
}


class LetterCapacity(StrEnum):
    MINISTER_OF_FOREIGN_AFFAIRS = "minister_of_foreign_affairs"
    DIPLOMATIC_REPRESENTATIVE = "diplomatic_representative"


class Addressee(StrEnum):
    SECRETARY_GENERAL = "secretary_general"


@dataclass(frozen=True)
class RequestLetter:
    signatory_name: str
    signatory_capacity: str
    date: date
    addressee: str


def check_step(step: Step, current: CaseStatus, *, decision_adopted: bool | None = None) -> None:
    """Refuse a step taken out of order, naming what it needs."""
    if current not in _FROM[step]:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _("This step needs {needed}; the case is at “{status}”."),
                {"needed": Explanation(_NEEDS[step]), "status": current.value},
            ),
        )
    if step is Step.ISSUE_INVITATION and decision_adopted is not True:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _(
                    "The Committee of Ministers did not adopt a decision to invite the State, so "
                    "no invitation can be issued."
                )
            ),
        )


def check_request(
    clauses: FinalClauses,
    *,
    applicant: Applicant,
    position: StatePosition,
    treaty_entry_into_force: KnownDate | None,
    today: date,
    letter: RequestLetter | None,
) -> None:
    """Whether a State may ask to be invited to accede (and, when given, whether its letter is
    admissible)."""
    if not clauses.accession.allowed:
        raise RuleViolation(
            clauses.consent_article, Explanation(_("This treaty does not provide for accession."))
        )
    if may_sign(clauses, applicant):
        raise RuleViolation(
            clauses.signature_article,
            Explanation(
                _(
                    "{code} may sign the Convention, so it joins by signature followed by "
                    "ratification, acceptance or approval, not by accession."
                ),
                {"code": applicant.code},
            ),
        )
    bound = position.possible & {Status.PARTY, Status.CONSENTED}
    if bound:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _("{code} has already expressed its consent to be bound; it cannot ask to accede."),
                {"code": applicant.code},
            ),
        )
    in_force = (
        treaty_entry_into_force is not None
        and treaty_entry_into_force.latest is not None
        and treaty_entry_into_force.latest <= today
    )
    if not in_force:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _(
                    "A State can be invited to accede only after the Convention has entered into force."
                )
            ),
        )
    if letter is not None:
        check_letter(letter, today=today)


def check_letter(letter: RequestLetter, *, today: date) -> None:
    """The form of the letter by which a State asks to be invited. Art. 46(1) does not
    prescribe it: the Council of Europe's practice for starting the procedure of Art. 46(1)
    does (its leaflet on the Convention), so the refusals cite Art. 46(1) and say so."""
    capacities = [c.value for c in LetterCapacity]
    if letter.signatory_capacity not in capacities:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _(
                    "In the Council of Europe's practice for asking to be invited under "
                    "Art. 46(1), the request letter is signed by the Minister of Foreign Affairs "
                    "or by a diplomatic representative; “{capacity}” is neither."
                ),
                {"capacity": letter.signatory_capacity},
            ),
        )
    if letter.addressee != Addressee.SECRETARY_GENERAL:
        raise RuleViolation(
            PROCEDURE,
            Explanation(
                _(
                    "In the Council of Europe's practice for asking to be invited under "
                    "Art. 46(1), the request letter is addressed to the Secretary General of the "
                    "Council of Europe, not to “{addressee}”."
                ),
                {"addressee": letter.addressee},
            ),
        )
    if not letter.signatory_name.strip():
        raise RuleViolation(
            PROCEDURE, Explanation(_("The request letter must name its signatory."))
        )
    if letter.date > today:
        # A fact about the letter, not a rule of the Convention: no article decides it.
        raise RuleViolation(
            RuleViolation.NO_ARTICLE,
            Explanation(
                _("The request letter cannot be dated in the future ({date})."),
                {"date": letter.date},
            ),
        )


def consultation_outcome(
    replies: Mapping[str, bool | None],
    consulted: frozenset[str],
    *,
    deadline: date,
    today: date,
) -> RuleAnswer[bool]:
    """The result when the Treaty Office closes the consultation.

    Consent must be unanimous; silence is not consent. Before the deadline a consultation can be
    closed only once every Party has replied, or as soon as one has objected.
    """
    answer = unanimous_consent(replies, consulted)
    if answer.value is None:
        pending = sorted(s for s in consulted if replies.get(s) is None)
        if today <= deadline:
            raise RuleViolation(
                PROCEDURE,
                Explanation(
                    _(
                        "{count} consulted Parties have not replied ({states}) and the deadline, "
                        "{deadline}, has not passed."
                    ),
                    {"count": len(pending), "states": pending, "deadline": deadline},
                ),
            )
        return RuleAnswer(
            False,
            PROCEDURE,
            (
                *answer.explanations,
                Explanation(
                    _(
                        "The deadline ({deadline}) has passed without a reply from {states}; "
                        "consent must be express and unanimous, so it was not obtained."
                    ),
                    {"deadline": deadline, "states": pending},
                ),
            ),
        )
    return RuleAnswer(bool(answer.value), answer.article, answer.explanations)
