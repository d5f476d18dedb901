"""The readiness catalogue read against the authentic English text of CETS 201 and of the OPSC
(Tractatenblad 2008, 58, mirrored by statengeneraal/laws-markdown): the summaries keep the
limits the articles set, and no mapping makes the OPSC say more than it does.

The files are read as shipped (no database): they are the data the loader brings in."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import lanzarote

DATA = Path(lanzarote.__file__).resolve().parent / "data" / "readiness"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


OBLIGATIONS = {row["code"]: row for row in _rows("obligations.csv")}
TARGETS = {(row["instrument"], row["code"]): row for row in _rows("mapping_targets.csv")}
MAPPINGS = {
    (row["instrument"], row["target"], row["obligation"]): row for row in _rows("mappings.csv")
}


def described(code: str) -> tuple[str, str]:
    row = OBLIGATIONS[code]
    return row["description_en"], row["description_fr"]


@pytest.mark.parametrize("item", ["a", "b", "c", "d", "e", "f"])
def test_article_20_1_offences_are_those_committed_without_right(item: str) -> None:
    """Art. 20(1): "… the following intentional conduct, when committed without right, is
    criminalised"."""
    english, french = described(f"20.1.{item}")
    assert "intentionally and without right" in english
    assert "intentionnel" in french and "sans droit" in french


def test_article_31_1_c_keeps_the_procedural_rules_of_internal_law() -> None:
    """Art. 31(1)(c): "enabling them, in a manner consistent with the procedural rules of
    internal law, to be heard, to supply evidence …"."""
    english, french = described("31.1.c")
    assert "in a manner consistent with the procedural rules of national law" in english
    assert "conforme aux règles de procédure du droit interne" in french


def test_article_6_sets_the_information_in_the_context_of_information_on_sexuality() -> None:
    """Art. 6: the information "shall be given within a more general context of information on
    sexuality and shall pay special attention to situations of risk"."""
    english, french = described("6")
    assert "within a more general context of information on sexuality" in english
    assert "special attention to situations of risk" in english
    assert "adapted to their evolving capacity" in english
    assert "contexte plus général d'information sur la sexualité" in french


def test_article_14_3_requires_both_possibilities_of_removal() -> None:
    """Art. 14(3): the intervention procedures "shall include: – the possibility of removing the
    alleged perpetrator; – the possibility of removing the victim from his or her family
    environment" — both, not one or the other."""
    english, french = described("14.3")
    assert (
        "both the possibility of removing the alleged perpetrator and the possibility of "
        "removing the victim" in english
    )
    assert " or to place the victim" not in english
    assert "à la fois la possibilité d'éloigner l'auteur présumé et celle de retirer" in french


@pytest.mark.parametrize(
    "code", ["18.1.a", "18.1.b", "19.1.a", "19.1.b", "19.1.c", "21.1.a", "21.1.b", "21.1.c"]
)
def test_the_offences_of_articles_18_19_and_21_are_intentional(code: str) -> None:
    """Arts. 18(1), 19(1) and 21(1): "the following intentional conduct is criminalised"."""
    english, french = described(code)
    assert "intentional" in english
    assert "intentionnel" in french


def test_article_19_2_payment_given_or_promised() -> None:
    """Art. 19(2): remuneration or consideration "is given or promised as payment"."""
    english, _french = described("19.1.c")
    assert "given or promised as payment" in english


@pytest.mark.parametrize(
    "code", ["15.1", "15.2", "15.3", "15.4", "16.1", "16.2", "16.3", "17.1", "17.2"]
)
def test_articles_15_to_17_apply_in_accordance_with_internal_law(code: str) -> None:
    """Arts. 15–17: each Party acts "in accordance with its internal law"."""
    english, french = described(code)
    assert "in line with national law" in english
    assert "conformément au droit interne" in french


@pytest.mark.parametrize(
    ("code", "words"),
    [
        # Art. 28: circumstances "in so far as they do not already form part of the constituent
        # elements of the offence, may, in conformity with the relevant provisions of internal
        # law, be taken into consideration".
        ("28", "not already elements of the offence"),
        # Art. 30(5): "in conformity with the fundamental principles of its internal law".
        ("30.5", "fundamental principles of national law"),
        # Art. 31(1)(e): "taking measures in accordance with internal law to prevent …".
        ("31.1.e", "under national law"),
        # Art. 31(5): "in accordance with the conditions provided for by its internal law".
        ("31.5", "under the conditions of national law"),
        # Art. 36(2): "according to the rules provided by its internal law".
        ("36.2.a", "under the rules of national law"),
        ("36.2.b", "under the rules of national law"),
        # Art. 13: "encourage and support the setting up of information services".
        ("13", "setting up of information services"),
        # Art. 9(1): "state policies, programmes or others initiatives".
        ("9.1", "programmes or other initiatives"),
    ],
)
def test_summaries_keep_the_limits_their_article_sets(code: str, words: str) -> None:
    english, _french = described(code)
    assert words in english


# -- mappings to the OPSC -------------------------------------------------------------------


