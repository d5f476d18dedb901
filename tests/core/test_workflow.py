"""The workflow mechanism: one declaration performs a step (refusing it with the rule it
breaks) and tells a screen which buttons a person may press."""

from __future__ import annotations

from enum import StrEnum
from types import SimpleNamespace
from typing import Any

import pytest

from lanzarote.core.errors import Conflict, Forbidden, InvalidInput, Unauthorised
from lanzarote.core.roles import Role
from lanzarote.core.workflow import Guard, Refusal, Transition, Workflow, rule_guard
from lanzarote.treaty_law import Explanation, RuleViolation


class Status(StrEnum):
    OPEN = "open"
    HEARD = "heard"
    CLOSED = "closed"


def _needs_a_hearing(item: Any) -> str | None:
    return None if item.heard_on else "A case is closed only after a hearing."


def _day_after_hearing(item: Any, *, day: Any) -> None:
    if day < item.heard_on:
        raise RuleViolation("Art. 9", Explanation("The decision cannot precede the hearing."))


FLOW = Workflow(
    name="sample",
    states=Status,
    transitions=(
        Transition(
            step="hear",
            sources=frozenset({Status.OPEN}),
            target=Status.HEARD,
            label="Hear",
            permission="committee.manage",
        ),
        Transition(
            step="close",
            sources=frozenset({Status.HEARD}),
            target=Status.CLOSED,
            label="Close",
            permission="committee.record_vote",
            guards=(
                Guard(rule="Product rule: hearing first", check=_needs_a_hearing),
                rule_guard(_day_after_hearing, needs=("day",), field="day"),
            ),
        ),
    ),
    out_of_order=lambda transition, item: Refusal(
        "Art. 8", f"“{transition.step}” is not possible from “{item.status}”."
    ),
)


def user(role: str | None) -> Any:
    return SimpleNamespace(is_authenticated=role is not None, is_active=True, role=role)


def test_buttons_are_the_steps_the_person_may_take_now():
    item = SimpleNamespace(status="open", heard_on=None)
    assert [t.step for t in FLOW.available_transitions(item, user(Role.SECRETARIAT))] == ["hear"]
    assert FLOW.available_transitions(item, user(Role.TREATY_OFFICE)) == []
    heard = SimpleNamespace(status="heard", heard_on=5)
    assert [t.step for t in FLOW.available_transitions(heard, user(Role.SECRETARIAT))] == ["close"]
    # A guard that needs what only the request gives is not applied to buttons...
    assert FLOW.refusal(heard, "close") is None
    # ...and is applied, citing its rule, when it is given.
    refused = FLOW.refusal(heard, "close", day=4)
    assert refused is not None and refused.rule == "Art. 9" and not refused.conflict
    assert "cannot precede the hearing" in refused.message


def test_a_step_is_refused_with_the_rule_it_breaks():
    staff = user(Role.SECRETARIAT)
    item = SimpleNamespace(status="open", heard_on=None)
    with pytest.raises(Conflict) as early:
        FLOW.check(item, "close", user=staff)
    assert early.value.article == "Art. 8"
    unheard = SimpleNamespace(status="heard", heard_on=None)
    with pytest.raises(InvalidInput) as guard:
        FLOW.check(unheard, "close", user=staff)
    assert guard.value.article == "Product rule: hearing first"
    with pytest.raises(InvalidInput) as day:
        FLOW.check(SimpleNamespace(status="heard", heard_on=5), "close", user=staff, day=1)
    assert day.value.field == "day" and day.value.article == "Art. 9"
    with pytest.raises(Forbidden):
        FLOW.check(item, "hear", user=user(Role.TREATY_OFFICE))
    with pytest.raises(Unauthorised):
        FLOW.check(item, "hear", user=user(None))
    assert FLOW.check(item, "hear", user=staff).target == "heard"


def test_a_declaration_names_only_its_states():
    assert list(FLOW.diagram()) == [("open", "hear", "heard"), ("heard", "close", "closed")]
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            name="broken",
            states=Status,
            transitions=(
                Transition(
                    step="x",
                    sources=frozenset({"open"}),
                    target="lost",
                    label="X",
                    permission="committee.manage",
                ),
            ),
            out_of_order=FLOW.out_of_order,
        )


def test_a_permission_reads_the_objects_the_workflow_gives_it():
    replies = Workflow(
        name="reply",
        states=Status,
        transitions=(
            Transition(
                step="hear",
                sources=frozenset({Status.OPEN}),
                target=Status.HEARD,
                label="Draft",
                permission="monitoring.draft_reply",
            ),
        ),
        out_of_order=FLOW.out_of_order,
        permission_objects=lambda item: {"state_code": item.state_id},
    )
    french = SimpleNamespace(
        is_authenticated=True, is_active=True, role=Role.PARTY_DELEGATE, state_id="FR"
    )
    assert replies.available_transitions(SimpleNamespace(status="open", state_id="FR"), french)
    assert not replies.available_transitions(SimpleNamespace(status="open", state_id="DE"), french)
    with pytest.raises(Forbidden):
        replies.check(SimpleNamespace(status="open", state_id="DE"), "hear", user=french)
