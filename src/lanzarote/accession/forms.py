"""Forms of the accession pages. They only parse what people typed; the rules (who may act, in
which order, whether a letter is admissible, whether a vote is adopted) are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.accession.models import CAPACITY_LABELS, STATUS_LABELS, ConsultationReply
from lanzarote.core.forms import DateInput
from lanzarote.treaty_law.accession import CaseStatus

LANGUAGES = [("en", _("English")), ("fr", _("French"))]
FORMATS = [("pdf", "PDF"), ("docx", _("Word (DOCX)"))]
CAPACITIES = [(c.value, label) for c, label in CAPACITY_LABELS.items()]
ADDRESSEES = [("secretary_general", _("The Secretary General of the Council of Europe"))]
REPLIES = ConsultationReply.Reply.choices
VOTES = [("", _("absent")), ("for", _("for")), ("against", _("against")), ("abstain", _("abstain"))]
DATE_ERROR = _("Enter a real date in the form YYYY-MM-DD, for example 2026-03-02.")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": DATE_ERROR},
        help_text=help_text,
    )


class LetterForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signed by"), max_length=200)
    signatory_capacity = forms.ChoiceField(label=_("Capacity of the signatory"), choices=CAPACITIES)
    date = date_field(_("Date of the letter"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate


class DraftLetterForm(LetterForm):
    """Read from the query string: the draft is a download, nothing is recorded."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="en")
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="docx")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signatory_name"].required = False


class FileRequestForm(LetterForm):
    addressee = forms.ChoiceField(label=_("Addressed to"), choices=ADDRESSEES)
    letter_file = forms.FileField(
        label=_("The signed letter (PDF)"),
        help_text=_("A scan of the signed letter, as a PDF file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class DeadlineForm(forms.Form):
    deadline = date_field(
        _("Deadline for the replies"),
        help_text=_("The Parties on today's date are consulted; the list is then frozen."),
    )


class DelegateReplyForm(forms.Form):
    reply = forms.ChoiceField(label=_("Our reply"), choices=REPLIES, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    supersedes = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def changing(
        cls, current: ConsultationReply | None, *, prefix: str | None = None
    ) -> DelegateReplyForm:
        """The unbound form for a Party's reply: when it already replied, the form names that reply
        as the one it supersedes and starts on its choice (so "Change our reply" shows it)."""
        initial: dict[str, Any] = (
            {"supersedes": current.pk, "reply": current.reply} if current else {}
        )
        return cls(initial=initial, prefix=prefix)


class NoteVerbaleForm(forms.Form):
    party = forms.ChoiceField(label=_("Party"), choices=())
    reply = forms.ChoiceField(label=_("Reply"), choices=REPLIES)
    note = forms.CharField(
        label=_("Note verbale"),
        required=False,
        help_text=_("Its reference and date, and anything it adds."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replaces = forms.BooleanField(
        label=_("This reply replaces the Party's earlier reply"), required=False
    )

    def __init__(self, *args: Any, parties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["party"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a Party")), *parties]


class NotesVerbalesForm(forms.Form):
    """Several Parties' consents received by note verbale (one date, one reference)."""

    parties = forms.MultipleChoiceField(
        label=_("Parties whose consent arrived"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one Party.")},
    )
    received_on = date_field(_("Received on"))
    reference = forms.CharField(
        label=_("Reference"),
        max_length=100,
        help_text=_(
            "The reference under which the Treaty Office registered these notes verbales. A note "
            "that needs its own reference is recorded in a batch of its own."
        ),
    )

    def __init__(self, *args: Any, awaited: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parties"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = awaited
        self.fields["received_on"].initial = timezone.localdate


class DecisionTotalsForm(forms.Form):
    meeting_date = date_field(_("Date of the meeting"))
    meeting_reference = forms.CharField(
        label=_("Meeting reference"), required=False, max_length=100
    )
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0)
    contracting_states_against = forms.MultipleChoiceField(
        label=_("Contracting States against"), required=False, choices=()
    )
    contracting_states_abstaining = forms.MultipleChoiceField(
        label=_("Contracting States abstaining"), required=False, choices=()
    )
    contracting_states_absent = forms.MultipleChoiceField(
        label=_("Contracting States absent"), required=False, choices=()
    )

    def __init__(self, *args: Any, contracting: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "contracting_states_against",
            "contracting_states_abstaining",
            "contracting_states_absent",
        ):
            field = self.fields[name]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = contracting
            field.widget.attrs["size"] = "6"


class DecisionVotesForm(forms.Form):
    """The vote of each representative entitled to sit: one select per member State."""

    meeting_date = date_field(_("Date of the meeting"))
    meeting_reference = forms.CharField(
        label=_("Meeting reference"), required=False, max_length=100
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for code, name in members:
            self.fields[f"vote_{code}"] = forms.ChoiceField(
                label=name, choices=VOTES, required=False, initial="for"
            )

    def vote_fields(self) -> list[forms.BoundField]:
        return [self[f"vote_{code}"] for code, _name in self.members]

    def representative_votes(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"vote_{code}"]
            for code, _name in self.members
            if self.cleaned_data.get(f"vote_{code}")
        }


class DepositForm(forms.Form):
    date = date_field(_("Date of deposit"))


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentForm(forms.Form):
    """Language and format of a generated letter (query string)."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="en")
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="pdf")


class DeskFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *((s.value, STATUS_LABELS[s]) for s in CaseStatus)],
    )
