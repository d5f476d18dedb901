"""Import of the depositary's chart: reading the three containers, comparing with the record,
applying in one transaction, and the command line."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from lanzarote.core.audit import Actor, AuditAction
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.models import AuditRecord
from lanzarote.registry import selectors
from lanzarote.registry.chart_import.comparing import Outcome
from lanzarote.registry.chart_import.reading import read_date
from lanzarote.registry.chart_import.services import (
    ChartRefused,
    Decision,
    chart_import_apply,
    chart_preview,
    parse_upload,
)
from lanzarote.registry.models import DateEvidence, DepositaryNotification, TreatyEvent
from lanzarote.treaty_law import KnownDate

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
ACTOR = Actor.system("chart import test")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def treaty():
    return selectors.treaty_get("cets-201")


def log_size() -> tuple[int, int, int]:
    return TreatyEvent.objects.count(), DateEvidence.objects.count(), AuditRecord.objects.count()


def standing(code: str, kind: str) -> TreatyEvent:
    return selectors.event_list(treaty(), state=code, kind=kind).get()


def outcomes(comparison) -> dict[str, dict[str, str]]:
    return {
        c.state.code: {"state": c.outcome.value, **{a.act: a.outcome.value for a in c.acts}}
        for c in comparison.states
    }


def chart_workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["States", "Signature", "Ratification", "Entry into force", "Notes", "R.", "D."])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "marks"),
    [
        ("15/9/2011 a", date(2011, 9, 15), ("a",)),
        ("1/7/2010*", date(2010, 7, 1), ("*",)),
        ("01/07/2010 (2)", date(2010, 7, 1), ("(2)",)),
        ("*", None, ("*",)),
        ("", None, ()),
    ],
)
def test_a_date_cell_keeps_its_footnote_markers(text, value, marks):
    assert read_date(text)[:2] == (value, marks)
    assert read_date(text)[2] == ""


@pytest.mark.parametrize("text", ["31/2/2011", "2011-02-03", "soon", "1/7/2010 pending review"])
def test_what_is_not_a_day_written_d_m_yyyy_is_a_problem(text):
    assert read_date(text)[0] is None
    assert read_date(text)[2]


def test_the_saved_web_page_is_read_state_by_state():
    chart = parse_upload(filename="chart.html", content=fixture("chart_cets201.html"))
    assert chart.title == "Chart of signatures and ratifications of Treaty 201"
    assert chart.status_as_of == date(2026, 12, 1)
    rows = {row.state: row for row in chart.rows}
    # Headings ("Members of the Council of Europe") and the totals line are not States.
    assert list(rows) == ["AM", "AT", "ME", "RO", "MK", "TR", "JP", "TN"]
    assert rows["MK"].name == "The former Yugoslav Republic of Macedonia"
    assert rows["TR"].signature == date(2007, 10, 25)
    assert rows["RO"].consent == date(2011, 6, 21)
    assert rows["RO"].footnotes == ("*",)
    assert rows["TN"].accession and not rows["RO"].accession
    assert rows["ME"].denunciation == date(2026, 9, 10)
    assert rows["AT"].marks == {"A"}
    assert rows["AM"].marks == {"R"} and rows["AM"].consent is None


def test_csv_and_xlsx_read_alike():
    from_csv = parse_upload(filename="c.csv", content=fixture("chart_contradiction.csv"))
    content = chart_workbook(
        [
            ["Austria", "25/10/2007", datetime(2011, 2, 26), "1/6/2011", None, None, None],
            ["Monaco", None, "7/10/2014", datetime(2015, 2, 1), None, "X", None],
            ["Romania", "25/10/2007", "21/6/2011 *", "1/10/2011", None, None, None],
        ]
    )
    from_xlsx = parse_upload(filename="c.xlsx", content=content)
    assert [(r.state, r.signature, r.consent, r.entry_into_force) for r in from_csv.rows] == [
        (r.state, r.signature, r.consent, r.entry_into_force) for r in from_xlsx.rows
    ]
    assert from_xlsx.rows[1].marks == {"R"}


def test_a_truncated_page_is_refused_with_its_last_line_and_nothing_is_written():
    before = log_size()
    with pytest.raises(ChartRefused) as refused:
        chart_import_apply(
            actor=ACTOR, treaty=treaty(), filename="t.html", content=fixture("chart_truncated.html")
        )
    (problem,) = refused.value.problems
    assert problem.line == fixture("chart_truncated.html").decode().rstrip().count("\n") + 1
    assert "cut short" in problem.reason
    assert log_size() == before


@pytest.mark.parametrize(
    ("content", "line", "column", "words"),
    [
        # A row cut after its second cell.
        (
            b"States,Signature,Ratification,Entry into force\nAustria,25/10/2007,25/2/2011,"
            b"1/6/2011\nRomania,25/10/2007\n",
            3,
            "",
            "cut short",
        ),
        # A quote opened and never closed: the file ends inside a cell.
        (
            b'States,Signature,Ratification,Entry into force\nAustria,"25/10/2007,25/2/2011\n',
            2,
            "",
            "CSV",
        ),
        (
            b"States,Signature,Ratification,Entry into force\nAtlantis,25/10/2007,,\n",
            2,
            "States",
            "not a State",
        ),
        (
            b"States,Signature,Ratification,Entry into force\nAustria,25/13/2007,,\n",
            2,
            "Signature",
            "not a day",
        ),
        (b"Name,Date\nAustria,25/10/2007\n", 1, "", "header"),
    ],
)
def test_problems_name_their_row_and_column(content, line, column, words):
    with pytest.raises(ChartRefused) as refused:
        parse_upload(filename="chart.csv", content=content)
    problem = refused.value.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.reason


def test_a_damaged_workbook_is_refused():
    with pytest.raises(ChartRefused) as refused:
        parse_upload(filename="chart.xlsx", content=b"PK\x03\x04 not a workbook")
    assert "readable" in refused.value.problems[0].reason


# -- comparing -----------------------------------------------------------------------------


def test_the_preview_gives_each_state_its_outcome_and_writes_nothing(
    django_assert_max_num_queries,
):
    before = log_size()
    with django_assert_max_num_queries(8):
        comparison, document = chart_preview(
            treaty=treaty(), filename="chart.html", content=fixture("chart_cets201.html")
        )
    assert log_size() == before
    assert document.extracted_on == date(2026, 12, 1)
    found = outcomes(comparison)
    assert found["AT"] == {
        "state": "confirms",
        "signature": "confirms",
        "consent": "confirms",
        "entry_into_force": "confirms",
    }
    assert found["RO"]["state"] == "narrows"
    assert found["MK"] == {"state": "confirms", "entry_into_force": "confirms"}
    assert found["TN"]["consent"] == "confirms"
    assert found["JP"] == {"state": "adds", "signature": "adds"}
    assert found["ME"] == {
        "state": "adds",
        "consent": "narrows",
        "entry_into_force": "confirms",
        "denunciation": "adds",
    }
    assert found["AM"] == {"state": "unchanged"}
    romania = next(c for c in comparison.states if c.state.code == "RO")
    consent = next(a for a in romania.acts if a.act == "consent")
    assert consent.before == KnownDate.between(date(2010, 12, 14), date(2011, 12, 31))
    assert consent.after == KnownDate.exact(date(2011, 6, 21))
    armenia = next(c for c in comparison.states if c.state.code == "AM")
    assert armenia.unrecorded_marks == ["R"]
    # Parties the chart leaves out are named, not silently kept.
    assert {s.code for s in comparison.not_listed} >= {"FR", "DE", "GB"}


def test_a_date_differing_from_a_confirmed_one_contradicts():
    comparison, _document = chart_preview(
        treaty=treaty(), filename="c.csv", content=fixture("chart_contradiction.csv")
    )
    austria = next(c for c in comparison.states if c.state.code == "AT")
    assert austria.outcome is Outcome.CONTRADICTS
    assert {a.act: a.outcome for a in austria.acts}["consent"] is Outcome.CONTRADICTS
    assert austria.set_aside  # the evidence of 25 February 2011 would go
    assert [c.state.code for c in comparison.contradictions] == ["AT"]


def test_the_marks_are_set_against_the_states_acts_in_the_record():
    """R, D, A/C, T and O, from their columns or the notes, against the State's reservations,
    declarations, Art. 37(2) communication and territorial applications in the record."""
    before = log_size()
    comparison, _document = chart_preview(
        treaty=treaty(), filename="marks.csv", content=fixture("chart_marks.csv")
    )
    assert log_size() == before
    found = {c.state.code: {m.group: m.agreement.value for m in c.marks} for c in comparison.states}
    # Andorra: a reservation (Art. 24(3)) and the Art. 37(2) communication, both marked.
    assert found["AD"] == {"R": "agrees", "A/C": "agrees"}
    # Austria: its Art. 37(2) communication marked C; a declaration the record does not hold.
    assert found["AT"] == {"D": "record_lacks", "A/C": "agrees"}
    # Russia: four reservations in the record, none marked in this chart.
    assert found["RU"] == {"R": "record_has_more"}
    # Azerbaijan: its declaration marked; an objection (in the notes) the record cannot hold.
    assert found["AZ"] == {"D": "agrees", "O": "record_lacks"}
    # Albania: marks given in the notes; its Art. 37(2) communication is not marked.
    assert found["AL"] == {"R": "record_lacks", "A/C": "record_has_more", "T": "record_lacks"}
    assert found["TN"] == {}
    albania = next(c for c in comparison.states if c.state.code == "AL")
    assert albania.unrecorded_marks == ["R", "T"]
    assert {a.act for a in albania.acts} == set()


def test_the_command_shows_the_marks_state_by_state(capsys):
    before = log_size()
    out, _err, code = run(
        capsys, str(FIXTURES / "chart_marks.csv"), "--treaty", "cets-201", "--dry-run"
    )
    assert code == 0 and log_size() == before
    assert "marks, RU: reservations: the record has more" in out
    assert "marks, AT: declarations: the record lacks it; " in out
    out, _err, code = run(
        capsys,
        str(FIXTURES / "chart_marks.csv"),
        "--treaty",
        "cets-201",
        "--dry-run",
        "--format",
        "json",
    )
    assert code == 0 and log_size() == before
    data = json.loads(out)
    andorra = next(s for s in data["states"] if s["state"] == "AD")
    assert andorra["marks_against_record"] == [
        {"mark": "R", "meaning": "reservations", "chart": True, "record": 1, "agreement": "agrees"},
        {
            "mark": "A/C",
            "meaning": "authority or communication (Art. 37(2))",
            "chart": True,
            "record": 1,
            "agreement": "agrees",
        },
    ]


# -- applying ------------------------------------------------------------------------------


def test_applying_supersedes_narrowed_events_adds_acts_and_cites_the_chart():
    romania_before = standing("RO", TreatyEvent.Kind.RATIFICATION)
    result = chart_import_apply(
        actor=ACTOR,
        treaty=treaty(),
        filename="chart.html",
        content=fixture("chart_cets201.html"),
        url="https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=201",
    )
    romania = standing("RO", TreatyEvent.Kind.RATIFICATION)
    assert romania.supersedes_id == romania_before.pk
    assert romania.known_date == KnownDate.exact(date(2011, 6, 21))
    assert romania.sources[0]["grade"] == "depositary"
    assert romania.sources[0]["extracted_on"] == "2026-12-01"
    assert romania.sources[0]["url"].startswith("https://www.coe.int/")
    japan = standing("JP", TreatyEvent.Kind.SIGNATURE)
    assert japan.known_date == KnownDate.exact(date(2026, 6, 2))
    assert japan.confirmed
    denunciation = standing("ME", TreatyEvent.Kind.DENUNCIATION)
    assert denunciation.known_date == KnownDate.exact(date(2026, 9, 10))
    assert {e.pk for e in result.events_added} == {japan.pk, denunciation.pk}
    # Acts the depositary notified long ago are not notified anew.
    assert not DepositaryNotification.objects.filter(event__in=result.events_added).exists()
    audit = AuditRecord.objects.filter(action=AuditAction.REGISTRY_CHART_IMPORT).get()
    assert audit.payload["outcomes"]["adds"] == 2
    assert audit.payload["source"]["title"] == "Chart of signatures and ratifications of Treaty 201"
    recorded = DateEvidence.objects.filter(source__grade="depositary", state_id="RO")
    assert recorded.filter(act="consent", date_earliest=date(2011, 6, 21)).exists()


def test_applying_the_same_chart_twice_records_nothing_new():
    chart_import_apply(
        actor=ACTOR, treaty=treaty(), filename="c.html", content=fixture("chart_cets201.html")
    )
    events, evidence, _audit = log_size()
    again = chart_import_apply(
        actor=ACTOR, treaty=treaty(), filename="c.html", content=fixture("chart_cets201.html")
    )
    assert again.evidence_recorded == 0
    assert (TreatyEvent.objects.count(), DateEvidence.objects.count()) == (events, evidence)


def test_a_contradiction_without_a_decision_is_refused_and_nothing_is_written():
    before = log_size()
    with pytest.raises(Conflict) as refused:
        chart_import_apply(
            actor=ACTOR,
            treaty=treaty(),
            filename="c.csv",
            content=fixture("chart_contradiction.csv"),
        )
    assert refused.value.status == 409
    assert "Austria" in refused.value.message
    assert log_size() == before


def test_accepting_the_chart_sets_the_contradicted_evidence_aside_with_the_reason():
    austria_before = standing("AT", TreatyEvent.Kind.RATIFICATION)
    result = chart_import_apply(
        actor=ACTOR,
        treaty=treaty(),
        filename="c.csv",
        content=fixture("chart_contradiction.csv"),
        decisions={"AT": Decision.parse("accept:the instrument is dated 26 February")},
    )
    austria = standing("AT", TreatyEvent.Kind.RATIFICATION)
    assert austria.supersedes_id == austria_before.pk
    assert austria.known_date == KnownDate.exact(date(2011, 2, 26))
    assert result.evidence_set_aside >= 1
    retraction = DateEvidence.objects.filter(state_id="AT", is_retraction=True).first()
    assert retraction is not None
    assert "26 February" in retraction.correction_reason


def test_keeping_the_record_leaves_the_state_as_it_was():
    austria_before = standing("AT", TreatyEvent.Kind.RATIFICATION)
    result = chart_import_apply(
        actor=ACTOR,
        treaty=treaty(),
        filename="c.csv",
        content=fixture("chart_contradiction.csv"),
        decisions={"AT": Decision.parse("keep:the chart's 26 is a typing error")},
    )
    assert result.states_kept == ["AT"]
    assert standing("AT", TreatyEvent.Kind.RATIFICATION).pk == austria_before.pk
    assert not DateEvidence.objects.filter(state_id="AT", source__grade="depositary").filter(
        date_earliest=date(2011, 2, 26)
    )


def test_an_act_the_law_refuses_undoes_the_whole_import():
    # Japan has not ratified: it cannot denounce (Art. 49(1)), so nothing of the chart stays,
    # not even Romania's narrowed deposit on an earlier row.
    content = (
        b"States,Signature,Ratification,Entry into force,Notes\n"
        b"Romania,25/10/2007,21/6/2011,1/10/2011,\n"
        b"Japan,2/6/2026,,,Denunciation: 1/11/2026\n"
    )
    before = log_size()
    with pytest.raises(InvalidInput) as refused:
        chart_import_apply(actor=ACTOR, treaty=treaty(), filename="c.csv", content=content)
    assert "Japan (row 3)" in refused.value.message
    assert log_size() == before


def test_decisions_are_accept_or_keep_with_a_reason():
    with pytest.raises(InvalidInput):
        Decision.parse("accept")
    with pytest.raises(InvalidInput):
        Decision.parse("maybe:because")


# -- command line --------------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[str, str, int]:
    code = 0
    try:
        call_command("import_chart", *args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return captured.out, captured.err, code


def test_the_command_previews_without_writing(capsys):
    before = log_size()
    out, _err, code = run(
        capsys, str(FIXTURES / "chart_cets201.html"), "--treaty", "cets-201", "--dry-run"
    )
    assert code == 0
    assert log_size() == before
    lines = [line.split() for line in out.splitlines()]
    # Romania's row starts on line 28 of the page; its deposit narrows to the chart's day.
    assert next(w for w in lines if "RO" in w)[:4] == ["28", "RO", "confirms", "signature"]
    assert ["narrows", "consent", "2011-06-21"] in [w[:3] for w in lines]
    assert "adds 2" in out and "narrows 1" in out and "unchanged 1" in out


def test_the_command_reports_problems_by_row_and_exits_non_zero(capsys, tmp_path):
    broken = tmp_path / "chart.csv"
    broken.write_text("States,Signature,Ratification,Entry into force\nAtlantis,,,\n")
    _out, err, code = run(capsys, str(broken), "--treaty", "cets-201")
    assert code == 2
    assert "row 2, column States" in err


def test_the_command_applies_with_a_decision(capsys):
    path = str(FIXTURES / "chart_contradiction.csv")
    _out, err, code = run(capsys, path, "--treaty", "cets-201")
    assert code == 2 and "Austria" in err
    _out, err, code = run(
        capsys,
        path,
        "--treaty",
        "cets-201",
        "--extracted",
        "2026-11-30",
        "--decide",
        "AT=accept:the instrument is dated 26 February",
    )
    assert code == 0, err
    assert "applied:" in err
    event = standing("AT", TreatyEvent.Kind.RATIFICATION)
    assert event.sources[0]["extracted_on"] == "2026-11-30"
