"""Treaty law of the Lanzarote Convention (CETS No. 201) and the UN OPSC, as plain Python.

Every rule returns its answer together with the article it applies and the sentences that
explain it. The package uses only the standard library — no Django — so that the law can be
read, tested and reused on its own.
"""

from lanzarote.treaty_law.dates import (
    KnownDate,
    Precision,
    When,
    add_months,
    first_day_of_month_after_period,
)
from lanzarote.treaty_law.eligibility import Applicant, Eligibility, Route, eligibility
from lanzarote.treaty_law.entry_into_force import (
    Consent,
    denunciation_effective,
    state_entry_into_force,
    territorial_entry_into_force,
    territorial_withdrawal_effective,
    treaty_entry_into_force,
    with_recorded_entry_into_force,
)
from lanzarote.treaty_law.explain import (
    Explanation,
    OneOf,
    Phrase,
    RuleAnswer,
    RuleViolation,
    identity,
)
from lanzarote.treaty_law.final_clauses import (
    CETS_201,
    OPSC,
    TREATIES,
    AccessionClause,
    DelayRule,
    FinalClauses,
    FirstDayOfMonthAfterPeriod,
    GeneralEntryIntoForce,
    Instrument,
    LaterConsents,
    PermittedProvision,
    ProvisionKind,
    SameDayAfterPeriod,
    SignatoryGroup,
    UnknownTreaty,
    get_final_clauses,
)
from lanzarote.treaty_law.membership import Membership, MembershipPeriod
from lanzarote.treaty_law.reservations import check_provision, permitted_provisions
from lanzarote.treaty_law.status import (
    CONSENT_KINDS,
    Action,
    ActionKind,
    Chart,
    StatePosition,
    Status,
    Totals,
    chart,
    consents_from_actions,
    state_position,
)
from lanzarote.treaty_law.voting import committee_of_ministers_accession_vote, unanimous_consent

__all__ = [
    "CETS_201",
    "CONSENT_KINDS",
    "OPSC",
    "TREATIES",
    "AccessionClause",
    "Action",
    "ActionKind",
    "Applicant",
    "Chart",
    "Consent",
    "DelayRule",
    "Eligibility",
    "Explanation",
    "FinalClauses",
    "FirstDayOfMonthAfterPeriod",
    "GeneralEntryIntoForce",
    "Instrument",
    "KnownDate",
    "LaterConsents",
    "Membership",
    "MembershipPeriod",
    "OneOf",
    "PermittedProvision",
    "Phrase",
    "Precision",
    "ProvisionKind",
    "Route",
    "RuleAnswer",
    "RuleViolation",
    "SameDayAfterPeriod",
    "SignatoryGroup",
    "StatePosition",
    "Status",
    "Totals",
    "UnknownTreaty",
    "When",
    "add_months",
    "chart",
    "check_provision",
    "committee_of_ministers_accession_vote",
    "consents_from_actions",
    "denunciation_effective",
    "eligibility",
    "first_day_of_month_after_period",
    "get_final_clauses",
    "identity",
    "permitted_provisions",
    "state_entry_into_force",
    "state_position",
    "territorial_entry_into_force",
    "territorial_withdrawal_effective",
    "treaty_entry_into_force",
    "unanimous_consent",
    "with_recorded_entry_into_force",
]
