"""Monitoring on the shared kit: a reply's steps run through one declared workflow (which also
says which steps a person may take now), each write's audit record says what changed, and a save
that changes nothing writes nothing."""

from __future__ import annotations

import pytest

from lanzarote.core.audit import Actor, AuditAction
from lanzarote.core.errors import Conflict, Forbidden
from lanzarote.core.models import AuditRecord
from lanzarote.monitoring import services
from lanzarote.monitoring.models import Question
from lanzarote.monitoring.rules import TRANSITIONS, ReplyStep
from lanzarote.monitoring.workflows import PROCEDURE, REPLIES
from tests.monitoring.factories import new_round, people, questionnaire

pytestmark = pytest.mark.django_db


def _last(action: AuditAction) -> AuditRecord:
    return AuditRecord.objects.filter(action=action.value).latest("id")


@pytest.fixture
def setting(loaded_db):  # type: ignore[no-untyped-def]
    who = people()
    round_ = new_round(who["secretariat"])
    _item, questions = questionnaire(who["secretariat"], round_)
    return who, round_, questions[0]


def test_the_declaration_is_the_rule():
    declared = {(source, step, target) for source, step, target in REPLIES.diagram()}
    ruled = {
        (source.value, step.value, target.value)
        for step, (sources, target) in TRANSITIONS.items()
        for source in sources
    }
    assert declared == ruled


def test_a_reply_moves_through_the_workflow_and_each_audit_says_what_changed(setting):
    who, _round, question = setting
    coordinator = who["coordinator_fr"]
    reply = services.reply_draft(
        actor=Actor(user=who["delegate_fr"]),
        question=question,
        state_code="FR",
        text="Coaches are checked against the register.",
        language="en",
    )
    draft = _last(AuditAction.MONITORING_REPLY_DRAFT)
    assert draft.payload["changes"]["status"] == ["none", "draft"]
    # The text stays with the reply's events, not in the audit log.
    assert draft.payload["changes"]["text"] == [None, "changed"]

    steps = [t.step for t in REPLIES.available_transitions(reply, coordinator)]
    assert steps == [ReplyStep.DRAFT, ReplyStep.VALIDATE]
    assert REPLIES.available_transitions(reply, who["coordinator_de"]) == []

    services.reply_validate(actor=Actor(user=coordinator), reply=reply)
    assert _last(AuditAction.MONITORING_REPLY_VALIDATE).payload["changes"] == {
        "status": ["draft", "validated"]
    }
    submitted = services.reply_submit(actor=Actor(user=coordinator), reply=reply)
    changes = _last(AuditAction.MONITORING_REPLY_SUBMIT).payload["changes"]
    assert changes["status"] == ["validated", "submitted"]
    assert changes["submitted_at"][1] == submitted.submitted_at.isoformat()
    assert [e.kind for e in submitted.events.order_by("id")] == [
        "drafted",
        "validated",
        "submitted",
    ]


def test_a_step_out_of_order_or_by_the_wrong_person_is_refused(setting):
    who, _round, question = setting
    reply = services.reply_draft(
        actor=Actor(user=who["delegate_fr"]), question=question, state_code="FR", text=""
    )
    with pytest.raises(Conflict) as empty:
        services.reply_validate(actor=Actor(user=who["coordinator_fr"]), reply=reply)
    assert empty.value.article == PROCEDURE and empty.value.field == "status"
    with pytest.raises(Conflict) as early:
        services.reply_publish(actor=Actor(user=who["secretariat"]), reply=reply)
    assert early.value.article == PROCEDURE
    with pytest.raises(Forbidden):
        services.reply_validate(actor=Actor(user=who["coordinator_de"]), reply=reply)


def test_a_created_record_is_audited_with_its_values(setting):
    _who, round_, _question = setting
    created = _last(AuditAction.MONITORING_ROUND_CREATE)
    assert created.target_id == str(round_.pk)
    assert created.payload["changes"]["title_fr"] == [None, "4e cycle de suivi"]
    added = _last(AuditAction.MONITORING_QUESTION_ADD)
    articles = Question.objects.get(pk=added.target_id).articles.values_list("pk", flat=True)
    assert added.payload["changes"]["articles"] == [[], sorted(articles)]


def test_an_unchanged_strength_level_writes_no_audit_record(setting):
    who, round_, _question = setting
    actor = Actor(user=who["secretariat"])
    values = {"slug": "urge", "label_en": "urge", "label_fr": "exhorte", "rank": 1}
    services.strength_level_set(actor=actor, round_=round_, **values)
    count = AuditRecord.objects.filter(action=AuditAction.MONITORING_STRENGTH_SET.value).count()

    services.strength_level_set(actor=actor, round_=round_, **values)
    assert (
        AuditRecord.objects.filter(action=AuditAction.MONITORING_STRENGTH_SET.value).count()
        == count
    )
    services.strength_level_set(actor=actor, round_=round_, **(values | {"rank": 2}))
    assert _last(AuditAction.MONITORING_STRENGTH_SET).payload["changes"] == {"rank": [1, 2]}
