"""Who a depositary notification is addressed to on a day (Art. 50(1) CETS 201), derived from
the registry: the Council of Europe's membership, the chart of the treaty, the States that took
part in its elaboration, the European Union, and the States invited to accede.

Invitations to accede are recorded by the accession case files, an app above the registry. So
that the registry does not depend on it, such an app registers a source of invitations here
(`register_invitation_source`, called from its `AppConfig.ready`); with none registered, only
the States that have deposited an instrument of accession count as invited.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from lanzarote.registry import selectors
from lanzarote.registry.models import ElaborationParticipation, State, Treaty
from lanzarote.treaty_law import Instrument, RuleAnswer, Status, get_final_clauses
from lanzarote.treaty_law.final_clauses import AddresseeGroup
from lanzarote.treaty_law.notification import AddresseeFacts, notification_addressees

EUROPEAN_UNION = "EU"

type InvitationSource = Callable[[Treaty, date], frozenset[str]]

_invitation_sources: list[InvitationSource] = []


def register_invitation_source(source: InvitationSource) -> None:
    """Add a reader of the States invited to accede to a treaty on a day (idempotent)."""
    if source not in _invitation_sources:
        _invitation_sources.append(source)


def invited_to_accede(treaty: Treaty, on: date) -> frozenset[str]:
    invited: set[str] = set()
    for source in _invitation_sources:
        invited |= source(treaty, on)
    return frozenset(invited)


def addressees(treaty: Treaty, *, on: date) -> RuleAnswer[Mapping[str, frozenset[AddresseeGroup]]]:
    """The States (and the European Union) the depositary notifies on `on`, each with the
    groups of Art. 50(1) it is notified as, and the explanation of the rule."""
    clauses = get_final_clauses(treaty.slug)
    members = selectors.membership()
    view = selectors.chart_view(treaty, as_of=on)
    positions = {row.state: row for row in view.chart.rows}
    drafters = set(
        ElaborationParticipation.objects.filter(treaty=treaty, took_part=True).values_list(
            "state_id", flat=True
        )
    )
    invited = invited_to_accede(treaty, on)
    codes = members.states | set(positions) | drafters | invited | {EUROPEAN_UNION}
    facts = []
    for code in sorted(codes):
        position = positions.get(code)
        facts.append(
            AddresseeFacts(
                state=code,
                is_member_state=members.is_member(code, on),
                is_european_union=code == EUROPEAN_UNION,
                status=position.status if position is not None else Status.NONE,
                possible=position.possible if position is not None else frozenset({Status.NONE}),
                signed=position is not None and position.signature is not None,
                acceded=position is not None
                and position.consent_instrument is Instrument.ACCESSION,
                took_part_in_elaboration=code in drafters,
                invited_to_accede=code in invited,
            )
        )
    return notification_addressees(clauses, facts, on=on)


def addressed_states(treaty: Treaty, *, on: date) -> frozenset[str]:
    """The codes of the States notified on `on` that exist in the registry."""
    codes = frozenset(addressees(treaty, on=on).value)
    return frozenset(State.objects.filter(code__in=codes).values_list("code", flat=True))
