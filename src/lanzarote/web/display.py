"""What the pages show, shaped from selector answers: rows with their evidence, filters, sorting,
key figures and timelines. Nothing here queries the database or decides a rule of law; it only
arranges what `lanzarote.registry.selectors` and `lanzarote.treaty_law` already answered."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lanzarote.core.text import fold
from lanzarote.registry.models import Article, State, TreatyEvent
from lanzarote.registry.selectors import ChartView, DataWarning, TreatyStanding
from lanzarote.registry.sources import Grade, strongest_grade
from lanzarote.treaty_law import (
    CONVENTION,
    OPTIONAL_PROTOCOL,
    Applicant,
    Eligibility,
    KnownDate,
    StatePosition,
    get_final_clauses,
    state_position,
)
from lanzarote.treaty_law import eligibility as route_for
from lanzarote.treaty_law.final_clauses import PermittedProvision

UNCERTAIN = "uncertain"
NONE = "none"
CONSENT_KINDS = frozenset({"ratification", "acceptance", "approval", "accession"})

STATUS_LABELS = {
    "party": _("Party"),
    "consented": _("Consented, not yet in force"),
    "signatory": _("Signatory"),
    "denounced": _("Denounced"),
    "none": pgettext_lazy("status", "No action"),
    UNCERTAIN: _("Uncertain"),
}
STATUS_ORDER = {"party": 0, "consented": 1, "signatory": 2, UNCERTAIN: 3, "denounced": 4, "none": 5}

ROUTE_LABELS = {
    "already_party": _("Already a Party"),
    "pending_entry_into_force": _("Bound soon: waiting for entry into force"),
    "ratification": _("Ratification, acceptance or approval (already signed)"),
    "signature_then_ratification": _("Signature, then ratification, acceptance or approval"),
    "accession": _("Accession on invitation"),
}
ACCESSION_WITHOUT_INVITATION = _("Accession")


def status_key(position: StatePosition | None) -> str:
    if position is None:
        return NONE
    return position.status.value if position.status is not None else UNCERTAIN


def route_label(answer: Eligibility | Any) -> str:
    """A heading for a route; accession is "on invitation" only where the treaty says so."""
    route = getattr(answer, "route", answer)
    value = str(getattr(route, "value", route))
    treaty = getattr(answer, "treaty", None)
    if value == "accession" and treaty and not _invitation_required(treaty):
        return str(ACCESSION_WITHOUT_INVITATION)
    return str(ROUTE_LABELS.get(value, value))


def _invitation_required(slug: str) -> bool:
    try:
        return get_final_clauses(slug).accession.invitation_required
    except KeyError:
        return True


# -- dates with their evidence ---------------------------------------------------------------


@dataclass(frozen=True)
class DateCell:
    """A date as known, whether a source confirms it, and the sources it rests on (their grades
    decide whether the date carries a quiet marker; see `needs_note`)."""

    known: KnownDate | None
    confirmed: bool = True
    computed: bool = False
    sources: tuple[dict[str, str], ...] = ()
    basis: str = ""

    @classmethod
    def of_event(
        cls, known: KnownDate | None, event: TreatyEvent | None, *, computed: bool = False
    ) -> DateCell:
        """A date `event` gives (or, `computed`, that follows from it under the rules)."""
        if event is None:
            return cls(known, confirmed=False, computed=computed)
        return cls(
            known,
            confirmed=event.confirmed,
            computed=computed,
            sources=tuple(event.sources),
            basis="" if computed else event.basis,
        )

    @property
    def grade(self) -> str | None:
        """The strongest grade among the sources, None when no source is graded."""
        return strongest_grade(self.sources)

    @property
    def needs_note(self) -> bool:
        """Whether a reader should be offered the detail: the day is not known, no source
        confirms it, or no depositary record is among its sources."""
        if self.known is None:
            return False
        return not (self.certain and self.grade == Grade.DEPOSITARY)

    @property
    def is_blank(self) -> bool:
        return self.known is None

    @property
    def certain(self) -> bool:
        return self.known is not None and self.known.is_exact and self.confirmed

    @property
    def sort_value(self) -> date | None:
        if self.known is None:
            return None
        return self.known.earliest or self.known.latest


def _first(events: Iterable[TreatyEvent], kinds: Iterable[str]) -> TreatyEvent | None:
    wanted = set(kinds)
    return next((e for e in events if e.kind in wanted), None)


def entry_into_force_cell(value: KnownDate | None, consent_event: TreatyEvent | None) -> DateCell:
    """A computed entry into force is confirmed when a source states the same day, or when it
    follows from a confirmed deposit known to the day. It rests on the deposit's sources."""
    if value is None:
        return DateCell(None)
    confirmed = False
    if value.is_exact and consent_event is not None:
        stated = consent_event.stated_entry_into_force
        confirmed = stated == value.value or (
            consent_event.confirmed and consent_event.known_date.is_exact
        )
    cell = DateCell.of_event(value, consent_event, computed=True)
    return replace(cell, confirmed=confirmed)


