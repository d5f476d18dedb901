"""The Committee's history from the research files (`lanzarote/data/research/committee/`).

Every plenary meeting with its days or their bounds, its place and main business; the texts it
adopted (and a decision of adoption for each, on the meeting that adopted it); the Chairs,
Vice-Chairs and Bureau members; the observers with the meeting that admitted them; the
co-operation projects and capacity-building events. A fact the research marks unconfirmed or
bounded is stored so (`confirmed`, `dates_confirmed`, known-date bounds), never rounded into a
certainty. Rows are found again by their research key, so a second load writes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lanzarote.committee.loading import (
    CommitteeLoadReport,
    articles_numbered,
    end_values,
    prune,
)
from lanzarote.committee.models import (
    AdoptedText,
    AgendaItem,
    BureauTerm,
    CapacityEvent,
    Decision,
    Meeting,
    ObserverEvent,
    Organisation,
    Project,
)
from lanzarote.committee.selectors import observer_heads
from lanzarote.core.audit import Actor
from lanzarote.core.records.saving import recorded_now
from lanzarote.core.reference_data import known_values, read_json, sync
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import KnownDate, Precision

RESEARCH = Path("research") / "committee"
# Where an adopted text's official page is: the Council of Europe's own sites.
OFFICIAL_HOSTS = ("coe.int",)
OFFICIAL_GRADES = {"depositary", "committee", "government"}


def official_link(sources: list[dict[str, Any]], *, language: str = "en") -> str:
    """The first source on a Council of Europe site (in `language` for French: a `/fr/` page)."""
    for source in sources:
        url = source.get("url") or ""
        host = urlsplit(url).hostname or ""
        if source.get("grade") not in OFFICIAL_GRADES or not host.endswith(OFFICIAL_HOSTS):
            continue
        if language == "fr" and "/fr/" not in url:
            continue
        return url
    return ""


def meeting_days(start: str, end: str) -> dict[str, Any]:
    """The first and last day of a meeting; when the days are not known, the bounds of its
    time and their precision (a month, or the interval between its neighbours)."""
    first, last = KnownDate.parse(start), KnownDate.parse(end)
    if first.precision is Precision.DAY and last.precision is Precision.DAY:
        return {"start_date": first.earliest, "end_date": last.earliest, "period_precision": ""}
    return {
        "start_date": first.earliest,
        "end_date": last.latest,
        "period_precision": first.precision.value,
    }


def _meetings(
    folder: Path, articles: dict[int, Article], report: CommitteeLoadReport
) -> dict[int, Meeting]:
    shipped_items: set[str] = set()
    for item in read_json(folder, "meetings.json"):
        meeting = sync(
            Meeting,
            {"number": item["number"]},
            {
                **meeting_days(item["start"], item["end"]),
                "number_confirmed": item["number_confirmed"],
                "status": item["status"],
                "dates_confirmed": item["dates_confirmed"],
                "mode": item["mode"],
                "place_en": item["place_en"],
                "place_fr": item["place_fr"],
                "place_confirmed": item["place_confirmed"] or not item["place_en"],
                "sources": item["sources"],
                "note_en": item["note_en"],
                "note_fr": item.get("note_fr", ""),
                "reference_key": item["key"],
            },
            report,
        )
        for position, (title_en, title_fr) in enumerate(
            zip(item["items_en"], item.get("items_fr", [""] * len(item["items_en"])), strict=True),
            start=1,
        ):
            key = f"agenda/{item['number']}/{position}"
            shipped_items.add(key)
            sync(
                AgendaItem,
                {"reference_key": key},
                {
                    "meeting": meeting,
                    "position": position,
                    "number": str(position),
                    "title_en": title_en,
                    "title_fr": title_fr,
                    "sources": item["sources"],
                },
                report,
            )
    prune(
        AgendaItem,
        AgendaItem.objects.exclude(reference_key=""),
        shipped_items,
        "reference_key",
        report,
    )
    return {m.number: m for m in Meeting.objects.all()}


def _adoption_decision(
    text: dict[str, Any], meeting: Meeting, report: CommitteeLoadReport
) -> Decision:
    """The decision adopting `text` at `meeting`: on the text's day when a source gives it,
    otherwise on the meeting's first day, marked as not confirmed to the day."""
    known = KnownDate.parse(text["date"])
    exact = known.precision is Precision.DAY and text["confirmed"]
    return sync(
        Decision,
        {"reference_key": f"decision/{meeting.number}/adopts/{text['slug']}"},
        {
            "meeting": meeting,
            "decided_on": known.earliest if exact else meeting.start_date,
            "day_confirmed": exact,
            "kind": Decision.Kind.ADOPTION,
            "text_en": text["title_en"],
            "text_fr": text["title_fr"],
            "adopted": True,
            "sources": text["sources"],
        },
        report,
    )


