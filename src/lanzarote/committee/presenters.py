"""Plain-data shapes of the Committee's answers, shared by the API, the CSV/JSON downloads of the
pages and the command line, so the three always say the same thing."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    AssistanceRequest,
    BureauTerm,
    CapacityEvent,
    CommitteeDocument,
    Decision,
    Meeting,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Project,
    Representative,
    Vote,
)
from lanzarote.committee.selectors import (
    BureauRow,
    CategoryChanges,
    Composition,
    CompositionChanges,
    MeetingRecord,
    MemberRow,
    ObserverRow,
    ParticipantRow,
    PriorityCountry,
    StateRole,
)
from lanzarote.registry.presenters import known_date, render

PRIORITY_LABELS = {
    "acceded": _("acceded to the Convention"),
    "accession_request": _("asked to be invited to accede"),
    "decision": _("flagged by a decision"),
}


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def organisation(item: Organisation) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "name": item.name,
        "name_en": item.name_en,
        "name_fr": item.name_fr,
        "acronym": item.acronym or None,
        "kind": item.kind,
        "country": item.country_id,
        "website": item.website or None,
    }


def member_row(row: MemberRow) -> dict[str, Any]:
    return {
        "state": row.state.code,
        "name": row.state.name,
        "since": known_date(row.since),
        "certain": row.certain,
        "member_of_council_of_europe": row.member_of_council_of_europe,
        "votes": True,
    }


def participant_row(row: ParticipantRow) -> dict[str, Any]:
    decision = row.decision
    return {
        "kind": "state" if row.state is not None else "organisation",
        "state": row.state.code if row.state is not None else None,
        "organisation": row.organisation.slug if row.organisation is not None else None,
        "name": row.name,
        "basis": row.basis.value,
        "basis_label": gettext(row.basis.label),
        "since": known_date(row.since),
        "until": known_date(row.until),
        "decision": decision_ref(decision) if decision else None,
        "certain": row.certain,
        "confirmed": row.confirmed,
        "votes": False,
    }


def observer_row(row: ObserverRow) -> dict[str, Any]:
    event = row.admission
    return {
        "organisation": row.organisation.slug,
        "name": row.organisation.name,
        "acronym": row.organisation.acronym or None,
        "since": known_date(event.known_date),
        "confirmed": event.confirmed,
        "certain": row.certain,
        "meeting": event.meeting.number if event.meeting else None,
        "decision": decision_ref(event.decision) if event.decision else None,
        "votes": False,
    }


def bureau_row(row: BureauRow) -> dict[str, Any]:
    return {**bureau_term(row.term), "certain": row.certain}


def bureau_term(term: BureauTerm) -> dict[str, Any]:
    return {
        "id": term.pk,
        "position": term.position,
        "position_label": term.get_position_display(),
        "name": term.person_name,
        "state": term.state_id,
        "start": known_date(term.known_date),
        "end": known_date(term.end),
        "confirmed": term.confirmed,
        "evidence": term.evidence or None,
        "sources": term.sources,
    }


def representative(item: Representative, *, with_contacts: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.pk,
        "name": item.name,
        "role": item.role,
        "role_label": item.get_role_display(),
        "function": item.function or None,
        "state": item.state_id,
        "organisation": item.organisation.slug if item.organisation else None,
        "term_start": _day(item.term_start),
        "term_end": _day(item.term_end),
        "is_demo": item.is_demo,
    }
    if with_contacts:
        data["email"] = item.email or None
        data["phone"] = item.phone or None
    return data


def composition(item: Composition, *, with_contacts: bool = False) -> dict[str, Any]:
    return {
        "as_of": item.as_of.isoformat(),
        "committee_exists": item.committee_exists,
        "treaty_entry_into_force": known_date(item.treaty_entry_into_force),
        "counts": item.counts(),
        "members": [member_row(r) for r in item.members],
        "participants": [participant_row(r) for r in item.participants],
        "observers": [observer_row(r) for r in item.observers],
        "bureau": [bureau_row(r) for r in item.bureau],
        "representatives": [
            representative(r, with_contacts=with_contacts) for r in item.representatives
        ],
    }


def _csv_row(
    group: str, code: str, name: str, basis: str, since: Any, certain: bool, confirmed: bool
) -> dict[str, Any]:
    return {
        "group": group,
        "code": code,
        "name": name,
        "basis": basis,
        "since": _text(since),
        "votes": group == "member",
        "certain": certain,
        "confirmed": confirmed,
    }


def composition_csv_rows(item: Composition) -> list[dict[str, Any]]:
    """One row per member, participant and observer on the date."""
    members = [
        _csv_row("member", m.state.code, m.state.name, "party", m.since, m.certain, True)
        for m in item.members
    ]
    participants = [
        _csv_row(
            "participant",
            p.key.split(":", 1)[1],
            p.name,
            p.basis.value,
            p.since,
            p.certain,
            p.confirmed,
        )
        for p in item.participants
    ]
    observers = [
        _csv_row(
            "observer",
            o.organisation.slug,
            o.organisation.name,
            "observer",
            o.since,
            o.certain,
            o.admission.confirmed,
        )
        for o in item.observers
    ]
    return members + participants + observers


COMPOSITION_CSV_FIELDS = [
    "group",
    "code",
    "name",
    "basis",
    "since",
    "votes",
    "certain",
    "confirmed",
]


def _text(value: Any) -> str:
    data = known_date(value)
    return data["text"] if data else ""


def _category(changes: CategoryChanges, present: Any) -> dict[str, Any]:
    return {
        "joined": [present(r) for r in changes.joined],
        "left": [present(r) for r in changes.left],
    }


def changes(item: CompositionChanges) -> dict[str, Any]:
    return {
        "since": item.since.isoformat(),
        "until": item.until.isoformat(),
        "members": _category(item.members, member_row),
        "participants": _category(item.participants, participant_row),
        "observers": _category(item.observers, observer_row),
    }


def state_role(item: StateRole) -> dict[str, Any]:
    seat = item.seat
    return {
        "state": item.state.code,
        "as_of": item.as_of.isoformat(),
        "committee_exists": item.committee_exists,
        "seat": item.label,
        "possible": sorted(s.value for s in seat.value.possible) if seat else [],
        "basis": seat.value.basis.value if seat and seat.value.basis else None,
        "confirmed": seat.value.confirmed if seat else True,
        "article": seat.article if seat else None,
        "explanation": render(seat.explanations) if seat else "",
        "bureau": [bureau_row(r) for r in item.bureau],
    }


# -- meetings --------------------------------------------------------------------------------


def decision_ref(item: Decision) -> dict[str, Any]:
    return {
        "id": item.pk,
        "meeting": item.meeting.number if item.meeting_id else None,
        "decided_on": _day(item.decided_on),
    }


def meeting_summary(item: Meeting) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "start_date": _day(item.start_date),
        "end_date": _day(item.end_date),
        "dates_confirmed": item.dates_confirmed,
        "mode": item.mode,
        "place": item.place or None,
        "texts_adopted_count": getattr(item, "text_count", None),
        "documents_count": getattr(item, "document_count", None),
        "agenda_items_count": getattr(item, "item_count", None),
        "sources": item.sources,
    }


MEETING_CSV_FIELDS = [
    "number",
    "start_date",
    "end_date",
    "mode",
    "place",
    "dates_confirmed",
    "texts_adopted_count",
    "documents_count",
    "agenda_items_count",
]


def agenda_item(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "position": item.position,
        "number": item.number or None,
        "title": item.title,
        "articles": [a.number for a in item.articles.all()],
    }


def decision(item: Decision) -> dict[str, Any]:
    return {
        "id": item.pk,
        "decided_on": _day(item.decided_on),
        "day_confirmed": item.day_confirmed,
        "kind": item.kind,
        "text": item.text,
        "adopted": item.adopted,
        "agenda_item": item.agenda_item_id,
        "sources": item.sources,
    }


def document(item: CommitteeDocument) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "date": known_date(item.known_date),
        "confirmed": item.confirmed,
        "url": item.url or None,
        "meeting": item.meeting.number if item.meeting_id and item.meeting else None,
    }


def vote(item: Vote) -> dict[str, Any]:
    return {
        "id": item.pk,
        "subject": item.subject,
        "voted_on": _day(item.voted_on),
        "rule": item.rule,
        "ballots": item.ballots,
        "members": item.members,
        "votes_for": item.votes_for,
        "votes_against": item.votes_against,
        "abstentions": item.abstentions,
        "adopted": item.adopted,
        "article": item.article,
        "explanation": item.explanation,
        "decision": item.decision_id,
        "supersedes": item.supersedes_id,
    }


def meeting_record(record: MeetingRecord) -> dict[str, Any]:
    return {
        **meeting_summary(record.meeting),
        "agenda": [agenda_item(i) for i in record.agenda],
        "decisions": [decision(d) for d in record.decisions],
        "documents": [document(d) for d in record.documents],
        "texts_adopted": [text_summary(t) for t in record.texts_adopted],
        "texts_examined": [text_summary(t) for t in record.texts_considered],
        "attendance": [
            {"state": a.state_id, "organisation": a.organisation.slug if a.organisation else None}
            for a in record.attendance
        ],
        "votes": [vote(v) for v in record.votes],
    }


# -- texts -----------------------------------------------------------------------------------


def text_summary(item: AdoptedText) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "title": item.title,
        "title_en": item.title_en,
        "title_fr": item.title_fr or None,
        "date": known_date(item.known_date),
        "confirmed": item.confirmed,
        "adoption_confirmed": item.adoption_confirmed,
        "meeting": item.meeting.number if item.meeting_id and item.meeting else None,
        "articles": [a.number for a in item.articles.all()],
        "document_code": item.document_code or None,
        "url": item.url or None,
        "url_en": item.url_en or None,
        "url_fr": item.url_fr or None,
    }


def text(item: AdoptedText) -> dict[str, Any]:
    return {
        **text_summary(item),
        "summary": item.summary or None,
        "summary_en": item.summary_en or None,
        "summary_fr": item.summary_fr or None,
        "examined_at": [m.number for m in item.considered_at.all()],
        "decision": item.decision_id,
        "note": item.note or None,
        "sources": item.sources,
    }


TEXT_CSV_FIELDS = [
    "slug",
    "kind",
    "title",
    "date",
    "date_earliest",
    "date_latest",
    "confirmed",
    "adoption_confirmed",
    "meeting",
    "articles",
    "document_code",
    "url",
]


def text_csv_row(item: AdoptedText) -> dict[str, Any]:
    data = text_summary(item)
    when = data["date"] or {}
    return {
        **data,
        "date": when.get("text", ""),
        "date_earliest": when.get("earliest") or "",
        "date_latest": when.get("latest") or "",
        "articles": ";".join(str(n) for n in data["articles"]),
    }


# -- capacity building -----------------------------------------------------------------------


def project(item: Project) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "title": item.title,
        "title_en": item.title_en,
        "title_fr": item.title_fr,
        "summary": item.summary or None,
        "status": item.status,
        "beneficiaries": [s.code for s in item.beneficiaries.all()],
        "themes": [t.slug for t in item.themes.all()],
        "articles": [a.number for a in item.articles.all()],
        "partners": item.partners,
        "donors": item.donors,
        "start_date": _day(item.start_date),
        "end_date": _day(item.end_date),
        "outputs": item.outputs or None,
        "url": item.url or None,
        "responds_to_recommendations": item.responds_to_recommendations,
    }


PROJECT_CSV_FIELDS = [
    "slug",
    "title",
    "status",
    "beneficiaries",
    "themes",
    "articles",
    "partners",
    "donors",
    "start_date",
    "end_date",
    "responds_to_recommendations",
]


def project_csv_row(item: Project) -> dict[str, Any]:
    data = project(item)
    for key in ("beneficiaries", "themes", "articles", "partners", "donors"):
        data[key] = ";".join(str(v) for v in data[key])
    data["responds_to_recommendations"] = ";".join(data["responds_to_recommendations"] or [])
    return data


def assistance_request(item: AssistanceRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "state": item.state_id,
        "received_on": _day(item.received_on),
        "subject": item.subject,
        "articles": [a.number for a in item.articles.all()],
        "status": item.status,
        "project": item.project.slug if item.project_id and item.project else None,
        "note": item.note or None,
    }


def capacity_event(item: CapacityEvent) -> dict[str, Any]:
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "date": known_date(item.known_date),
        "confirmed": item.confirmed,
        "place": item.place or None,
        "online": item.online,
        "meeting": item.meeting.number if item.meeting_id and item.meeting else None,
        "participants": item.participants or None,
        "states": [s.code for s in item.states.all()],
        "note": item.note or None,
        "sources": item.sources,
    }


def priority_country(item: PriorityCountry) -> dict[str, Any]:
    return {
        "state": item.state.code,
        "name": item.state.name,
        "reasons": [
            {
                "kind": r.kind,
                "label": str(PRIORITY_LABELS[r.kind]),
                "since": known_date(r.since),
                "confidential": r.confidential,
                "reference": r.reference or None,
                "reason": r.flag.reason if r.flag else None,
                "decision": decision_ref(r.flag.decision) if r.flag and r.flag.decision else None,
            }
            for r in item.reasons
        ],
    }


PRIORITY_CSV_FIELDS = ["state", "name", "reasons", "since"]


def priority_csv_row(item: PriorityCountry) -> dict[str, Any]:
    return {
        "state": item.state.code,
        "name": item.state.name,
        "reasons": ";".join(r.kind for r in item.reasons),
        "since": ";".join(_text(r.since) for r in item.reasons),
    }


# -- observer applications -------------------------------------------------------------------


def observer_event(item: ObserverEvent) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "date": known_date(item.known_date),
        "confirmed": item.confirmed,
        "meeting": item.meeting.number if item.meeting_id and item.meeting else None,
        "decision": item.decision_id,
        "vote": item.vote_id,
        "note": item.note or None,
        "supersedes": item.supersedes_id,
        "recorded_at": item.recorded_at.isoformat(),
        "recorded_by": item.recorded_by_label,
    }


def application(item: ObserverApplication) -> dict[str, Any]:
    return {
        "id": item.pk,
        "organisation": organisation(item.organisation),
        "received_on": _day(item.received_on),
        "status": item.status,
        "meeting": item.meeting.number if item.meeting_id and item.meeting else None,
        "mission": item.mission,
        "child_protection_activity": item.child_protection_activity,
        "references": item.reference_list,
        "contact_name": item.contact_name or None,
        "contact_email": item.contact_email or None,
    }
