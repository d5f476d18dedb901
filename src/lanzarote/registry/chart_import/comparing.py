"""The chart State by State against the record: what applying it would change.

For each date the chart gives, the outcome is one of:

- `confirms`: the record already holds that exact day;
- `narrows`: the record holds an interval (or a month) the day falls in;
- `contradicts`: the record's date, or the evidence and the treaty's rules together, exclude
  the day — applying it needs an explicit decision, with a reason;
- `adds`: the record has no such act for the State yet.

A State whose row gives no date is `unchanged`. The State's own outcome is the weightiest of
its dates' (contradicts, adds, narrows, confirms). The comparison reads the record in a fixed
number of queries and writes nothing.

The chart's marks (R, D, A, T, C, O, from their columns or the notes) are set against the
State's acts in the record: its reservations, its declarations, its Art. 37(2) communication of
the national authority (a declaration naming that article, which a chart marks A or C), its
territorial applications; the record holds no objections. For each, the record agrees with the
chart, lacks what the chart marks, or has more than the chart marks. Applying a chart writes
dates only: a mark the record lacks is for the Treaty Office to record with its text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.registry import evidence, selectors
from lanzarote.registry.chart_import.reading import ChartRow, ParsedChart
from lanzarote.registry.models import DateEvidence, State, Treaty, TreatyEvent
from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.narrowing import Bound, ContradictoryBounds, DatedAct, NarrowedDates


class Outcome(StrEnum):
    CONTRADICTS = "contradicts"
    ADDS = "adds"
    NARROWS = "narrows"
    CONFIRMS = "confirms"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self])


OUTCOME_LABELS = {
    Outcome.CONTRADICTS: _("contradicts"),
    Outcome.ADDS: _("adds"),
    Outcome.NARROWS: _("narrows"),
    Outcome.CONFIRMS: _("confirms"),
    Outcome.UNCHANGED: _("unchanged"),
}
# The weightiest first: a State's outcome is the first any of its dates has.
OUTCOME_ORDER = tuple(Outcome)

DENUNCIATION = "denunciation"
ACT_LABELS = {
    DatedAct.SIGNATURE.value: _("signature"),
    DatedAct.CONSENT.value: _("deposit of the instrument"),
    DatedAct.ENTRY_INTO_FORCE.value: _("entry into force"),
    DENUNCIATION: _("denunciation"),
}
CHART_REFERENCE = "chart"


class MarkAgreement(StrEnum):
    AGREES = "agrees"
    RECORD_LACKS = "record_lacks"
    RECORD_HAS_MORE = "record_has_more"

    @property
    def label(self) -> str:
        return str(AGREEMENT_LABELS[self])


AGREEMENT_LABELS = {
    MarkAgreement.AGREES: _("the record agrees"),
    MarkAgreement.RECORD_LACKS: _("the record lacks it"),
    MarkAgreement.RECORD_HAS_MORE: _("the record has more"),
}
# The chart's letters for each kind of act the record can hold. A chart marks the Art. 37(2)
# communication of the national authority as an authority (A) or a communication (C).
MARK_GROUPS = {
    "R": ("R",),
    "D": ("D",),
    "A/C": ("A", "C"),
    "T": ("T",),
    "O": ("O",),
}
MARK_GROUP_WORDS = {
    "R": _("reservations"),
    "D": _("declarations"),
    "A/C": _("authority or communication (Art. 37(2))"),
    "T": _("territorial application"),
    "O": _("objections"),
}


@dataclass(frozen=True)
class MarkComparison:
    """One kind of act: whether the chart marks it, how many acts the record holds."""

    group: str
    chart: bool
    recorded: int

    @property
    def agreement(self) -> MarkAgreement:
        if self.chart:
            return MarkAgreement.AGREES if self.recorded else MarkAgreement.RECORD_LACKS
        return MarkAgreement.RECORD_HAS_MORE

    @property
    def label(self) -> str:
        return str(MARK_GROUP_WORDS[self.group])


@dataclass(frozen=True)
class ActComparison:
    act: str
    chart: date
    before: KnownDate | None
    after: KnownDate | None
    outcome: Outcome

    @property
    def label(self) -> str:
        return str(ACT_LABELS[self.act])


@dataclass
class StateComparison:
    row: ChartRow
    state: State
    acts: list[ActComparison] = field(default_factory=list)
    # Why the chart cannot stand with the record as it is (the rules' explanation), if so.
    conflict: str = ""
    # The evidence that would be set aside if the chart is accepted over it.
    set_aside: list[DateEvidence] = field(default_factory=list)
    # The chart's marks against the State's acts in the record, for each kind either side has.
    marks: list[MarkComparison] = field(default_factory=list)

    @property
    def unrecorded_marks(self) -> list[str]:
        """The chart's letters the record has no act for (R without a reservation, …)."""
        return sorted(
            letter
            for mark in self.marks
            if mark.agreement is MarkAgreement.RECORD_LACKS
            for letter in MARK_GROUPS[mark.group]
            if letter in self.row.marks
        )

    @property
    def outcome(self) -> Outcome:
        outcomes = {act.outcome for act in self.acts}
        if self.conflict:
            outcomes.add(Outcome.CONTRADICTS)
        return next((o for o in OUTCOME_ORDER if o in outcomes), Outcome.UNCHANGED)


