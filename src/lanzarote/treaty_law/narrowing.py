"""The tightest dates the evidence and the final clauses allow for one State's acts.

Sources rarely give a date outright. A ratification law bounds the deposit from below, a dated
list of Parties bounds it from above, a stated entry into force pins the month of the deposit
through the delay rule. `narrow_dates` intersects every bound a source gives on the signature,
the deposit of the instrument and the entry into force for the State, and carries each bound
across the three acts through the rules of the treaty:

- nobody signs before the treaty is opened for signature (Art. 45(1) for CETS 201);
- a signatory signs before it deposits its instrument (Art. 45(2));
- the entry into force for the State follows from the deposit (Art. 45(3)/(4), Art. 46(2)), so
  a known entry into force bounds the deposit too;
- an instrument of accession is deposited only once the treaty is in force (Art. 46(1)).

Each side of each interval keeps the reason that fixed it, so the answer explains itself: which
source, or which rule applied to which other date. Bounds that cannot all be true raise
`ContradictoryBounds`, naming the two that collide.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from lanzarote.treaty_law.dates import KnownDate, Precision, When
from lanzarote.treaty_law.entry_into_force import state_entry_into_force
from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, RuleViolation, _
from lanzarote.treaty_law.final_clauses import (
    DelayRule,
    FinalClauses,
    Instrument,
    LaterConsents,
)


class DatedAct(StrEnum):
    """The three dates of a State's participation that sources bound."""

    SIGNATURE = "signature"
    CONSENT = "consent"
    ENTRY_INTO_FORCE = "entry_into_force"

    @property
    def label(self) -> str:
        return _DATED_ACT_LABELS[self]


_DATED_ACT_LABELS = {
    DatedAct.SIGNATURE: _("the signature"),
    DatedAct.CONSENT: _("the deposit of the instrument"),
    DatedAct.ENTRY_INTO_FORCE: _("the entry into force for this State"),
}


@dataclass(frozen=True)
class Bound:
    """What one source says about when an act happened: exactly, within a month, or on or
    before/after a day (a `KnownDate`). `source` is any explanation parameter naming the source
    (the caller decides how a source reads); `reference` lets the caller find it again."""

    act: DatedAct
    known: KnownDate
    source: object
    reference: str = ""


class Basis(StrEnum):
    """What fixed an interval, strongest first."""

    SOURCE = "source"  # a source of this act gives the day or the month
    BOUNDED = "bounded"  # sources of this act bound it, not to the month
    INFERRED = "inferred"  # the entry into force a source gives, through the delay rule
    RULES = "rules"  # only the treaty's rules applied to other dates


@dataclass(frozen=True)
class Reason:
    """Why one side of an interval is where it is: a source's bound, or a rule applied to
    another date. `grounds` are the sources' bounds it ultimately rests on (none when only
    rules and the treaty's own dates are involved)."""

    explanation: Explanation
    article: str | None = None
    bound: Bound | None = None
    grounds: tuple[Bound, ...] = ()

    @classmethod
    def of_bound(cls, bound: Bound, explanation: Explanation) -> Reason:
        return cls(explanation, bound=bound, grounds=(bound,))

    @classmethod
    def of_rule(cls, explanation: Explanation, article: str, *premises: Reason | None) -> Reason:
        grounds: list[Bound] = []
        for premise in premises:
            for ground in premise.grounds if premise is not None else ():
                if ground not in grounds:
                    grounds.append(ground)
        return cls(explanation, article=article, grounds=tuple(grounds))

    @property
    def rests_on(self) -> frozenset[DatedAct]:
        return frozenset(ground.act for ground in self.grounds)


@dataclass
class _Side:
    day: date | None = None
    reason: Reason | None = None


@dataclass
class _Interval:
    act: DatedAct
    lower: _Side = field(default_factory=_Side)
    upper: _Side = field(default_factory=_Side)

    def raise_lower(self, day: date | None, reason: Reason) -> bool:
        if day is None or (self.lower.day is not None and day <= self.lower.day):
            return False
        self.lower = _Side(day, reason)
        self._check()
        return True

    def lower_upper(self, day: date | None, reason: Reason) -> bool:
        if day is None or (self.upper.day is not None and day >= self.upper.day):
            return False
        self.upper = _Side(day, reason)
        self._check()
        return True

    def _check(self) -> None:
        lo, hi = self.lower, self.upper
        if lo.day is None or hi.day is None or lo.day <= hi.day:
            return
        assert lo.reason is not None and hi.reason is not None
        raise ContradictoryBounds(self.act, lo.reason, hi.reason, lo.day, hi.day)

    @property
    def known(self) -> KnownDate:
        return plainest(self.lower.day, self.upper.day)


