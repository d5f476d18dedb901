"""The stages a State passes through under a treaty, and the acts that move it along them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from lanzarote.treaty_law.dates import KnownDate
from lanzarote.treaty_law.explain import _
from lanzarote.treaty_law.final_clauses import Instrument


class Status(StrEnum):
    NONE = "none"
    SIGNATORY = "signatory"
    CONSENTED = "consented"
    PARTY = "party"
    DENOUNCED = "denounced"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.NONE: _("no signature or consent"),
    Status.SIGNATORY: _("signatory"),
    Status.CONSENTED: _("consented, not yet in force"),
    Status.PARTY: _("Party"),
    Status.DENOUNCED: _("denounced"),
}

# The order in which a State can pass through the stages.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)


class ActionKind(StrEnum):
    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    WITHDRAWAL = "withdrawal"
    TERRITORIAL_APPLICATION = "territorial_application"
    DENUNCIATION = "denunciation"

    @property
    def label(self) -> str:
        return _ACTION_KIND_LABELS[self]


_ACTION_KIND_LABELS = {
    ActionKind.SIGNATURE: _("signature"),
    ActionKind.RATIFICATION: _("ratification"),
    ActionKind.ACCEPTANCE: _("acceptance"),
    ActionKind.APPROVAL: _("approval"),
    ActionKind.ACCESSION: _("accession"),
    ActionKind.RESERVATION: _("reservation"),
    ActionKind.DECLARATION: _("declaration"),
    ActionKind.WITHDRAWAL: _("withdrawal"),
    ActionKind.TERRITORIAL_APPLICATION: _("territorial application"),
    ActionKind.DENUNCIATION: _("denunciation"),
}

CONSENT_KINDS: Mapping[ActionKind, Instrument] = MappingProxyType(
    {
        ActionKind.RATIFICATION: Instrument.RATIFICATION,
        ActionKind.ACCEPTANCE: Instrument.ACCEPTANCE,
        ActionKind.APPROVAL: Instrument.APPROVAL,
        ActionKind.ACCESSION: Instrument.ACCESSION,
    }
)


@dataclass(frozen=True)
class Action:
    """One effective (not superseded) event recorded in the registry."""

    state: str
    kind: ActionKind
    date: KnownDate
    provisions: tuple[str, ...] = ()
    reference: str = ""