def _confined(instrument: str, target: str, provision: str) -> bool:
    confined = TARGETS[(instrument, target)]["confined_to_protocol_offences"]
    if confined == "all":
        return True
    return any(provision.startswith(paragraph) for paragraph in filter(None, confined.split(";")))


def test_every_opsc_mapping_names_a_provision_of_its_article() -> None:
    for (instrument, target, obligation), row in MAPPINGS.items():
        if instrument != "opsc":
            assert row["provision"] == "", (target, obligation)
            continue
        provision = row["provision"]
        assert provision == target or provision.startswith(f"{target}("), (target, obligation)


def test_the_opsc_targets_say_which_paragraphs_reach_only_its_own_offences() -> None:
    """OPSC Art. 4(1): jurisdiction "over the offences referred to in article 3, paragraph 1";
    Art. 8(1): "child victims of the practices prohibited under the present Protocol"; Art. 3(2):
    "the same shall apply to an attempt to commit any of these acts"."""
    confined = {
        code: row["confined_to_protocol_offences"]
        for (instrument, code), row in TARGETS.items()
        if instrument == "opsc"
    }
    assert confined["2"] == ""
    assert confined["3"] == "3(2);3(3);3(4)"
    for code in ("4", "5", "6", "7", "8", "9"):
        assert confined[code] == "all"
    assert all(
        row["confined_to_protocol_offences"] == ""
        for (instrument, _code), row in TARGETS.items()
        if instrument != "opsc"
    )


def test_no_mapping_to_an_opsc_provision_confined_to_its_own_offences_is_equivalent() -> None:
    """The Convention's duties reach all its offences (Arts. 18–23: sexual abuse, corruption of
    children, solicitation, not only prostitution and pornography) and their victims, so an OPSC
    duty confined to the Protocol's Art. 3(1) offences can at most be "partial"."""
    overstated = [
        (target, obligation, row["provision"])
        for (instrument, target, obligation), row in MAPPINGS.items()
        if instrument == "opsc"
        and _confined(instrument, target, row["provision"])
        and row["relation"] == "equivalent"
    ]
    assert overstated == []


@pytest.mark.parametrize(
    ("target", "obligation", "provision"),
    [
        # OPSC Art. 4(3): jurisdiction over "the above-mentioned offences" (Art. 3(1)) only.
        ("4", "25.7", "4(3)"),
        ("4", "25.1.a", "4(1)"),
        ("4", "25.1.b", "4(1)"),
        ("4", "25.1.c", "4(1)"),
        # OPSC Art. 8(3): "children who are victims of the offences described in the present
        # Protocol".
        ("8", "30.1", "8(3)"),
        ("8", "30.4", "8(6)"),
        # OPSC Art. 8(1): "child victims of the practices prohibited under the present Protocol".
        ("8", "31.1.a", "8(1)(b)"),
        ("8", "31.1.c", "8(1)(c)"),
        ("8", "31.1.d", "8(1)(d)"),
        ("8", "31.1.e", "8(1)(e)"),
        ("8", "34.2", "8(2)"),
        # OPSC Art. 9(5): "material advertising the offences described in the present Protocol".
        ("9", "8.2", "9(5)"),
        # OPSC Art. 7: goods and proceeds of "offences under the present Protocol".
        ("7", "27.3.a", "7(a)"),
        # OPSC Art. 3(2): complicity in "any of these acts" (Art. 3(1)).
        ("3", "24.1", "3(2)"),
    ],
)
def test_overstated_opsc_mappings_are_partial_and_say_why(
    target: str, obligation: str, provision: str
) -> None:
    row = MAPPINGS[("opsc", target, obligation)]
    assert row["provision"] == provision
    assert row["relation"] == "partial"
    assert "its own offences" in row["rationale_en"] or "own offences" in row["rationale_en"]
    assert "infractions" in row["rationale_fr"]


def test_the_remaining_opsc_equivalents_are_the_offences_of_its_article_3_1_c() -> None:
    """OPSC Art. 3(1)(c): "Producing, distributing, disseminating, importing, exporting,
    offering, selling or possessing for the above purposes child pornography" — the same acts as
    Art. 20(1)(a)–(c), on a definition (Art. 2(c), "any representation, by whatever means")
    at least as wide as the Convention's (Art. 20(2))."""
    equivalents = sorted(
        (target, obligation)
        for (instrument, target, obligation), row in MAPPINGS.items()
        if instrument == "opsc" and row["relation"] == "equivalent"
    )
    assert equivalents == [("3", "20.1.a"), ("3", "20.1.b"), ("3", "20.1.c")]


def test_the_weprotect_industry_area_is_partial_for_article_9_2() -> None:
    """Art. 9(2) names "the private sector, in particular the information and communication
    technology sector, the tourism and travel industry and the banking and finance sectors, as
    well as civil society"."""
    row = MAPPINGS[("mnr", "industry", "9.2")]
    assert row["relation"] == "partial"
    assert "tourism and travel" in row["rationale_en"]