class ContradictoryBounds(RuleViolation):
    """Two statements about one act that cannot both be true."""

    def __init__(
        self, act: DatedAct, lower: Reason, upper: Reason, earliest: date, latest: date
    ) -> None:
        article = lower.article or upper.article or ""
        super().__init__(
            article,
            Explanation(
                _(
                    "These cannot both be true: {lower} {upper} Together they would put {act} "
                    "on or after {earliest} and on or before {latest}."
                ),
                {
                    "lower": lower.explanation,
                    "upper": upper.explanation,
                    "act": Phrase(act.label),
                    "earliest": earliest,
                    "latest": latest,
                },
            ),
        )
        self.act = act
        self.lower = lower
        self.upper = upper

    @property
    def bounds(self) -> tuple[Bound, ...]:
        """The sources involved (a rule is not a source and cannot be set aside)."""
        return tuple(r.bound for r in (self.lower, self.upper) if r.bound is not None)


@dataclass(frozen=True)
class ActDate:
    """The tightest interval for one act, why each side is where it is, and what fixed it."""

    act: DatedAct
    answer: RuleAnswer[KnownDate]
    lower: Reason | None
    upper: Reason | None
    basis: Basis

    @property
    def known(self) -> KnownDate:
        return self.answer.value

    @property
    def grounds(self) -> tuple[Bound, ...]:
        """The sources' bounds the interval rests on, lower side first."""
        found: list[Bound] = []
        for reason in (self.lower, self.upper):
            for ground in reason.grounds if reason is not None else ():
                if ground not in found:
                    found.append(ground)
        return tuple(found)


@dataclass(frozen=True)
class NarrowedDates:
    signature: ActDate | None
    consent: ActDate | None
    entry_into_force: ActDate | None

    def of(self, act: DatedAct) -> ActDate | None:
        return {
            DatedAct.SIGNATURE: self.signature,
            DatedAct.CONSENT: self.consent,
            DatedAct.ENTRY_INTO_FORCE: self.entry_into_force,
        }[act]


def plainest(earliest: date | None, latest: date | None) -> KnownDate:
    """The bounds as the plainest date that says exactly that much: a day, a calendar month,
    a calendar year, or a range."""
    if earliest is not None and latest is not None:
        if earliest == latest:
            return KnownDate.exact(earliest)
        last_of_month = calendar.monthrange(earliest.year, earliest.month)[1]
        if earliest.day == 1 and latest == earliest.replace(day=last_of_month):
            return KnownDate.month(earliest.year, earliest.month)
        if (earliest.month, earliest.day) == (1, 1) and latest == date(earliest.year, 12, 31):
            return KnownDate.year(earliest.year)
    return KnownDate.from_bounds(earliest, latest)


def earliest_taking_effect_on_or_after(delay: DelayRule, day: date) -> date:
    """The first day an act can be done for `delay` to give `day` or later.

    Delay rules never move a date backwards and never decrease, so a bisection over the days
    before `day` finds it whatever the rule (first day of the month after N months, or the
    same day N months later)."""
    return _bisect(lambda d: delay.apply(d) >= day, _search_start(delay, day), day)


def latest_taking_effect_on_or_before(delay: DelayRule, day: date) -> date | None:
    """The last day an act can be done for `delay` to give `day` or earlier; None if none can."""
    start = _search_start(delay, day)
    if delay.apply(start) > day:
        return None
    first_too_late = _bisect(lambda d: delay.apply(d) > day, start, day + timedelta(days=1))
    return first_too_late - timedelta(days=1)


def _search_start(delay: DelayRule, day: date) -> date:
    # A period of N months is never longer than N + 1 calendar months of 31 days.
    return day - timedelta(days=31 * (delay.months + 2))


def _bisect(holds: Callable[[date], bool], low: date, high: date) -> date:
    """The first day in [low, high] for which the monotone predicate holds (high if none)."""
    lo, hi = low.toordinal(), high.toordinal()
    while lo < hi:
        middle = (lo + hi) // 2
        if holds(date.fromordinal(middle)):
            hi = middle
        else:
            lo = middle + 1
    return date.fromordinal(lo)


