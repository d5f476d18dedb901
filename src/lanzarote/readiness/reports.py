"""The readiness report: counts per chapter (never a single score, never a ranking), the gaps
with what the Committee said and the reservations allowed, the route to join with an indicative
timeline, and what existing commitments already cover. Shared by the page, the PDF and the DOCX.

A report holds no text translated when it is built: its labels are lazy and its chapter titles
bilingual, read in the active language when printed, so that one built in an English request
prints in French (and the reverse) without a word of the other language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.readiness import selectors
from lanzarote.readiness.answers import Answer, AnswerSheet
from lanzarote.readiness.models import Instrument, Mapping, Relation, Status
from lanzarote.readiness.selectors import (
    GAP_PRIORITY,
    STATUS_ORDER,
    Catalogue,
    ChapterCount,
    Hint,
    InterpretingText,
    ObligationEntry,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import State
from lanzarote.treaty_law import (
    CONVENTION,
    Eligibility,
    KnownDate,
    Route,
    RuleAnswer,
    add_months,
    get_final_clauses,
    state_entry_into_force,
)
from lanzarote.treaty_law import (
    Instrument as TreatyInstrument,
)

StrOrPromise = str | Promise

GAP_STATUSES = (Status.NOT_IN_PLACE.value, Status.PARTLY.value)

# Colours of the bars: each passes 3:1 against white, and the text drawn on it passes 4.5:1.
SEGMENT_STYLE = {
    Status.IN_PLACE.value: ("#17603a", "#ffffff"),
    Status.PARTLY.value: ("#f2b04a", "#1b2330"),
    Status.NOT_IN_PLACE.value: ("#9b1c1c", "#ffffff"),
    Status.NOT_KNOWN.value: ("#c9ced6", "#1b2330"),
}
STATUS_SHORT = {
    Status.IN_PLACE.value: _("in place"),
    Status.PARTLY.value: _("partly"),
    Status.NOT_IN_PLACE.value: _("not in place"),
    Status.NOT_KNOWN.value: _("not known"),
}


# -- the bar chart --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: float
    width: float
    fill: str
    text_fill: str

    @property
    def label(self) -> str:
        return str(STATUS_SHORT[self.status])

    @property
    def text_x(self) -> float:
        return self.x + self.width / 2

    @property
    def shows_count(self) -> bool:
        return self.width >= 18


@dataclass(frozen=True)
class Bar:
    chapter: ChapterCount
    y: int
    segments: tuple[Segment, ...]

    @property
    def text_y(self) -> int:
        return self.y + 13

    @property
    def label_y(self) -> int:
        return self.y + 13


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_x: int
    bar_width: int
    bar_height: int
    legend_y: int
    legend: tuple[tuple[StrOrPromise, str, str, int], ...]  # (label, fill, status, x)


def bar_chart(chapters: list[ChapterCount]) -> BarChart:
    """Stacked horizontal bars, one per chapter, on a common scale (the longest chapter fills
    the width), so that a bar's length says how many obligations the chapter holds."""
    bar_x, bar_width, row, bar_height = 60, 520, 30, 20
    longest = max((c.total for c in chapters), default=1) or 1
    bars = []
    for index, chapter in enumerate(chapters):
        x = float(bar_x)
        segments = []
        for status in STATUS_ORDER:
            count = chapter[status.value]
            if not count:
                continue
            width = bar_width * count / longest
            fill, text_fill = SEGMENT_STYLE[status.value]
            segments.append(
                Segment(
                    status=status.value,
                    count=count,
                    x=round(x, 2),
                    width=round(width, 2),
                    fill=fill,
                    text_fill=text_fill,
                )
            )
            x += width
        bars.append(Bar(chapter=chapter, y=10 + index * row, segments=tuple(segments)))
    legend_y = 10 + len(chapters) * row + 10
    legend = tuple(
        (STATUS_SHORT[s.value], SEGMENT_STYLE[s.value][0], s.value, bar_x + i * 130)
        for i, s in enumerate(STATUS_ORDER)
    )
    return BarChart(
        bars=tuple(bars),
        width=bar_x + bar_width + 20,
        height=legend_y + 24,
        bar_x=bar_x,
        bar_width=bar_width,
        bar_height=bar_height,
        legend_y=legend_y,
        legend=legend,
    )


