"""The monitoring procedure's rules as plain Python (no Django): which step a reply may take next,
when a reply is late or missing, when the General Overview Questionnaire falls due, and how the
Committee's compliance assessments fold into a current status.

The Committee's Rules of Procedure are not available (see the reference, §1), so these rules are
the product's procedure, not treaty law; each refusal says what blocked it in a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lanzarote.treaty_law import KnownDate, add_months


def _(message: str) -> str:
    """Marks a message for translation (rendered through gettext by the services)."""
    return message


class ReplyStatus(StrEnum):
    NONE = "none"  # no draft yet (a slot with nothing in it)
    DRAFT = "draft"
    VALIDATED = "validated"
    SUBMITTED = "submitted"
    PUBLISHED = "published"


class ReplyStep(StrEnum):
    DRAFT = "draft"
    VALIDATE = "validate"
    RETURN = "return"
    SUBMIT = "submit"
    PUBLISH = "publish"


# step -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[ReplyStep, tuple[frozenset[ReplyStatus], ReplyStatus]] = {
    ReplyStep.DRAFT: (
        frozenset({ReplyStatus.NONE, ReplyStatus.DRAFT, ReplyStatus.VALIDATED}),
        ReplyStatus.DRAFT,
    ),
    ReplyStep.VALIDATE: (frozenset({ReplyStatus.DRAFT}), ReplyStatus.VALIDATED),
    ReplyStep.RETURN: (frozenset({ReplyStatus.VALIDATED}), ReplyStatus.DRAFT),
    ReplyStep.SUBMIT: (frozenset({ReplyStatus.VALIDATED}), ReplyStatus.SUBMITTED),
    ReplyStep.PUBLISH: (frozenset({ReplyStatus.SUBMITTED}), ReplyStatus.PUBLISHED),
}

EMPTY_REPLY = _("An empty reply cannot be validated or submitted.")

RECEIVED = frozenset({ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED})


class StepRefused(Exception):
    """A step the procedure does not allow now; `message` says why (an English message id)."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def next_status(step: ReplyStep, current: ReplyStatus, *, has_text: bool = True) -> ReplyStatus:
    sources, target = TRANSITIONS[step]
    if current not in sources:
        raise StepRefused(
            _(
                "A reply that is {current} cannot be {step}: the steps are draft, validated, "
                "submitted, published."
            ),
            current=current.value,
            step=step.value,
        )
    if step in (ReplyStep.VALIDATE, ReplyStep.SUBMIT) and not has_text:
        raise StepRefused(EMPTY_REPLY)
    return target


@dataclass(frozen=True)
class Timeliness:
    received: bool
    late: bool
    missing: bool
    days_late: int = 0


def timeliness(
    *, status: ReplyStatus, due: date | None, submitted_on: date | None, today: date
) -> Timeliness:
    """A reply is late when it was submitted after its due date, and missing when its due date
    has passed and it has not been submitted."""
    received = status in RECEIVED
    if due is None:
        return Timeliness(received=received, late=False, missing=False)
    if received and submitted_on is not None:
        late = submitted_on > due
        return Timeliness(
            received=True, late=late, missing=False, days_late=max(0, (submitted_on - due).days)
        )
    missing = not received and today > due
    return Timeliness(
        received=received,
        late=False,
        missing=missing,
        days_late=(today - due).days if missing else 0,
    )


def goq_due(entry_into_force: KnownDate, *, months: int) -> KnownDate:
    """The General Overview Questionnaire falls due `months` after the Convention entered into
    force for the Party (an uncertain entry into force gives an uncertain due date)."""
    return entry_into_force.map_monotone(lambda day: add_months(day, months))


class Compliance(StrEnum):
    NOT_ASSESSED = "not_assessed"
    COMPLIED = "complied"
    PARTIALLY = "partially_complied"
    NOT_COMPLIED = "not_complied"


@dataclass(frozen=True)
class AssessmentFact:
    """One recorded assessment: a new one never erases an older one, it follows it."""

    id: int
    assessed_on: date
    status: Compliance
    superseded: bool = False


def current_compliance(assessments: Iterable[AssessmentFact]) -> Compliance:
    """The latest assessment by its meeting date (then by the order recorded) that has not been
    corrected by another; nothing assessed yet reads "not assessed"."""
    heads = [a for a in assessments if not a.superseded]
    if not heads:
        return Compliance.NOT_ASSESSED
    return max(heads, key=lambda a: (a.assessed_on, a.id)).status


class AgeBand(StrEnum):
    """Children's contributions carry an age band only, never an age or a birth date."""

    SIX_TO_NINE = "6-9"
    TEN_TO_THIRTEEN = "10-13"
    FOURTEEN_TO_SEVENTEEN = "14-17"


# Keys that would carry a person's identity; a child's contribution refuses any of them.
PERSONAL_FIELDS = frozenset(
    {
        "name",
        "first_name",
        "firstname",
        "given_name",
        "last_name",
        "lastname",
        "surname",
        "family_name",
        "full_name",
        "child_name",
        "author_name",
        "contributor_name",
        "birth_date",
        "date_of_birth",
        "dob",
        "age",
        "email",
        "address",
        "phone",
        "school",
    }
)


def personal_fields_in(keys: Iterable[str]) -> list[str]:
    return sorted({k for k in keys if k.strip().lower().replace("-", "_") in PERSONAL_FIELDS})
