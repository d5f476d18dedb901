"""A Party's reply to a question: its workflow, declared once, performs each step in the
services and tells the pages which steps to offer.

    none ──draft──▶ draft ──validate──▶ validated ──submit──▶ submitted ──publish──▶ published
                      ▲                    │
                      └──return / draft────┘

Which step may start from which status is `rules.TRANSITIONS` (the declaration is built from it,
so the two cannot drift apart), and an empty reply is neither validated nor submitted. The
Committee's Rules of Procedure are not in the sources (see `rules`): the order of the steps is
this product's rule, and each refusal cites it as such.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.core.workflow import Guard, Refusal, Transition, Workflow
from lanzarote.monitoring.rules import (
    EMPTY_REPLY,
    TRANSITIONS,
    ReplyStatus,
    ReplyStep,
    StepRefused,
    next_status,
)

PROCEDURE = "order of a reply's steps (product rule)"
MANAGE = "monitoring.manage"

PERMISSIONS = {
    ReplyStep.DRAFT: "monitoring.draft_reply",
    ReplyStep.VALIDATE: "monitoring.submit_reply",
    ReplyStep.RETURN: "monitoring.submit_reply",
    ReplyStep.SUBMIT: "monitoring.submit_reply",
    ReplyStep.PUBLISH: MANAGE,
}
LABELS = {
    ReplyStep.DRAFT: _("Save the draft"),
    ReplyStep.VALIDATE: _("Validate"),
    ReplyStep.RETURN: _("Send back to draft"),
    ReplyStep.SUBMIT: _("Submit to the Committee"),
    ReplyStep.PUBLISH: _("Publish"),
}


def _refusal(refused: StepRefused) -> Refusal:
    return Refusal(PROCEDURE, gettext(refused.message).format(**refused.params), field="status")


def _has_text(reply: Any) -> str | None:
    return None if reply.text.strip() else gettext(EMPTY_REPLY)


def _out_of_order(transition: Transition, reply: Any) -> Refusal:
    try:
        next_status(ReplyStep(transition.step), ReplyStatus(reply.status))
    except StepRefused as refused:
        return _refusal(refused)
    # The declaration and the rule disagree: say so rather than let the step through.
    return Refusal(PROCEDURE, f"{transition.step} is not declared from {reply.status}.")


HAS_TEXT = Guard(rule=PROCEDURE, check=_has_text, conflict=True, field="status")

REPLIES = Workflow(
    name="reply",
    states=ReplyStatus,
    transitions=tuple(
        Transition(
            step=step,
            sources=frozenset(TRANSITIONS[step][0]),
            target=TRANSITIONS[step][1],
            label=LABELS[step],
            permission=PERMISSIONS[step],
            guards=(HAS_TEXT,) if step in (ReplyStep.VALIDATE, ReplyStep.SUBMIT) else (),
        )
        for step in ReplyStep
    ),
    out_of_order=_out_of_order,
    permission_objects=lambda reply: {"state_code": reply.state_id},
)