# -- gaps -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedText:
    """A Committee text the report cites, listed once under "Committee texts cited" with its
    official link; the gaps refer to it by its short reference ("C1")."""

    ref: str
    text: InterpretingText
    url: str
    document_code: str


@dataclass(frozen=True)
class Gap:
    entry: ObligationEntry
    answer: Answer
    cited: tuple[CitedText, ...] = ()

    @property
    def missing(self) -> str:
        return self.answer.notes

    @property
    def not_in_place(self) -> bool:
        return self.answer.status == Status.NOT_IN_PLACE.value


def gaps(sheet: AnswerSheet, book: Catalogue) -> list[Gap]:
    """Obligations not or only partly in place: criminal law and procedure (Chapters VI and VII),
    which must be in place before consenting to be bound, come first; then the other chapters in
    the Convention's order, and within a chapter the articles in order."""
    found = [
        Gap(entry, sheet.answer(entry.code))
        for entry in book.obligations
        if sheet.answer(entry.code).status in GAP_STATUSES
    ]
    return sorted(
        found,
        key=lambda g: (GAP_PRIORITY.index(g.entry.chapter), g.entry.obligation.position),
    )


# The gaps the summary names: at most this many.
KEY_GAPS = 5
# Criminal law and procedure: in place before a State consents to be bound.
CRIMINAL_LAW_CHAPTERS = ("VI", "VII")


def key_gaps(found: list[Gap]) -> list[Gap]:
    """The most important gaps, the few a minister reads first. Important means, in this
    order: an obligation of criminal law or procedure (Chapters VI and VII, mandatory before
    consenting to be bound) not in place; one of them partly in place; an obligation of another
    chapter not in place; one partly in place. Within each, the Convention's order."""
    return sorted(
        found,
        key=lambda g: (g.entry.chapter not in CRIMINAL_LAW_CHAPTERS, not g.not_in_place),
    )[:KEY_GAPS]


def _number(cited: CitedText) -> int:
    return int(cited.ref.removeprefix("C"))


def cite_once(found: list[Gap]) -> tuple[list[Gap], tuple[CitedText, ...]]:
    """The Committee texts the gaps cite, each once (numbered in the order first cited) with
    its official link from the Committee's records, and the gaps with their references."""
    texts: dict[str, InterpretingText] = {}
    for gap in found:
        for text in gap.entry.texts:
            texts.setdefault(text.key, text)
    records = selectors.committee_records(texts.values())
    cited = {
        key: CitedText(
            ref=f"C{number}",
            text=text,
            url=records[key].url if key in records else "",
            document_code=records[key].document_code if key in records else "",
        )
        for number, (key, text) in enumerate(texts.items(), start=1)
    }
    with_refs = [
        dataclasses.replace(
            gap, cited=tuple(sorted((cited[t.key] for t in gap.entry.texts), key=_number))
        )
        for gap in found
    ]
    return with_refs, tuple(cited.values())


# -- the route to join ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    label: StrOrPromise
    timing: StrOrPromise
    day: date | None = None
    known: KnownDate | None = None


@dataclass(frozen=True)
class RouteToJoin:
    eligibility: Eligibility
    deposit: date
    instrument: TreatyInstrument | None
    entry_into_force: RuleAnswer[KnownDate] | None
    milestones: tuple[Milestone, ...]

    @property
    def is_accession(self) -> bool:
        return self.eligibility.route is Route.ACCESSION

    @property
    def finished(self) -> bool:
        return self.eligibility.route in {Route.ALREADY_PARTY, Route.PENDING_ENTRY_INTO_FORCE}


