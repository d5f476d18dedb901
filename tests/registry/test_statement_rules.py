"""Reservations, declarations, communications and territorial declarations written through the
registry service: what each is in law (Art. 48) and when it may be made (Arts. 25(3), 25(5),
37(2), 47, and the general law of treaties where the Convention is silent).

The United Kingdom signed on 5 May 2008, deposited its instrument on 20 June 2018 and became a
Party on 1 October 2018 (reference data)."""

from __future__ import annotations

from datetime import date

import pytest

from lanzarote.core.errors import InvalidInput
from lanzarote.registry.models import TreatyEvent
from tests.registry.factories import record_event

pytestmark = pytest.mark.django_db

DEPOSIT = date(2018, 6, 20)
LATER = date(2021, 3, 5)


def test_a_reservation_made_after_the_deposit_is_refused_under_the_general_law():
    """Art. 20(3): "Each Party may reserve the right not to apply …" — the article names no
    moment, so the general law does: a reservation is formulated "when signing, ratifying,
    accepting, approving or acceding" (VCLT Art. 19)."""
    before = TreatyEvent.objects.count()
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="reservation", on=LATER, provisions=["20(3)"])
    assert refused.value.article == "VCLT Art. 19"
    assert "comes too late" in refused.value.message
    assert TreatyEvent.objects.count() == before


def test_article_25_3_made_by_declaration_at_deposit_is_the_reservation_it_is():
    """Art. 25(3): "Each Party may, at the time of signature or when depositing its instrument
    …, by a declaration addressed to the Secretary General …, declare that it reserves the
    right not to apply …" — recorded as a declaration or as a reservation, it is accepted."""
    as_declaration = record_event(state="GB", kind="declaration", on=DEPOSIT, provisions=["25(3)"])
    as_reservation = record_event(state="GB", kind="reservation", on=DEPOSIT, provisions=["25(5)"])
    assert as_declaration.provisions == ["25(3)"]
    assert as_reservation.provisions == ["25(5)"]


def test_article_25_3_after_the_deposit_is_refused_citing_article_25_3():
    """Art. 25(3) fixes the moment itself: "at the time of signature or when depositing"."""
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="declaration", on=LATER, provisions=["25(3)"])
    assert refused.value.article == "Art. 25(3)"


def test_a_late_article_37_2_communication_is_recorded():
    """Art. 37(2): each Party "shall, at the time of signature or when depositing …,
    communicate … the name and address of a single national authority" — the duty remains
    after the deposit, so a later communication (or a change of authority) is accepted."""
    event = record_event(state="GB", kind="declaration", on=LATER, provisions=["37(2)"])
    assert event.provisions == ["37(2)"]


def test_a_declaration_naming_another_article_is_an_interpretative_declaration():
    """Art. 48: "No reservation may be made … with the exception of the reservations expressly
    established" — it limits reservations, not declarations on how a State reads the text."""
    event = record_event(state="GB", kind="declaration", on=LATER, provisions=["23"])
    assert event.provisions == ["23"]


def test_a_signatory_may_not_extend_the_convention_to_a_territory_later():
    """Art. 47(2): "Any Party may, at any later date, by a declaration …, extend the
    application of this Convention to any other territory" — in 2012 the United Kingdom had
    signed only."""
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="territorial_application", on=date(2012, 1, 10))
    assert refused.value.article == "Art. 47(2)"
    assert "only a Party may extend" in refused.value.message


def test_a_party_may_extend_the_convention_later_and_a_state_may_name_territories_at_deposit():
    """Art. 47(1): "Any State … may, at the time of signature or when depositing its
    instrument …, specify the territory or territories"; Art. 47(2): later, "Any Party"."""
    at_deposit = record_event(state="GB", kind="territorial_application", on=DEPOSIT)
    later = record_event(state="GB", kind="territorial_application", on=LATER, provisions=["47(2)"])
    assert at_deposit.pk and later.pk


def test_a_reservation_may_be_withdrawn_at_any_time_but_not_twice():
    """Art. 48: "Any reservation may be withdrawn at any time." """
    record_event(state="GB", kind="reservation", on=DEPOSIT, provisions=["20(4)"])
    withdrawn = record_event(state="GB", kind="withdrawal", on=LATER, provisions=["20(4)"])
    assert withdrawn.provisions == ["20(4)"]
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="withdrawal", on=date(2022, 1, 5), provisions=["20(4)"])
    assert "not already withdrawn" in refused.value.message


def test_the_article_37_2_communication_is_replaced_not_withdrawn():
    """Art. 37(2): each Party "shall … communicate" its authority — a duty, not an option."""
    record_event(state="GB", kind="declaration", on=DEPOSIT, provisions=["37(2)"])
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="withdrawal", on=LATER, provisions=["37(2)"])
    assert refused.value.article == "Art. 37(2)"


def test_only_a_party_may_denounce_and_the_refusal_cites_article_49_1():
    """Art. 49(1): "Any Party may, at any time, denounce this Convention"; Art. 49(2), which the
    refusal cited before, only says when a denunciation takes effect."""
    with pytest.raises(InvalidInput) as refused:
        record_event(state="GB", kind="denunciation", on=date(2012, 1, 10))
    assert refused.value.article == "Art. 49(1)"
    assert "Only a Party can denounce" in refused.value.message
