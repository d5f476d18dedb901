"""Writes the synthetic registry `registry.synthetic` plans (`lanzarote scale-data`).

One transaction, bulk inserts and one audit record for the whole run: the acts were already
checked one by one by the rules while they were planned, so writing them through
`services.treaty_event_record` (a dozen queries each) would only make a three-minute job take
hours. Refused on any database that already holds a registry, so synthetic acts are never
mixed with real ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.core.management.color import no_style
from django.db import connection, transaction

from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.registry.models import (
    ElaborationParticipation,
    MembershipPeriod,
    State,
    Treaty,
    TreatyEvent,
)
from lanzarote.registry.sources import clean_sources
from lanzarote.registry.synthetic import (
    HORIZON,
    SOURCE_TITLE,
    PlannedEvent,
    SyntheticRegistry,
    SyntheticTreaty,
    plan_registry,
)
from lanzarote.treaty_law import KnownDate, Precision
from lanzarote.treaty_law.status import CONSENT_KINDS, ActionKind

MAX_TREATIES = 5000
MAX_STATES = 600
BATCH = 20000


@dataclass(frozen=True)
class ScaleDataReport:
    seed: int
    states: int
    treaties: int
    events: int
    refused_by_the_rules: int

    @property
    def pk(self) -> str:
        """The audit record's target: the run, named by its seed."""
        return f"seed-{self.seed}"

    def as_dict(self) -> dict[str, int]:
        return {
            "seed": self.seed,
            "states": self.states,
            "treaties": self.treaties,
            "events": self.events,
            "refused_by_the_rules": self.refused_by_the_rules,
        }


def existing_registry() -> dict[str, int]:
    """What the database already holds that a synthetic registry must not be mixed with."""
    counts = {
        "States": State.objects.count(),
        "treaties": Treaty.objects.count(),
        "treaty events": TreatyEvent.objects.count(),
        "membership periods": MembershipPeriod.objects.count(),
    }
    return {name: count for name, count in counts.items() if count}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _text(planned: PlannedEvent) -> tuple[str, str]:
    codes = ", ".join(planned.provisions)
    if planned.kind is ActionKind.RESERVATION:
        return (
            f"Synthetic reservation under Art. {codes}.",
            f"Réserve synthétique (art. {codes}).",
        )
    if planned.kind is ActionKind.DECLARATION:
        return (
            f"Synthetic interpretative declaration on Art. {codes}.",
            f"Déclaration interprétative synthétique relative à l'art. {codes}.",
        )
    if planned.kind is ActionKind.WITHDRAWAL:
        return (
            f"Synthetic withdrawal of the reservation under Art. {codes}.",
            f"Retrait synthétique de la réserve relative à l'art. {codes}.",
        )
    return "", ""


def _event_values(
    treaty_id: int, planned: SyntheticTreaty, first_id: int, sources: list[dict[str, str]]
) -> list[dict[str, object]]:
    """The columns of each planned act (by attribute name), ids given in planned order so that
    a correction points back at the act it corrects."""
    rows: list[dict[str, object]] = []
    for offset, item in enumerate(planned.events):
        text_en, text_fr = _text(item)
        rows.append(
            {
                "id": first_id + offset,
                "date_earliest": item.on,
                "date_latest": item.on,
                "date_precision": Precision.DAY.value,
                "kind": item.kind.value,
                "instrument": item.kind.value if item.kind in CONSENT_KINDS else "",
                "provisions": list(item.provisions),
                "stated_entry_into_force": None,
                "text_en": text_en,
                "text_fr": text_fr,
                "sources": sources,
                "confirmed": True,
                "basis": TreatyEvent.Basis.SOURCE.value,
                "reference_key": "",
                "is_retraction": False,
                "correction_reason": item.reason,
                "recorded_at": _noon(item.recorded_on or item.on),
                "recorded_by_label": "lanzarote scale-data",
                "recorded_by_id": None,
                "state_id": item.state,
                "supersedes_id": first_id + item.corrects if item.corrects is not None else None,
                "treaty_id": treaty_id,
            }
        )
    return rows


