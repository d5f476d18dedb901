"""Desk forms of the observer chain (Art. 40(3))."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import (
    BALLOTS_HELP,
    RULE_CHOICES,
    MeetingChoiceField,
    meetings_newest_first,
    parse_ballots,
)
from lanzarote.committee.models import Meeting
from lanzarote.core.forms import DateField


class ObserverApplicationForm(forms.Form):
    name_en = forms.CharField(label=_("Name of the organisation (English)"), max_length=250)
    name_fr = forms.CharField(
        label=_("Name of the organisation (French)"), required=False, max_length=250
    )
    acronym = forms.CharField(label=_("Acronym"), required=False, max_length=40)
    country = forms.CharField(label=_("Country of seat (code)"), required=False, max_length=2)
    website = forms.URLField(label=_("Website"), required=False)
    received_on = DateField(label=_("Application received on"))
    mission_en = forms.CharField(
        label=_("Mission (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    mission_fr = forms.CharField(
        label=_("Mission (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    child_protection_activity_en = forms.CharField(
        label=_("Activity in the protection of children (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    child_protection_activity_fr = forms.CharField(
        label=_("Activity in the protection of children (French)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    references = forms.CharField(
        label=_("References"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One reference per line."),
    )
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def clean_received_on(self) -> date:
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An application cannot be received in the future."))
        return value


class ScheduleForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings_newest_first()


class ObserverDecisionForm(forms.Form):
    OUTCOMES = [("", _("Follows the vote")), ("admit", _("Admitted")), ("refuse", _("Refused"))]

    decided_on = DateField(label=_("Decided on"))
    outcome = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=OUTCOMES,
        help_text=_("Without ballots, say whether the members admitted or refused it."),
    )
    rule = forms.ChoiceField(label=_("Majority required"), choices=RULE_CHOICES)
    ballots = forms.CharField(
        label=_("Ballots"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=BALLOTS_HELP,
    )

    def clean_ballots(self) -> dict[str, str]:
        return parse_ballots(self.cleaned_data.get("ballots", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("ballots") and not data.get("outcome"):
            self.add_error("outcome", _("Without ballots, say whether it was admitted or refused."))
        return data


class WithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Withdrawn on"))
    reason_en = forms.CharField(
        label=_("Reason (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reason_fr = forms.CharField(
        label=_("Reason (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    meeting = MeetingChoiceField(
        label=_("At the meeting"), required=False, queryset=Meeting.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = meetings_newest_first()
