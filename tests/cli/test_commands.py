"""The `lanzarote` command line: formats, and one clear line on stderr for bad requests."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from lanzarote.cli import main

pytestmark = pytest.mark.django_db


def run(capsys, *args: str) -> tuple[str, str, int]:
    """Runs a command in-process. (`main()` itself closes the database connections when it
    finishes, as Django's entry point does, which would end the test's transaction.)"""
    code = 0
    try:
        call_command(args[0].replace("-", "_"), *args[1:])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return captured.out, captured.err, code


def test_chart_json(capsys):
    out, _, code = run(capsys, "chart", "cets-201", "--as-of", "2023-05-31", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["totals"]["parties"] == 48
    assert data["entry_into_force"] == "2010-07-01"


def test_chart_csv_and_table(capsys):
    out, _, _ = run(capsys, "chart", "cets-201", "--as-of", "2010-07-01", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("state,name,status")
    assert sum(",party," in line for line in lines) == 5
    out, _, _ = run(capsys, "chart", "cets-201", "--as-of", "2010-07-01")
    assert "Parties 5" in out


def test_state_json(capsys):
    out, _, code = run(capsys, "state", "TN", "--format", "json")
    assert code == 0
    assert json.loads(out)["treaties"]["cets-201"]["position"]["status"] == "party"


def test_eligibility_json(capsys):
    out, _, _ = run(capsys, "eligibility", "JP", "--treaty", "cets-201", "--format", "json")
    data = json.loads(out)
    assert data["route"] == "signature_then_ratification"
    assert data["legal_basis"][0] == "Art. 45(1)"


def test_rules_entry_into_force(capsys):
    out, _, _ = run(
        capsys,
        "rules",
        "entry-into-force",
        "cets-201",
        "--instrument",
        "accession",
        "--deposited",
        "2019-10-15",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["date"] == "2020-02-01"
    assert data["article"] == "Art. 46(2)"
    assert data["explanation"]


def test_rules_denunciation(capsys):
    out, _, _ = run(
        capsys, "rules", "denunciation", "cets-201", "--received", "2024-05-20", "--format", "json"
    )
    assert json.loads(out) == {**json.loads(out), "date": "2024-09-01", "article": "Art. 49(2)"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("state", "ZZ"), "ZZ"),
        (("chart", "cets-999"), "cets-999"),
        (("chart", "cets-201", "--as-of", "yesterday"), "--as-of"),
        (("eligibility", "JP", "--treaty", "nope"), "nope"),
        (
            (
                "rules",
                "entry-into-force",
                "cets-201",
                "--instrument",
                "accession",
                "--deposited",
                "2009-01-01",
            ),
            "46",
        ),
    ],
)
def test_bad_requests_exit_non_zero_with_one_line(capsys, args, needle):
    _, err, code = run(capsys, *args)
    assert code != 0
    assert needle in err
    assert len(err.strip().splitlines()) == 1


def test_load_reference_data_is_idempotent(capsys):
    call_command("load_reference_data", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["recorded"] == 0 and data["superseded"] == 0


def test_the_console_entry_point_maps_hyphenated_names(capsys):
    with pytest.raises(SystemExit) as done:
        main(["lanzarote", "load-reference-data", "--help"])
    assert done.value.code == 0
    assert "reference data" in capsys.readouterr().out
