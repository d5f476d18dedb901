"""Plain-data shapes of registry answers, shared by the API, the command line and the CSV/JSON
downloads of the web pages, so the three always say the same thing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext

from lanzarote.core.rules import LocalizedDates, format_date, render
from lanzarote.registry.models import State, TreatyEvent, localized
from lanzarote.registry.selectors import ChartView, DataWarning, StateProfile, TreatyStanding
from lanzarote.registry.standings import CompactStanding, StandingsPage
from lanzarote.treaty_law import Eligibility, KnownDate, RuleAnswer, StatePosition

__all__ = ["LocalizedDates", "format_date", "localized", "render"]

UNCERTAIN = "uncertain"


def known_date(value: KnownDate | None) -> dict[str, Any] | None:
    if value is None:
        return None
    data = value.as_dict()
    data["text"] = value.describe(translate=gettext, format_date=format_date)
    return data


def status_of(position: StatePosition) -> str:
    return position.status.value if position.status is not None else UNCERTAIN


def rule_answer(answer: RuleAnswer[Any]) -> dict[str, Any]:
    value = answer.value
    if isinstance(value, KnownDate):
        shown: Any = (
            value.value.isoformat() if value.is_exact and value.value else known_date(value)
        )
    elif isinstance(value, date):
        shown = value.isoformat()
    else:
        shown = value
    return {
        "date" if isinstance(value, date | KnownDate) or value is None else "value": shown,
        "article": answer.article,
        "explanation": render(answer.explanations),
    }


def position_row(position: StatePosition, state: State, *, explain: bool = True) -> dict[str, Any]:
    consent = None
    if position.consent is not None:
        consent = {
            "instrument": position.consent_instrument.value if position.consent_instrument else None
        }
        consent.update(known_date(position.consent) or {})
    return {
        "state": state.code,
        "name": state.name,
        "status": status_of(position),
        "possible_statuses": sorted(s.value for s in position.possible),
        "signature": known_date(position.signature),
        "consent": consent,
        "entry_into_force": known_date(position.entry_into_force),
        "denunciation_effective": known_date(position.denunciation_effective),
        **({"explanation": render(position.explanations)} if explain else {}),
    }


def warning(item: DataWarning) -> dict[str, Any]:
    return {
        "state": item.state,
        "code": item.code,
        "stated": item.stated.isoformat() if item.stated else None,
        "computed": known_date(item.computed),
    }


def chart(view: ChartView, *, explain: bool = True) -> dict[str, Any]:
    totals = view.chart.totals
    entry = view.chart.entry_into_force
    return {
        "treaty": view.treaty.slug,
        "as_of": view.as_of.isoformat(),
        "known_on": view.known_on.isoformat() if view.known_on else None,
        "entry_into_force": entry.value.value.isoformat()
        if entry.value is not None and entry.value.is_exact and entry.value.value
        else (known_date(entry.value) if entry.value else None),
        "entry_into_force_explanation": {
            "article": entry.article,
            "text": render(entry.explanations),
        },
        "totals": {
            "parties": totals.parties,
            "uncertain": totals.uncertain,
            "consented": totals.consented,
            "signatories": totals.signatories,
            "denounced": totals.denounced,
        },
        "rows": [
            position_row(row, state, explain=explain) for row, state in view.rows_with_states()
        ],
        "warnings": [warning(w) for w in view.warnings],
    }


def chart_csv_rows(view: ChartView) -> list[dict[str, str]]:
    rows = []
    for position, state in view.rows_with_states():
        rows.append(
            {
                "state": state.code,
                "name": state.name,
                "status": status_of(position),
                "signature": _text(position.signature),
                "consent_instrument": position.consent_instrument.value
                if position.consent_instrument
                else "",
                "consent": _text(position.consent),
                "entry_into_force": _text(position.entry_into_force),
                "signature_earliest": _bound(position.signature, "earliest"),
                "signature_latest": _bound(position.signature, "latest"),
                "consent_earliest": _bound(position.consent, "earliest"),
                "consent_latest": _bound(position.consent, "latest"),
                "entry_into_force_earliest": _bound(position.entry_into_force, "earliest"),
                "entry_into_force_latest": _bound(position.entry_into_force, "latest"),
            }
        )
    return rows


def _text(value: KnownDate | None) -> str:
    return value.describe(translate=gettext, format_date=date.isoformat) if value else ""


def _bound(value: KnownDate | None, side: str) -> str:
    bound = getattr(value, side) if value else None
    return bound.isoformat() if bound else ""


def eligibility(answer: Eligibility) -> dict[str, Any]:
    return {
        "state": answer.state,
        "treaty": answer.treaty,
        "route": answer.route.value,
        "legal_basis": list(answer.legal_basis),
        "steps": [render([step]) for step in answer.steps],
        "open_now": answer.open_now,
        "opens_on": answer.opens_on.isoformat() if answer.opens_on else None,
        "explanation": render(answer.explanations),
    }


def event(item: TreatyEvent) -> dict[str, Any]:
    return {
        "id": item.pk,
        "treaty": item.treaty.slug if hasattr(item, "treaty") else None,
        "state": item.state_id,
        "kind": item.kind,
        "instrument": item.instrument or None,
        "date": known_date(item.known_date),
        "provisions": item.provisions,
        "stated_entry_into_force": item.stated_entry_into_force.isoformat()
        if item.stated_entry_into_force
        else None,
        "text": item.text,
        "confirmed": item.confirmed,
        "basis": item.basis,
        "sources": item.sources,
        "supersedes": item.supersedes_id,
        "is_retraction": item.is_retraction,
        "recorded_at": item.recorded_at.isoformat(),
        "recorded_by": item.recorded_by_label,
    }


def standing(item: TreatyStanding, state: State) -> dict[str, Any]:
    return {
        "treaty": item.treaty.slug,
        "position": position_row(item.position, state),
        "eligibility": eligibility(item.eligibility),
        "events": [event(e) for e in item.events],
        "reservations_and_declarations": [event(e) for e in item.reservations],
        "notes": [{"text": n.note, "sources": n.sources} for n in item.notes],
        "warnings": [warning(w) for w in item.warnings],
    }


def profile(item: StateProfile) -> dict[str, Any]:
    state = item.state
    return {
        "state": state.code,
        "alpha3": state.alpha3,
        "numeric": state.numeric or None,
        "name": state.name,
        "name_en": state.name_en,
        "name_fr": state.name_fr,
        "kind": state.kind,
        "as_of": item.as_of.isoformat(),
        "member_of_council_of_europe": item.member_of_council_of_europe,
        "council_of_europe_membership": [
            {
                "start": known_date(period.known_date),
                "end": known_date(period.end),
                "confirmed": period.confirmed,
            }
            for period in item.memberships
        ],
        "treaties": {s.treaty.slug: standing(s, state) for s in item.standings},
    }


def compact_standing(item: CompactStanding, state: State, *, detail: str) -> dict[str, Any]:
    """A State's standing under one treaty as a list of treaties shows it: the chart's row, the
    route, how many data warnings, and where the events and explanations are (`detail`)."""
    row = position_row(item.position, state, explain=False)
    del row["state"], row["name"]
    route = item.eligibility
    return {
        "treaty": item.treaty.slug,
        "number": item.treaty.number,
        "title": item.treaty.title,
        **row,
        "route": route.route.value,
        "open_now": route.open_now,
        "opens_on": route.opens_on.isoformat() if route.opens_on else None,
        "warnings": item.warnings,
        "detail": detail,
    }


def standings_page(page: StandingsPage, *, detail: str) -> dict[str, Any]:
    """`detail` is the address of one treaty's full standing, with `{treaty}` in it."""
    state = page.state
    return {
        "state": state.code,
        "name": state.name,
        "as_of": page.as_of.isoformat(),
        "member_of_council_of_europe": page.member_of_council_of_europe,
        "count": page.count,
        "offset": page.offset,
        "treaties": [
            compact_standing(item, state, detail=detail.format(treaty=item.treaty.slug))
            for item in page.standings
        ],
    }
