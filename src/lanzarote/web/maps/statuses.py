"""Where each State stood on a date, as the map's categories: from the registry's selectors
(the chart fold, membership, elaboration) and, for accession requests and invitations, from the
accession app's public cases — a request stays confidential until its case is public."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache as django_cache
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.accession import selectors as accession
from lanzarote.core.text import sorted_by_name
from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import CONVENTION
from lanzarote.web import display
from lanzarote.web.maps.geometry import features
from lanzarote.web.maps.projection import view_numeric_codes

FIRST_MONTH = date(2007, 10, 1)
OPENED = date(2007, 10, 25)

# The map's categories, in the legend's order, with their fill colours. Fills are drawn as
# presentation attributes so that the inline map, the standalone SVG and the PDF look the same.
CATEGORIES: dict[str, dict[str, Any]] = {
    "party": {"label": _("Party"), "fill": "#17603a"},
    "consented": {"label": _("Consented, not yet in force"), "fill": "#3f7fc1"},
    "signatory": {"label": _("Signatory"), "fill": "#8b76cf"},
    "invited": {"label": _("Invited to accede"), "fill": "#d9822b"},
    "requested": {"label": _("Accession requested"), "fill": "#f0c27b"},
    "eligible": {
        "label": _("May sign (Council of Europe member or took part in the elaboration)"),
        "fill": "#b9cfe8",
    },
    "may-accede": {"label": _("May ask to be invited to accede"), "fill": "#ece7da"},
    "not-yet": {"label": _("May accede once the Convention is in force"), "fill": "#f4f1ea"},
    "denounced": {"label": _("Denounced"), "fill": "#b33a3a"},
    "uncertain": {"label": _("Uncertain"), "fill": "url(#map-hatch)"},
    "territory": {"label": _("Territory, or an area that is not a State"), "fill": "#d3d7de"},
}
REGISTRY_CATEGORIES = {
    "party": "party",
    "consented": "consented",
    "signatory": "signatory",
    "denounced": "denounced",
    display.UNCERTAIN: "uncertain",
}


@dataclass(frozen=True)
class MapEntry:
    state: State
    category: str
    possible: tuple[str, ...] = ()
    member: bool | None = None

    @property
    def code(self) -> str:
        return self.state.code

    @property
    def label(self) -> str:
        return str(CATEGORIES[self.category]["label"])

    @property
    def uncertain(self) -> bool:
        return self.category == "uncertain"

    @property
    def fill(self) -> str:
        return str(CATEGORIES[self.category]["fill"])

    @property
    def possible_labels(self) -> list[str]:
        return [str(display.STATUS_LABELS.get(p, p)) for p in self.possible]

    @property
    def tooltip(self) -> str:
        if self.uncertain and len(self.possible) >= 2:
            options = self.possible_labels
            return gettext("%(name)s: uncertain, either %(options)s") % {
                "name": self.state.name,
                "options": gettext(" or ").join(options),
            }
        return f"{self.state.name}: {self.label}"


@dataclass(frozen=True)
class MapData:
    as_of: date
    treaty: Treaty
    entries: dict[str, MapEntry]  # by alpha-2 code
    by_numeric: dict[str, MapEntry]
    treaty_in_force: bool


def _public_cases(treaty: Treaty) -> list[Any]:
    """Accession cases anybody may see (public once the invitation is issued); requests under
    examination stay confidential and never reach the map."""
    return [
        case
        for case in accession.case_list(user=AnonymousUser())
        if case.is_public and case.treaty_id == treaty.pk
    ]


def _case_category(case: Any, as_of: date) -> str | None:
    """`invited` from the invitation until the deposit (or the end of the case); `requested`
    from the request's receipt until the invitation."""
    received = case.received_on or case.letter_date
    invited = case.invited_on
    if invited is None:
        return None
    if case.deposit_event_id and case.deposit_event is not None:
        deposited = case.deposit_event.date_earliest
        end = deposited
    elif case.is_open:
        end = None
    else:
        end = case.updated_at.date()
    if invited <= as_of and (end is None or as_of < end):
        return "invited"
    if received is not None and received <= as_of < invited:
        return "requested"
    return None


@dataclass(frozen=True)
class AccessionStep:
    """The public step of a State's accession on a date, as the map colours it."""

    category: str
    case: Any

    @property
    def label(self) -> str:
        return str(CATEGORIES[self.category]["label"])


def accession_step(state_code: str, as_of: date) -> AccessionStep | None:
    """The map's accession category for one State (invited, or requested before that), from
    its public case only: a request under examination never shows."""
    treaty = selectors.treaty_get(CONVENTION)
    for case in _public_cases(treaty):
        if case.state_id != state_code:
            continue
        category = _case_category(case, as_of)
        if category is not None:
            return AccessionStep(category=category, case=case)
    return None