def _texts(
    folder: Path,
    meetings: dict[int, Meeting],
    articles: dict[int, Article],
    report: CommitteeLoadReport,
) -> None:
    shipped: set[str] = set()
    decisions: set[str] = set()
    for item in read_json(folder, "texts.json"):
        shipped.add(item["slug"])
        meeting = meetings.get(item["meeting"]) if item["meeting"] else None
        decision = _adoption_decision(item, meeting, report) if meeting else None
        if decision is not None:
            decisions.add(decision.reference_key)
        sync(
            AdoptedText,
            {"slug": item["slug"]},
            {
                "kind": item["kind"],
                "title_en": item["title_en"],
                "title_fr": item["title_fr"],
                "summary_en": item["summary_en"],
                "summary_fr": item.get("summary_fr", ""),
                "url_en": official_link(item["sources"]),
                "url_fr": official_link(item["sources"], language="fr"),
                "document_code": item["code"] or "",
                "meeting": meeting,
                "decision": decision,
                "confirmed": item["confirmed"],
                "adoption_confirmed": item.get("adoption_confirmed", True),
                "sources": item["sources"],
                "note_en": item["note_en"],
                "note_fr": item.get("note_fr", ""),
                "reference_key": item["key"],
                **known_values(item["date"]),
            },
            report,
            m2m={
                "articles": articles_numbered(item["articles"], articles),
                "considered_at": [meetings[n] for n in item["considered_at"]],
            },
        )
    prune(AdoptedText, AdoptedText.objects.exclude(reference_key=""), shipped, "slug", report)
    prune(
        Decision,
        Decision.objects.exclude(reference_key=""),
        decisions,
        "reference_key",
        report,
    )


def _bureau(folder: Path, meetings: dict[int, Meeting], report: CommitteeLoadReport) -> None:
    shipped: set[str] = set()
    for item in read_json(folder, "bureau.json"):
        shipped.add(item["key"])
        elected = item["elected_at_meeting"]
        sync(
            BureauTerm,
            {"reference_key": item["key"]},
            {
                "position": item["position"],
                "person_name": item["person_name"],
                "state_id": item["state"] or None,
                "elected_at": meetings[elected] if elected else None,
                "confirmed": item["confirmed"],
                "evidence_en": item["evidence_en"],
                "evidence_fr": item.get("evidence_fr", ""),
                "sources": item["sources"],
                "note_en": item["note_en"],
                "note_fr": item.get("note_fr", ""),
                **known_values(item["start"]),
                **end_values(item["end"]),
            },
            report,
        )
    prune(
        BureauTerm, BureauTerm.objects.exclude(reference_key=""), shipped, "reference_key", report
    )


