"""Forms of the Committee pages: query forms of the public lists and the secretariat's desk
forms. They parse and validate what people typed; the services decide and write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.models import (
    AdoptedText,
    AssistanceRequest,
    BureauTerm,
    CapacityEvent,
    Decision,
    Meeting,
    Organisation,
    Participation,
    Project,
    Representative,
    Theme,
)
from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.committee import Ballot, MajorityRule
from lanzarote.web.forms import AsOfForm, DateInput

KNOWN_DATE_HELP = _(
    "A day (2015-06-16), a month (2015-06), a year (2015), a range (2015-06-15..2015-06-17), "
    "“on or before” (..2017-12-31), “on or after” (2010-07-01..) or “unknown”."
)


def _date_bounds(value: date | None) -> None:
    if value is not None and not (1900 <= value.year <= 2200):
        raise forms.ValidationError(_("Choose a date between the years 1900 and 2200."))


class DateField(forms.DateField):
    widget = DateInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter a real date in the form YYYY-MM-DD, for example 2023-05-31.")},
        )
        super().__init__(*args, **kwargs)
        self.validators.append(_date_bounds)


class KnownDateField(forms.CharField):
    """A date as known, typed in the notation of the reference data."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", KNOWN_DATE_HELP)
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> KnownDate | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return KnownDate.parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def _numbers(text: str) -> list[int]:
    numbers = []
    for part in filter(None, re.split(r"[\s,;]+", text or "")):
        if not part.isdigit() or not 1 <= int(part) <= 50:
            raise forms.ValidationError(
                _("Give article numbers between 1 and 50, separated by commas, e.g. 18, 20.")
            )
        numbers.append(int(part))
    return sorted(set(numbers))


def _codes(text: str) -> list[str]:
    codes = []
    for part in filter(None, re.split(r"[\s,;]+", text or "")):
        if not re.fullmatch(r"[A-Za-z]{2}", part):
            raise forms.ValidationError(
                _("Give two-letter ISO 3166-1 codes separated by commas, e.g. TN, MA.")
            )
        codes.append(part.upper())
    return sorted(set(codes))


class ArticlesField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Articles concerned"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Article numbers separated by commas, e.g. 18, 20."))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[int]:
        return _numbers(super().clean(value))


class StateCodesField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Two-letter ISO 3166-1 codes separated by commas, e.g. TN, MA.")
        )
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[str]:
        return _codes(super().clean(value))


class LinesField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


def _meetings() -> Any:
    return Meeting.objects.order_by("-number")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.start_date:%Y-%m-%d})"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.meeting.number} · {obj.decided_on:%Y-%m-%d} · {obj.text[:80]}"


def _decisions() -> Any:
    return Decision.objects.select_related("meeting").order_by("-decided_on", "-id")


# -- public query forms ----------------------------------------------------------------------


class CompositionForm(AsOfForm):
    since = DateField(
        label=_("Changes since"),
        required=False,
        help_text=_("Optional: a previous date to list who joined or left since then."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, as_of = data.get("since"), data.get("as_of")
        if since and as_of and since >= as_of:
            self.add_error("since", _("Choose a date before the date shown."))
        return data


class TextFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *AdoptedText.Kind.choices]
    )
    article = forms.TypedChoiceField(
        label=_("Article"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args: Any, articles: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["article"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any article"))] + [
            (a.number, _("Art. %(number)s – %(title)s") % {"number": a.number, "title": a.title})
            for a in articles
        ]


class ProjectFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Project.Status.choices],
    )
    state = forms.CharField(label=_("Beneficiary State (code)"), required=False, max_length=2)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=())

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["theme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any theme"))] + [(t.slug, t.name) for t in themes]

    def clean_state(self) -> str:
        value = (self.cleaned_data.get("state") or "").strip().upper()
        if value and not re.fullmatch(r"[A-Z]{2}", value):
            raise forms.ValidationError(_("Give a two-letter ISO 3166-1 code, e.g. TN."))
        return value


# -- the desk --------------------------------------------------------------------------------


class MeetingForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    start_date = DateField(label=_("First day"))
    end_date = DateField(label=_("Last day"))
    mode = forms.ChoiceField(label=_("Held"), choices=Meeting.Mode.choices)
    place_en = forms.CharField(label=_("Place (English)"), required=False, max_length=200)
    place_fr = forms.CharField(label=_("Place (French)"), required=False, max_length=200)
    dates_confirmed = forms.BooleanField(
        label=_("A source confirms the dates"), required=False, initial=True
    )

    @classmethod
    def initial_from(cls, meeting: Meeting) -> dict[str, Any]:
        return {
            "number": meeting.number,
            "start_date": meeting.start_date,
            "end_date": meeting.end_date,
            "mode": meeting.mode,
            "place_en": meeting.place_en,
            "place_fr": meeting.place_fr,
            "dates_confirmed": meeting.dates_confirmed,
        }


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


def parse_ballots(text: str) -> dict[str, str]:
    ballots: dict[str, str] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace(":", " ").split()
        if not parts:
            continue
        if len(parts) != 2 or not re.fullmatch(r"[A-Za-z]{2}", parts[0]):
            raise forms.ValidationError(
                _("Line %(number)s: write a State code and its ballot, e.g. “FR for”.")
                % {"number": number}
            )
        code, ballot = parts[0].upper(), parts[1].lower()
        if ballot not in {b.value for b in Ballot}:
            raise forms.ValidationError(
                _("Line %(number)s: the ballot is for, against or abstain.") % {"number": number}
            )
        if code in ballots:
            raise forms.ValidationError(
                _("Line %(number)s: %(code)s votes twice.") % {"number": number, "code": code}
            )
        ballots[code] = ballot
    return ballots


