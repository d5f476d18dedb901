"""When the treaty, and the treaty for each State, enters into force — and when acts take effect."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from lanzarote.treaty_law.dates import KnownDate, When, max_known
from lanzarote.treaty_law.explain import Explanation, Phrase, RuleAnswer, RuleViolation, _
from lanzarote.treaty_law.final_clauses import (
    DelayRule,
    FinalClauses,
    Instrument,
    LaterConsents,
)


@dataclass(frozen=True)
class Consent:
    """A deposited instrument of consent, with the State's membership when it was deposited.

    `member_of_council_of_europe` is None when membership on the deposit day is not certain.
    """

    state: str
    instrument: Instrument
    deposited: KnownDate
    member_of_council_of_europe: bool | None


class _Rule(Enum):
    """Which paragraph fixes a State's date: the treaty's own date, the later-State delay, or
    either, when the deposit is not known precisely enough to tell."""

    GENERAL = auto()
    LATER = auto()
    EITHER = auto()


def state_entry_into_force(
    clauses: FinalClauses,
    *,
    instrument: Instrument,
    deposited: KnownDate,
    treaty_entry_into_force: KnownDate | None,
) -> RuleAnswer[KnownDate]:
    """The date the treaty enters into force for a State that deposited `instrument`.

    States that consented before the treaty itself entered into force become Parties on the
    treaty's own date; later States on their own delayed date.
    """
    delay = clauses.delay_for(instrument)
    general_article = clauses.general_entry_into_force.article
    noun = Phrase(clauses.noun)
    own = deposited.map_monotone(delay.apply)
    notes = list(_accession_timing_notes(clauses, instrument, deposited, treaty_entry_into_force))
    params: dict[str, object] = {
        "instrument": instrument,
        "deposit": When(deposited),
        "noun": noun,
    }

    if treaty_entry_into_force is None:
        # The State will join on the treaty's own date, which cannot come before its own delay.
        value = KnownDate.from_bounds(own.earliest, None)
        sentence = Explanation(
            _(
                "Instrument of {instrument} deposited {deposit}; {noun} is not yet in force "
                "and will enter into force for it on the date it enters into force itself "
                "({article})."
            ),
            {**params, "article": general_article},
        )
        return RuleAnswer(value, general_article, (sentence, *notes))

    value, rule = _combine(
        clauses.general_entry_into_force.later_consents, deposited, own, treaty_entry_into_force
    )
    if rule is _Rule.GENERAL:
        article = general_article
        sentence = Explanation(
            _(
                "Instrument of {instrument} deposited {deposit}, before {noun} itself entered "
                "into force; under {article} it becomes a Party together with the first "
                "Parties, {date}."
            ),
            {**params, "article": article, "date": When(value)},
        )
    elif rule is _Rule.LATER:
        article = delay.article
        sentence = Explanation(
            _(
                "Instrument of {instrument} deposited {deposit}; under {article} {noun} enters "
                "into force for it {date}."
            ),
            {**params, "article": article, "date": When(value)},
        )
    else:
        article = f"{general_article} / {delay.article}"
        sentence = Explanation(
            _(
                "Instrument of {instrument} deposited {deposit}; the deposit is not known "
                "precisely enough to tell whether it became a Party with the first Parties "
                "({general}) or later ({later}), so {noun} enters into force for it {date}."
            ),
            {
                **params,
                "general": general_article,
                "later": delay.article,
                "date": When(value),
            },
        )
    return RuleAnswer(value, article, (sentence, *notes))


def _combine(
    later_consents: LaterConsents, deposited: KnownDate, own: KnownDate, treaty: KnownDate
) -> tuple[KnownDate, _Rule]:
    if later_consents is LaterConsents.AFTER_CONDITIONS_MET:
        # Every consent given before the conditions were met has its own period ending no later
        # than the treaty's date, and every later one ends after it: the answer is the later
        # of the two, and the maximum of bounds bounds the maximum.
        earliest = max_known(treaty.earliest, own.earliest)
        latest = _max_if_both(treaty.latest, own.latest)
        if _known_le(own.latest, treaty.earliest):
            rule = _Rule.GENERAL
        elif _known_lt(treaty.latest, own.earliest):
            rule = _Rule.LATER
        else:
            rule = _Rule.EITHER
        return KnownDate.from_bounds(earliest, latest), rule

    # AFTER_ENTRY_INTO_FORCE: a deposit before the treaty's date joins on that date; one on or
    # after it gets its own delay.
    if _known_lt(deposited.latest, treaty.earliest):
        return treaty, _Rule.GENERAL
    if _known_le(treaty.latest, deposited.earliest):
        return own, _Rule.LATER
    # Either the treaty's date or the State's own later date, which is never earlier.
    return KnownDate.from_bounds(treaty.earliest, _max_if_both(treaty.latest, own.latest)), (
        _Rule.EITHER
    )


def _known_le(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a <= b


def _known_lt(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a < b


def _max_if_both(a: date | None, b: date | None) -> date | None:
    """The later of two upper bounds; an open one leaves the result open."""
    if a is None or b is None:
        return None
    return max(a, b)


def _accession_timing_notes(
    clauses: FinalClauses,
    instrument: Instrument,
    deposited: KnownDate,
    treaty: KnownDate | None,
) -> Iterable[Explanation]:
    if instrument is not Instrument.ACCESSION or not clauses.accession.only_after_entry_into_force:
        return
    if treaty is not None and _known_le(treaty.latest, deposited.earliest):
        return
    yield Explanation(
        _(
            "Accession is open only once {noun} is in force ({article}); this instrument is "
            "dated {deposit}."
        ),
        {
            "noun": Phrase(clauses.noun),
            "article": clauses.accession.procedure_article,
            "deposit": When(deposited),
        },
    )


# -- the treaty's own entry into force -------------------------------------------------------


def treaty_entry_into_force(
    clauses: FinalClauses, consents: Sequence[Consent]
) -> RuleAnswer[KnownDate | None]:
    """The treaty's own date, from the consents deposited so far.

    The conditions are met on the deposit of the Nth counted consent with at least M from
    member States. With uncertain deposits, the earliest day they could have been met gives the
    lower bound and the earliest day they were certainly met the upper bound; the delay is
    applied to both. None means the treaty is not certainly in force.
    """
    rule = clauses.general_entry_into_force
    article = rule.article
    counted = _one_per_state(c for c in consents if c.instrument in rule.counted_instruments)
    certain_members = [c for c in counted if c.member_of_council_of_europe is True]
    possible_members = [c for c in counted if c.member_of_council_of_europe is not False]

    possibly_met_on = _conditions_met_on(
        [c.deposited.earliest or date.min for c in counted],
        [c.deposited.earliest or date.min for c in possible_members],
        rule.threshold,
        rule.minimum_member_states,
    )
    certainly_met = len(counted) >= rule.threshold and (
        len(certain_members) >= rule.minimum_member_states
    )
    if possibly_met_on is None or not certainly_met:
        return RuleAnswer(
            None, article, _not_in_force(clauses, counted, certain_members, possibly_met_on)
        )

    certainly_met_by = _conditions_met_on(
        [c.deposited.latest for c in counted if c.deposited.latest is not None],
        [c.deposited.latest for c in certain_members if c.deposited.latest is not None],
        rule.threshold,
        rule.minimum_member_states,
    )
    lower = None if possibly_met_on == date.min else rule.delay.apply(possibly_met_on)
    upper = None if certainly_met_by is None else rule.delay.apply(certainly_met_by)
    value = KnownDate.from_bounds(lower, upper)

    if certainly_met_by is not None:
        makers = [c for c in counted if _known_le(c.deposited.latest, certainly_met_by)]
    else:
        makers = [c for c in counted if (c.deposited.earliest or date.min) <= possibly_met_on]
    # Named in the order they were certainly deposited by, then possibly deposited from.
    makers.sort(key=lambda c: (c.deposited.latest or date.max, c.deposited.earliest or date.min))
    explanations = [_in_force_sentence(clauses, value, makers)]
    met = KnownDate.from_bounds(
        None if possibly_met_on == date.min else possibly_met_on, certainly_met_by
    )
    if not met.is_exact and value.is_exact:
        explanations.append(
            Explanation(
                _(
                    "The day the conditions were met is known only as {met}; every day in that "
                    "span gives the same date of entry into force."
                ),
                {"met": met},
            )
        )
    elif not met.is_exact:
        explanations.append(
            Explanation(
                _(
                    "The day the conditions were met is known only as {met}, so the date of "
                    "entry into force is known only as {date}."
                ),
                {"met": met, "date": value},
            )
        )
    explanations.append(Explanation(_("The rule: {rule}."), {"rule": rule.delay.explanation}))
    return RuleAnswer(value, article, tuple(explanations))


def with_recorded_entry_into_force(
    computed: RuleAnswer[KnownDate | None], recorded: KnownDate
) -> RuleAnswer[KnownDate | None]:
    """Combine the date computed from the log with the date a source records for the treaty.

    Deposits are often known only loosely, which leaves the computed date wide; a published
    date of entry into force is a fact in its own right and narrows it. If the two disagree the
    recorded date wins and the disagreement is stated, so the log can be corrected.
    """
    value = computed.value
    if value is None:
        note = Explanation(
            _(
                "The recorded consents alone do not show that the conditions were met; the "
                "recorded date of entry into force, {date}, is used."
            ),
            {"date": recorded},
        )
        return RuleAnswer(recorded, computed.article, (*computed.explanations, note))
    try:
        narrowed = value.intersect(recorded)
    except ValueError:
        note = Explanation(
            _(
                "The recorded date of entry into force, {date}, contradicts the date computed "
                "from the recorded consents, {computed}; the recorded date is used."
            ),
            {"date": recorded, "computed": value},
        )
        return RuleAnswer(recorded, computed.article, (*computed.explanations, note))
    if narrowed == value:
        return computed
    note = Explanation(
        _("The recorded date of entry into force, {date}, narrows this to {narrowed}."),
        {"date": recorded, "narrowed": narrowed},
    )
    return RuleAnswer(narrowed, computed.article, (*computed.explanations, note))


def _one_per_state(consents: Iterable[Consent]) -> list[Consent]:
    """A State counts once, from its earliest consent (a later one follows a denunciation)."""
    earliest: dict[str, Consent] = {}
    for consent in consents:
        kept = earliest.get(consent.state)
        if kept is None or consent.deposited.sort_key < kept.deposited.sort_key:
            earliest[consent.state] = consent
    return sorted(earliest.values(), key=lambda c: (c.deposited.sort_key, c.state))


def _conditions_met_on(
    all_dates: Sequence[date], member_dates: Sequence[date], threshold: int, members: int
) -> date | None:
    """The day the Nth consent and the Mth member consent have both been deposited."""
    if len(all_dates) < threshold or len(member_dates) < members:
        return None
    nth = sorted(all_dates)[threshold - 1] if threshold > 0 else date.min
    mth = sorted(member_dates)[members - 1] if members > 0 else date.min
    return max(nth, mth)


def _in_force_sentence(
    clauses: FinalClauses, value: KnownDate, makers: list[Consent]
) -> Explanation:
    rule = clauses.general_entry_into_force
    params: dict[str, object] = {
        "article": rule.article,
        "noun": Phrase(clauses.noun),
        "date": When(value),
        "states": [c.state for c in makers],
        "count": len(makers),
    }
    if rule.minimum_member_states == 0:
        return Explanation(
            _(
                "Under {article}, {noun} enters into force {date}, following the instruments "
                "of {states} ({count} in all)."
            ),
            params,
        )
    members = sum(1 for c in makers if c.member_of_council_of_europe is True)
    return Explanation(
        _(
            "Under {article}, {noun} enters into force {date}, following the consents of "
            "{states} ({count} in all, {members} from member States of the Council of Europe)."
        ),
        {**params, "members": members},
    )


def _not_in_force(
    clauses: FinalClauses,
    counted: list[Consent],
    certain_members: list[Consent],
    possibly_met_on: date | None,
) -> tuple[Explanation, ...]:
    rule = clauses.general_entry_into_force
    params: dict[str, object] = {
        "consents": len(counted),
        "threshold": rule.threshold,
        "article": rule.article,
    }
    if rule.minimum_member_states == 0:
        first = Explanation(
            _("Not yet in force: {consents} of {threshold} instruments ({article})."), params
        )
    else:
        first = Explanation(
            _(
                "Not yet in force: {consents} of {threshold} consents, {members} of {minimum} "
                "from member States of the Council of Europe ({article})."
            ),
            {
                **params,
                "members": len(certain_members),
                "minimum": rule.minimum_member_states,
            },
        )
    if possibly_met_on is None:
        return (first,)
    unsure = [c.state for c in counted if c.member_of_council_of_europe is None]
    return (
        first,
        Explanation(
            _(
                "It may nevertheless be in force: it is not recorded whether {states} were "
                "member States when they consented."
            ),
            {"states": unsure},
        ),
    )


# -- acts that take effect after a delay -----------------------------------------------------


def denunciation_effective(clauses: FinalClauses, *, received: date) -> RuleAnswer[date]:
    rule = clauses.denunciation
    effective = rule.apply(received)
    return RuleAnswer(
        effective,
        rule.article,
        (
            Explanation(
                _(
                    "Notification of denunciation received on {received}; under {article} the "
                    "denunciation takes effect on {date}."
                ),
                {"received": received, "article": rule.article, "date": effective},
            ),
        ),
    )


def _no_territorial_clause(clauses: FinalClauses) -> RuleViolation:
    # Without a territorial clause, Art. 29 of the Vienna Convention applies: a treaty binds
    # each Party in respect of its entire territory, so there is nothing to extend or withdraw.
    return RuleViolation(
        "VCLT Art. 29",
        Explanation(
            _(
                "{noun} has no territorial application clause; it binds each Party in respect "
                "of its entire territory."
            ),
            {"noun": Phrase(clauses.noun)},
        ),
    )


def territorial_entry_into_force(clauses: FinalClauses, *, received: date) -> RuleAnswer[date]:
    return _territorial_effect(
        clauses,
        clauses.territorial,
        received,
        _(
            "Declaration extending {noun} to a further territory received on "
            "{received}; under {article} {noun} enters into force for that territory "
            "on {date}."
        ),
        noun=Phrase(clauses.noun),
    )


def territorial_withdrawal_effective(clauses: FinalClauses, *, received: date) -> RuleAnswer[date]:
    return _territorial_effect(
        clauses,
        clauses.territorial_withdrawal,
        received,
        _(
            "Notification withdrawing a territorial declaration received on {received}; "
            "under {article} the withdrawal takes effect on {date}."
        ),
    )


def _territorial_effect(
    clauses: FinalClauses,
    rule: DelayRule | None,
    received: date,
    wording: str,
    **params: object,
) -> RuleAnswer[date]:
    """When a territorial declaration (or its withdrawal) received on `received` takes effect
    under `rule`, explained in `wording` with `params` besides the dates and the article."""
    if rule is None:
        raise _no_territorial_clause(clauses)
    effective = rule.apply(received)
    explanation = Explanation(
        wording, {**params, "received": received, "article": rule.article, "date": effective}
    )
    return RuleAnswer(effective, rule.article, (explanation,))
