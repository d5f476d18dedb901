"""From dated evidence to the dates of the log.

`DateEvidence` rows say what each source states about a State's signature, deposit and entry
into force. `narrowed` hands them to `treaty_law.narrowing`, which intersects them under the
treaty's rules; `act_values` turns the answer into what a signature or consent event stores:
the interval, its basis, whether a source supports it, the sources it rests on, and the entry
into force a source states. The reference-data loader and the chart import both go through
here, so an event's date is always the one its evidence gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from lanzarote.registry.models import DateEvidence, State, Treaty, TreatyEvent
from lanzarote.registry.sources import GRADE_ORDER, GRADE_WORDS, Grade
from lanzarote.treaty_law import Instrument, KnownDate, get_final_clauses
from lanzarote.treaty_law.explain import DateFormatter, Translate, identity
from lanzarote.treaty_law.narrowing import (
    ActDate,
    Basis,
    Bound,
    DatedAct,
    NarrowedDates,
    narrow_dates,
)

CONSENT_KINDS = ("ratification", "acceptance", "approval", "accession")
BASIS = {
    Basis.SOURCE: TreatyEvent.Basis.SOURCE,
    Basis.BOUNDED: TreatyEvent.Basis.BOUNDED,
    Basis.INFERRED: TreatyEvent.Basis.INFERRED,
    Basis.RULES: TreatyEvent.Basis.REQUIRED,
}


@dataclass(frozen=True)
class Citation:
    """A source as a parameter of an explanation: "Polish Government Statement … (gazette)"."""

    title: str
    grade: str

    @classmethod
    def of(cls, source: dict[str, Any]) -> Citation:
        title = source.get("title") or source.get("note") or ""
        if not title and source.get("url"):
            title = (urlsplit(source["url"]).hostname or source["url"]).removeprefix("www.")
        return cls(title=title, grade=source.get("grade", ""))

    def describe(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        if self.grade not in GRADE_WORDS:
            return self.title
        return f"{self.title} ({translate(GRADE_WORDS[Grade(self.grade)])})"


def bound_of(evidence: DateEvidence) -> Bound:
    return Bound(
        act=DatedAct(evidence.act),
        known=evidence.known_date,
        source=Citation.of(evidence.source),
        reference=str(evidence.pk),
    )


def treaty_date(treaty: Treaty) -> KnownDate | None:
    """The treaty's own entry into force as a source records it (the narrowing needs it to
    tell a State that joined with the first Parties from a later one)."""
    stated = treaty.stated_entry_into_force
    return KnownDate.exact(stated) if stated else None


def narrowed(
    treaty: Treaty,
    *,
    instrument: str | None,
    signed: bool,
    evidence: Iterable[DateEvidence],
    extra: Sequence[Bound] = (),
) -> NarrowedDates:
    """The tightest dates `evidence` (one State's) and any `extra` bounds not yet recorded
    allow; raises `ContradictoryBounds`."""
    return narrow_dates(
        get_final_clauses(treaty.slug),
        instrument=Instrument(instrument) if instrument else None,
        signed=signed,
        bounds=[*(bound_of(e) for e in evidence), *extra],
        treaty_entry_into_force=treaty_date(treaty),
    )


def grounds_sources(answer: ActDate, evidence: Sequence[DateEvidence]) -> list[dict[str, str]]:
    """The sources an interval rests on, strongest grade first."""
    by_reference = {str(e.pk): e for e in evidence}
    sources = [dict(by_reference[b.reference].source) for b in answer.grounds]
    return sorted(sources, key=lambda s: GRADE_ORDER.get(s.get("grade", ""), len(GRADE_ORDER)))


def stated_entry_into_force(evidence: Sequence[DateEvidence]) -> date | None:
    """The day a source gives for the entry into force for the State, strongest source first."""
    exact = [
        e for e in evidence if e.act == DateEvidence.Act.ENTRY_INTO_FORCE and e.known_date.value
    ]
    exact.sort(key=lambda e: GRADE_ORDER.get(e.source.get("grade", ""), len(GRADE_ORDER)))
    return exact[0].known_date.value if exact else None


def act_values(
    answer: ActDate, evidence: Sequence[DateEvidence], *, consent: bool
) -> dict[str, Any]:
    """What a signature or consent event stores for its narrowed date."""
    basis = BASIS[answer.basis]
    values: dict[str, Any] = {
        "legal_date": answer.known,
        "basis": basis,
        "confirmed": answer.basis is not Basis.RULES,
        "sources": grounds_sources(answer, evidence),
    }
    if consent:
        values["stated_entry_into_force"] = stated_entry_into_force(evidence)
    return values


def dated_act_of(kind: str) -> DatedAct | None:
    if kind == TreatyEvent.Kind.SIGNATURE:
        return DatedAct.SIGNATURE
    if kind in CONSENT_KINDS:
        return DatedAct.CONSENT
    return None


def evidence_key(
    treaty: Treaty, state: State | str, act: str, known: KnownDate, source: dict[str, str]
) -> str:
    """A stable key for a shipped bound: same statement by the same document, same key."""
    code = state if isinstance(state, str) else state.code
    document = f"{source.get('url', '')}|{source.get('title', '')}".encode()
    digest = hashlib.sha1(document, usedforsecurity=False).hexdigest()[:10]
    return f"{treaty.slug}/{code}/{act}/{known.as_text()}/{digest}"
