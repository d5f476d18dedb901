"""When a reservation, declaration or communication may be made, as pure rules (the registry
tests write the same cases through the service)."""

from datetime import date

import pytest

from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.explain import RuleViolation
from lanzarote.treaty_law.final_clauses import CETS_201
from lanzarote.treaty_law.guards import check_reservation_or_declaration
from lanzarote.treaty_law.provisions import PermittedProvision
from lanzarote.treaty_law.reservations import Moment, check_timing
from lanzarote.treaty_law.status import Action, ActionKind

SIGNED = KnownDate.exact(date(2008, 5, 5))
DEPOSITED = KnownDate.month(2010, 9)


def provision(code: str) -> PermittedProvision:
    found = CETS_201.provision(code)
    assert found is not None
    return found


def test_a_reservation_inside_a_month_only_deposit_is_not_refused_on_a_guess() -> None:
    """A deposit the sources date only to September 2010 may be the day of a reservation made
    on 27 September 2010."""
    answer = check_timing(
        provision("24(3)"),
        state="FR",
        made_on=KnownDate.exact(date(2010, 9, 27)),
        signature=SIGNED,
        deposit=DEPOSITED,
    )
    assert answer.value is Moment.WITH_CONSENT


def test_a_reservation_between_signature_and_deposit_comes_too_late_for_the_signature() -> None:
    """Art. 25(5): "at the time of signature or when depositing" — a day in between is
    neither."""
    with pytest.raises(RuleViolation) as refused:
        check_timing(
            provision("25(5)"),
            state="FR",
            made_on=KnownDate.exact(date(2009, 1, 15)),
            signature=SIGNED,
            deposit=DEPOSITED,
        )
    assert refused.value.article == "Art. 25(5)"
    assert str(refused.value) == (
        "A reservation is made at signature or when depositing the instrument of consent "
        "(Art. 25(5)), for FR on 2008-05-05 or in 2010-09; a reservation made on 2009-01-15 "
        "comes too late. (Art. 25(5))"
    )


def test_a_late_communication_is_accepted_and_said_to_be_late() -> None:
    """Art. 37(2): each Party "shall, at the time of signature or when depositing …,
    communicate" its authority; the duty outlives the moment."""
    answer = check_timing(
        provision("37(2)"),
        state="AL",
        made_on=KnownDate.exact(date(2010, 10, 11)),
        signature=SIGNED,
        deposit=DEPOSITED,
    )
    assert answer.value is Moment.LATER
    assert "it is late or names a new authority" in answer.render()


def test_a_reservation_before_any_signature_or_deposit_is_refused() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_reservation_or_declaration(
            CETS_201,
            state="BR",
            kind=ActionKind.RESERVATION,
            provisions=("20(3)",),
            made_on=KnownDate.exact(date(2024, 3, 5)),
            history=(),
        )
    assert refused.value.article == "VCLT Art. 19"
    assert "neither signed nor deposited" in str(refused.value)


def test_an_interpretative_declaration_needs_no_particular_moment() -> None:
    history = (
        Action("FR", ActionKind.SIGNATURE, SIGNED),
        Action("FR", ActionKind.RATIFICATION, DEPOSITED),
    )
    check_reservation_or_declaration(
        CETS_201,
        state="FR",
        kind=ActionKind.DECLARATION,
        provisions=("18(2)",),
        made_on=KnownDate.exact(date(2020, 5, 4)),
        history=history,
    )


def test_a_withdrawal_names_what_it_withdraws() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_reservation_or_declaration(
            CETS_201,
            state="FR",
            kind=ActionKind.WITHDRAWAL,
            provisions=("20(3)",),
            made_on=KnownDate.exact(date(2020, 5, 4)),
            history=(Action("FR", ActionKind.SIGNATURE, SIGNED),),
        )
    assert refused.value.article == "Art. 48"