BALLOTS_HELP = _(
    "One line per member: its State code, then for, against or abstain, e.g. “FR for”. Only the "
    "Parties on the day of the vote vote (Arts. 39(1) and 40(4))."
)
RULE_CHOICES = [
    (MajorityRule.SIMPLE.value, _("Simple majority of the votes cast (default)")),
    (MajorityRule.TWO_THIRDS.value, _("Two thirds of the votes cast")),
    (MajorityRule.MAJORITY_OF_MEMBERS.value, _("Majority of the members")),
]


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


class TextForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=AdoptedText.Kind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=400)
    title_fr = forms.CharField(label=_("Title (French)"), required=False, max_length=400)
    adopted_on = KnownDateField(label=_("Adopted on"), initial="unknown")
    confirmed = forms.BooleanField(label=_("A source confirms the date"), required=False)
    adoption_confirmed = forms.BooleanField(
        label=_("A source confirms the adoption"), required=False, initial=True
    )
    meeting = MeetingChoiceField(
        label=_("Adopted at the meeting"), required=False, queryset=Meeting.objects.none()
    )
    articles = ArticlesField()
    summary_en = forms.CharField(
        label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    summary_fr = forms.CharField(
        label=_("Summary (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    url_en = forms.URLField(label=_("Link (English)"), required=False, max_length=500)
    url_fr = forms.URLField(label=_("Link (French)"), required=False, max_length=500)
    document_code = forms.CharField(label=_("Document reference"), required=False, max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.fields["meeting"]
        assert isinstance(meeting, forms.ModelChoiceField)
        meeting.queryset = _meetings()

    @classmethod
    def initial_from(cls, text: AdoptedText) -> dict[str, Any]:
        return {
            "kind": text.kind,
            "title_en": text.title_en,
            "title_fr": text.title_fr,
            "adopted_on": text.known_date.as_text(),
            "confirmed": text.confirmed,
            "adoption_confirmed": text.adoption_confirmed,
            "meeting": text.meeting_id,
            "articles": ", ".join(str(a.number) for a in text.articles.all()),
            "summary_en": text.summary_en,
            "summary_fr": text.summary_fr,
            "url_en": text.url_en,
            "url_fr": text.url_fr,
            "document_code": text.document_code,
        }


class ParticipationForm(forms.Form):
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
        decision.queryset = _decisions()

    @classmethod
    def initial_from(cls, item: Participation) -> dict[str, Any]:
        return {
            "organisation": item.organisation_id,
            "basis": item.basis,
            "start": item.known_date.as_text(),
            "end": item.end.as_text() if item.end else "",
            "confirmed": item.confirmed,
            "decision": item.decision_id,
            "note_en": item.note_en,
            "note_fr": item.note_fr,
        }


class OrganisationForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=250)
    name_fr = forms.CharField(label=_("Name (French)"), required=False, max_length=250)
    acronym = forms.CharField(label=_("Acronym"), required=False, max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.CharField(label=_("Country of seat (code)"), required=False, max_length=2)
    website = forms.URLField(label=_("Website"), required=False)


class RepresentativeForm(forms.Form):
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

    @classmethod
    def initial_from(cls, item: Representative) -> dict[str, Any]:
        return {
            "name": item.name,
            "role": item.role,
            "state": item.state_id or "",
            "organisation": item.organisation_id,
            "function_en": item.function_en,
            "function_fr": item.function_fr,
            "term_start": item.term_start,
            "term_end": item.term_end,
            "email": item.email,
            "phone": item.phone,
            "is_demo": item.is_demo,
        }


class BureauTermForm(forms.Form):
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
    def initial_from(cls, item: BureauTerm) -> dict[str, Any]:
        return {
            "position": item.position,
            "person_name": item.person_name,
            "state": item.state_id or "",
            "start": item.known_date.as_text(),
            "end": item.end.as_text() if item.end else "",
            "confirmed": item.confirmed,
            "evidence_en": item.evidence_en,
            "evidence_fr": item.evidence_fr,
        }


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
        meeting.queryset = _meetings()


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
        label=_("Ballots (optional)"),
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
        meeting.queryset = _meetings()


class ProjectForm(forms.Form):
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
    responds_to_recommendations = LinesField(
        label=_("Recommendations it responds to"),
        help_text=_("One reference per line, e.g. “T-ES(2022)02 R7”."),
    )

    @classmethod
    def initial_from(cls, item: Project) -> dict[str, Any]:
        return {
            "title_en": item.title_en,
            "title_fr": item.title_fr,
            "status": item.status,
            "summary_en": item.summary_en,
            "summary_fr": item.summary_fr,
            "beneficiaries": ", ".join(s.code for s in item.beneficiaries.all()),
            "themes": [t.pk for t in item.themes.all()],
            "articles": ", ".join(str(a.number) for a in item.articles.all()),
            "partners": "\n".join(item.partners),
            "donors": "\n".join(item.donors),
            "start_date": item.start_date,
            "end_date": item.end_date,
            "outputs_en": item.outputs_en,
            "outputs_fr": item.outputs_fr,
            "url": item.url,
            "responds_to_recommendations": "\n".join(item.responds_to_recommendations or []),
        }


class AssistanceRequestForm(forms.Form):
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
    def initial_from(cls, item: AssistanceRequest) -> dict[str, Any]:
        return {
            "state": item.state_id,
            "received_on": item.received_on,
            "subject_en": item.subject_en,
            "subject_fr": item.subject_fr,
            "articles": ", ".join(str(a.number) for a in item.articles.all()),
            "status": item.status,
            "project": item.project_id,
            "note": item.note,
        }


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
        decision.queryset = _decisions()


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
        meeting.queryset = _meetings()
