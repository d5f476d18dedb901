"""Open data: the registry's datasets as CSV, JSON and XLSX, each with its data dictionary, the
licence (the `LANZAROTE_OPEN_DATA_LICENCE` setting), the moment of extraction and the registry
version. Rows come from the selectors and presenters the pages and the API use, with stable
identifiers: ISO 3166-1 codes for States, event ids, treaty slugs."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lanzarote.committee import presenters as committee_presenters
from lanzarote.committee import selectors as committee
from lanzarote.core.http.downloads import csv_bytes, plain_cell
from lanzarote.monitoring import selectors as monitoring
from lanzarote.registry import presenters, selectors
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL
from lanzarote.web import display

TREATIES = (CONVENTION, OPTIONAL_PROTOCOL)
FORMATS = ("csv", "json", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json", "xlsx": XLSX}

TEXT = _("text")
CODE = _("code")
DATE = _("date (ISO 8601, YYYY-MM-DD)")
KNOWN_DATE = _("date as known: YYYY-MM-DD, YYYY-MM, YYYY, a range a..b, or “unknown”")
BOOLEAN = _("boolean (yes/no in CSV)")
INTEGER = _("integer")
TIMESTAMP = _("date and time (ISO 8601, UTC offset)")


@dataclass(frozen=True)
class Column:
    name: str
    type: Promise | str
    meaning: Promise | str


@dataclass(frozen=True)
class Query:
    as_of: date
    treaty: str = CONVENTION


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise | str
    description: Promise | str
    columns: tuple[Column, ...]
    rows: Callable[[Query], list[dict[str, Any]]]
    by_date: bool = True
    by_treaty: bool = False

    @property
    def fields(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class Extract:
    dataset: Dataset
    query: Query
    rows: list[dict[str, Any]]
    extracted_at: datetime
    registry_version: str
    licence: str = field(default="")

    @property
    def filename(self) -> str:
        parts = [self.dataset.slug]
        if self.dataset.by_treaty:
            parts.append(self.query.treaty)
        if self.dataset.by_date:
            parts.append(self.query.as_of.isoformat())
        return "-".join(parts)

    def metadata(self) -> dict[str, Any]:
        query: dict[str, Any] = {}
        if self.dataset.by_treaty:
            query["treaty"] = self.query.treaty
        if self.dataset.by_date:
            query["as_of"] = self.query.as_of.isoformat()
        return {
            "dataset": self.dataset.slug,
            "title": str(self.dataset.title),
            "licence": self.licence,
            "licence_url": licence_url(),
            "extracted_at": self.extracted_at.isoformat(timespec="seconds"),
            "registry_version": self.registry_version,
            "query": query,
        }


def licence() -> str:
    return str(settings.LANZAROTE_OPEN_DATA_LICENCE)


def licence_url() -> str:
    return str(getattr(settings, "LANZAROTE_OPEN_DATA_LICENCE_URL", ""))


# -- the datasets ----------------------------------------------------------------------------

STATE = Column("state", CODE, _("The State's ISO 3166-1 alpha-2 code (EU for the European Union)."))
AS_OF = Column("as_of", DATE, _("The legal date the row describes."))
TREATY = Column("treaty", CODE, _("The treaty's slug: cets-201 or opsc."))


def _chart_rows(query: Query) -> list[dict[str, Any]]:
    view = selectors.chart_view(selectors.treaty_get(query.treaty), as_of=query.as_of)
    return [
        {"treaty": query.treaty, "as_of": query.as_of.isoformat(), **row}
        for row in presenters.chart_csv_rows(view)
    ]


def _bounds_columns(prefix: str, what: Promise | str) -> list[Column]:
    return [
        Column(f"{prefix}_earliest", DATE, what),
        Column(f"{prefix}_latest", DATE, what),
    ]


CHART_COLUMNS = (
    TREATY,
    AS_OF,
    STATE,
    Column("name", TEXT, _("The State's name in the language of the download.")),
    Column(
        "status",
        CODE,
        _(
            "Status on the date: party, consented (instrument deposited, not yet in force), "
            "signatory, denounced, none, or uncertain (it depends on a date no source gives)."
        ),
    ),
    Column("signature", KNOWN_DATE, _("Date of signature, as far as it is known.")),
    Column(
        "consent_instrument",
        CODE,
        _("Instrument of consent: ratification, acceptance, approval or accession."),
    ),
    Column("consent", KNOWN_DATE, _("Date the instrument of consent was deposited.")),
    Column(
        "entry_into_force",
        KNOWN_DATE,
        _("Date the treaty entered into force for the State, computed under its final clauses."),
    ),
    *_bounds_columns("signature", _("Earliest and latest possible day of the signature.")),
    *_bounds_columns("consent", _("Earliest and latest possible day of the deposit.")),
    *_bounds_columns(
        "entry_into_force", _("Earliest and latest possible day of the entry into force.")
    ),
)


def _event_rows(query: Query) -> list[dict[str, Any]]:
    rows = []
    for slug in TREATIES:
        events = list(selectors.event_list(selectors.treaty_get(slug), include_superseded=True))
        superseded_by = {e.supersedes_id: e.pk for e in events if e.supersedes_id}
        for event in sorted(events, key=lambda e: e.pk):
            known = event.known_date
            rows.append(
                {
                    "event_id": event.pk,
                    "treaty": slug,
                    "state": event.state_id,
                    "kind": event.kind,
                    "date": known.as_text(),
                    "date_precision": known.precision.value,
                    "date_earliest": known.earliest.isoformat() if known.earliest else "",
                    "date_latest": known.latest.isoformat() if known.latest else "",
                    "instrument": event.instrument,
                    "provisions": ";".join(event.provisions or []),
                    "stated_entry_into_force": (
                        event.stated_entry_into_force.isoformat()
                        if event.stated_entry_into_force
                        else ""
                    ),
                    "confirmed": event.confirmed,
                    "basis": event.basis,
                    "supersedes": event.supersedes_id or "",
                    "superseded_by": superseded_by.get(event.pk, ""),
                    "is_retraction": event.is_retraction,
                    "effective": event.pk not in superseded_by and not event.is_retraction,
                    "recorded_at": event.recorded_at.isoformat(timespec="seconds"),
                    "text_en": event.text_en,
                    "text_fr": event.text_fr,
                    "sources": " | ".join(
                        s.get("url") or s.get("note", "") for s in event.sources or []
                    ),
                }
            )
    return rows


EVENT_COLUMNS = (
    Column(
        "event_id",
        INTEGER,
        _("The event's identifier in the registry; never reused, never changed."),
    ),
    TREATY,
    STATE,
    Column(
        "kind",
        CODE,
        _(
            "signature, ratification, acceptance, approval, accession, reservation, declaration, "
            "withdrawal, territorial_application or denunciation."
        ),
    ),
    Column("date", KNOWN_DATE, _("The legal date of the act, as far as it is known.")),
    Column("date_precision", CODE, _("day, month, year, range or unknown.")),
    *_bounds_columns("date", _("Earliest and latest possible day of the act.")),
    Column("instrument", CODE, _("The instrument deposited, for a consent.")),
    Column(
        "provisions",
        TEXT,
        _("Provisions a reservation or declaration concerns, separated by semicolons."),
    ),
    Column(
        "stated_entry_into_force",
        DATE,
        _("The entry into force a source states for this act, if any."),
    ),
    Column("confirmed", BOOLEAN, _("Whether a source confirms the date to the day.")),
    Column(
        "basis",
        CODE,
        _(
            "Where the date comes from: source, inferred_from_entry_into_force, bounded_by_list, "
            "required_by_rules or recorded."
        ),
    ),
    Column("supersedes", INTEGER, _("The event this one corrects, if any.")),
    Column("superseded_by", INTEGER, _("The event that corrects this one, if any.")),
    Column("is_retraction", BOOLEAN, _("Whether this event withdraws the one it supersedes.")),
    Column(
        "effective",
        BOOLEAN,
        _("Whether the event counts today: not superseded and not a retraction."),
    ),
    Column("recorded_at", TIMESTAMP, _("When the event was recorded in the registry.")),
    Column("text_en", TEXT, _("Text of the act or its summary, in English.")),
    Column("text_fr", TEXT, _("Text of the act or its summary, in French.")),
    Column("sources", TEXT, _("Public sources of the fact, separated by “ | ”.")),
)


def _state_rows(query: Query) -> list[dict[str, Any]]:
    members = selectors.membership()
    statuses: dict[str, dict[str, str]] = {}
    for slug in TREATIES:
        view = selectors.chart_view(selectors.treaty_get(slug), as_of=query.as_of)
        statuses[slug] = {row.state: display.status_key(row) for row in view.chart.rows}
    return [
        {
            "state": state.code,
            "alpha3": state.alpha3,
            "numeric": state.numeric,
            "name_en": state.name_en,
            "name_fr": state.name_fr,
            "kind": state.kind,
            "member_of_council_of_europe": members.is_member(state.code, query.as_of),
            "cets_201_status": statuses[CONVENTION].get(state.code, display.NONE),
            "opsc_status": statuses[OPTIONAL_PROTOCOL].get(state.code, display.NONE),
            "as_of": query.as_of.isoformat(),
        }
        for state in selectors.state_list()
    ]


STATE_COLUMNS = (
    STATE,
    Column("alpha3", CODE, _("ISO 3166-1 alpha-3 code.")),
    Column("numeric", CODE, _("ISO 3166-1 numeric code (three digits, as text).")),
    Column("name_en", TEXT, _("Name in English.")),
    Column("name_fr", TEXT, _("Name in French.")),
    Column("kind", CODE, _("state, territory or organisation.")),
    Column(
        "member_of_council_of_europe",
        BOOLEAN,
        _("Member of the Council of Europe on the date; empty when uncertain."),
    ),
    Column(
        "cets_201_status",
        CODE,
        _("Status under the Lanzarote Convention on the date (see the chart's status column)."),
    ),
    Column("opsc_status", CODE, _("Status under the UN Optional Protocol (OPSC) on the date.")),
    AS_OF,
)


def _composition_rows(query: Query) -> list[dict[str, Any]]:
    rows = committee_presenters.composition_csv_rows(committee.composition(query.as_of))
    return [{**row, "as_of": query.as_of.isoformat()} for row in rows]


COMPOSITION_COLUMNS = (
    Column("group", CODE, _("member (a Party, votes), participant or observer (do not vote).")),
    Column(
        "code",
        CODE,
        _("ISO 3166-1 alpha-2 code of a State, or the organisation's slug in the registry."),
    ),
    Column("name", TEXT, _("Name in the language of the download.")),
    Column("basis", CODE, _("Why it sits on the Committee (party, observer, Art. 40 basis…).")),
    Column("since", KNOWN_DATE, _("Since when, as far as it is known.")),
    Column("votes", BOOLEAN, _("Whether it votes: only members do.")),
    Column("certain", BOOLEAN, _("Whether the seat on the date is certain.")),
    Column("confirmed", BOOLEAN, _("Whether a source confirms the date.")),
    AS_OF,
)


def _recommendation_rows(query: Query) -> list[dict[str, Any]]:
    rows = []
    for item in monitoring.recommendation_list(include_demo=False):
        report = item.report
        rows.append(
            {
                "recommendation_id": item.pk,
                "round": report.round.slug,
                "report": report.slug,
                "report_document": report.document_code,
                "number": item.number,
                "strength": item.strength.slug if item.strength else "",
                "addressed_to_all": item.addressed_to_all,
                "addressees": ";".join(sorted(s.code for s in item.addressees.all())),
                "articles": ";".join(str(a.number) for a in item.articles.all()),
                "follow_up_due": (
                    monitoring.follow_up_due(item).isoformat()  # type: ignore[union-attr]
                    if monitoring.follow_up_due(item)
                    else ""
                ),
                "text_en": item.text_en,
                "text_fr": item.text_fr,
            }
        )
    return rows


RECOMMENDATION_COLUMNS = (
    Column("recommendation_id", INTEGER, _("The recommendation's identifier in the registry.")),
    Column("round", CODE, _("The monitoring round's short name.")),
    Column("report", CODE, _("The report's short name.")),
    Column(
        "report_document", CODE, _("The report's document reference, for example T-ES(2022)06.")
    ),
    Column("number", CODE, _("The recommendation's number in its report.")),
    Column(
        "strength", CODE, _("Its strength: the Committee's vocabulary (urge, request, invite…).")
    ),
    Column(
        "addressed_to_all",
        BOOLEAN,
        _("Whether it is addressed to every Party in the round (then addressees is empty)."),
    ),
    Column("addressees", TEXT, _("ISO 3166-1 alpha-2 codes of the Parties it names, by “;”.")),
    Column("articles", TEXT, _("Articles of the Convention it concerns, separated by “;”.")),
    Column("follow_up_due", DATE, _("When information on its follow-up is due.")),
    Column("text_en", TEXT, _("Its text in English.")),
    Column("text_fr", TEXT, _("Its text in French.")),
)


def datasets() -> dict[str, Dataset]:
    """Every dataset offered, in the order of the page; those of an app that is not installed
    are left out."""
    found = [
        Dataset(
            slug="chart",
            title=_("The chart of signatures and ratifications"),
            description=_(
                "Each State with an act under the treaty, its status on the date and the dates "
                "of its signature, consent and entry into force, with their bounds."
            ),
            columns=CHART_COLUMNS,
            rows=_chart_rows,
            by_treaty=True,
        ),
        Dataset(
            slug="events",
            title=_("The event log"),
            description=_(
                "Every treaty action ever recorded for CETS 201 and the OPSC, corrections "
                "included: the registry is append-only, a correction supersedes an event."
            ),
            columns=EVENT_COLUMNS,
            rows=_event_rows,
            by_date=False,
        ),
        Dataset(
            slug="states",
            title=_("States"),
            description=_(
                "Every State, territory and organisation known to the registry, with its codes, "
                "names, Council of Europe membership and status under both treaties on the date."
            ),
            columns=STATE_COLUMNS,
            rows=_state_rows,
        ),
    ]
    found.append(
        Dataset(
            slug="committee-composition",
            title=_("Composition of the Lanzarote Committee"),
            description=_(
                "Members (the Parties), participants and observers on the date, derived from "
                "the registry and the Committee's decisions."
            ),
            columns=COMPOSITION_COLUMNS,
            rows=_composition_rows,
        )
    )
    found.append(
        Dataset(
            slug="recommendations",
            title=_("Recommendations of the Lanzarote Committee"),
            description=_(
                "Every recommendation of the Committee's adopted reports, with its strength, "
                "addressees and articles. Demonstration records are left out."
            ),
            columns=RECOMMENDATION_COLUMNS,
            rows=_recommendation_rows,
            by_date=False,
        )
    )
    return {d.slug: d for d in found}


def extract(dataset: Dataset, query: Query) -> Extract:
    return Extract(
        dataset=dataset,
        query=query,
        rows=dataset.rows(query),
        extracted_at=timezone.now(),
        registry_version=selectors.registry_version(),
        licence=licence(),
    )


# -- writers ---------------------------------------------------------------------------------


def to_csv(data: Extract) -> bytes:
    return csv_bytes(data.rows, data.dataset.fields, as_cell=plain_cell)


def dictionary(dataset: Dataset) -> list[dict[str, str]]:
    return [
        {"name": c.name, "type": str(c.type), "meaning": str(c.meaning)} for c in dataset.columns
    ]


def to_json(data: Extract) -> bytes:
    fields = data.dataset.fields
    body = {
        **data.metadata(),
        "columns": dictionary(data.dataset),
        "rows": [{name: row.get(name) for name in fields} for row in data.rows],
    }
    return json.dumps(body, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def to_xlsx(data: Extract) -> bytes:
    """A workbook with the data (header row in bold, frozen, filterable) and an "about" sheet:
    licence, extraction, registry version, query and the data dictionary."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "data"
    fields = data.dataset.fields
    sheet.append(fields)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data.rows:
        sheet.append([_xlsx_value(row.get(name)) for name in fields])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, name in enumerate(fields, start=1):
        width = max([len(name), *(len(str(r.get(name) or "")) for r in data.rows[:200])])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)

    about = book.create_sheet("about")
    for key, value in data.metadata().items():
        about.append([key, json.dumps(value) if isinstance(value, dict) else value])
    about.append([])
    about.append(["column", "type", "meaning"])
    for cell in about[about.max_row]:
        cell.font = Font(bold=True)
    for column in dictionary(data.dataset):
        about.append([column["name"], column["type"], column["meaning"]])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 40
    about.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    return str(value)


WRITERS: dict[str, Callable[[Extract], bytes]] = {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}
