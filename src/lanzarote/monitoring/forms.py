"""Forms of the monitoring pages: they parse and check the shape of input; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.core.forms import KnownDateField
from lanzarote.monitoring.models import Contribution, Report, Round
from lanzarote.monitoring.rules import AgeBand, Compliance

LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French"))]
MATRIX_STATUS_CHOICES = [
    ("", _("Any status")),
    ("none", _("Not started")),
    ("not_submitted", _("Not yet submitted")),
    ("draft", _("Draft")),
    ("validated", _("Validated")),
    ("submitted", _("Submitted")),
    ("published", _("Published")),
    ("late", _("Late")),
    ("missing", _("Missing")),
]
COMPLIANCE_CHOICES = [
    (Compliance.NOT_ASSESSED.value, _("Not assessed")),
    (Compliance.COMPLIED.value, _("Complied")),
    (Compliance.PARTIALLY.value, _("Partially complied")),
    (Compliance.NOT_COMPLIED.value, _("Not complied")),
]
FORMAT_CHOICES = [("csv", "CSV"), ("xlsx", "XLSX"), ("json", "JSON")]


def _state_field(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2,
        min_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. FR"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 3}),
    )


class MatrixFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MATRIX_STATUS_CHOICES, required=False)
    state = _state_field(_("Party"))
    article = forms.IntegerField(label=_("Article"), min_value=1, max_value=50, required=False)
    questionnaire = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=400)
    round = forms.ChoiceField(label=_("Round"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("round", _("Rounds")),
            ("question", _("Questions")),
            ("reply", _("Replies")),
            ("contribution", _("Contributions")),
            ("recommendation", _("Recommendations")),
        ],
    )
    state = _state_field(_("Party"))
    article = forms.IntegerField(label=_("Article"), min_value=1, max_value=50, required=False)
    strength = forms.CharField(label=_("Strength"), required=False, max_length=40)
    compliance = forms.ChoiceField(
        label=_("Compliance"), required=False, choices=[("", _("Any")), *COMPLIANCE_CHOICES]
    )
    demo = forms.BooleanField(label=_("Search the demonstration records instead"), required=False)
    page = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rounds: list[Round], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["round"]).choices = [
            ("", _("All rounds")),
            *((r.slug, r.title) for r in rounds),
        ]

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10}), required=False
    )
    language = forms.ChoiceField(label=_("Language of the reply"), choices=LANGUAGE_CHOICES)


class StepForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("PDF or Word (DOCX) file, 10 MB at most"))


class ContributionForm(forms.Form):
    source = forms.ChoiceField(
        label=_("From"),
        choices=[c for c in Contribution.Source.choices if c[0] != Contribution.Source.CHILDREN],
    )
    contributor = forms.CharField(
        label=_("Institution or organisation"),
        required=False,
        max_length=250,
        help_text=_("An institution's name, never a person's."),
    )
    text = forms.CharField(label=_("Contribution"), widget=forms.Textarea(attrs={"rows": 8}))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    questions = forms.MultipleChoiceField(
        label=_("Questions"), required=False, widget=forms.CheckboxSelectMultiple
    )
    states = forms.CharField(
        label=_("Parties concerned"),
        required=False,
        help_text=_("ISO codes separated by spaces, e.g. FR DE"),
    )

    def __init__(
        self, *args: Any, questions: list[Any], observer: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["questions"]).choices = [
            (str(q.pk), f"Q{q.number}") for q in questions
        ]
        if observer:
            cast(forms.ChoiceField, self.fields["source"]).choices = [
                (Contribution.Source.OBSERVER.value, Contribution.Source.OBSERVER.label)
            ]
            del self.fields["contributor"]

    def clean_states(self) -> list[str]:
        return [
            c.upper() for c in (self.cleaned_data.get("states") or "").replace(",", " ").split()
        ]


class ChildrenContributionForm(forms.Form):
    """Deliberately without any field for a name, an age or a birth date."""

    text = forms.CharField(
        label=_("What the children said (anonymised)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text=_(
            "It is screened for names, schools, addresses, phone numbers and other details that "
            "could identify a child; if any is found it is held until the secretariat redacts it."
        ),
    )
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=[(b.value, b.value.replace("-", "–")) for b in AgeBand]
    )
    consent_from = forms.ChoiceField(
        label=_("Consent given by"), choices=Contribution.ConsentFrom.choices
    )
    anonymised = forms.BooleanField(
        label=_(
            "I confirm the text has been anonymised: no name, school, place or other detail "
            "that could identify a child."
        ),
    )
    facilitator = forms.CharField(
        label=_("Gathered by (organisation)"),
        required=False,
        max_length=250,
        help_text=_("An organisation or a role (“school counsellor”), never a person's name."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    questions = forms.MultipleChoiceField(
        label=_("Questions"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["questions"]).choices = [
            (str(q.pk), f"Q{q.number}") for q in questions
        ]


class RedactionForm(forms.Form):
    text = forms.CharField(
        label=_("Text to publish instead"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20_000,
        help_text=_("The text as received is kept and shown to the secretariat only."),
    )


class ScreeningConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("Why this does not identify a child"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2_000,
        help_text=_(
            "For example: “Victor Hugo” is the author the children quote, not a person they know."
        ),
    )


class ObservationForm(forms.Form):
    state = _state_field(_("Party (leave empty for all)"))
    text = forms.CharField(label=_("Observation"), widget=forms.Textarea(attrs={"rows": 6}))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class FollowUpForm(forms.Form):
    state = _state_field(_("Party"), required=True)
    text = forms.CharField(
        label=_("Follow-up information"), widget=forms.Textarea(attrs={"rows": 6})
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class AssessmentForm(forms.Form):
    state = _state_field(_("Party"), required=True)
    status = forms.ChoiceField(label=_("Compliance"), choices=COMPLIANCE_CHOICES)
    meeting = forms.IntegerField(label=_("Meeting number"), required=False, min_value=1)
    assessed_on = forms.DateField(
        label=_("Assessed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note_en = forms.CharField(
        label=_("Note (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note_fr = forms.CharField(
        label=_("Note (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class RoundForm(forms.Form):
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=Round.Kind.choices)
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    theme_en = forms.CharField(label=_("Theme (English)"), widget=forms.Textarea(attrs={"rows": 2}))
    theme_fr = forms.CharField(label=_("Theme (French)"), widget=forms.Textarea(attrs={"rows": 2}))
    launch = KnownDateField(
        label=_("Launch date"), help_text=_("2026-03-12, or 2026-03 if only the month is known")
    )
    replies_due = forms.DateField(
        label=_("Replies due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ScopeAdditionForm(forms.Form):
    state = _state_field(_("Party to add"), required=True)
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting = forms.IntegerField(label=_("Meeting number"), required=False, min_value=1)
    reason = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_state(self) -> str:
        return (self.cleaned_data.get("state") or "").upper()


class StrengthForm(forms.Form):
    slug = forms.SlugField(label=_("Code"), max_length=40)
    label_en = forms.CharField(label=_("Label (English)"), max_length=80)
    label_fr = forms.CharField(label=_("Label (French)"), max_length=80)
    rank = forms.IntegerField(label=_("Rank (1 is the strongest)"), min_value=1, initial=1)
    confirmed = forms.BooleanField(
        label=_("A source shows this term used in the round"), required=False
    )


class QuestionnaireForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300)
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class QuestionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    parent = forms.CharField(label=_("Sub-question of (number)"), required=False, max_length=20)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 3}))
    articles = forms.CharField(
        label=_("Articles"), required=False, help_text=_("Numbers separated by spaces")
    )

    def clean_articles(self) -> list[int]:
        parts = (self.cleaned_data.get("articles") or "").replace(",", " ").split()
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Give article numbers only."))
        return [int(p) for p in parts]


class RapporteurForm(forms.Form):
    username = forms.CharField(label=_("Rapporteur's user name"), max_length=150)
    question = forms.IntegerField(widget=forms.HiddenInput)
    assigned_on = forms.DateField(
        label=_("Appointed on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReportForm(forms.Form):
    slug = forms.SlugField(label=_("Short name in addresses"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=Report.Kind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=400)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=400)
    adopted = KnownDateField(label=_("Adopted on"))
    meeting = forms.IntegerField(label=_("Meeting number"), required=False, min_value=1)
    document_code = forms.CharField(label=_("Document reference"), required=False, max_length=40)
    follow_up_due = forms.DateField(
        label=_("Follow-up due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class RecommendationForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    text_fr = forms.CharField(
        label=_("Text (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    strength = forms.ChoiceField(label=_("Strength"), required=False)
    addressees = forms.CharField(
        label=_("Addressees"),
        required=False,
        help_text=_("Leave empty for all the Parties in scope, or give ISO codes"),
    )
    articles = forms.CharField(label=_("Articles"), required=False)

    def __init__(self, *args: Any, strengths: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["strength"]).choices = [
            ("", _("Not recorded")),
            *((s.slug, s.label) for s in strengths),
        ]

    def clean_addressees(self) -> list[str] | None:
        codes = [
            c.upper() for c in (self.cleaned_data.get("addressees") or "").replace(",", " ").split()
        ]
        return codes or None

    def clean_articles(self) -> list[int]:
        parts = (self.cleaned_data.get("articles") or "").replace(",", " ").split()
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Give article numbers only."))
        return [int(p) for p in parts]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("replies", _("Replies")), ("recommendations", _("Recommendations"))],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))
