"""Forms of the Committee pages, by sub-domain: the query forms of the public lists and the
secretariat's desk forms. They parse and validate what people typed; the services decide and
write."""

from lanzarote.committee.forms.capacity import (
    AssistanceRequestForm,
    CapacityEventForm,
    PriorityFlagForm,
    ProjectForm,
)
from lanzarote.committee.forms.fields import parse_ballots
from lanzarote.committee.forms.meetings import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    VoteForm,
)
from lanzarote.committee.forms.observers import (
    ObserverApplicationForm,
    ObserverDecisionForm,
    ScheduleForm,
    WithdrawForm,
)
from lanzarote.committee.forms.organisations import (
    BureauTermForm,
    OrganisationForm,
    ParticipationForm,
    RepresentativeForm,
)
from lanzarote.committee.forms.queries import CompositionForm, ProjectFilterForm, TextFilterForm
from lanzarote.committee.forms.texts import TextForm

__all__ = [
    "AgendaItemForm",
    "AssistanceRequestForm",
    "AttendanceForm",
    "BureauTermForm",
    "CapacityEventForm",
    "CompositionForm",
    "DecisionForm",
    "DocumentForm",
    "MeetingForm",
    "ObserverApplicationForm",
    "ObserverDecisionForm",
    "OrganisationForm",
    "ParticipationForm",
    "PriorityFlagForm",
    "ProjectFilterForm",
    "ProjectForm",
    "RepresentativeForm",
    "ScheduleForm",
    "TextFilterForm",
    "TextForm",
    "VoteForm",
    "WithdrawForm",
    "parse_ballots",
]