def _insert_events(rows: list[dict[str, object]]) -> None:
    """PostgreSQL takes the rows by COPY (a fraction of the time of INSERTs); other databases
    through `bulk_create`."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        TreatyEvent.objects.bulk_create((TreatyEvent(**row) for row in rows), batch_size=500)
        return
    names = list(rows[0])
    column_of = {f.attname: str(f.column) for f in TreatyEvent._meta.concrete_fields}
    columns = ", ".join(column_of[n] for n in names)
    table = TreatyEvent._meta.db_table
    as_json = {"provisions", "sources"}
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([json.dumps(row[n]) if n in as_json else row[n] for n in names])


def _write(plan: SyntheticRegistry) -> None:
    sources = clean_sources([{"title": SOURCE_TITLE.format(seed=plan.seed), "grade": "other"}])
    State.objects.bulk_create(
        State(
            code=s.code,
            alpha3=s.alpha3,
            name_en=s.name_en,
            name_fr=s.name_fr,
            kind=State.Kind.STATE,
        )
        for s in plan.states
    )
    periods = []
    for s in plan.states:
        if s.member_since is not None:
            period = MembershipPeriod(state_id=s.code, confirmed=True, sources=sources)
            period.set_known_date(KnownDate.exact(s.member_since))
            periods.append(period)
    MembershipPeriod.objects.bulk_create(periods)
    treaties = Treaty.objects.bulk_create(
        Treaty(
            slug=t.slug,
            number=t.clauses.number,
            title_en=t.clauses.title,
            title_fr=f"Traité synthétique {t.clauses.number} (généré, pas un traité réel)",
            short_title_en=t.clauses.short_title,
            short_title_fr=f"Traité synthétique {t.clauses.number}",
            opened_for_signature=t.clauses.opened_for_signature,
            depositary_en=t.clauses.depositary,
            depositary_fr=t.clauses.depositary,
            sources=sources,
            notes_en="Generated by lanzarote scale-data for load testing; not a real treaty.",
            notes_fr="Généré par lanzarote scale-data pour les essais de charge ; pas un traité réel.",
            final_clauses={k: v for k, v in t.data.items() if k != "slug"},
            is_synthetic=True,
        )
        for t in plan.treaties
    )
    by_slug = {t.slug: t for t in Treaty.objects.filter(slug__in=[t.slug for t in treaties])}
    ElaborationParticipation.objects.bulk_create(
        ElaborationParticipation(
            treaty=by_slug[t.slug], state_id=code, took_part=True, confirmed=True, sources=sources
        )
        for t in plan.treaties
        for code in sorted(t.elaboration)
    )
    next_id = (TreatyEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    pending: list[dict[str, object]] = []
    for planned in plan.treaties:
        pending.extend(_event_values(by_slug[planned.slug].pk, planned, next_id, sources))
        next_id += len(planned.events)
        if len(pending) >= BATCH:
            _insert_events(pending)
            pending = []
    _insert_events(pending)
    # The ids were given explicitly: the next act recorded at the desk must follow them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [TreatyEvent]):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            # The planner's statistics still describe the empty tables: without fresh ones it
            # picks nested loops over a quarter of a million rows for the first hours.
            for model in (State, MembershipPeriod, Treaty, ElaborationParticipation, TreatyEvent):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@transaction.atomic
def scale_data_generate(*, actor: Actor, treaties: int, states: int, seed: int) -> ScaleDataReport:
    """Fill an empty database with a synthetic registry of `treaties` treaties and `states`
    States, the same for the same seed."""
    if not 1 <= treaties <= MAX_TREATIES:
        raise InvalidInput(f"--treaties must be between 1 and {MAX_TREATIES}.", field="treaties")
    if not 3 <= states <= MAX_STATES:
        raise InvalidInput(f"--states must be between 3 and {MAX_STATES}.", field="states")
    if not 0 <= seed <= 999_999:
        raise InvalidInput("--seed must be between 0 and 999999.", field="seed")
    found = existing_registry()
    if found:
        held = ", ".join(f"{count} {name}" for name, count in found.items())
        raise Conflict(
            f"The database already holds a registry ({held}); scale-data fills only an empty "
            "database, so that synthetic acts are never mixed with real ones. Use a new "
            "database (DATABASE_URL)."
        )
    plan = plan_registry(treaties=treaties, states=states, seed=seed)
    _write(plan)
    report = ScaleDataReport(
        seed=seed,
        states=len(plan.states),
        treaties=len(plan.treaties),
        events=plan.event_count,
        refused_by_the_rules=plan.refused_count,
    )
    audit_record(
        actor=actor,
        action=AuditAction.REGISTRY_SCALE_DATA_GENERATE,
        target=report,
        summary=f"synthetic registry: {report.treaties} treaties, {report.states} States, "
        f"{report.events} events (seed {seed}, acts dated up to {HORIZON.isoformat()})",
        payload=report.as_dict(),
    )
    return report