def default_deposit(today: date) -> date:
    """An indicative date a year ahead: time for the procedure and for national approval."""
    return add_months(today, 12)


def route_to_join(state_code: str, *, today: date, deposit: date | None = None) -> RouteToJoin:
    clauses = get_final_clauses(CONVENTION)
    route = registry.eligibility_of(state_code, treaty_slug=CONVENTION, as_of=today)
    deposit = deposit or default_deposit(today)
    instrument: TreatyInstrument | None = None
    if route.route is Route.ACCESSION:
        instrument = TreatyInstrument.ACCESSION
    elif route.route in {Route.RATIFICATION, Route.SIGNATURE_THEN_RATIFICATION}:
        instrument = TreatyInstrument.RATIFICATION
    entry = None
    if instrument is not None:
        treaty = registry.treaty_get(CONVENTION)
        treaty_date = registry.chart_view(treaty, as_of=today).chart.entry_into_force.value
        entry = state_entry_into_force(
            clauses,
            instrument=instrument,
            deposited=KnownDate.exact(deposit),
            treaty_entry_into_force=treaty_date,
        )
    milestones: tuple[Milestone, ...] = ()
    if route.route is Route.ACCESSION:
        milestones = (
            Milestone(
                _("Request to the Secretary General"),
                _(
                    "when the State is ready; the letter is signed by the Minister of Foreign "
                    "Affairs or a diplomatic representative"
                ),
            ),
            Milestone(
                _("Consultation of the Parties"),
                _("typically a few months; every Party must consent (Art. 46(1))"),
            ),
            Milestone(
                _("Decision of the Committee of Ministers"),
                _(
                    "after the consultation; Art. 20.d majority and the unanimous vote of the Contracting States"
                ),
            ),
            Milestone(_("Invitation to accede"), _("after the decision")),
            Milestone(
                _("Deposit of the instrument of accession"),
                _("hypothetical date chosen for this report"),
                day=deposit,
            ),
            Milestone(
                _("Entry into force for the State"),
                _("first day of the month after three months from the deposit (Art. 46(2))"),
                known=entry.value if entry else None,
            ),
        )
    elif instrument is not None:
        milestones = (
            Milestone(
                _("Deposit of the instrument of ratification, acceptance or approval"),
                _("hypothetical date chosen for this report"),
                day=deposit,
            ),
            Milestone(
                _("Entry into force for the State"),
                _("first day of the month after three months from the deposit (Art. 45(4))"),
                known=entry.value if entry else None,
            ),
        )
    return RouteToJoin(
        eligibility=route,
        deposit=deposit,
        instrument=instrument,
        entry_into_force=entry,
        milestones=milestones,
    )


# -- what joining brings -------------------------------------------------------------------------

BENEFITS = (
    (
        _("A seat on the Lanzarote Committee"),
        _(
            "Every Party is a member of the Committee of the Parties, which follows how the "
            "Convention is applied, votes on its work and adopts opinions on how the articles "
            "should be read (Arts. 39–41)."
        ),
    ),
    (
        _("Peer review through monitoring"),
        _(
            "The Committee reviews the Parties round by round on one theme at a time, compares "
            "law and practice, brings out promising practices and gaps, and addresses "
            "recommendations to each Party (Art. 41)."
        ),
    ),
    (
        _("Priority for capacity building"),
        _(
            "The Committee helps States build their capacity by sharing information, experience "
            "and good practice (Art. 41(2)); States that ask to accede, or have acceded, are "
            "priority countries for co-operation projects."
        ),
    ),
    (
        _("A legal basis for co-operation"),
        _(
            "Parties co-operate as widely as possible on prevention, victims and criminal cases, "
            "and may use the Convention as the legal basis for mutual legal assistance or "
            "extradition with Parties they have no treaty with (Art. 38)."
        ),
    ),
    (
        _("Meeting commitments already made"),
        _(
            "A State that has joined the WeProtect Global Alliance has committed to building a "
            "national response to online child sexual exploitation and abuse; joining the "
            "Convention turns much of that commitment into binding law, and contributes to "
            "SDG target 16.2."
        ),
    ),
)