@dataclass
class ChartComparison:
    treaty: Treaty
    chart: ParsedChart
    states: list[StateComparison] = field(default_factory=list)
    # States the record shows with a treaty action that the chart does not list.
    not_listed: list[State] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        found = Counter(comparison.outcome for comparison in self.states)
        return {outcome.value: found[outcome] for outcome in Outcome}

    @property
    def contradictions(self) -> list[StateComparison]:
        return [c for c in self.states if c.outcome is Outcome.CONTRADICTS]


@dataclass(frozen=True)
class Standing:
    """The acts of one State that stand in the log."""

    signature: TreatyEvent | None
    consent: TreatyEvent | None
    denunciation: TreatyEvent | None
    # How many acts of each kind of `MARK_GROUPS` the record holds.
    recorded: Mapping[str, int]

    @classmethod
    def of(cls, events: Sequence[TreatyEvent]) -> Standing:
        def first(*kinds: str) -> TreatyEvent | None:
            return next((e for e in events if e.kind in kinds), None)

        recorded: Counter[str] = Counter()
        for event in events:
            if event.kind == TreatyEvent.Kind.RESERVATION:
                recorded["R"] += 1
            elif event.kind == TreatyEvent.Kind.TERRITORIAL_APPLICATION:
                recorded["T"] += 1
            elif event.kind == TreatyEvent.Kind.DECLARATION:
                # The Art. 37(2) communication is recorded as a declaration naming it.
                authority = any(_article(p) == "37" for p in event.provisions)
                recorded["A/C" if authority else "D"] += 1
        return cls(
            signature=first(TreatyEvent.Kind.SIGNATURE),
            consent=first(*evidence.CONSENT_KINDS),
            denunciation=first(TreatyEvent.Kind.DENUNCIATION),
            recorded=recorded,
        )


def _article(provision: str) -> str:
    """ "37(2)" → "37"."""
    return str(provision).split("(", 1)[0].strip()


def compare_marks(row: ChartRow, standing: Standing) -> list[MarkComparison]:
    found = [
        MarkComparison(
            group=group,
            chart=any(letter in row.marks for letter in letters),
            recorded=standing.recorded.get(group, 0),
        )
        for group, letters in MARK_GROUPS.items()
    ]
    return [mark for mark in found if mark.chart or mark.recorded]


def chart_bounds(row: ChartRow, citation: evidence.Citation) -> list[Bound]:
    """The chart's dates as bounds on the State's acts."""
    given = (
        (DatedAct.SIGNATURE, row.signature),
        (DatedAct.CONSENT, row.consent),
        (DatedAct.ENTRY_INTO_FORCE, row.entry_into_force),
    )
    return [
        Bound(act=act, known=KnownDate.exact(day), source=citation, reference=CHART_REFERENCE)
        for act, day in given
        if day is not None
    ]


def consent_kind(row: ChartRow, standing: Standing) -> str | None:
    if standing.consent is not None:
        return standing.consent.kind
    if row.consent is None and row.entry_into_force is None:
        return None
    return TreatyEvent.Kind.ACCESSION if row.accession else TreatyEvent.Kind.RATIFICATION


def resolve(
    treaty: Treaty,
    row: ChartRow,
    standing: Standing,
    found: Sequence[DateEvidence],
    citation: evidence.Citation,
) -> tuple[NarrowedDates, list[DateEvidence]]:
    """The dates once the chart is taken as true, and the evidence that must be set aside for
    that: each collision names the sources involved, and those that are not the chart go.
    Raises `ContradictoryBounds` when the rules alone exclude the chart's dates."""
    bounds = chart_bounds(row, citation)
    kept = list(found)
    set_aside: list[DateEvidence] = []
    while True:
        try:
            return (
                evidence.narrowed(
                    treaty,
                    instrument=consent_kind(row, standing),
                    signed=standing.signature is not None or row.signature is not None,
                    evidence=kept,
                    extra=bounds,
                ),
                set_aside,
            )
        except ContradictoryBounds as collision:
            others = {b.reference for b in collision.bounds if b.reference != CHART_REFERENCE}
            if not others:
                raise
            set_aside.extend(e for e in kept if str(e.pk) in others)
            kept = [e for e in kept if str(e.pk) not in others]