def _registry_entries(treaty: Treaty, as_of: date, version: str) -> dict[str, MapEntry]:
    key = f"map:{treaty.slug}:{as_of.isoformat()}:{version}"
    cached = django_cache.get(key)
    if cached is not None:
        return cached
    view = selectors.chart_view(treaty, as_of=as_of, version=version)
    members = selectors.membership(version=version)
    participants = {p.state_id for p in selectors.elaboration_participants(treaty) if p.took_part}
    in_force = view.chart.entry_into_force.value
    treaty_in_force = in_force is not None and in_force.certainly_on_or_before(as_of)
    rows = {row.state: row for row in view.chart.rows}
    entries: dict[str, MapEntry] = {}
    for state in selectors.state_list():
        if state.kind == State.Kind.ORGANISATION:
            continue
        member = members.is_member(state.code, as_of)
        position = rows.get(state.code)
        status = display.status_key(position)
        possible: tuple[str, ...] = ()
        if position is not None and status == display.UNCERTAIN:
            possible = tuple(
                sorted((s.value for s in position.possible), key=lambda v: display.STATUS_ORDER[v])
            )
        if status in REGISTRY_CATEGORIES:
            category = REGISTRY_CATEGORIES[status]
        elif state.kind == State.Kind.TERRITORY:
            category = "territory"
        elif member is not False or state.code in participants:
            category = "eligible"
        elif treaty_in_force:
            category = "may-accede"
        else:
            category = "not-yet"
        entries[state.code] = MapEntry(
            state=state, category=category, possible=possible, member=member
        )
    django_cache.set(key, entries, selectors.CACHE_SECONDS)
    return entries


# A State that is neither a member of the Council of Europe nor took part in the elaboration,
# with no signature or consent recorded, may ask to be invited to accede (once the Convention
# is in force: "not-yet" before).
MAY_ASK_TO_ACCEDE = frozenset({"may-accede", "not-yet"})


def states_that_may_ask_to_accede(as_of: date) -> list[State]:
    """The States that join by asking to be invited to accede, as the map counts them (before
    any request or invitation of theirs is drawn), by name."""
    treaty = selectors.treaty_get(CONVENTION)
    entries = _registry_entries(treaty, as_of, selectors.registry_version())
    return sorted_by_name(
        (e.state for e in entries.values() if e.category in MAY_ASK_TO_ACCEDE), lambda s: s.name
    )


def map_data(as_of: date) -> MapData:
    treaty = selectors.treaty_get(CONVENTION)
    version = selectors.registry_version()
    entries = dict(_registry_entries(treaty, as_of, version))
    for case in _public_cases(treaty):
        entry = entries.get(case.state_id)
        if entry is None or entry.category not in {"may-accede", "not-yet", "eligible"}:
            continue
        category = _case_category(case, as_of)
        if category is not None:
            entries[case.state_id] = MapEntry(
                state=entry.state, category=category, member=entry.member
            )
    in_force = selectors.chart_view(treaty, as_of=as_of, version=version).chart.entry_into_force
    return MapData(
        as_of=as_of,
        treaty=treaty,
        entries=entries,
        by_numeric={e.state.numeric: e for e in entries.values() if e.state.numeric},
        treaty_in_force=bool(in_force.value and in_force.value.certainly_on_or_before(as_of)),
    )


def shown_entries(data: MapData, view_name: str) -> list[MapEntry]:
    """The States drawn in the view, as the table below the map lists them (by name)."""
    codes = view_numeric_codes(view_name)
    shown = [e for e in data.entries.values() if e.state.numeric in codes]
    return sorted_by_name(shown, lambda e: e.state.name)


def not_drawn(data: MapData) -> list[State]:
    """States too small for the geometry's scale: listed in words under the map."""
    codes = set(features())
    return sorted_by_name(
        (
            e.state
            for e in data.entries.values()
            if e.state.kind == State.Kind.STATE and e.state.numeric not in codes
        ),
        lambda s: s.name,
    )


def counts(entries: Sequence[MapEntry]) -> dict[str, int]:
    result = dict.fromkeys(CATEGORIES, 0)
    for entry in entries:
        result[entry.category] += 1
    return result


def legend(entries: Sequence[MapEntry], data: MapData) -> list[dict[str, Any]]:
    """The legend's rows: every category that can appear on this date, with its count and its
    entries (in the order of `entries`), which a phone lists before the map."""
    numbers = counts(entries)
    grouped: dict[str, list[MapEntry]] = {key: [] for key in CATEGORIES}
    for entry in entries:
        grouped[entry.category].append(entry)
    rows = []
    for key, spec in CATEGORIES.items():
        if key == "may-accede" and not data.treaty_in_force:
            continue
        if key == "not-yet" and data.treaty_in_force:
            continue
        rows.append(
            {
                "key": key,
                "label": spec["label"],
                "fill": spec["fill"],
                "count": numbers[key],
                "entries": grouped[key],
            }
        )
    return rows


def month_index(day: date) -> int:
    return (day.year - FIRST_MONTH.year) * 12 + day.month - FIRST_MONTH.month


def month_start(index: int, *, opened: date) -> date:
    """The day a slider position stands for: the first of the month, except the opening month,
    which starts on the day the Convention was opened for signature."""
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    day = date(FIRST_MONTH.year + year, month + 1, 1)
    return max(day, opened) if index == 0 else day
