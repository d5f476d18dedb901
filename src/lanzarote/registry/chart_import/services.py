"""Previewing and applying a chart. The preview writes nothing; applying is one transaction
with one audit record of the import (besides the records of each piece of evidence and each
event it appends), and refuses the whole chart while a contradiction has no decision."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, DomainError, InvalidInput
from lanzarote.core.permissions import require
from lanzarote.registry import evidence, selectors, services
from lanzarote.registry.chart_import.comparing import (
    DENUNCIATION,
    ChartComparison,
    Outcome,
    Standing,
    StateComparison,
    compare_chart,
    consent_kind,
)
from lanzarote.registry.chart_import.names import names_index
from lanzarote.registry.chart_import.reading import ChartProblem, ParsedChart, parse_chart
from lanzarote.registry.chart_import.tables import ChartUnreadable, read_table
from lanzarote.registry.models import DateEvidence, Treaty, TreatyEvent
from lanzarote.registry.sources import Grade, clean_source
from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.narrowing import DatedAct, NarrowedDates


class ChartRefused(InvalidInput):
    """A chart with problems: each names its row and column."""

    def __init__(self, problems: list[ChartProblem]) -> None:
        lines = "; ".join(str(problem) for problem in problems[:20])
        more = len(problems) - 20
        if more > 0:
            lines += "; " + _("and %(count)s more") % {"count": more}
        super().__init__(_("The chart cannot be imported: %(problems)s") % {"problems": lines})
        self.problems = problems


@dataclass(frozen=True)
class ChartDocument:
    """The imported document as a source: its title, its address if it has one, the day it was
    extracted from the Treaty Office's site."""

    filename: str
    extracted_on: date
    title: str = ""
    url: str = ""

    def source(self) -> dict[str, str]:
        title = self.title or _("Chart of signatures and ratifications (%(file)s)") % {
            "file": self.filename
        }
        return clean_source(
            {
                "url": self.url,
                "title": title,
                "note": "Chart of signatures and ratifications of the Treaty Office",
                "grade": Grade.DEPOSITARY,
                "extracted_on": self.extracted_on.isoformat(),
            },
            field="url",
        )

    def citation(self) -> evidence.Citation:
        return evidence.Citation.of(self.source())


@dataclass(frozen=True)
class Decision:
    """What the Treaty Office decided for a State whose chart row contradicts the record:
    `accept` the chart (the contradicted evidence is set aside), or keep the record (the row is
    not applied). Either way with a reason."""

    accept: bool
    reason: str

    @classmethod
    def parse(cls, text: str) -> Decision:
        verdict, _sep, reason = text.partition(":")
        verdict = verdict.strip().lower()
        if verdict not in ("accept", "keep") or not reason.strip():
            raise InvalidInput(
                _("A decision is accept:REASON or keep:REASON, not %(text)s.") % {"text": text},
                field="decisions",
            )
        return cls(accept=verdict == "accept", reason=reason.strip()[:500])


@dataclass
class ChartImportResult:
    comparison: ChartComparison
    evidence_recorded: int = 0
    evidence_set_aside: int = 0
    events_added: list[TreatyEvent] = field(default_factory=list)
    events_corrected: list[TreatyEvent] = field(default_factory=list)
    states_kept: list[str] = field(default_factory=list)


def parse_upload(*, filename: str, content: bytes) -> ParsedChart:
    """The chart a file holds; raises `ChartRefused` when any row has a problem."""
    try:
        table = read_table(filename, content)
    except ChartUnreadable as error:
        raise ChartRefused([ChartProblem(error.line, error.column, error.message)]) from None
    chart = parse_chart(table, filename=filename, names=names_index(selectors.state_list()))
    if chart.problems:
        raise ChartRefused(chart.problems)
    return chart


def document_of(
    chart: ParsedChart, *, url: str = "", title: str = "", extracted_on: date | None = None
) -> ChartDocument:
    """The document as a source: what the person said about it, else what the page says."""
    return ChartDocument(
        filename=chart.filename[:200],
        extracted_on=extracted_on or chart.status_as_of or timezone.localdate(),
        title=(title or chart.title)[:300],
        url=url.strip(),
    )


def chart_preview(
    *,
    treaty: Treaty,
    filename: str,
    content: bytes,
    url: str = "",
    title: str = "",
    extracted_on: date | None = None,
) -> tuple[ChartComparison, ChartDocument]:
    """What applying the chart would do, State by State. Writes nothing."""
    chart = parse_upload(filename=filename, content=content)
    document = document_of(chart, url=url, title=title, extracted_on=extracted_on)
    return compare_chart(treaty, chart, citation=document.citation()), document


