"""`lanzarote data-quality`: how precisely each date is known and on what sources."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command

from lanzarote.registry.quality import data_quality, precision_class
from lanzarote.treaty_law import KnownDate

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 1)


def acts(slug: str = "cets-201") -> dict[str, dict]:
    [report] = data_quality(treaty_slug=slug, as_of=DAY)
    return {act["act"]: act for act in report.as_dict()["acts"]}


@pytest.mark.parametrize(
    ("known", "basis", "expected"),
    [
        (KnownDate.exact(DAY), "source", "exact"),
        (KnownDate.month(2010, 3), "source", "month_only"),
        (KnownDate.year(2010), "source", "bounded"),
        (KnownDate.on_or_before(DAY), "bounded_by_list", "bounded"),
        (KnownDate.between(date(2007, 10, 25), DAY), "required_by_rules", "unknown"),
        (KnownDate.unknown(), "source", "unknown"),
    ],
)
def test_precision_classes(known, basis, expected):
    assert precision_class(known, basis=basis) == expected


def test_the_cets_201_record_after_narrowing():
    """The counts of the research README's "after" rows: the record as the evidence gives it."""
    found = acts()
    assert found["signature"]["dates"] == {
        "exact": 20,
        "month_only": 0,
        "bounded": 16,
        "unknown": 11,
    }
    assert found["consent"]["dates"] == {"exact": 18, "month_only": 17, "bounded": 13, "unknown": 0}
    assert found["entry_into_force"]["dates"] == {
        "exact": 41,
        "month_only": 0,
        "bounded": 7,
        "unknown": 0,
    }
    for act in found.values():
        assert act["sources_by_grade"]["ungraded"] == 0
    assert found["consent"]["dates_by_strongest_grade"]["none"] == 0
    assert found["consent"]["sources_by_grade"]["depositary"] >= 4


def test_the_command_prints_a_table_and_json(capsys):
    call_command("data_quality", "--treaty", "cets-201", "--as-of", DAY.isoformat())
    out = capsys.readouterr().out
    assert out.startswith("cets-201 — 2026-12-01")
    assert "month_only" in out and "src:gazette" in out
    call_command("data_quality", "--as-of", DAY.isoformat(), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [item["treaty"] for item in data] == ["cets-201", "opsc"]
    assert {a["act"] for a in data[0]["acts"]} == {
        "signature",
        "consent",
        "entry_into_force",
        "other",
    }


def test_an_unknown_treaty_is_one_line_on_stderr(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("data_quality", "--treaty", "cets-999")
    assert exit_.value.code == 2
    assert "Unknown treaty" in capsys.readouterr().err
