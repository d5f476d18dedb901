"""The readiness report: counts per chapter, never a single score nor a ranking; gaps with
criminal law and procedure first; the route to join with a computed entry into force; what
existing commitments cover."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from lanzarote.readiness import reports, selectors, services
from lanzarote.readiness.answers import Answer, AnswerSheet
from lanzarote.registry import selectors as registry
from lanzarote.treaty_law import Route
from tests.readiness.helpers import docx_text, html, pdf_text

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


def sheet(answers: dict[str, Answer], state: str = "BR", weprotect: bool = False) -> AnswerSheet:
    return AnswerSheet(
        state=registry.state_get(state), title="T", weprotect_member=weprotect, answers=answers
    )


def test_counts_per_chapter_and_gaps_with_criminal_law_and_procedure_first(loaded_db):
    answers = {
        "5.3": Answer(status="not_in_place", notes="No vetting."),
        "37.1": Answer(status="partly"),
        "35.2": Answer(status="partly", notes="No video recording."),
        "18.1.a": Answer(status="in_place"),
        "23": Answer(status="not_in_place"),
        "13": Answer(status="not_known"),
    }
    report = reports.readiness_report(sheet(answers), today=TODAY)
    by_chapter = {c.number: c.counts for c in report.chapters}
    assert by_chapter["VI"] == {"in_place": 1, "partly": 0, "not_in_place": 1, "not_known": 35}
    assert by_chapter["II"]["not_in_place"] == 1
    assert sum(c.total for c in report.chapters) == 109
    assert [g.entry.code for g in report.gaps] == ["23", "35.2", "5.3", "37.1"]
    assert report.unknown == 109 - 5


def test_the_report_has_no_overall_score_and_no_ranking(client, official, assessment):
    services.answers_record(
        user=official,
        assessment=assessment,
        answers={"4": Answer(status="in_place"), "23": Answer(status="not_in_place")},
    )
    report = reports.readiness_report(selectors.sheet_of(assessment), today=TODAY)
    fields = {f.name for f in dataclasses.fields(report)}
    assert not fields & {"score", "percentage", "rank", "ranking", "overall", "total_score"}
    client.force_login(official)
    page = client.get(f"/en/readiness/assessments/{assessment.pk}/report/")
    body = page.content.decode()
    visible = re.sub(r"<[^>]+>", " ", body)
    assert not re.search(r"\d\s*%", visible)
    assert not re.search(r"\b(rank|ranking|ranked)\b", visible, re.IGNORECASE)
    # "score" appears only to say there is none.
    assert "score" not in visible.lower().replace("no overall score", "")
    content, _pages = pdf_text(
        client.get(f"/en/readiness/assessments/{assessment.pk}/report.pdf").content
    )
    assert not re.search(r"\d\s*%", content)
    assert "score" not in content.replace("no overall score", "")
    word = docx_text(client.get(f"/en/readiness/assessments/{assessment.pk}/report.docx").content)
    assert not re.search(r"\d\s*%", word)


def test_the_chart_is_server_rendered_svg_with_titles_and_a_table(client, official, assessment):
    client.force_login(official)
    body = client.get(f"/en/readiness/assessments/{assessment.pk}/report/").content.decode()
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert 'role="img"' in svg
    assert "Obligations per chapter, by answer" in svg
    assert "Chapter VI – Substantive criminal law: 37 not known" in svg
    assert svg.count("<rect") == 8 + 4  # one segment per chapter, and the legend
    assert "<script" not in body.split("</header>", 1)[1]
    assert "<caption>Obligations per chapter</caption>" in body
    page = html(client.get(f"/fr/readiness/assessments/{assessment.pk}/report/"))
    assert re.search(r'<rect x="60\.0" y="10"', page), "SVG numbers are not localised"


def test_the_route_for_brazil_is_accession_with_a_computed_entry_into_force(
    client, official, assessment
):
    route = reports.route_to_join("BR", today=TODAY, deposit=date(2027, 3, 15))
    assert route.eligibility.route is Route.ACCESSION
    assert route.entry_into_force is not None
    assert route.entry_into_force.value.value == date(2027, 7, 1)
    assert route.entry_into_force.article == "Art. 46(2)"
    labels = [m.label for m in route.milestones]
    assert labels[0] == "Request to the Secretary General"
    assert "Consultation of the Parties" in labels
    assert labels[-2:] == [
        "Deposit of the instrument of accession",
        "Entry into force for the State",
    ]
    client.force_login(official)
    page = html(
        client.get(f"/en/readiness/assessments/{assessment.pk}/report/", {"deposit": "2027-03-15"})
    )
    assert "15 March 2027" in page and "1 July 2027" in page
    assert "typically a few months" in page
    bad = client.get(f"/en/readiness/assessments/{assessment.pk}/report/", {"deposit": "yesterday"})
    assert bad.status_code == 400
    content, _pages = pdf_text(
        client.get(
            f"/en/readiness/assessments/{assessment.pk}/report.pdf", {"deposit": "2027-03-15"}
        ).content
    )
    assert "1 July 2027" in content


def test_a_party_needs_no_route(loaded_db):
    route = reports.route_to_join("FR", today=TODAY)
    assert route.eligibility.route is Route.ALREADY_PARTY
    assert route.milestones == () and route.entry_into_force is None


def test_gaps_carry_the_committee_texts_and_the_reservations_allowed(loaded_db):
    report = reports.readiness_report(
        sheet({"20.1.f": Answer(status="not_in_place"), "23": Answer(status="partly")}), today=TODAY
    )
    gaps = {g.entry.code: g for g in report.gaps}
    assert [p.code for p in gaps["20.1.f"].entry.reservations] == ["20(4)"]
    assert "opinion-article-23" in [t.key for t in gaps["23"].entry.texts]


def test_what_existing_commitments_cover(loaded_db):
    brazil = reports.readiness_report(sheet({}), today=TODAY)
    coverage = {c.instrument: c for c in brazil.coverage}
    assert coverage["opsc"].applies and "Party to the OPSC" in coverage["opsc"].basis
    equivalents = [m for m in selectors.catalogue().mappings("opsc") if m.relation == "equivalent"]
    # Three since the OPSC mappings confined to its own offences became partial (17 before).
    assert coverage["opsc"].equivalent == len(equivalents) == 3
    assert not coverage["mnr"].applies
    assert coverage["sdg"].applies
    somalia = reports.readiness_report(sheet({}, state="SO", weprotect=True), today=TODAY)
    coverage = {c.instrument: c for c in somalia.coverage}
    assert not coverage["opsc"].applies
    assert coverage["mnr"].applies and "self-declared" in coverage["mnr"].basis
