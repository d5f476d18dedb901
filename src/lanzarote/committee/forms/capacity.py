"""Desk forms of capacity building: projects, requests, priority flags, events."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import (
    DecisionChoiceField,
    MeetingChoiceField,
    RecordForm,
    articles_text,
    decisions_newest_first,
    meetings_newest_first,
)
from lanzarote.committee.models import (
    AssistanceRequest,
    CapacityEvent,
    Decision,
    Meeting,
    Project,
    Theme,
)
from lanzarote.core.forms import (
    ArticlesField,
    DateField,
    KnownDateField,
    LinesField,
    StateCodesField,
)
from lanzarote.core.text import sorted_by_name


class ProjectForm(RecordForm):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300)
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    beneficiaries = StateCodesField(label=_("Beneficiary States"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.order_by("name_en"),
        widget=forms.CheckboxSelectMultiple,
    )
    articles = ArticlesField()
    partners = LinesField(label=_("Partners"))
    donors = LinesField(label=_("Donors"))
    start_date = DateField(label=_("Starts"), required=False)
    end_date = DateField(label=_("Ends"), required=False)
    outputs_en = forms.CharField(
        label=_("Outputs (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outputs_fr = forms.CharField(
        label=_("Outputs (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The boxes in the reader's order of names; the queryset still validates the choice.
        field = self.fields["themes"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.choices = [
            (theme.pk, theme.name)
            for theme in sorted_by_name(Theme.objects.all(), lambda theme: theme.name)
        ]

    @classmethod
    def shown(cls, item: Project) -> dict[str, Any]:
        return {
            "beneficiaries": ", ".join(s.code for s in item.beneficiaries.all()),
            "themes": [t.pk for t in item.themes.all()],
            "articles": articles_text(item),
            "partners": "\n".join(item.partners),
            "donors": "\n".join(item.donors),
        }


class AssistanceRequestForm(RecordForm):
    state = forms.CharField(label=_("Requesting State (code)"), max_length=2)
    received_on = DateField(label=_("Received on"))
    subject_en = forms.CharField(
        label=_("What is requested (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    subject_fr = forms.CharField(
        label=_("What is requested (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    articles = ArticlesField()
    status = forms.ChoiceField(label=_("Status"), choices=AssistanceRequest.Status.choices)
    project = forms.ModelChoiceField(
        label=_("Answered by the project"),
        required=False,
        queryset=Project.objects.order_by("title_en"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def shown(cls, item: AssistanceRequest) -> dict[str, Any]:
        return {"articles": articles_text(item)}


class PriorityFlagForm(forms.Form):
    state = forms.CharField(label=_("State (code)"), max_length=2)
    reason_en = forms.CharField(
        label=_("Reason (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reason_fr = forms.CharField(
        label=_("Reason (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    flagged_on = DateField(label=_("Flagged on"))
    lifted_on = DateField(label=_("Lifted on"), required=False)
    decision = DecisionChoiceField(
        label=_("Decision"), required=False, queryset=Decision.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = decisions_newest_first()


class CapacityEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CapacityEvent.Kind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), required=False, max_length=300)
    held_on = KnownDateField(label=_("Held on"))
    confirmed = forms.BooleanField(label=_("A source confirms the date"), required=False)
    place_en = forms.CharField(label=_("Place (English)"), required=False, max_length=200)
    place_fr = forms.CharField(label=_("Place (French)"), required=False, max_length=200)
    online = forms.BooleanField(label=_("Held online"), required=False)
    meeting = MeetingChoiceField(
        label=_("Linked to the meeting"), required=False, queryset=Meeting.objects.none()
    )
    participants_en = forms.CharField(
        label=_("Participants (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    participants_fr = forms.CharField(
        label=_("Participants (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    states = StateCodesField(label=_("States taking part"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings_newest_first()
