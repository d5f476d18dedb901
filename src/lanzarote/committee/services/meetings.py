"""Meetings, their agenda, decisions, documents and attendance, and the Committee's votes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext

from lanzarote.committee import selectors
from lanzarote.committee.checks import MANAGE, RECORD_VOTE, authorised, within_meeting
from lanzarote.committee.models import (
    AgendaItem,
    Attendance,
    CommitteeDocument,
    Decision,
    Meeting,
    Organisation,
    Vote,
)
from lanzarote.core.audit import Actor, AuditAction, SaveActions, audit_record
from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.records.bilingual import both_languages
from lanzarote.core.records.inputs import SourceInput, clean_sources, known_date
from lanzarote.core.records.saving import record_save, recorded_now, snapshot
from lanzarote.core.rules import format_date, refusal
from lanzarote.registry.lookups import convention_articles, states_by_code
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate, RuleAnswer, RuleViolation
from lanzarote.treaty_law.committee import Ballot, MajorityRule, VoteResult, committee_vote

MEETING = SaveActions(AuditAction.COMMITTEE_MEETING_CREATE, AuditAction.COMMITTEE_MEETING_UPDATE)
AGENDA = SaveActions(AuditAction.COMMITTEE_AGENDA_CREATE, AuditAction.COMMITTEE_AGENDA_UPDATE)
DECISION = SaveActions(AuditAction.COMMITTEE_DECISION_CREATE, AuditAction.COMMITTEE_DECISION_UPDATE)
DOCUMENT = SaveActions(AuditAction.COMMITTEE_DOCUMENT_CREATE, AuditAction.COMMITTEE_DOCUMENT_UPDATE)


@transaction.atomic
def meeting_save(
    *,
    user: Any,
    meeting: Meeting | None = None,
    number: int,
    start_date: date,
    end_date: date,
    mode: str,
    place_en: str = "",
    place_fr: str = "",
    dates_confirmed: bool = True,
    sources: Sequence[SourceInput] = (),
    note_en: str = "",
    note_fr: str = "",
) -> Meeting:
    actor = authorised(user)
    if end_date < start_date:
        raise InvalidInput("A meeting cannot end before it starts.", field="end_date")
    values = {
        "number": number,
        "start_date": start_date,
        "end_date": end_date,
        "mode": mode,
        "place_en": place_en.strip(),
        "place_fr": (place_fr or place_en).strip(),
        "dates_confirmed": dates_confirmed,
        "sources": clean_sources(sources),
        "note_en": note_en,
        "note_fr": note_fr,
    }
    return record_save(
        actor=actor,
        instance=meeting or Meeting(),
        values=values,
        permission=MANAGE,
        action=MEETING,
        summary=f"meeting {number}",
    )


def next_agenda_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(n=models.Max("position"))["n"] or 0) + 1


@transaction.atomic
def agenda_item_save(
    *,
    user: Any,
    meeting: Meeting,
    item: AgendaItem | None = None,
    title_en: str,
    title_fr: str = "",
    number: str = "",
    position: int | None = None,
    articles: Iterable[int | Article] = (),
) -> AgendaItem:
    actor = authorised(user)
    if item is not None and item.meeting_id != meeting.pk:
        raise InvalidInput("The agenda item belongs to another meeting.", field="item")
    instance = item or AgendaItem(meeting=meeting)
    values = {
        "meeting": meeting,
        "title_en": title_en.strip(),
        "title_fr": title_fr.strip(),
        "number": number,
        "position": position or instance.position or next_agenda_position(meeting),
    }
    return record_save(
        actor=actor,
        instance=instance,
        values=values,
        relations={"articles": convention_articles(articles)},
        permission=MANAGE,
        action=AGENDA,
        summary=f"meeting {meeting.number}: {title_en[:200]}",
    )


@transaction.atomic
def decision_save(
    *,
    user: Any,
    meeting: Meeting,
    decision: Decision | None = None,
    decided_on: date,
    kind: str,
    text_en: str,
    text_fr: str = "",
    agenda_item: AgendaItem | None = None,
    adopted: bool = True,
    day_confirmed: bool = True,
    sources: Sequence[SourceInput] = (),
) -> Decision:
    actor = authorised(user)
    within_meeting(meeting, decided_on, field="decided_on")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise InvalidInput("The agenda item belongs to another meeting.", field="agenda_item")
    values = {
        "meeting": meeting,
        "decided_on": decided_on,
        "kind": kind,
        "text_en": text_en.strip(),
        "text_fr": text_fr.strip(),
        "agenda_item": agenda_item,
        "adopted": adopted,
        "day_confirmed": day_confirmed,
        "sources": clean_sources(sources),
    }
    return record_save(
        actor=actor,
        instance=decision or Decision(meeting=meeting),
        values=values,
        permission=MANAGE,
        action=DECISION,
        summary=f"meeting {meeting.number}: {text_en[:200]}",
    )


@transaction.atomic
def document_save(
    *,
    user: Any,
    document: CommitteeDocument | None = None,
    code: str,
    title_en: str,
    title_fr: str = "",
    meeting: Meeting | None = None,
    dated: KnownDate | str = "unknown",
    confirmed: bool = False,
    url_en: str = "",
    url_fr: str = "",
    sources: Sequence[SourceInput] = (),
) -> CommitteeDocument:
    actor = authorised(user)
    values = {
        "code": code.strip(),
        "title_en": title_en.strip(),
        "title_fr": title_fr.strip(),
        "meeting": meeting,
        "confirmed": confirmed,
        "url_en": url_en,
        "url_fr": url_fr,
        "sources": clean_sources(sources),
        **CommitteeDocument.known_date_values(known_date(dated, field="dated")),
    }
    return record_save(
        actor=actor,
        instance=document or CommitteeDocument(),
        values=values,
        permission=MANAGE,
        action=DOCUMENT,
        summary=code.strip(),
    )


def _attendance(meeting: Meeting) -> dict[str, list[str]]:
    rows = list(meeting.attendance.select_related("organisation"))
    return {
        "states": sorted(r.state_id for r in rows if r.state_id),
        "organisations": sorted(r.organisation.slug for r in rows if r.organisation),
    }


@transaction.atomic
def attendance_set(
    *,
    user: Any,
    meeting: Meeting,
    states: Iterable[str | State] = (),
    organisations: Iterable[Organisation] = (),
) -> list[Attendance]:
    """Replace the list of those who attended a meeting (nothing is written when it is the same)."""
    actor = authorised(user)
    state_rows = states_by_code(states)
    organisation_rows = list(organisations)
    rows = [Attendance(meeting=meeting, state=s) for s in state_rows] + [
        Attendance(meeting=meeting, organisation=o) for o in organisation_rows
    ]
    before = _attendance(meeting)
    after = {
        "states": sorted(s.code for s in state_rows),
        "organisations": sorted(o.slug for o in organisation_rows),
    }
    if before == after:
        return rows
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action=AuditAction.COMMITTEE_ATTENDANCE_SET,
        target=meeting,
        summary=f"meeting {meeting.number}: {len(rows)} attending",
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return rows


@dataclass(frozen=True)
class CountedVote:
    """A vote checked and counted by the rule, with its explanation in both languages."""

    answer: RuleAnswer[VoteResult]
    explanation_en: str
    explanation_fr: str

    @property
    def result(self) -> VoteResult:
        return self.answer.value


def count_vote(
    *, meeting: Meeting, voted_on: date, ballots: Mapping[str, str], rule: str
) -> CountedVote:
    """Check the ballots (only the Parties on `voted_on` vote, Arts. 39(1) and 40(4)) and count
    them by `rule`."""
    within_meeting(meeting, voted_on, field="voted_on")
    try:
        majority = MajorityRule(rule)
    except ValueError:
        raise InvalidInput(
            f"rule must be one of {', '.join(r.value for r in MajorityRule)}.", field="rule"
        ) from None
    composition = selectors.composition(voted_on)
    members = frozenset(r.state.code for r in composition.members if r.certain)
    uncertain = frozenset(r.state.code for r in composition.members if not r.certain)
    normalised = {code.upper(): str(ballot) for code, ballot in ballots.items()}
    try:
        answer = committee_vote(
            normalised, members=members, uncertain=uncertain, on=voted_on, rule=majority
        )
    except RuleViolation as violation:
        raise refusal(violation) from None
    english, french = both_languages(
        lambda: answer.render(translate=gettext, format_date=format_date)
    )
    return CountedVote(answer, english, french)


def vote_row(
    *,
    actor: Actor,
    meeting: Meeting,
    decision: Decision | None,
    subject_en: str,
    subject_fr: str,
    voted_on: date,
    ballots: Mapping[str, str],
    counted: CountedVote,
    supersedes: Vote | None = None,
    correction_reason: str = "",
) -> Vote:
    result = counted.result
    return Vote.objects.create(
        meeting=meeting,
        decision=decision,
        subject_en=subject_en,
        subject_fr=subject_fr,
        voted_on=voted_on,
        rule=result.rule.value,
        ballots={code.upper(): Ballot(str(b)).value for code, b in sorted(ballots.items())},
        members=result.members,
        votes_for=result.votes_for,
        votes_against=result.votes_against,
        abstentions=result.abstentions,
        adopted=result.adopted,
        article=counted.answer.article,
        explanation_en=counted.explanation_en,
        explanation_fr=counted.explanation_fr,
        supersedes=supersedes,
        correction_reason=correction_reason,
        **recorded_now(actor),
    )


VOTE_FIELDS = ("voted_on", "ballots", "votes_for", "votes_against", "abstentions", "adopted")


def _correction_refusal(meeting: Meeting, supersedes: Vote, reason: str) -> None:
    if supersedes.meeting_id != meeting.pk:
        raise InvalidInput("A correction concerns a vote of the same meeting.", field="supersedes")
    if Vote.objects.filter(supersedes=supersedes).exists():
        raise Conflict("This vote has already been corrected; correct the newest version.")
    if not reason.strip():
        raise InvalidInput("Say why the vote is corrected.", field="correction_reason")


@transaction.atomic
def vote_record(
    *,
    user: Any,
    meeting: Meeting,
    subject_en: str,
    voted_on: date,
    ballots: Mapping[str, str],
    subject_fr: str = "",
    rule: str = MajorityRule.SIMPLE.value,
    decision: Decision | None = None,
    supersedes: Vote | None = None,
    correction_reason: str = "",
) -> Vote:
    """Record a vote of the Committee: each member's ballot, checked (only the Parties on the day
    vote, Arts. 39(1) and 40(4)) and counted by the rule."""
    actor = authorised(user, RECORD_VOTE)
    if not subject_en.strip():
        raise InvalidInput("Say what the vote was on.", field="subject_en")
    if decision is not None and decision.meeting_id != meeting.pk:
        raise InvalidInput("The decision belongs to another meeting.", field="decision")
    if supersedes is not None:
        _correction_refusal(meeting, supersedes, correction_reason)
    counted = count_vote(meeting=meeting, voted_on=voted_on, ballots=ballots, rule=rule)
    vote = vote_row(
        actor=actor,
        meeting=meeting,
        decision=decision,
        subject_en=subject_en.strip(),
        subject_fr=subject_fr.strip(),
        voted_on=voted_on,
        ballots=ballots,
        counted=counted,
        supersedes=supersedes,
        correction_reason=correction_reason,
    )
    audit_record(
        actor=actor,
        action=AuditAction.COMMITTEE_VOTE_RECORD,
        target=vote,
        summary=f"{meeting.number}th meeting: {subject_en[:200]}",
        payload={"adopted": vote.adopted, "for": vote.votes_for, "against": vote.votes_against},
        changes=snapshot(vote, VOTE_FIELDS),
    )
    return vote
