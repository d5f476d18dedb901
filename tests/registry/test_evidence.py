"""Dated evidence: the shipped bounds, the intervals narrowed from them, graded sources and the
refusal of mirror sites."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from lanzarote.core.audit import Actor
from lanzarote.core.errors import InvalidInput
from lanzarote.registry import selectors, services
from lanzarote.registry.models import (
    DateEvidence,
    ElaborationParticipation,
    MembershipPeriod,
    StateNote,
    Treaty,
    TreatyEvent,
)
from lanzarote.registry.reference_data import DATA_DIR, parse_sources, registry_data_load
from lanzarote.registry.sources import Grade, clean_source, mirror_of
from lanzarote.treaty_law import KnownDate
from tests.registry.helpers import data_with

pytestmark = pytest.mark.django_db

RESEARCH = DATA_DIR / "research"
BOUNDS = "research/cets201_bounds.csv"
LOADER = Actor.system("reference data")


def heads(treaty: str = "cets-201") -> dict[tuple[str, str], TreatyEvent]:
    found = {}
    for event in selectors.effective_events(selectors.treaty_get(treaty)):
        act = "consent" if event.kind in ("ratification", "acceptance", "accession") else event.kind
        found.setdefault((event.state_id, act), event)
    return found


def readme_after_table() -> dict[str, tuple[str, str, str]]:
    """The research's before → after table: the tightest interval per State and act."""
    text = (RESEARCH / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| .*\((\w\w)\) \| (.*) \| (.*) \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = tuple(_after(cell) for cell in match.groups()[1:])
    return rows


def _after(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith("none"):
        return ""
    part = cell.split("→")[-1] if "→" in cell else cell.split("=")[-1]
    return part.strip().rsplit(" (", 1)[0].replace(" ", "")


def test_every_shipped_bound_is_loaded_as_graded_evidence():
    with (RESEARCH / "cets201_bounds.csv").open(encoding="utf-8") as handle:
        shipped = list(csv.DictReader(handle))
    evidence = selectors.effective_evidence(selectors.treaty_get("cets-201"))
    assert len(evidence) == len(shipped) == 268
    assert {e.source["grade"] for e in evidence} <= set(Grade.values)
    assert all(e.source["extracted_on"] == "2026-12-01" for e in evidence)


def test_each_date_is_the_tightest_interval_the_research_found():
    """The research README lists, per State, the interval the evidence and the rules allow;
    the loader computes the same through treaty_law.narrowing (nothing typed in)."""
    expected = readme_after_table()
    assert len(expected) == 48
    events = heads()
    for code, (signature, consent, _entry) in expected.items():
        for act, text in (("signature", signature), ("consent", consent)):
            event = events.get((code, act))
            if not text:
                assert event is None, (code, act)
                continue
            want = KnownDate.parse(text)
            assert event is not None, (code, act)
            got = event.known_date
            assert (got.earliest, got.latest) == (want.earliest, want.latest), (code, act)


def test_entry_into_force_intervals_follow_from_the_narrowed_deposits():
    expected = readme_after_table()
    view = selectors.chart_view(selectors.treaty_get("cets-201"), as_of=date(2023, 5, 31))
    for row in view.chart.rows:
        if row.state not in expected:
            continue
        want = KnownDate.parse(expected[row.state][2])
        assert row.entry_into_force is not None
        assert (row.entry_into_force.earliest, row.entry_into_force.latest) == (
            want.earliest,
            want.latest,
        ), row.state


def test_narrowed_events_say_what_they_rest_on():
    events = heads()
    portugal = events[("PT", "consent")]
    assert portugal.basis == TreatyEvent.Basis.BOUNDED
    assert portugal.confirmed
    assert {s["grade"] for s in portugal.sources} == {"gazette"}
    albania = events[("AL", "signature")]
    assert albania.basis == TreatyEvent.Basis.REQUIRED
    assert not albania.confirmed
    andorra = events[("AD", "consent")]
    assert andorra.known_date.value == date(2014, 4, 30)
    assert andorra.sources[0]["grade"] == "depositary"
    assert andorra.stated_entry_into_force == date(2014, 8, 1)
    bosnia = events[("BA", "consent")]
    assert bosnia.known_date == KnownDate.month(2012, 11)


def test_a_state_without_a_source_for_its_signature_is_bounded_by_the_rules_only():
    azerbaijan, bulgaria = heads()[("AZ", "signature")], heads()[("BG", "signature")]
    assert azerbaijan.basis == TreatyEvent.Basis.BOUNDED  # the Storting's count of 4 Jan 2018
    assert azerbaijan.known_date.latest == date(2018, 1, 4)
    assert bulgaria.basis == TreatyEvent.Basis.REQUIRED
    assert bulgaria.known_date.earliest == date(2007, 10, 25)


def test_no_shipped_source_is_a_mirror_or_an_aggregator():
    urls = []
    for name in ("cets201_events.csv", "opsc_events.csv", "state_notes.csv"):
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            urls += [
                s["url"] for row in csv.DictReader(handle) for s in parse_sources(row["sources"])
            ]
    for name in ("coe_membership.csv", "elaboration.csv"):
        with (DATA_DIR / name).open(encoding="utf-8") as handle:
            urls += [
                s["url"] for row in csv.DictReader(handle) for s in parse_sources(row["source"])
            ]
    with (RESEARCH / "cets201_bounds.csv").open(encoding="utf-8") as handle:
        urls += [row["source_url"] for row in csv.DictReader(handle)]
    for treaty in json.loads((DATA_DIR / "treaties.json").read_text(encoding="utf-8")):
        urls += [s["url"] for s in treaty["sources"]]
    urls = [url for url in urls if url]
    assert len(urls) > 500
    assert [url for url in urls if mirror_of(url)] == []


def test_every_stored_source_is_graded_and_none_is_a_mirror():
    stored = [s for e in TreatyEvent.objects.all() for s in e.sources]
    stored += [e.source for e in DateEvidence.objects.all()]
    for model in (StateNote, MembershipPeriod, Treaty, ElaborationParticipation):
        stored += [s for item in model.objects.all() for s in item.sources]
    assert stored
    assert {s["grade"] for s in stored} <= set(Grade.values)
    assert not [s["url"] for s in stored if s["url"] and mirror_of(s["url"])]


@pytest.mark.parametrize(
    ("url", "mirror"),
    [
        ("https://de.wiki.li/Lanzarote", "de.wiki.li"),
        ("https://www.grandeenciclopedia.com/x", "grandeenciclopedia.com"),
        ("https://ad.vlex.com/vid/1", "vlex.com"),
        (
            "https://github.com/statengeneraal/laws-markdown/blob/x",
            "github.com/statengeneraal/laws-markdown",
        ),
        ("https://github.com/world-politics-datalab/x", None),
        ("https://www.coe.int/en/web/children", None),
    ],
)
def test_mirrors_are_recognised_by_host_and_path(url, mirror):
    assert mirror_of(url) == mirror


def test_a_source_is_refused_without_a_grade_on_a_mirror_or_with_unknown_fields():
    with pytest.raises(InvalidInput, match="grade"):
        clean_source({"url": "https://www.coe.int/x"})
    with pytest.raises(InvalidInput, match="copy or an aggregator"):
        clean_source({"url": "https://iiab.me/kiwix/x", "grade": "other"})
    with pytest.raises(InvalidInput, match="no field"):
        clean_source({"url": "https://www.coe.int/x", "grade": "press", "actor": "x"})
    with pytest.raises(InvalidInput, match="YYYY-MM-DD"):
        clean_source({"title": "T", "grade": "press", "extracted_on": "yesterday"})
    with pytest.raises(InvalidInput, match="http"):
        clean_source({"url": "javascript:alert(1)", "grade": "press"})
    assert clean_source({"title": "Gazette 12/2010", "grade": "gazette"})["url"] == ""


def test_an_act_recorded_by_the_treaty_office_is_a_depositary_source():
    treaty, state = selectors.treaty_get("cets-201"), selectors.state_get("BR")
    event = services.treaty_event_record(
        actor=Actor.system("desk"),
        treaty=treaty,
        state=state,
        kind="accession",
        legal_date=KnownDate.exact(date(2024, 3, 5)),
        sources=[{"note": "instrument received"}],
        notify=False,
    )
    assert event.sources[0]["grade"] == Grade.DEPOSITARY
    with pytest.raises(InvalidInput, match="grade"):
        services.treaty_event_record(
            actor=Actor.system("desk"),
            treaty=treaty,
            state=selectors.state_get("AR"),
            kind="accession",
            legal_date=KnownDate.exact(date(2024, 3, 5)),
            sources=[{"note": "a newspaper"}],
            basis=TreatyEvent.Basis.SOURCE,
            notify=False,
        )


def test_new_evidence_narrows_the_event_through_a_superseding_correction():
    treaty, state = selectors.treaty_get("cets-201"), selectors.state_get("SE")
    before = heads()[("SE", "consent")]
    services.evidence_record(
        actor=LOADER,
        treaty=treaty,
        state=state,
        act="consent",
        known=KnownDate.exact(date(2013, 6, 28)),
        source={"title": "Treaty Office chart", "grade": "depositary", "url": ""},
    )
    [corrected] = services.event_dates_refresh(
        actor=LOADER, treaty=treaty, state=state, reason="Depositary chart"
    )
    assert corrected.supersedes == before
    assert corrected.known_date.value == date(2013, 6, 28)
    assert corrected.sources[0]["grade"] == "depositary"
    assert "legal_date" in corrected.correction_reason
    assert services.event_dates_refresh(actor=LOADER, treaty=treaty, state=state, reason="x") == []


def test_evidence_set_aside_by_a_decision_is_not_restored_by_the_loader():
    treaty = selectors.treaty_get("cets-201")
    [hungary] = [
        e
        for e in selectors.effective_evidence(treaty, state=selectors.state_get("HU"))
        if e.act == "consent" and e.known_date.latest == date(2015, 8, 4)
    ]
    services.evidence_retract(
        actor=Actor.system("treaty office"), evidence=hungary, reason="The chart says otherwise."
    )
    report = registry_data_load()
    assert report.evidence_recorded == 0
    assert hungary.superseded_by.is_retraction


def test_shipped_evidence_that_contradicts_itself_stops_the_loader(tmp_path: Path):
    data = data_with(tmp_path, BOUNDS, "AM,consent,exact,2020-09-07", "AM,consent,exact,2020-10-07")
    with pytest.raises(ValueError, match="evidence on AM contradicts itself"):
        registry_data_load(data_dir=data)


def test_a_changed_bound_supersedes_the_dated_event(tmp_path: Path):
    data = data_with(tmp_path, BOUNDS, "AM,consent,exact,2020-09-07", "AM,consent,exact,2020-09-06")
    report = registry_data_load(data_dir=data)
    assert (report.evidence_recorded, report.evidence_retracted) == (1, 1)
    assert report.changed_keys == ["cets-201/AM/consent"]
    assert heads()[("AM", "consent")].known_date.value == date(2020, 9, 6)
