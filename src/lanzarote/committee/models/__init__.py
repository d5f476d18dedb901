"""The Lanzarote Committee (Committee of the Parties, Arts. 39–41 CETS 201).

Its members are never stored: they are the Parties on the day asked, derived from the registry
(`selectors.composition`). What is stored is what cannot be derived, by sub-domain:

- `organisations` — the organisations that take part or observe and the decisions that admitted
  them, observer applications and their append-only chain of events, representatives, the Bureau;
- `meetings` — meetings, agenda items, decisions, documents, attendance and votes;
- `texts` — the texts the Committee adopted;
- `capacity` — capacity building: themes, projects, requests for assistance, priority flags,
  events.

Dates that sources give only loosely are stored as known (`KnownDateFields`) with a `confirmed`
flag; content comes in English and French (`Bilingual`).
"""

from lanzarote.committee.models.capacity import (
    AssistanceRequest,
    CapacityEvent,
    PriorityFlag,
    Project,
    Theme,
)
from lanzarote.committee.models.meetings import (
    AgendaItem,
    Attendance,
    CommitteeDocument,
    Decision,
    Meeting,
    Vote,
)
from lanzarote.committee.models.organisations import (
    BureauTerm,
    ObserverApplication,
    ObserverEvent,
    Organisation,
    Participation,
    Representative,
)
from lanzarote.committee.models.texts import AdoptedText

__all__ = [
    "AdoptedText",
    "AgendaItem",
    "AssistanceRequest",
    "Attendance",
    "BureauTerm",
    "CapacityEvent",
    "CommitteeDocument",
    "Decision",
    "Meeting",
    "ObserverApplication",
    "ObserverEvent",
    "Organisation",
    "Participation",
    "PriorityFlag",
    "Project",
    "Representative",
    "Theme",
    "Vote",
]
