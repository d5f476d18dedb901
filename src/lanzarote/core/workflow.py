"""One way to declare a state machine, perform its steps and show its buttons.

A `Workflow` lists the states of a record and its `Transition`s: the states a step starts from,
the state it leads to, the permission of the person who takes it, and its `Guard`s. Each guard
cites the rule it applies (an article, or a product rule) and, when the rule is not met, returns
the sentence that explains why. The same declaration serves both ends:

- a service calls `workflow.advance(obj, step, user=..., **context)` inside its transaction: the
  permission is required (`Unauthorised`/`Forbidden`), then the order and the guards are checked
  (`Conflict` for a step out of order, `InvalidInput` for a guard on what was given, each with
  the rule in `article`), then the status is set and saved; the service adds its event rows and
  its audit record (`StepTaken.changes` says what changed);
- a page calls `workflow.available_transitions(obj, user)` to show only the buttons the person
  may press now, and `workflow.refusal(obj, step, user=...)` to say why another one is missing.

Guards that need something only the request gives (a meeting, a date) name it in `needs`; they
are checked when that is given, and skipped when a screen only asks which steps are open.

Sketch, for a record whose `status` moves from "received" to "scheduled"::

    SCHEDULE = Transition(
        step="schedule", sources={"received"}, target="scheduled", label=_("Put to a meeting"),
        permission="committee.manage",
        guards=(Guard(rule="Rules of procedure", needs=("meeting",), check=meeting_not_over),),
    )
    APPLICATIONS = Workflow(name="observer application", states=ApplicationStatus,
                            transitions=(SCHEDULE, ...), out_of_order=...)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models

from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.permissions import REGISTRY, allowed, require
from lanzarote.core.rules import refusal as rule_refusal
from lanzarote.treaty_law import RuleViolation

Check = Callable[..., Any]


@dataclass(frozen=True)
class Refusal:
    """Why a step cannot be taken: the rule (an article, or a named product rule) and the
    sentence in the active language. `conflict` marks a step out of order (409) rather than a
    problem with what was given (422)."""

    rule: str
    message: str
    conflict: bool = True
    field: str | None = None

    def error(self) -> Conflict | InvalidInput:
        error_class = Conflict if self.conflict else InvalidInput
        return error_class(self.message, article=self.rule, field=self.field)


@dataclass(frozen=True)
class Guard:
    """A condition of a step, citing its `rule`. `check(obj, **context)` returns None when the
    rule is met, or the sentence explaining the refusal (or a `Refusal`, when the rule cited is
    only known then, as with `rule_guard`). It is called only when every name in `needs` is
    given. `field` names the input at fault; `conflict` makes the refusal a 409."""

    rule: str
    check: Check
    needs: tuple[str, ...] = ()
    field: str | None = None
    conflict: bool = False

    def refusal(self, obj: Any, context: Mapping[str, Any]) -> Refusal | None:
        if any(context.get(name) is None for name in self.needs):
            return None
        result = self.check(obj, **{name: context[name] for name in self.needs})
        if result is None:
            return None
        rule, message = (
            (result.rule, result.message)
            if isinstance(result, Refusal)
            else (
                self.rule,
                str(result),
            )
        )
        return Refusal(rule or self.rule, message, conflict=self.conflict, field=self.field)


def rule_guard(
    check: Callable[..., Any], *, rule: str = "", needs: tuple[str, ...] = (), **options: Any
) -> Guard:
    """A guard from a `treaty_law` rule that raises `RuleViolation`: the violation's article is
    the rule cited and its explanation, in the active language, the refusal. `rule` documents
    the article in the declaration."""

    def run(obj: Any, **context: Any) -> Refusal | None:
        try:
            check(obj, **context)
        except RuleViolation as violation:
            return Refusal(violation.article, rule_refusal(violation).message)
        return None

    return Guard(rule=rule, check=run, needs=needs, **options)


@dataclass(frozen=True)
class Transition:
    """One step: from `sources` to `target`, taken by people with `permission`, if the `guards`
    allow. `label` is the button's text."""

    step: str
    sources: frozenset[str]
    target: str
    label: Any
    permission: str
    guards: tuple[Guard, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "target", str(self.target))


