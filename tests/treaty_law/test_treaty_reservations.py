"""The closed list of Art. 48 CETS 201, interpretative declarations, when each statement may be
made, and the open regime of the OPSC."""

import pytest

from lanzarote.treaty_law.explain import RuleViolation
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, ProvisionKind
from lanzarote.treaty_law.reservations import check_provision, normalise_code, permitted_provisions


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (ProvisionKind.RESERVATION, "20(3)"),
        (ProvisionKind.RESERVATION, "24(3)"),
        (ProvisionKind.RESERVATION, "25(3)"),
        (ProvisionKind.RESERVATION, "25(5)"),
        (ProvisionKind.COMMUNICATION, "37(2)"),
        (ProvisionKind.TERRITORIAL, "47(2)"),
    ],
)
def test_permitted_provisions_are_accepted(kind: ProvisionKind, code: str) -> None:
    answer = check_provision(CETS_201, kind=kind, code=code)
    assert answer.value.code == code
    assert answer.value.kind is kind
    assert answer.article == f"Art. {code}"
    assert f"Art. {code}" in answer.render()


@pytest.mark.parametrize("code", ["25(3)", "25(5)"])
def test_a_reservation_under_article_25_is_accepted_in_either_form(code: str) -> None:
    """Art. 25(3): a Party may, "by a declaration addressed to the Secretary General …, declare
    that it reserves the right not to apply" Art. 25(1)(e); Art. 25(5) likewise for Art. 25(4).
    Named a declaration or a reservation, it is one of the reservations Art. 48 admits."""
    for named in (ProvisionKind.DECLARATION, ProvisionKind.RESERVATION):
        answer = check_provision(CETS_201, kind=named, code=code)
        assert answer.value.kind is ProvisionKind.RESERVATION
        text = answer.render()
        assert f"allows this reservation under Art. {code}, made by a declaration" in text
        assert "may be withdrawn at any time (Art. 48)" in text
        assert (
            f"It is made at signature or when depositing the instrument of consent (Art. {code})"
            in text
        )


def test_reservation_20_3_explains_itself() -> None:
    answer = check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="Art. 20 (3)")
    assert answer.render().startswith(
        "The Convention expressly allows this reservation under Art. 20(3): Not to apply"
    )


def test_a_reservation_where_the_convention_is_silent_on_timing_cites_the_general_law() -> None:
    """Art. 20(4): "Each Party may reserve the right not to apply, in whole or in part,
    paragraph 1.f." — no moment is named, so VCLT Art. 19 supplies it."""
    answer = check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="20(4)")
    assert (
        "It is made at signature or when depositing the instrument of consent (VCLT Art. 19)."
        in answer.render()
    )


def test_reservation_to_article_23_is_refused_under_article_48() -> None:
    """Art. 48: "No reservation may be made in respect of any provision of this Convention,
    with the exception of the reservations expressly established." """
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="23")
    assert error.value.article == "Art. 48"
    message = str(error.value)
    assert "establishes no reservation under Art. 23" in message
    assert "Art. 20(3), Art. 20(4), Art. 21(2), Art. 24(3), Art. 25(3), Art. 25(5)" in message
    assert message.endswith("(Art. 48)")


def test_a_declaration_naming_another_article_is_interpretative_not_refused() -> None:
    """Art. 48 limits reservations only ("No reservation may be made …"): a declaration that
    names Art. 25(4), which no clause lets a State declare under, is recorded as an
    interpretative declaration; the answer says it would be a reservation, and excluded, if in
    substance it modified the provision's legal effect (VCLT Art. 2(1)(d))."""
    answer = check_provision(CETS_201, kind=ProvisionKind.DECLARATION, code="25(4)")
    assert answer.value.kind is ProvisionKind.INTERPRETATIVE
    assert answer.article == "Art. 48"
    text = answer.render()
    assert "recorded as an interpretative declaration: Art. 48 limits reservations only" in text
    assert "would be a reservation whatever its name (VCLT Art. 2(1)(d))" in text


def test_a_communication_is_not_a_reservation() -> None:
    """Art. 37(2): a Party "shall … communicate" its authority — not a reservation, so a
    "reservation under Art. 37(2)" is refused with the list of Art. 48."""
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="37(2)")
    assert error.value.article == "Art. 48"
    assert "Art. 37(2) provides for a communication, not a reservation" in str(error.value)


def test_a_territorial_declaration_under_another_article_is_refused_citing_article_47() -> None:
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.TERRITORIAL, code="23")
    assert error.value.article == "Art. 47"
    assert "provides for a territorial declaration only under Art. 47(1), Art. 47(2)" in str(
        error.value
    )


def test_opsc_has_no_closed_list() -> None:
    answer = check_provision(OPSC, kind=ProvisionKind.RESERVATION, code="3(1)")
    assert answer.value.code == "3(1)"
    assert answer.article == "VCLT Art. 19"
    assert "general international law" in answer.render()


def test_permitted_provisions_by_kind() -> None:
    assert len(permitted_provisions(CETS_201)) == 9
    assert [p.code for p in permitted_provisions(CETS_201, ProvisionKind.RESERVATION)] == [
        "20(3)",
        "20(4)",
        "21(2)",
        "24(3)",
        "25(3)",
        "25(5)",
    ]
    assert permitted_provisions(OPSC) == ()


@pytest.mark.parametrize("text", ["20(3)", "Art. 20(3)", "art 20 (3)", "Article 20(3)", " 20(3) "])
def test_codes_are_normalised(text: str) -> None:
    assert normalise_code(text) == "20(3)"
