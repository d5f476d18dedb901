"""The closed list of Art. 48 CETS 201, and the open regime of the OPSC."""

import pytest

from lanzarote.treaty_law.explain import RuleViolation
from lanzarote.treaty_law.final_clauses import CETS_201, OPSC, ProvisionKind
from lanzarote.treaty_law.reservations import check_provision, normalise_code, permitted_provisions


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (ProvisionKind.RESERVATION, "20(3)"),
        (ProvisionKind.RESERVATION, "24(3)"),
        (ProvisionKind.DECLARATION, "25(3)"),
        (ProvisionKind.DECLARATION, "25(5)"),
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


def test_reservation_20_3_explains_itself() -> None:
    answer = check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="Art. 20 (3)")
    assert answer.render().startswith(
        "The Convention expressly allows this reservation under Art. 20(3): Not to apply"
    )


def test_declaration_says_when_it_is_made() -> None:
    answer = check_provision(CETS_201, kind=ProvisionKind.DECLARATION, code="25(3)")
    assert "at signature or when depositing the instrument of consent" in answer.render()


def test_reservation_to_article_23_is_refused_under_article_48() -> None:
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="23")
    assert error.value.article == "Art. 48"
    message = str(error.value)
    assert "does not provide for a reservation under Art. 23" in message
    assert "Art. 20(3), Art. 20(4), Art. 21(2), Art. 24(3)" in message
    assert message.endswith("(Art. 48)")


def test_declaration_under_25_4_is_refused() -> None:
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.DECLARATION, code="25(4)")
    assert error.value.article == "Art. 48"
    assert "Art. 25(3), Art. 25(5)" in str(error.value)


def test_provision_of_the_wrong_kind_is_refused_with_a_hint() -> None:
    with pytest.raises(RuleViolation) as error:
        check_provision(CETS_201, kind=ProvisionKind.RESERVATION, code="25(3)")
    assert "Art. 25(3) allows a declaration, not a reservation" in str(error.value)


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
    ]
    assert permitted_provisions(OPSC) == ()


@pytest.mark.parametrize("text", ["20(3)", "Art. 20(3)", "art 20 (3)", "Article 20(3)", " 20(3) "])
def test_codes_are_normalised(text: str) -> None:
    assert normalise_code(text) == "20(3)"