# -- chart rows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionShown:
    """A State's position under a treaty as a chart row and a profile's section show it: its
    status, the statuses it may have where a date is uncertain, and the dates of its acts."""

    status: str
    possible: tuple[str, ...]
    signature: DateCell
    consent: DateCell
    consent_instrument: str
    entry_into_force: DateCell
    denunciation: DateCell


def position_shown(
    position: StatePosition, *, signature: TreatyEvent | None, consent: TreatyEvent | None
) -> dict[str, Any]:
    """The fields of `PositionShown` for `position`, each date tied to the event recording it."""
    instrument = position.consent_instrument
    return {
        "status": status_key(position),
        "possible": tuple(
            sorted((s.value for s in position.possible), key=lambda v: STATUS_ORDER[v])
        ),
        "signature": DateCell.of_event(position.signature, signature),
        "consent": DateCell.of_event(position.consent, consent),
        "consent_instrument": instrument.value if instrument is not None else "",
        "entry_into_force": entry_into_force_cell(position.entry_into_force, consent),
        "denunciation": DateCell(position.denunciation_effective, computed=True),
    }


@dataclass(frozen=True)
class ChartRow(PositionShown):
    position: StatePosition
    state: State
    member: bool | None
    warning: DataWarning | None = None

    @property
    def code(self) -> str:
        return self.state.code

    @property
    def name(self) -> str:
        return self.state.name


def chart_rows(view: ChartView, member_on: Callable[[str], bool | None] | None) -> list[ChartRow]:
    warnings = {w.state: w for w in view.warnings}
    rows = []
    for position, state in view.rows_with_states():
        events = view.events.get(state.code, [])
        rows.append(
            ChartRow(
                position=position,
                state=state,
                **position_shown(
                    position,
                    signature=_first(events, ["signature"]),
                    consent=_first(events, CONSENT_KINDS),
                ),
                member=member_on(state.code) if member_on is not None else None,
                warning=warnings.get(state.code),
            )
        )
    return rows


def filter_rows[R: ChartRow | StateRow](
    rows: Iterable[R], *, q: str = "", status: str = "", member: str = ""
) -> list[R]:
    needle = fold(q)
    kept = []
    for row in rows:
        state = row.state
        if needle and not any(
            needle in fold(text) for text in (state.name_en, state.name_fr, state.code)
        ):
            continue
        if status and row.status != status:
            continue
        if member == "member" and row.member is not True:
            continue
        if member == "non-member" and row.member is not False:
            continue
        kept.append(row)
    return kept


def _sorted[R](
    rows: Sequence[R], key: Callable[[R], Any], *, descending: bool, name: Callable[[R], str]
) -> list[R]:
    """Sort on `key`, ties by name; rows without a value stay at the end in both directions."""
    present = [r for r in rows if key(r) is not None]
    missing = sorted((r for r in rows if key(r) is None), key=name)
    present.sort(key=name)
    present.sort(key=key, reverse=descending)
    return present + missing


def sort_chart_rows(rows: Sequence[ChartRow], *, sort: str, direction: str) -> list[ChartRow]:
    keys: dict[str, Callable[[ChartRow], Any]] = {
        "name": lambda r: fold(r.name),
        "status": lambda r: STATUS_ORDER[r.status],
        "signature": lambda r: r.signature.sort_value,
        "consent": lambda r: r.consent.sort_value,
        "entry_into_force": lambda r: r.entry_into_force.sort_value,
    }
    return _sorted(rows, keys[sort], descending=direction == "desc", name=lambda r: fold(r.name))


# -- the States index ------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRow:
    state: State
    member: bool | None
    position: StatePosition | None
    status: str
    possible: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        return self.state.code


def state_rows(
    states: Iterable[State], view: ChartView, member_on: Callable[[str], bool | None]
) -> list[StateRow]:
    positions = {row.state: row for row in view.chart.rows}
    rows = []
    for state in states:
        if state.kind != State.Kind.STATE and state.code != "EU":
            continue
        position = positions.get(state.code)
        rows.append(
            StateRow(
                state=state,
                member=member_on(state.code),
                position=position,
                status=status_key(position),
                possible=tuple(
                    sorted((s.value for s in position.possible), key=lambda v: STATUS_ORDER[v])
                )
                if position is not None
                else (),
            )
        )
    return rows


def sort_state_rows(rows: Sequence[StateRow], *, sort: str, direction: str) -> list[StateRow]:
    member_order = {True: 0, None: 1, False: 2}
    keys: dict[str, Callable[[StateRow], Any]] = {
        "name": lambda r: fold(r.state.name),
        "code": lambda r: r.state.code,
        "member": lambda r: member_order[r.member],
        "status": lambda r: STATUS_ORDER[r.status],
    }
    return _sorted(
        rows, keys[sort], descending=direction == "desc", name=lambda r: fold(r.state.name)
    )


def state_index_data(rows: Sequence[StateRow]) -> list[dict[str, Any]]:
    """The open-data form of the States index (CSV columns, JSON objects)."""
    return [
        {
            "state": row.state.code,
            "alpha3": row.state.alpha3,
            "name": row.state.name,
            "name_en": row.state.name_en,
            "name_fr": row.state.name_fr,
            "kind": row.state.kind,
            "member_of_council_of_europe": row.member,
            "cets_201_status": row.status,
            "cets_201_possible_statuses": list(row.possible),
        }
        for row in rows
    ]