def _observers(
    folder: Path,
    organisations: dict[str, Organisation],
    meetings: dict[int, Meeting],
    actor: Actor,
    report: CommitteeLoadReport,
) -> None:
    """Admissions are append-only events: a changed one supersedes, a removed one is retracted.
    Participants (the Art. 40 bodies, the Special Rapporteur) come from `participants.json`."""
    heads = {
        e.reference_key: e
        for items in observer_heads(
            ObserverEvent.objects.exclude(reference_key="").order_by("id")
        ).values()
        for e in items
    }
    # Retractions are not heads; remember the newest row per key to restore a retracted one.
    newest = {
        e.reference_key: e
        for e in ObserverEvent.objects.exclude(reference_key="")
        .filter(superseded_by__isnull=True)
        .order_by("id")
    }
    shipped = set()
    for item in read_json(folder, "observers.json"):
        if item["status"] != "observer":
            continue
        key = item["key"]
        shipped.add(key)
        known = KnownDate.parse(item["admitted"])
        values = {
            "meeting": meetings[item["meeting"]] if item["meeting"] else None,
            "confirmed": item["confirmed"],
            "sources": item["sources"],
            "note_en": item["note_en"],
            "note_fr": item.get("note_fr", ""),
        }
        head = heads.get(key)
        if (
            head is not None
            and head.known_date == known
            and all(getattr(head, k) == v for k, v in values.items())
        ):
            continue
        previous = head or newest.get(key)
        event = ObserverEvent(
            organisation=organisations[item["organisation"]],
            kind=ObserverEvent.Kind.ADMITTED,
            reference_key=key,
            supersedes=previous,
            correction_reason=(
                "Reference data changed." if head is not None else "Reference data restored."
            )
            if previous is not None
            else "",
            **recorded_now(actor),
            **values,
        )
        event.set_known_date(known)
        event.save()
        report.count(ObserverEvent.__name__)
    for key, head in heads.items():
        if key not in shipped:
            retraction = ObserverEvent(
                organisation=head.organisation,
                kind=head.kind,
                reference_key=key,
                supersedes=head,
                is_retraction=True,
                correction_reason="Removed from the reference data.",
                **recorded_now(actor),
            )
            retraction.set_known_date(head.known_date)
            retraction.save()
            report.count(ObserverEvent.__name__, removed=True)


def _exact_day(text: str) -> Any:
    known = KnownDate.parse(text)
    return known.earliest if known.precision is Precision.DAY else None


def _outputs(item: dict[str, Any], language: str) -> str:
    return "\n".join(
        f"{output['date']}: {output[f'title_{language}']}" for output in item["outputs"]
    )


def _projects(folder: Path, meetings: dict[int, Meeting], report: CommitteeLoadReport) -> None:
    """Co-operation projects become `Project`s, capacity-building events `CapacityEvent`s.
    The Secretariat's publications are neither and are not loaded."""
    projects: set[str] = set()
    events: set[str] = set()
    for item in read_json(folder, "projects.json"):
        states = list(State.objects.filter(code__in=item["beneficiaries"]))
        common = {
            "title_en": item["title_en"],
            "title_fr": item["title_fr"],
            "confirmed": item["confirmed"],
            "sources": item["sources"],
            "note_en": item["note_en"],
            "note_fr": item.get("note_fr", ""),
            "reference_key": item["key"],
        }
        if item["kind"] == "co_operation_project":
            projects.add(item["slug"])
            sync(
                Project,
                {"slug": item["slug"]},
                {
                    **common,
                    "partners": [*item["implementers"], *item["partners"]],
                    "donors": item["funders"],
                    "start_known": item["start"],
                    "end_known": item["end"],
                    "start_date": _exact_day(item["start"]),
                    "end_date": _exact_day(item["end"]),
                    "status": Project.Status.NOT_RECORDED,
                    "outputs_en": _outputs(item, "en"),
                    "outputs_fr": _outputs(item, "fr"),
                    "url": official_link(item["sources"]),
                },
                report,
                m2m={"beneficiaries": states},
            )
        elif item["kind"] == "capacity_building_event":
            events.add(item["slug"])
            meeting = item["meeting"]
            sync(
                CapacityEvent,
                {"slug": item["slug"]},
                {
                    **common,
                    "kind": item["event_kind"],
                    "place_en": item["place_en"],
                    "place_fr": item.get("place_fr", ""),
                    "online": False,
                    "meeting": meetings[meeting] if meeting else None,
                    **known_values(item["start"]),
                },
                report,
                m2m={"states": states},
            )
    prune(Project, Project.objects.exclude(reference_key=""), projects, "slug", report)
    prune(CapacityEvent, CapacityEvent.objects.exclude(reference_key=""), events, "slug", report)


def history_load(
    *,
    data_dir: Path,
    organisations: dict[str, Organisation],
    articles: dict[int, Article],
    actor: Actor,
    report: CommitteeLoadReport,
) -> dict[int, Meeting]:
    """Loads the research files in `data_dir/research/committee/`; returns the meetings by number
    (the seed's documents point at them)."""
    folder = data_dir / RESEARCH
    meetings = _meetings(folder, articles, report)
    _texts(folder, meetings, articles, report)
    _bureau(folder, meetings, report)
    _observers(folder, organisations, meetings, actor, report)
    _projects(folder, meetings, report)
    return meetings
