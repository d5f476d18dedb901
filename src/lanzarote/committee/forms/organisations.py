"""Desk forms of organisations, participants, representatives and the Bureau."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import DecisionChoiceField, RecordForm, decisions_newest_first
from lanzarote.committee.models import (
    BureauTerm,
    Decision,
    Organisation,
    Participation,
    Representative,
)
from lanzarote.core.forms import DateField, KnownDateField


class ParticipationForm(RecordForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name_en")
    )
    basis = forms.ChoiceField(label=_("Basis"), choices=Participation.Basis.choices)
    start = KnownDateField(label=_("Takes part from"))
    end = KnownDateField(label=_("No longer takes part from"), required=False)
    confirmed = forms.BooleanField(label=_("A source confirms it"), required=False)
    decision = DecisionChoiceField(
        label=_("Decision that admitted it"), required=False, queryset=Decision.objects.none()
    )
    note_en = forms.CharField(
        label=_("Note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    note_fr = forms.CharField(
        label=_("Note (French)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = decisions_newest_first()

    @classmethod
    def shown(cls, item: Participation) -> dict[str, Any]:
        return {"start": item.known_date.as_text(), "end": item.end.as_text() if item.end else ""}


class OrganisationForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=250)
    name_fr = forms.CharField(label=_("Name (French)"), required=False, max_length=250)
    acronym = forms.CharField(label=_("Acronym"), required=False, max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.CharField(label=_("Country of seat (code)"), required=False, max_length=2)
    website = forms.URLField(label=_("Website"), required=False)


class RepresentativeForm(RecordForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=Representative.Role.choices)
    state = forms.CharField(
        label=_("Designated by the State (code)"),
        required=False,
        max_length=2,
        help_text=_("Either a State or an organisation."),
    )
    organisation = forms.ModelChoiceField(
        label=_("or by the organisation"),
        required=False,
        queryset=Organisation.objects.order_by("name_en"),
    )
    function_en = forms.CharField(label=_("Function (English)"), required=False, max_length=250)
    function_fr = forms.CharField(label=_("Function (French)"), required=False, max_length=250)
    term_start = DateField(label=_("Term starts"))
    term_end = DateField(label=_("Term ends"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), required=False, max_length=50)
    is_demo = forms.BooleanField(label=_("Demonstration data (not a real person)"), required=False)


class BureauTermForm(RecordForm):
    position = forms.ChoiceField(label=_("Position"), choices=BureauTerm.Position.choices)
    person_name = forms.CharField(label=_("Name"), max_length=200)
    state = forms.CharField(label=_("State (code)"), required=False, max_length=2)
    start = KnownDateField(label=_("Term starts"))
    end = KnownDateField(label=_("Term ends"), required=False)
    confirmed = forms.BooleanField(label=_("A source confirms the dates"), required=False)
    evidence_en = forms.CharField(
        label=_("What the source shows (English)"), required=False, max_length=300
    )
    evidence_fr = forms.CharField(
        label=_("What the source shows (French)"), required=False, max_length=300
    )

    @classmethod
    def shown(cls, item: BureauTerm) -> dict[str, Any]:
        return {"start": item.known_date.as_text(), "end": item.end.as_text() if item.end else ""}