@transaction.atomic
def chart_import_apply(
    *,
    actor: Actor,
    treaty: Treaty,
    filename: str,
    content: bytes,
    url: str = "",
    title: str = "",
    extracted_on: date | None = None,
    decisions: Mapping[str, Decision] | None = None,
) -> ChartImportResult:
    """Apply the chart: each date it gives becomes depositary evidence; the signature and
    consent are narrowed from the evidence that then stands (superseding events); acts the
    record lacks are recorded, as the law allows; a denunciation is recorded or corrected.
    A contradiction of the record is applied only with a decision for that State."""
    if actor.user is not None:
        require(actor.user, "registry.record_event")
    decisions = {code.upper(): decision for code, decision in (decisions or {}).items()}
    comparison, document = chart_preview(
        treaty=treaty,
        filename=filename,
        content=content,
        url=url,
        title=title,
        extracted_on=extracted_on,
    )
    listed = {c.state.code for c in comparison.states}
    stray = sorted(set(decisions) - listed)
    if stray:
        raise InvalidInput(
            _("Decisions name States the chart does not list: %(codes)s.")
            % {"codes": ", ".join(stray)},
            field="decisions",
        )
    undecided = [c.state.name for c in comparison.contradictions if c.state.code not in decisions]
    if undecided:
        raise Conflict(
            _(
                "The chart contradicts the record for %(states)s: decide for each (accept the "
                "chart or keep the record) and say why."
            )
            % {"states": ", ".join(undecided)}
        )
    result = ChartImportResult(comparison=comparison)
    source = document.source()
    for state_comparison in comparison.states:
        decision = decisions.get(state_comparison.state.code)
        if decision is not None and not decision.accept:
            result.states_kept.append(state_comparison.state.code)
            continue
        if state_comparison.outcome is Outcome.UNCHANGED:
            continue
        try:
            _apply_state(actor, treaty, state_comparison, source, decision, result)
        except DomainError as refusal:
            raise type(refusal)(
                f"{state_comparison.state.name} (row {state_comparison.row.line}): "
                f"{refusal.message}",
                article=refusal.article,
                field=refusal.field,
            ) from refusal
    audit_record(
        actor=actor,
        action=AuditAction.REGISTRY_CHART_IMPORT,
        target=treaty,
        summary=f"{treaty.slug} chart {document.filename} extracted {document.extracted_on}",
        payload={
            "source": source,
            "outcomes": comparison.counts(),
            "decisions": {
                code: {"accept": d.accept, "reason": d.reason} for code, d in decisions.items()
            },
            "evidence_recorded": result.evidence_recorded,
            "evidence_set_aside": result.evidence_set_aside,
            "events_added": [event.pk for event in result.events_added],
            "events_corrected": [event.pk for event in result.events_corrected],
        },
    )
    return result


def _apply_state(
    actor: Actor,
    treaty: Treaty,
    comparison: StateComparison,
    source: dict[str, str],
    decision: Decision | None,
    result: ChartImportResult,
) -> None:
    state, row = comparison.state, comparison.row
    why = decision.reason if decision else ""
    reason = _("The depositary's chart (extracted %(day)s)") % {"day": source["extracted_on"]}
    if why:
        reason = f"{reason}: {why}"
    for found in comparison.set_aside:
        services.evidence_retract(actor=actor, evidence=found, reason=reason)
        result.evidence_set_aside += 1
    standing_keys = {e.reference_key for e in selectors.effective_evidence(treaty, state=state)}
    for act, day in (
        (DatedAct.SIGNATURE, row.signature),
        (DatedAct.CONSENT, row.consent),
        (DatedAct.ENTRY_INTO_FORCE, row.entry_into_force),
    ):
        if day is None:
            continue
        known = KnownDate.exact(day)
        key = evidence.evidence_key(treaty, state, act.value, known, source)
        if key in standing_keys:
            continue  # the same chart applied before
        services.evidence_record(
            actor=actor,
            treaty=treaty,
            state=state,
            act=act.value,
            known=known,
            source=source,
            reference_key=key,
        )
        result.evidence_recorded += 1
    _record_missing_acts(actor, treaty, comparison, result)
    result.events_corrected += services.event_dates_refresh(
        actor=actor, treaty=treaty, state=state, reason=reason
    )
    _correct_recorded_acts(actor, treaty, comparison, reason, result)
    _apply_denunciation(actor, treaty, comparison, source, reason, result)