@dataclass(frozen=True)
class StepTaken:
    """What a step did: its transition, the state it left and reached, and the columns it
    changed as {field: [old, new]} (for the audit record)."""

    transition: Transition
    source: str
    target: str
    changes: dict[str, list[Any]]


OutOfOrder = Callable[[Transition, Any], Refusal]


@dataclass(frozen=True)
class Workflow:
    """The states of a record (`states`, a StrEnum), read from `status_field`, and its steps.
    `out_of_order(transition, obj)` says, citing its rule, why a step cannot start from the
    record's current state. `permission_objects(obj)` gives the objects a permission reads
    (a reply's `state_code`, say)."""

    name: str
    states: type[StrEnum]
    transitions: tuple[Transition, ...]
    out_of_order: OutOfOrder
    status_field: str = "status"
    permission_objects: Callable[[Any], Mapping[str, Any]] = field(default=lambda obj: {})
    _by_step: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        known = {s.value for s in self.states}
        for transition in self.transitions:
            unknown = (transition.sources | {transition.target}) - known
            if unknown:
                raise ValueError(f"{self.name}: {transition.step} names unknown states {unknown}.")
        object.__setattr__(self, "_by_step", {t.step: t for t in self.transitions})

    def transition(self, step: str) -> Transition:
        return self._by_step[str(step)]

    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.status_field))

    def refusal(self, obj: Any, step: str, *, user: Any = None, **context: Any) -> Refusal | None:
        """Why `step` cannot be taken now (by `user`, when given), or None when it can."""
        transition = self.transition(step)
        objects = self.permission_objects(obj)
        if user is not None and not allowed(user, transition.permission, **objects):
            return Refusal("", str(REGISTRY[transition.permission].refusal))
        if self.state_of(obj) not in transition.sources:
            return self.out_of_order(transition, obj)
        for guard in transition.guards:
            refused = guard.refusal(obj, context)
            if refused is not None:
                return refused
        return None

    def available_transitions(self, obj: Any, user: Any, **context: Any) -> list[Transition]:
        """The steps `user` may take on `obj` now, in declaration order (the screen's buttons)."""
        return [
            t for t in self.transitions if self.refusal(obj, t.step, user=user, **context) is None
        ]

    def check(
        self, obj: Any, step: str, *, user: Any, trusted: bool = False, **context: Any
    ) -> Transition:
        """Raise the domain error for `step` if it cannot be taken; the transition otherwise.
        `trusted` is for a named system process (the data loader), which no permission names."""
        transition = self.transition(step)
        if not trusted:
            require(user, transition.permission, **self.permission_objects(obj))
        refused = self.refusal(obj, step, **context)
        if refused is not None:
            raise refused.error()
        return transition

    def advance(
        self,
        obj: models.Model,
        step: str,
        *,
        user: Any,
        trusted: bool = False,
        values: Mapping[str, Any] | None = None,
        **context: Any,
    ) -> StepTaken:
        """Check `step`, then move `obj` to its target and save the status column with the
        `values` the step also sets (a meeting, say) and any `auto_now` column, in one UPDATE.
        Call inside the service's transaction, on a locked row."""
        transition = self.check(obj, step, user=user, trusted=trusted, **context)
        source = self.state_of(obj)
        changes = {self.status_field: [source, transition.target]}
        for name, value in (values or {}).items():
            field = obj._meta.get_field(name)
            old = getattr(obj, getattr(field, "attname", name))
            new = value.pk if isinstance(value, models.Model) else value
            if old != new:
                changes[name] = [old, new]
            setattr(obj, name, value)
        setattr(obj, self.status_field, transition.target)
        touched = [self.status_field, *(values or {})] + [
            f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)
        ]
        obj.save(update_fields=touched)
        return StepTaken(transition, source, transition.target, changes)

    def diagram(self) -> Iterable[tuple[str, str, str]]:
        """(source, step, target) for every declared move, for documentation and tests."""
        for transition in self.transitions:
            for source in sorted(transition.sources):
                yield source, transition.step, transition.target
