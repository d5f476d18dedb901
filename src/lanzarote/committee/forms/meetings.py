"""Desk forms of meetings: the meeting, its agenda, decisions, documents, attendance, votes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import BALLOTS_HELP, RULE_CHOICES, RecordForm, parse_ballots
from lanzarote.committee.models import Decision, Meeting, Organisation
from lanzarote.core.forms import ArticlesField, DateField, KnownDateField, StateCodesField


class MeetingForm(RecordForm):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    start_date = DateField(label=_("First day"))
    end_date = DateField(label=_("Last day"))
    mode = forms.ChoiceField(label=_("Held"), choices=Meeting.Mode.choices)
    place_en = forms.CharField(label=_("Place (English)"), required=False, max_length=200)
    place_fr = forms.CharField(label=_("Place (French)"), required=False, max_length=200)
    dates_confirmed = forms.BooleanField(
        label=_("A source confirms the dates"), required=False, initial=True
    )


class AgendaItemForm(forms.Form):
    number = forms.CharField(label=_("Item number"), required=False, max_length=20)
    title_en = forms.CharField(label=_("Title (English)"), max_length=400)
    title_fr = forms.CharField(label=_("Title (French)"), required=False, max_length=400)
    articles = ArticlesField()


class DecisionForm(forms.Form):
    decided_on = DateField(label=_("Decided on"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices)
    text_en = forms.CharField(
        label=_("Decision (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text_fr = forms.CharField(
        label=_("Decision (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    day_confirmed = forms.BooleanField(
        label=_("A source confirms the day"), required=False, initial=True
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"] = forms.ModelChoiceField(
            label=_("Agenda item"),
            required=False,
            queryset=meeting.agenda_items.order_by("position"),
        )


class DocumentForm(forms.Form):
    code = forms.CharField(
        label=_("Reference code"), max_length=40, help_text=_("For example T-ES(2022)02.")
    )
    title_en = forms.CharField(label=_("Title (English)"), max_length=400)
    title_fr = forms.CharField(label=_("Title (French)"), required=False, max_length=400)
    dated = KnownDateField(label=_("Date"), initial="unknown")
    confirmed = forms.BooleanField(label=_("A source confirms the date"), required=False)
    url_en = forms.URLField(label=_("Link (English)"), required=False, max_length=500)
    url_fr = forms.URLField(label=_("Link (French)"), required=False, max_length=500)


class AttendanceForm(forms.Form):
    states = StateCodesField(label=_("States that attended"))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations that attended"),
        required=False,
        queryset=Organisation.objects.order_by("name_en"),
        widget=forms.CheckboxSelectMultiple,
    )


class VoteForm(forms.Form):
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=400)
    subject_fr = forms.CharField(label=_("Subject (French)"), required=False, max_length=400)
    voted_on = DateField(label=_("Voted on"))
    rule = forms.ChoiceField(label=_("Majority required"), choices=RULE_CHOICES)
    ballots = forms.CharField(
        label=_("Ballots"), widget=forms.Textarea(attrs={"rows": 8}), help_text=BALLOTS_HELP
    )

    def clean_ballots(self) -> dict[str, str]:
        return parse_ballots(self.cleaned_data.get("ballots", ""))
