"""Saving a changeable record the one way: check who asks, set the values, validate, save only
when something changed, and audit what changed.

    meeting = record_save(
        actor=actor,
        instance=meeting or Meeting(),
        values={"number": 50, "place_en": "Strasbourg", ...},
        permission="committee.manage",
        action=SaveActions(AuditAction.COMMITTEE_MEETING_CREATE,
                           AuditAction.COMMITTEE_MEETING_UPDATE),
        summary="meeting 50",
    )

The audit row's payload holds `{"changes": {field: [old, new]}}` in JSON form (dates as ISO
text, related rows by primary key, many-to-many relations as sorted key lists). An update that
changes nothing writes nothing: no save, no audit row. Call it inside the service's
`@transaction.atomic`, after the rule checks that need more than the fields' own validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from lanzarote.core.audit import Actor, AuditAction, SaveActions, audit_record
from lanzarote.core.errors import InvalidInput
from lanzarote.core.permissions import require

Changes = dict[str, list[Any]]


def jsonable(value: Any) -> Any:
    """A field value as the audit log stores it."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def validated(instance: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """`full_clean()` (fields, choices, constraints, uniqueness) as one `InvalidInput` naming the
    first field at fault, so forms show it in place and the API answers 422."""
    try:
        instance.full_clean(exclude=list(exclude) or None)
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        field = next(iter(messages))
        text = " ".join(
            f"{name}: {' '.join(m)}" if name and name != "__all__" else " ".join(m)
            for name, m in messages.items()
        )
        raise InvalidInput(text, field=field if field not in ("", "__all__") else None) from None


def _current(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    if field.is_relation and (field.many_to_one or field.one_to_one):
        return getattr(instance, field.attname)
    return getattr(instance, field.name)


def assign(instance: models.Model, values: Mapping[str, Any]) -> Changes:
    """Set `values` on `instance`; the fields whose value differs, as {field: [old, new]}.
    On a row not saved yet, every value given that is not empty counts as a change."""
    creating = instance._state.adding
    changes: Changes = {}
    for name, value in values.items():
        field = instance._meta.get_field(name)
        assert isinstance(field, models.Field), f"{name} is not a column of {instance._meta.label}"
        old = None if creating else _current(instance, field)
        new = value.pk if isinstance(value, models.Model) else value
        setattr(instance, name, value)
        if creating:
            if value not in (None, "", [], {}):
                changes[name] = [None, jsonable(new)]
        elif old != new:
            changes[name] = [jsonable(old), jsonable(new)]
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> Changes:
    """The `fields` of a row just created, as changes from nothing ({field: [None, value]}): what
    the audit record of an append-only row says it recorded."""
    return {
        name: [None, jsonable(_current(instance, instance._meta.get_field(name)))]  # type: ignore[arg-type]
        for name in fields
    }


def _relation_changes(
    instance: models.Model, relations: Mapping[str, Iterable[models.Model]], *, creating: bool
) -> tuple[Changes, dict[str, list[models.Model]]]:
    changes: Changes = {}
    wanted: dict[str, list[models.Model]] = {}
    for name, rows in relations.items():
        rows = list(rows)
        new = sorted(row.pk for row in rows)
        old = [] if creating else sorted(getattr(instance, name).values_list("pk", flat=True))
        if new != old:
            changes[name] = [old, new]
            wanted[name] = rows
    return changes, wanted


def authorise(actor: Actor, permission: str, **objects: Any) -> None:
    """Require `permission` (with the `objects` it reads) of a person; a named system process
    (the data loader, the demonstration generator) is trusted."""
    if not actor.is_system:
        require(actor.user, permission, **objects)


def record_save[M: models.Model](
    *,
    actor: Actor,
    instance: M,
    values: Mapping[str, Any],
    permission: str,
    action: AuditAction | SaveActions,
    relations: Mapping[str, Iterable[models.Model]] | None = None,
    summary: str | Callable[[M], str] = "",
    permission_objects: Mapping[str, Any] | None = None,
    payload: Mapping[str, Any] | None = None,
) -> M:
    """Save `instance` with `values` (columns) and `relations` (many-to-many, replaced) when
    they change it, and audit the change. A person needs `permission` (checked first, with
    `permission_objects`); a system actor (the data loader) is trusted. `action` is one action,
    or a `SaveActions` pair picked by whether the row is new. `summary` may be a callable
    receiving the saved instance."""
    authorise(actor, permission, **(permission_objects or {}))
    creating = instance._state.adding
    changes = assign(instance, values)
    relation_changes, relation_rows = _relation_changes(
        instance, relations or {}, creating=creating
    )
    if not creating and not changes and not relation_changes:
        return instance
    validated(instance, exclude=list(relations or {}))
    if creating or changes:
        instance.save()
    for name, rows in relation_rows.items():
        getattr(instance, name).set(rows)
    chosen = (
        action
        if isinstance(action, AuditAction)
        else (action.create if creating else action.update)
    )
    audit_record(
        actor=actor,
        action=chosen,
        target=instance,
        summary=summary(instance) if callable(summary) else summary,
        payload=payload,
        changes=changes | relation_changes,
    )
    return instance


def locked[M: models.Model](instance: M, *, related: Iterable[str] = ()) -> M:
    """`instance` re-read inside the transaction with its row locked (on PostgreSQL), so two
    people acting on the same record cannot both act on a stale state. Only the row itself is
    locked: PostgreSQL cannot lock through the outer join of a nullable relation."""
    rows = type(instance)._default_manager.select_for_update(of=("self",))
    # Without names, select_related would follow every relation (and Django warns it will stop).
    related = tuple(related)
    return (rows.select_related(*related) if related else rows).get(pk=instance.pk)


def recorded_now(actor: Actor) -> dict[str, Any]:
    """The columns of `core.records.mixins.Recorded` for a row `actor` appends now."""
    return {
        "recorded_at": timezone.now(),
        "recorded_by": actor.user,
        "recorded_by_label": actor.label,
    }
