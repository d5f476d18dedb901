"""Audit actions are a closed list: every name the code writes is an `AuditAction` member, and an
update records what it changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction

import lanzarote
from lanzarote.core.audit import Actor, AuditAction, audit_action, audit_record
from lanzarote.core.models import AuditRecord
from lanzarote.treaty_law.accession import Step

PACKAGE = Path(lanzarote.__file__).resolve().parent
# `action="…"` and `ACTION = "…"` literals in the code (f-strings are checked below).
LITERAL = re.compile(r"""(?:\baction=|_ACTION\s*=\s*)"([a-z_]+\.[a-z_.]+)\"""")


def test_every_action_named_in_the_code_is_a_member():
    names = {
        name
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
        for name in LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    assert names, "the scan found no audit actions: the pattern is out of date"
    unknown = sorted(n for n in names if n not in {a.value for a in AuditAction})
    assert not unknown, f"add these to AuditAction: {unknown}"


def test_the_actions_built_from_steps_are_members():
    for step in Step:
        assert audit_action(f"accession.{step.value}")
    for kind in ("replies", "recommendations"):
        assert audit_action(f"monitoring.import.{kind}")


@pytest.mark.django_db
def test_an_audit_row_keeps_the_changes_with_the_payload():
    actor = Actor.system("tests")
    target = AuditRecord(pk=1)
    with transaction.atomic():
        row = audit_record(
            actor=actor,
            action=AuditAction.COMMITTEE_MEETING_UPDATE,
            target=target,
            payload={"vote": 3},
            changes={"place_en": ["Paris", "Strasbourg"]},
        )
    assert row.action == "committee.meeting.update"
    assert row.payload == {"vote": 3, "changes": {"place_en": ["Paris", "Strasbourg"]}}
    with pytest.raises(ValueError, match="not an audit action"), transaction.atomic():
        audit_record(actor=actor, action="committee.meeting.vanish", target=target)