# -- what existing commitments already cover -----------------------------------------------------


@dataclass(frozen=True)
class CoverageItem:
    mapping: Mapping
    entry: ObligationEntry
    answer: Answer


@dataclass(frozen=True)
class Coverage:
    instrument: str
    applies: bool
    state: State | None
    items: tuple[CoverageItem, ...]

    @property
    def label(self) -> str:
        return str(Instrument(self.instrument).label)

    @property
    def basis(self) -> str:
        """Why the commitment applies to the State or not, in the active language."""
        if self.instrument == Instrument.OPSC:
            if self.applies:
                return gettext("%(state)s is a Party to the OPSC, according to the registry.") % {
                    "state": self.state.name if self.state else ""
                }
            return gettext("The registry does not show the State as a Party to the OPSC.")
        if self.instrument == Instrument.MNR:
            if self.applies:
                return gettext(
                    "The assessment says the State is a member of the WeProtect Global Alliance (self-declared)."
                )
            return gettext(
                "The assessment does not say the State is a member of the WeProtect Global Alliance."
            )
        return gettext(
            "Target 16.2 of the 2030 Agenda for Sustainable Development is a commitment "
            "of every UN member State."
        )

    def count(self, relation: str) -> int:
        return sum(1 for item in self.items if item.mapping.relation == relation)

    @property
    def equivalent(self) -> int:
        return self.count(Relation.EQUIVALENT)

    @property
    def partial(self) -> int:
        return self.count(Relation.PARTIAL)

    @property
    def related(self) -> int:
        return self.count(Relation.RELATED)


def coverage(sheet: AnswerSheet, book: Catalogue, *, opsc_party: bool) -> list[Coverage]:
    applies = {
        Instrument.OPSC: opsc_party,
        Instrument.MNR: sheet.weprotect_member,
        Instrument.SDG: True,
    }
    return [
        Coverage(
            instrument,
            applies[Instrument(instrument)],
            sheet.state,
            tuple(
                CoverageItem(m, book.get(m.obligation.code), sheet.answer(m.obligation.code))
                for m in book.mappings(instrument)
            ),
        )
        for instrument in Instrument.values
    ]


# -- the report ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    sheet: AnswerSheet
    today: date
    chapters: tuple[ChapterCount, ...]
    chart: BarChart
    gaps: tuple[Gap, ...]
    key_gaps: tuple[Gap, ...]
    cited: tuple[CitedText, ...]
    unknown: int
    hints: dict[str, list[Hint]]
    route: RouteToJoin | None
    coverage: tuple[Coverage, ...]
    benefits: tuple[tuple[StrOrPromise, StrOrPromise], ...]

    @property
    def state_name(self) -> str:
        return self.sheet.state.name if self.sheet.state else ""


def readiness_report(
    sheet: AnswerSheet, *, today: date, deposit: date | None = None, book: Catalogue | None = None
) -> Report:
    book = book or selectors.catalogue()
    chapters = selectors.chapter_counts(sheet, book)
    opsc_party = selectors.bound_by_opsc(sheet.state, as_of=today)
    hints = selectors.hints_for(
        state=sheet.state,
        weprotect_member=sheet.weprotect_member,
        as_of=today,
        book=book,
        opsc_party=opsc_party,
    )
    found, cited = cite_once(gaps(sheet, book))
    return Report(
        sheet=sheet,
        today=today,
        chapters=tuple(chapters),
        chart=bar_chart(chapters),
        gaps=tuple(found),
        key_gaps=tuple(key_gaps(found)),
        cited=cited,
        unknown=sum(c[Status.NOT_KNOWN.value] for c in chapters),
        hints=hints,
        route=route_to_join(sheet.state.code, today=today, deposit=deposit)
        if sheet.state
        else None,
        coverage=tuple(coverage(sheet, book, opsc_party=opsc_party)),
        benefits=BENEFITS,
    )