def narrow_dates(
    clauses: FinalClauses,
    *,
    instrument: Instrument | None,
    signed: bool,
    bounds: Sequence[Bound],
    treaty_entry_into_force: KnownDate | None,
) -> NarrowedDates:
    """The tightest interval for the signature, the deposit and the entry into force of one
    State, from what the sources say (`bounds`) and the treaty's rules.

    `instrument` is the kind of instrument deposited (None: no deposit recorded, so only the
    signature is narrowed); `signed` says whether a signature is recorded (False for a State
    that acceded). Bounds on an act the State did not perform are ignored. Raises
    `ContradictoryBounds` when the sources and rules leave no possible day."""
    acts = {act: _Interval(act) for act in DatedAct}
    present = {
        DatedAct.SIGNATURE: signed,
        DatedAct.CONSENT: instrument is not None,
        DatedAct.ENTRY_INTO_FORCE: instrument is not None,
    }
    if signed:
        acts[DatedAct.SIGNATURE].raise_lower(clauses.opened_for_signature, _opening(clauses))
    for bound in bounds:
        if present[bound.act]:
            _apply_bound(acts[bound.act], bound)
    if instrument is not None:
        _propagate(clauses, acts, instrument, signed, treaty_entry_into_force)
    return NarrowedDates(
        signature=_answer(clauses, instrument, acts[DatedAct.SIGNATURE]) if signed else None,
        consent=_answer(clauses, instrument, acts[DatedAct.CONSENT]) if instrument else None,
        entry_into_force=_answer(clauses, instrument, acts[DatedAct.ENTRY_INTO_FORCE])
        if instrument
        else None,
    )


def _apply_bound(interval: _Interval, bound: Bound) -> None:
    reason = Reason.of_bound(
        bound,
        Explanation(
            _("{source} puts {act} {when}."),
            {"source": bound.source, "act": Phrase(bound.act.label), "when": When(bound.known)},
        ),
    )
    interval.raise_lower(bound.known.earliest, reason)
    interval.lower_upper(bound.known.latest, reason)


def _opening(clauses: FinalClauses) -> Reason:
    return Reason.of_rule(
        Explanation(
            _("{noun} was opened for signature on {date} ({article})."),
            {
                "noun": Phrase(clauses.noun),
                "date": clauses.opened_for_signature,
                "article": clauses.signature_article,
            },
        ),
        clauses.signature_article,
    )


def _propagate(
    clauses: FinalClauses,
    acts: dict[DatedAct, _Interval],
    instrument: Instrument,
    signed: bool,
    treaty: KnownDate | None,
) -> None:
    """Carry bounds across the acts until nothing moves (each pass can only tighten, and the
    bounds are dates, so this ends; in practice after two or three passes)."""
    signature, consent, entry = (acts[act] for act in DatedAct)
    delay = clauses.delay_for(instrument)
    changed = True
    while changed:
        changed = False
        if signed and clauses.signature_required_before_consent:
            changed |= _signature_before_deposit(clauses, signature, consent)
        if instrument is Instrument.ACCESSION and treaty is not None:
            changed |= _accession_after_entry_into_force(clauses, consent, treaty)
        changed |= _deposit_gives_entry_into_force(clauses, instrument, consent, entry, treaty)
        changed |= _entry_into_force_gives_deposit(clauses, delay, consent, entry, treaty)


def _signature_before_deposit(
    clauses: FinalClauses, signature: _Interval, consent: _Interval
) -> bool:
    article = clauses.consent_article
    changed = signature.lower_upper(
        consent.upper.day,
        Reason.of_rule(
            Explanation(
                _(
                    "A signatory deposits its instrument after signing ({article}), so the "
                    "signature came on or before {date}, the latest day of the deposit."
                ),
                {"article": article, "date": consent.upper.day},
            ),
            article,
            consent.upper.reason,
        ),
    )
    changed |= consent.raise_lower(
        signature.lower.day,
        Reason.of_rule(
            Explanation(
                _(
                    "A signatory deposits its instrument after signing ({article}), so the "
                    "deposit came on or after {date}, the earliest day of the signature."
                ),
                {"article": article, "date": signature.lower.day},
            ),
            article,
            signature.lower.reason,
        ),
    )
    return changed


def _accession_after_entry_into_force(
    clauses: FinalClauses, consent: _Interval, treaty: KnownDate
) -> bool:
    article = clauses.accession.procedure_article
    return consent.raise_lower(
        treaty.earliest,
        Reason.of_rule(
            Explanation(
                _(
                    "Accession is open only once {noun} is in force ({article}), so the "
                    "instrument of accession was deposited on or after {date}."
                ),
                {"noun": Phrase(clauses.noun), "article": article, "date": treaty.earliest},
            ),
            article,
        ),
    )


def _deposit_gives_entry_into_force(
    clauses: FinalClauses,
    instrument: Instrument,
    consent: _Interval,
    entry: _Interval,
    treaty: KnownDate | None,
) -> bool:
    if consent.lower.day is None and consent.upper.day is None:
        return False
    deposited = KnownDate.from_bounds(consent.lower.day, consent.upper.day)
    answer = state_entry_into_force(
        clauses, instrument=instrument, deposited=deposited, treaty_entry_into_force=treaty
    )
    reason = Reason.of_rule(
        Explanation(
            _("An instrument deposited {deposit} takes effect {date} ({article})."),
            {"deposit": When(deposited), "date": When(answer.value), "article": answer.article},
        ),
        answer.article,
        consent.lower.reason,
        consent.upper.reason,
    )
    changed = entry.raise_lower(answer.value.earliest, reason)
    return entry.lower_upper(answer.value.latest, reason) or changed


