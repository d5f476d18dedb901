"""Whom the depositary notifies of an act concerning a treaty (CETS 201 Art. 50(1)).

Art. 50(1): the Secretary General notifies "the member States of the Council of Europe, any
State signatory, any State Party, the European Community, any State invited to sign this
Convention in accordance with the provisions of Article 45 and any State invited to accede to
this Convention in accordance with the provisions of Article 46". The groups are data on the
treaty (`FinalClauses.notification_addressees`); this module finds, for a given day, the States
in each group from facts the caller derives from the registry — never from a typed list.

Readings the text leaves open, and the one taken here:
- "the European Community": the European Union, which succeeded it in 2009.
- "any State invited to sign … in accordance with Article 45": Art. 45(1) opens the Convention
  for signature by the non-member States which participated in its elaboration, so those are
  the States invited to sign.
- "any State signatory": a State that has signed and has not become a Party or denounced; a
  State whose instrument is deposited but not yet in force is still a signatory.
- "any State invited to accede": a State the Committee of Ministers has invited (Art. 46(1)),
  and a State that has deposited an instrument of accession, which it could do only on
  invitation, until the Convention is in force for it.
- A State whose membership of the Council of Europe on the day is uncertain is notified: a
  notification too many is harmless, one too few is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, _
from lanzarote.treaty_law.final_clauses import AddresseeGroup, FinalClauses
from lanzarote.treaty_law.status import Status

_SIGNATORY_STATUSES = frozenset({Status.SIGNATORY, Status.CONSENTED})


@dataclass(frozen=True)
class AddresseeFacts:
    """What the registry knows of one State (or the European Union) on the day."""

    state: str
    is_member_state: bool | None = False
    is_european_union: bool = False
    status: Status | None = Status.NONE
    possible: frozenset[Status] = frozenset({Status.NONE})
    signed: bool = False
    acceded: bool = False
    took_part_in_elaboration: bool = False
    invited_to_accede: bool = False

    def may_be(self, statuses: frozenset[Status]) -> bool:
        if self.status is not None:
            return self.status in statuses
        return bool(self.possible & statuses)


def groups_of(facts: AddresseeFacts) -> frozenset[AddresseeGroup]:
    """The Art. 50(1) groups a State belongs to on the day."""
    groups = set()
    if facts.is_member_state is not False and not facts.is_european_union:
        groups.add(AddresseeGroup.COE_MEMBER_STATES)
    if facts.signed and facts.may_be(_SIGNATORY_STATUSES):
        groups.add(AddresseeGroup.SIGNATORIES)
    if facts.may_be(frozenset({Status.PARTY})):
        groups.add(AddresseeGroup.PARTIES)
    if facts.is_european_union:
        groups.add(AddresseeGroup.EUROPEAN_UNION)
    if facts.took_part_in_elaboration:
        groups.add(AddresseeGroup.INVITED_TO_SIGN)
    if facts.invited_to_accede or (facts.acceded and facts.may_be(frozenset({Status.CONSENTED}))):
        groups.add(AddresseeGroup.INVITED_TO_ACCEDE)
    return frozenset(groups)


def notification_addressees(
    clauses: FinalClauses, facts: Iterable[AddresseeFacts], *, on: date
) -> RuleAnswer[Mapping[str, frozenset[AddresseeGroup]]]:
    """Every State the depositary notifies on `on`, with the groups it is notified as.

    A treaty without a list of addressees (`notification_addressees` empty) gives none."""
    wanted = frozenset(clauses.notification_addressees)
    addressees = {}
    for item in facts:
        groups = groups_of(item) & wanted
        if groups:
            addressees[item.state] = groups
    article = clauses.notification_article or ""
    if not wanted:
        explanation = Explanation(
            _("{noun} names no addressees for the depositary's notifications."),
            {"noun": Phrase(clauses.noun)},
        )
    else:
        explanation = Explanation(
            _(
                "{count} States are notified {day} under {article}: {groups}; the States in "
                "each group are derived from the registry on that day."
            ),
            {
                "count": len(addressees),
                "day": When(KnownDate.exact(on)),
                "article": article,
                "groups": list(clauses.notification_addressees),
            },
        )
    return RuleAnswer(MappingProxyType(addressees), article, (explanation,))