def _narrowed(
    treaty: Treaty, comparison: StateComparison, standing: Standing
) -> tuple[NarrowedDates, list[DateEvidence]]:
    found = selectors.effective_evidence(treaty, state=comparison.state)
    dates = evidence.narrowed(
        treaty,
        instrument=consent_kind(comparison.row, standing),
        signed=standing.signature is not None or comparison.row.signature is not None,
        evidence=found,
    )
    return dates, found


def _standing(treaty: Treaty, comparison: StateComparison) -> Standing:
    return Standing.of(list(selectors.event_list(treaty, state=comparison.state.code)))


def _record_missing_acts(
    actor: Actor, treaty: Treaty, comparison: StateComparison, result: ChartImportResult
) -> None:
    """A signature or consent the chart gives and the record lacks, dated from the evidence."""
    standing = _standing(treaty, comparison)
    row = comparison.row
    wanted: list[str] = []
    if standing.signature is None and row.signature is not None:
        wanted.append(TreatyEvent.Kind.SIGNATURE)
    kind = consent_kind(row, standing)
    if standing.consent is None and kind is not None:
        wanted.append(kind)
    for wanted_kind in wanted:
        dates, found = _narrowed(treaty, comparison, standing)
        is_consent = wanted_kind != TreatyEvent.Kind.SIGNATURE
        answer = dates.consent if is_consent else dates.signature
        if answer is None:
            continue
        values = evidence.act_values(answer, found, consent=is_consent)
        event = services.treaty_event_record(
            actor=actor,
            treaty=treaty,
            state=comparison.state,
            kind=wanted_kind,
            instrument=("accession" if row.accession else "") if is_consent else None,
            text_en=_ADDED_TEXTS[is_consent][0],
            text_fr=_ADDED_TEXTS[is_consent][1],
            notify=False,
            **values,
        )
        result.events_added.append(event)
        standing = _standing(treaty, comparison)


_ADDED_TEXTS = {
    False: ("Signed the Convention.", "Signature de la Convention."),
    True: (
        "Instrument deposited with the Secretary General of the Council of Europe.",
        "Dépôt de l'instrument auprès du Secrétaire Général du Conseil de l'Europe.",
    ),
}


def _correct_recorded_acts(
    actor: Actor,
    treaty: Treaty,
    comparison: StateComparison,
    reason: str,
    result: ChartImportResult,
) -> None:
    """Acts the Treaty Office recorded from the instrument are not narrowed from evidence; a
    chart that contradicts one (a decision having accepted it) corrects it directly."""
    standing = _standing(treaty, comparison)
    dates, _found = _narrowed(treaty, comparison, standing)
    for event, answer in ((standing.signature, dates.signature), (standing.consent, dates.consent)):
        if event is None or answer is None or event.basis != TreatyEvent.Basis.RECORDED:
            continue
        if event.known_date != answer.known:
            result.events_corrected.append(
                services.treaty_event_correct(
                    actor=actor, event=event, reason=reason, notify=False, legal_date=answer.known
                )
            )


def _apply_denunciation(
    actor: Actor,
    treaty: Treaty,
    comparison: StateComparison,
    source: dict[str, str],
    reason: str,
    result: ChartImportResult,
) -> None:
    act = next((a for a in comparison.acts if a.act == DENUNCIATION), None)
    if act is None or act.outcome is Outcome.CONFIRMS:
        return
    known = KnownDate.exact(act.chart)
    standing = _standing(treaty, comparison)
    if standing.denunciation is None:
        result.events_added.append(
            services.treaty_event_record(
                actor=actor,
                treaty=treaty,
                state=comparison.state,
                kind=TreatyEvent.Kind.DENUNCIATION,
                legal_date=known,
                sources=[source],
                confirmed=True,
                basis=TreatyEvent.Basis.SOURCE,
                text_en="Notification of denunciation received by the Secretary General.",
                text_fr="Notification de dénonciation reçue par le Secrétaire Général.",
                notify=False,
            )
        )
        return
    result.events_corrected.append(
        services.treaty_event_correct(
            actor=actor,
            event=standing.denunciation,
            reason=reason,
            notify=False,
            legal_date=known,
            sources=[source, *standing.denunciation.sources],
            confirmed=True,
        )
    )
