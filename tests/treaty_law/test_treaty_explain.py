"""Explanations render late, in the reader's language, and always cite their article."""

from datetime import date

from lanzarote.treaty_law.dates import KnownDate, When
from lanzarote.treaty_law.explain import (
    Explanation,
    OneOf,
    Phrase,
    RuleAnswer,
    RuleViolation,
    _,
    identity,
    render_param,
)
from lanzarote.treaty_law.final_clauses import Instrument
from lanzarote.treaty_law.status import Status

FRENCH = {
    "Deposited {deposit}; under {article} it enters into force for it {date}.": (
        "Déposé {deposit} ; en vertu de l'{article}, elle entre en vigueur à son égard {date}."
    ),
    "on {date}": "le {date}",
    "in {month}": "en {month}",
    "accession": "adhésion",
    "Party": "Partie",
    "{first} or {last}": "{first} ou {last}",
    "ratification": "ratification",
    "approval": "approbation",
    "the Convention": "la Convention",
}


def french(text: str) -> str:
    return FRENCH.get(text, text)


def day_month_year(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def test_marker_returns_the_message_untouched() -> None:
    assert _("Status on {as_of}: {status}.") == "Status on {as_of}: {status}."
    assert identity("x") == "x"


def test_render_translates_template_and_formats_dates_late() -> None:
    explanation = Explanation(
        _("Deposited {deposit}; under {article} it enters into force for it {date}."),
        {
            "deposit": When(KnownDate.exact(date(2019, 10, 15))),
            "article": "Art. 46(2)",
            "date": When(KnownDate.exact(date(2020, 2, 1))),
        },
    )
    assert explanation.render() == (
        "Deposited on 2019-10-15; under Art. 46(2) it enters into force for it on 2020-02-01."
    )
    assert explanation.render(translate=french, format_date=day_month_year) == (
        "Déposé le 15/10/2019 ; en vertu de l'Art. 46(2), elle entre en vigueur à son égard "
        "le 01/02/2020."
    )


def test_parameters_of_each_kind() -> None:
    assert render_param(date(2010, 7, 1), format_date=day_month_year) == "01/07/2010"
    assert render_param(KnownDate.month(2010, 3)) == "2010-03"
    assert render_param(Instrument.ACCESSION, translate=french) == "adhésion"
    assert render_param(Status.PARTY, translate=french) == "Partie"
    assert render_param(["GR", "DK", "AL"]) == "GR, DK, AL"
    assert render_param(frozenset({"NO", "DK"})) == "DK, NO"
    assert render_param(5) == "5"
    assert render_param(Phrase("the Convention"), translate=french) == "la Convention"
    assert render_param(OneOf((Instrument.RATIFICATION, Instrument.APPROVAL))) == (
        "ratification or approval"
    )
    assert render_param(
        OneOf((Instrument.RATIFICATION, Instrument.APPROVAL)), translate=french
    ) == ("ratification ou approbation")
    assert render_param(OneOf((Instrument.APPROVAL,))) == "approval"


def test_explanation_as_a_parameter_of_another() -> None:
    inner = Explanation(_("the rule of {article}"), {"article": "Art. 45(4)"})
    outer = Explanation(
        _("{noun} applies {rule}."), {"noun": Phrase("the Convention"), "rule": inner}
    )
    assert outer.render() == "The Convention applies the rule of Art. 45(4)."


def test_sentences_start_with_a_capital() -> None:
    explanation = Explanation(_("{noun} is in force."), {"noun": Phrase("the Convention")})
    assert explanation.render() == "The Convention is in force."
    assert explanation.describe() == "the Convention is in force."


def test_explanations_are_immutable_values() -> None:
    params: dict[str, object] = {"states": ["GR"]}
    explanation = Explanation(_("Consents of {states}."), params)
    params["states"] = ["DK"]
    assert explanation.render() == "Consents of GR."
    same = Explanation(_("Consents of {states}."), {"states": ["GR"]})
    assert explanation == same
    assert hash(explanation) == hash(same)
    assert Explanation(_("No parameters.")).params == {}


def test_as_dict_keeps_template_and_rendered_parameters() -> None:
    explanation = Explanation(
        _("Status on {as_of}: {status}."), {"as_of": date(2020, 2, 1), "status": Status.PARTY}
    )
    assert explanation.as_dict() == {
        "text": "Status on 2020-02-01: Party.",
        "template": "Status on {as_of}: {status}.",
        "params": {"as_of": "2020-02-01", "status": "Party"},
    }


def test_rule_answer_joins_its_explanations() -> None:
    answer = RuleAnswer(
        True,
        "Art. 46(1)",
        (
            Explanation(_("First.")),
            Explanation(_("Second under {article}."), {"article": "Art. 46(1)"}),
        ),
    )
    assert answer.render() == "First. Second under Art. 46(1)."
    assert answer.article == "Art. 46(1)"


def test_rule_violation_names_its_article() -> None:
    violation = RuleViolation(
        "Art. 48", Explanation(_("No reservation under Art. {code}."), {"code": "23"})
    )
    assert str(violation) == "No reservation under Art. 23. (Art. 48)"
    assert violation.article == "Art. 48"
    assert violation.render(translate=lambda t: t.replace("No reservation", "Aucune réserve")) == (
        "Aucune réserve under Art. 23. (Art. 48)"
    )