# -- home ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigures:
    parties: int
    non_member_parties: int
    # States whose instrument is deposited but for which the treaty is not yet in force.
    consented: int
    signatories: int
    uncertain: int
    entry_into_force: KnownDate | None
    latest_party: ChartRow | None


def key_figures(view: ChartView, rows: Sequence[ChartRow]) -> KeyFigures:
    parties = [r for r in rows if r.status == "party"]
    dated = [r for r in parties if r.entry_into_force.sort_value is not None]
    latest = max(dated, key=lambda r: r.entry_into_force.sort_value or date.min, default=None)
    totals = view.chart.totals
    return KeyFigures(
        parties=totals.parties,
        non_member_parties=sum(1 for r in parties if r.member is False),
        consented=totals.consented,
        signatories=totals.signatories,
        uncertain=totals.uncertain,
        entry_into_force=view.chart.entry_into_force.value,
        latest_party=latest,
    )


# -- State profile ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    event: TreatyEvent
    corrected_by: TreatyEvent | None
    date: DateCell

    @property
    def is_superseded(self) -> bool:
        return self.corrected_by is not None


@dataclass(frozen=True)
class ReservationEntry:
    event: TreatyEvent
    provisions: tuple[PermittedProvision | str, ...]
    date: DateCell


@dataclass(frozen=True)
class StandingPage(PositionShown):
    """One treaty's section of a State profile."""

    standing: TreatyStanding
    timeline: list[TimelineEntry]
    reservations: list[ReservationEntry]
    route: Eligibility
    is_party: bool
    has_uncertainty: bool = field(default=False)

    @property
    def treaty(self) -> Any:
        return self.standing.treaty


def _timeline_anchor(event: TreatyEvent) -> tuple[date, int]:
    return (event.date_earliest or event.date_latest or date.max, event.pk)


def standing_page(standing: TreatyStanding) -> StandingPage:
    position = standing.position
    by_supersedes = {e.supersedes_id: e for e in standing.events if e.supersedes_id}
    effective = [e for e in standing.events if e.pk in standing.effective_ids]
    signature = _first(effective, ["signature"])
    consent = _first(effective, CONSENT_KINDS)
    timeline = [
        TimelineEntry(
            event=event,
            corrected_by=by_supersedes.get(event.pk),
            date=DateCell.of_event(event.known_date, event),
        )
        for event in sorted(standing.events, key=_timeline_anchor)
    ]
    provisions = {p.code: p for p in get_final_clauses(standing.treaty.slug).permitted_provisions}
    reservations = [
        ReservationEntry(
            event=event,
            provisions=tuple(provisions.get(code, code) for code in event.provisions),
            date=DateCell.of_event(event.known_date, event),
        )
        for event in sorted(standing.reservations, key=_timeline_anchor)
    ]
    shown = position_shown(position, signature=signature, consent=consent)
    return StandingPage(
        standing=standing,
        **shown,
        timeline=timeline,
        reservations=reservations,
        route=standing.eligibility,
        is_party=shown["status"] == "party",
        has_uncertainty=shown["status"] == UNCERTAIN,
    )


def order_standings(standings: Iterable[TreatyStanding]) -> list[TreatyStanding]:
    order = {CONVENTION: 0, OPTIONAL_PROTOCOL: 1}
    return sorted(standings, key=lambda s: (order.get(s.treaty.slug, 9), s.treaty.slug))


# -- who can join ----------------------------------------------------------------------------


def hypothetical_route(
    slug: str, *, member: bool, treaty_entry_into_force: KnownDate | None, as_of: date
) -> Eligibility:
    """The route the rules give a State that has done nothing yet: a member State of the
    Council of Europe, or a non-member State that did not take part in the elaboration."""
    clauses = get_final_clauses(slug)
    code = "XX"
    position = state_position(
        clauses,
        state=code,
        actions=(),
        treaty_entry_into_force=treaty_entry_into_force,
        as_of=as_of,
    )
    applicant = Applicant(
        code=code,
        is_member_state=member,
        took_part_in_elaboration=False,
        elaboration_confirmed=False,
    )
    return route_for(
        clauses,
        applicant=applicant,
        position=position,
        treaty_entry_into_force=treaty_entry_into_force,
        as_of=as_of,
    )


# -- the Convention --------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleEntry:
    article: Article
    provisions: tuple[PermittedProvision | str, ...]


@dataclass(frozen=True)
class Chapter:
    number: str
    title: str
    articles: list[ArticleEntry]


def chapters(slug: str, items: Iterable[Article]) -> list[Chapter]:
    permitted = {p.code: p for p in get_final_clauses(slug).permitted_provisions}
    result: list[Chapter] = []
    for article in items:
        entry = ArticleEntry(
            article=article,
            provisions=tuple(permitted.get(code, code) for code in article.provisions),
        )
        if not result or result[-1].number != article.chapter:
            result.append(Chapter(number=article.chapter, title=article.chapter_title, articles=[]))
        result[-1].articles.append(entry)
    return result