def _entry_into_force_gives_deposit(
    clauses: FinalClauses,
    delay: DelayRule,
    consent: _Interval,
    entry: _Interval,
    treaty: KnownDate | None,
) -> bool:
    """The delay rule read backwards. A State's entry into force is never before the day its
    own delay gives (for CETS 201 it is the later of that day and the treaty's own date), so an
    upper bound on the entry into force bounds the deposit from above; once the State is known
    to have joined after the treaty's own date, its date is exactly its own delay, which bounds
    the deposit from below too."""
    changed = False
    later_state = (
        treaty is not None
        and treaty.latest is not None
        and entry.lower.day is not None
        and entry.lower.day > treaty.latest
    )
    own_date_is_a_floor = (
        clauses.general_entry_into_force.later_consents is LaterConsents.AFTER_CONDITIONS_MET
    )
    if entry.upper.day is not None and (own_date_is_a_floor or later_state):
        latest = latest_taking_effect_on_or_before(delay, entry.upper.day)
        reason = _backwards(delay, entry.upper, on_or_before=True)
        if latest is None:
            # No deposit at all could take effect that early.
            raise ContradictoryBounds(
                DatedAct.CONSENT, reason, reason, entry.upper.day, entry.upper.day
            )
        changed |= consent.lower_upper(latest, reason)
    if later_state and entry.lower.day is not None:
        earliest = earliest_taking_effect_on_or_after(delay, entry.lower.day)
        changed |= consent.raise_lower(earliest, _backwards(delay, entry.lower, on_or_before=False))
    return changed


def _backwards(delay: DelayRule, side: _Side, *, on_or_before: bool) -> Reason:
    assert side.day is not None
    if on_or_before:
        template = _(
            "Entry into force for this State on or before {entry} means, under {article}, a "
            "deposit on or before {deposit}."
        )
        deposit = latest_taking_effect_on_or_before(delay, side.day)
    else:
        template = _(
            "Entry into force for this State on or after {entry}, later than the treaty's own "
            "date, means, under {article}, a deposit on or after {deposit}."
        )
        deposit = earliest_taking_effect_on_or_after(delay, side.day)
    return Reason.of_rule(
        Explanation(template, {"entry": side.day, "article": delay.article, "deposit": deposit}),
        delay.article,
        side.reason,
    )


def _answer(clauses: FinalClauses, instrument: Instrument | None, interval: _Interval) -> ActDate:
    lower, upper = interval.lower.reason, interval.upper.reason
    reasons = [r for r in (lower, upper) if r is not None]
    if lower is not None and lower is upper:
        reasons = [lower]
    known = interval.known
    articles = sorted({r.article for r in reasons if r.article})
    article = ", ".join(articles) or _act_article(clauses, instrument, interval.act)
    if not reasons:
        explanations: tuple[Explanation, ...] = (
            Explanation(_("No source dates {act}."), {"act": Phrase(interval.act.label)}),
        )
    else:
        explanations = tuple(r.explanation for r in reasons)
    return ActDate(
        act=interval.act,
        answer=RuleAnswer(known, article, explanations),
        lower=lower,
        upper=upper,
        basis=_basis(interval.act, known, reasons),
    )


def _act_article(clauses: FinalClauses, instrument: Instrument | None, act: DatedAct) -> str:
    if act is DatedAct.SIGNATURE:
        return clauses.signature_article
    accession = instrument is Instrument.ACCESSION
    if act is DatedAct.CONSENT:
        return clauses.accession.procedure_article if accession else clauses.consent_article
    return clauses.delay_for(instrument or Instrument.RATIFICATION).article


def _basis(act: DatedAct, known: KnownDate, reasons: Sequence[Reason]) -> Basis:
    """What the interval rests on. A deposit fixed through a stated entry into force is
    inferred; a signature fixed only through the deposit's date rests on the rules alone (no
    source dates the signature itself)."""
    rests_on = frozenset().union(*(r.rests_on for r in reasons))
    if act in rests_on:
        if known.is_exact or known.precision is Precision.MONTH:
            return Basis.SOURCE
        return Basis.BOUNDED
    if act is DatedAct.CONSENT and DatedAct.ENTRY_INTO_FORCE in rests_on:
        return Basis.INFERRED
    if act is DatedAct.ENTRY_INTO_FORCE and DatedAct.CONSENT in rests_on:
        return Basis.INFERRED
    return Basis.RULES
