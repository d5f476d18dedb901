"""Whom the Secretary General notifies (Art. 50(1) CETS 201).

Art. 50(1): "The Secretary General of the Council of Europe shall notify the member States of
the Council of Europe, any State signatory, any State Party, the European Community, any State
invited to sign this Convention in accordance with the provisions of Article 45 and any State
invited to accede to this Convention in accordance with the provisions of Article 46 of: …"
"""

from datetime import date

from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, AddresseeGroup
from lanzarote.treaty_law.notification import AddresseeFacts, groups_of, notification_addressees
from lanzarote.treaty_law.status import Status

DAY = date(2024, 5, 14)


def party(code: str, *, member: bool = True) -> AddresseeFacts:
    return AddresseeFacts(
        code,
        is_member_state=member,
        status=Status.PARTY,
        possible=frozenset({Status.PARTY}),
        signed=True,
    )


def test_the_convention_names_six_groups_in_the_order_of_article_50() -> None:
    assert CETS_201.notification_article == "Art. 50(1)"
    assert CETS_201.notification_addressees == (
        AddresseeGroup.COE_MEMBER_STATES,
        AddresseeGroup.SIGNATORIES,
        AddresseeGroup.PARTIES,
        AddresseeGroup.EUROPEAN_UNION,
        AddresseeGroup.INVITED_TO_SIGN,
        AddresseeGroup.INVITED_TO_ACCEDE,
    )


def test_each_group_is_derived_from_the_facts_of_the_day() -> None:
    facts = [
        party("FR"),
        # A Party that left the Council of Europe is notified as a Party.
        party("RU", member=False),
        AddresseeFacts(
            "XS",
            status=Status.SIGNATORY,
            possible=frozenset({Status.SIGNATORY}),
            signed=True,
        ),
        AddresseeFacts("EU", is_european_union=True),
        AddresseeFacts("JP", took_part_in_elaboration=True),
        AddresseeFacts("MA", invited_to_accede=True),
        # Deposited an instrument of accession, not yet in force: it was invited.
        AddresseeFacts(
            "KZ", status=Status.CONSENTED, possible=frozenset({Status.CONSENTED}), acceded=True
        ),
        AddresseeFacts("BR"),
        AddresseeFacts(
            "XD", status=Status.DENOUNCED, possible=frozenset({Status.DENOUNCED}), signed=True
        ),
    ]
    answer = notification_addressees(CETS_201, facts, on=DAY)
    assert dict(answer.value) == {
        "FR": {AddresseeGroup.COE_MEMBER_STATES, AddresseeGroup.PARTIES},
        "RU": {AddresseeGroup.PARTIES},
        "XS": {AddresseeGroup.SIGNATORIES},
        "EU": {AddresseeGroup.EUROPEAN_UNION},
        "JP": {AddresseeGroup.INVITED_TO_SIGN},
        "MA": {AddresseeGroup.INVITED_TO_ACCEDE},
        "KZ": {AddresseeGroup.INVITED_TO_ACCEDE},
    }
    assert answer.article == "Art. 50(1)"
    text = answer.render()
    assert text.startswith("7 States are notified on 2024-05-14 under Art. 50(1): the member")
    assert "the States invited to accede" in text


def test_an_uncertain_membership_or_status_is_notified_rather_than_left_out() -> None:
    doubtful = AddresseeFacts(
        "SM",
        is_member_state=None,
        status=None,
        possible=frozenset({Status.SIGNATORY, Status.PARTY}),
        signed=True,
    )
    assert groups_of(doubtful) == {
        AddresseeGroup.COE_MEMBER_STATES,
        AddresseeGroup.SIGNATORIES,
        AddresseeGroup.PARTIES,
    }


def test_a_treaty_without_a_list_of_addressees_gives_none() -> None:
    answer = notification_addressees(OPSC, [party("FR")], on=DAY)
    assert dict(answer.value) == {}
    assert "names no addressees" in answer.render()