def _outcome(before: KnownDate | None, day: date) -> Outcome:
    if before is None:
        return Outcome.ADDS
    if before.is_exact and before.value == day:
        return Outcome.CONFIRMS
    if before.possibly_same_day(KnownDate.exact(day)):
        return Outcome.NARROWS
    return Outcome.CONTRADICTS


def compare_state(
    treaty: Treaty,
    row: ChartRow,
    state: State,
    events: Sequence[TreatyEvent],
    found: Sequence[DateEvidence],
    citation: evidence.Citation,
) -> StateComparison:
    standing = Standing.of(events)
    comparison = StateComparison(row=row, state=state)
    comparison.marks = compare_marks(row, standing)
    before = _before(treaty, standing, found)
    try:
        after, comparison.set_aside = resolve(treaty, row, standing, found, citation)
    except ContradictoryBounds as collision:
        comparison.conflict = collision.render(translate=gettext)
        after = None
    for act, day in (
        (DatedAct.SIGNATURE, row.signature),
        (DatedAct.CONSENT, row.consent),
        (DatedAct.ENTRY_INTO_FORCE, row.entry_into_force),
    ):
        if day is None:
            continue
        narrowed = after.of(act) if after is not None else None
        comparison.acts.append(
            ActComparison(
                act=act.value,
                chart=day,
                before=before.get(act),
                after=narrowed.known if narrowed is not None else None,
                outcome=_outcome(before.get(act), day),
            )
        )
    if row.denunciation is not None:
        known = standing.denunciation.known_date if standing.denunciation else None
        comparison.acts.append(
            ActComparison(
                act=DENUNCIATION,
                chart=row.denunciation,
                before=known,
                after=KnownDate.exact(row.denunciation),
                outcome=_outcome(known, row.denunciation),
            )
        )
    if comparison.set_aside and not comparison.conflict:
        # Accepting the chart would set evidence aside: that is a contradiction too.
        comparison.conflict = gettext(
            "The chart's dates cannot stand with %(count)s piece(s) of evidence in the record."
        ) % {"count": len(comparison.set_aside)}
    return comparison


def _before(
    treaty: Treaty, standing: Standing, found: Sequence[DateEvidence]
) -> dict[DatedAct, KnownDate | None]:
    """The dates the record shows now: the events' own, and the entry into force the
    evidence and the rules give for the consent."""
    eif: KnownDate | None = None
    if standing.consent is not None:
        eif = (
            KnownDate.exact(standing.consent.stated_entry_into_force)
            if standing.consent.stated_entry_into_force
            else None
        )
        if eif is None:
            try:
                dates = evidence.narrowed(
                    treaty,
                    instrument=standing.consent.kind,
                    signed=standing.signature is not None,
                    evidence=found,
                )
            except ContradictoryBounds:
                dates = None
            if dates is not None and dates.entry_into_force is not None:
                eif = dates.entry_into_force.known
    return {
        DatedAct.SIGNATURE: standing.signature.known_date if standing.signature else None,
        DatedAct.CONSENT: standing.consent.known_date if standing.consent else None,
        DatedAct.ENTRY_INTO_FORCE: eif,
    }


def compare_chart(
    treaty: Treaty, chart: ParsedChart, *, citation: evidence.Citation
) -> ChartComparison:
    """Compare every row of a chart without problems with the record of `treaty`."""
    events_by_state: dict[str, list[TreatyEvent]] = {}
    for event in selectors.effective_events(treaty):
        events_by_state.setdefault(event.state_id, []).append(event)
    found = selectors.evidence_by_state(treaty)
    codes = {row.state for row in chart.rows} | set(events_by_state)
    states: Mapping[str, State] = selectors.states_by_code(codes)
    comparison = ChartComparison(treaty=treaty, chart=chart)
    for row in chart.rows:
        comparison.states.append(
            compare_state(
                treaty,
                row,
                states[row.state],
                events_by_state.get(row.state, []),
                found.get(row.state, []),
                citation,
            )
        )
    listed = {row.state for row in chart.rows}
    comparison.not_listed = sorted(
        (states[code] for code in events_by_state if code not in listed),
        key=lambda s: s.name_en,
    )
    return comparison
