"""Forms of the readiness pages. The interview form is built per chapter from the catalogue:
one group of fields per obligation, and the follow-up questions of the branches its answer
opens. Every answer still goes through `answers.clean_answer`, like the API's and the imports'."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.forms.boundfield import BoundField
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lanzarote.readiness import selectors
from lanzarote.readiness.answers import (
    MAX_FOLLOWUP_TEXT,
    MAX_PROVISIONS,
    MAX_REFERENCE,
    MAX_TEXT,
    MAX_URL,
    Answer,
    AnswerSheet,
    clean_answer,
)
from lanzarote.readiness.models import Status
from lanzarote.readiness.selectors import FollowUp, Hint, ObligationEntry


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class WebAddressField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]


class AssessmentStartForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example “Baseline, March 2026”. Only your team sees it."),
    )
    weprotect_member = forms.BooleanField(
        label=_("Our State is a member of the WeProtect Global Alliance"),
        required=False,
        help_text=_(
            "Self-declared: we hold no confirmed list of member governments. When ticked, "
            "obligations that match a WeProtect Model National Response area are marked "
            "“likely in place — check”."
        ),
    )


class AssessmentSettingsForm(AssessmentStartForm):
    pass


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("Colleague's user name or e-mail address"),
        max_length=254,
        help_text=_("Only officials of the same State who already have an account can be invited."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Exported answers (JSON file)"),
        help_text=_("A file downloaded with “Export the answers (JSON)”, at most 2 MB."),
    )


class AnonymousStartForm(AssessmentStartForm):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        help_text=_("Used only for hints and for the route to join; it is not stored anywhere."),
    )

    def __init__(self, *args: Any, states: Sequence[tuple[str, str]] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ChoiceField)
        state_field.choices = [("", gettext("— none —")), *states]
        self.fields["title"].required = False
        self.order_fields(["state", "title", "weprotect_member"])


class DepositForm(forms.Form):
    deposit = forms.DateField(
        label=_("Hypothetical date of deposit"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date in the form YYYY-MM-DD.")},
        help_text=_("The date of entry into force below is computed from it."),
    )

    def clean_deposit(self) -> date | None:
        value = self.cleaned_data.get("deposit")
        if value is not None and not (date(2010, 7, 1) <= value <= date(2200, 12, 31)):
            raise forms.ValidationError(
                _("Choose a date after the Convention's entry into force (1 July 2010).")
            )
        return value


# -- the interview -------------------------------------------------------------------------------


def prefix(entry: ObligationEntry) -> str:
    return "o" + entry.slug


@dataclass
class FollowUpBlock:
    followup: FollowUp
    fields: list[tuple[Any, BoundField]]


@dataclass
class ObligationBlock:
    entry: ObligationEntry
    prefix: str
    status: BoundField
    status_value: str
    provisions: list[tuple[BoundField, BoundField]]
    rows_name: str
    evidence: BoundField
    notes: BoundField
    followups: list[FollowUpBlock]
    hints: list[Hint]
    answer: Answer
    shown_name: str
    shown_value: str
    has_details: bool = field(default=False)


class ChapterForm(forms.Form):
    """All the obligations of one chapter. `statuses` overrides the status used to decide which
    follow-up questions are asked (for the fragment shown when the status changes)."""

    def __init__(
        self,
        entries: Sequence[ObligationEntry],
        sheet: AnswerSheet,
        *,
        hints: Mapping[str, list[Hint]] | None = None,
        data: Mapping[str, Any] | None = None,
        statuses: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(data)
        self.entries = list(entries)
        self.sheet = sheet
        self.hints = hints or {}
        self._rows: dict[str, int] = {}
        self._statuses: dict[str, str] = {}
        for entry in self.entries:
            self._add_fields(entry, (statuses or {}).get(entry.code))

    def _status_of(self, entry: ObligationEntry, override: str | None) -> str:
        if override is not None:
            return override
        if self.is_bound:
            return str(self.data.get(f"{prefix(entry)}-status") or Status.NOT_KNOWN.value)
        return self.sheet.answer(entry.code).status

    def _add_fields(self, entry: ObligationEntry, override: str | None) -> None:
        p = prefix(entry)
        current = self.sheet.answer(entry.code)
        self.fields[f"{p}-status"] = forms.ChoiceField(
            label=_("Is this in place in national law and practice?"),
            choices=Status.choices,
            required=False,
            initial=current.status,
            # Progressive enhancement: changing the answer fetches its follow-up questions.
            widget=forms.RadioSelect(
                attrs={
                    "hx-get": reverse("readiness:followups", kwargs={"code": entry.code}),
                    "hx-trigger": "change",
                    "hx-target": f"#fu-{entry.slug}",
                    "hx-swap": "innerHTML",
                }
            ),
        )
        if self.is_bound:
            try:
                rows = int(self.data.get(f"{p}-rows", 1))
            except (TypeError, ValueError):
                rows = 1
        else:
            rows = len(current.provisions) + (1 if current.provisions else 2)
        rows = max(1, min(rows, MAX_PROVISIONS))
        self._rows[entry.code] = rows
        for index in range(rows):
            given = current.provisions[index] if index < len(current.provisions) else None
            self.fields[f"{p}-ref-{index}"] = forms.CharField(
                label=gettext("National provision %(number)s: reference") % {"number": index + 1},
                max_length=MAX_REFERENCE,
                required=False,
                initial=given.reference if given else "",
                help_text=_("For example: Penal Code, article 218-B.") if index == 0 else "",
            )
            self.fields[f"{p}-url-{index}"] = WebAddressField(
                label=gettext("National provision %(number)s: web address") % {"number": index + 1},
                max_length=MAX_URL,
                required=False,
                initial=given.url if given else "",
                assume_scheme="https",
            )
        self.fields[f"{p}-evidence"] = forms.CharField(
            label=_("Evidence"),
            help_text=_("Case law, statistics, reports, programmes — what shows it works."),
            max_length=MAX_TEXT,
            required=False,
            initial=current.evidence,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields[f"{p}-notes"] = forms.CharField(
            label=_("What is missing, and notes"),
            max_length=MAX_TEXT,
            required=False,
            initial=current.notes,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        status = self._status_of(entry, override)
        self._statuses[entry.code] = status
        for followup in selectors.triggered_followups(entry.code, status):
            for question in followup.questions:
                name = f"{p}-fu-{question.key}"
                initial = current.followups.get(question.key, "")
                if question.kind == "choice":
                    self.fields[name] = forms.ChoiceField(
                        label=question.label,
                        choices=question.choice_items,
                        required=False,
                        initial=initial,
                        widget=forms.RadioSelect,
                    )
                else:
                    self.fields[name] = forms.CharField(
                        label=question.label,
                        max_length=MAX_FOLLOWUP_TEXT,
                        required=False,
                        initial=initial,
                        widget=forms.Textarea(attrs={"rows": 2}),
                    )

    # -- reading ---------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for entry in self.entries:
            p = prefix(entry)
            for index in range(self._rows[entry.code]):
                reference = cleaned.get(f"{p}-ref-{index}")
                url = cleaned.get(f"{p}-url-{index}")
                if url and not reference:
                    self.add_error(
                        f"{p}-ref-{index}",
                        gettext("Give the reference of this provision as well as its address."),
                    )
        return cleaned

    def answers(self) -> dict[str, Answer]:
        """The answers as given, checked by the same rules as every other way in."""
        found: dict[str, Answer] = {}
        for entry in self.entries:
            p = prefix(entry)
            data = self.cleaned_data
            provisions = [
                {"reference": data.get(f"{p}-ref-{i}", ""), "url": data.get(f"{p}-url-{i}", "")}
                for i in range(self._rows[entry.code])
                if data.get(f"{p}-ref-{i}")
            ]
            followups = {
                q.key: data.get(f"{p}-fu-{q.key}") or ""
                for f in selectors.triggered_followups(entry.code, self._statuses[entry.code])
                for q in f.questions
            }
            answer, problems = clean_answer(
                {
                    "status": data.get(f"{p}-status") or Status.NOT_KNOWN.value,
                    "provisions": provisions,
                    "evidence": data.get(f"{p}-evidence", ""),
                    "notes": data.get(f"{p}-notes", ""),
                    "followups": {k: v for k, v in followups.items() if v},
                },
                allowed_followups=selectors.allowed_followup_answers(entry.code),
            )
            if problems:  # the fields above already enforce these rules
                raise ValueError(f"{entry.code}: {problems}")
            found[entry.code] = answer
        return found

    def shown_followups(self) -> dict[str, set[str]]:
        """The follow-up branches that were on the page when it was sent."""
        shown: dict[str, set[str]] = {}
        for entry in self.entries:
            raw = str(self.data.get(f"{prefix(entry)}-shown", "")) if self.is_bound else ""
            shown[entry.code] = {key for key in raw.split(",") if key}
        return shown

    def opened_followups(self) -> list[tuple[ObligationEntry, FollowUp]]:
        """Branches the answers just opened that were not on the page: their questions still
        need to be asked."""
        shown = self.shown_followups()
        return [
            (entry, followup)
            for entry in self.entries
            for followup in selectors.triggered_followups(entry.code, self._statuses[entry.code])
            if followup.key not in shown[entry.code]
        ]

    # -- showing ---------------------------------------------------------------------------

    def blocks(self) -> list[ObligationBlock]:
        result = []
        for entry in self.entries:
            p = prefix(entry)
            status = self._statuses[entry.code]
            answer = self.sheet.answer(entry.code)
            followups = [
                FollowUpBlock(f, [(q, self[f"{p}-fu-{q.key}"]) for q in f.questions])
                for f in selectors.triggered_followups(entry.code, status)
            ]
            block = ObligationBlock(
                entry=entry,
                prefix=p,
                status=self[f"{p}-status"],
                status_value=status,
                provisions=[
                    (self[f"{p}-ref-{i}"], self[f"{p}-url-{i}"])
                    for i in range(self._rows[entry.code])
                ],
                rows_name=f"{p}-rows",
                evidence=self[f"{p}-evidence"],
                notes=self[f"{p}-notes"],
                followups=followups,
                hints=self.hints.get(entry.code, []) if answer.status == Status.NOT_KNOWN else [],
                answer=answer,
                shown_name=f"{p}-shown",
                shown_value=",".join(
                    f.key for f in selectors.triggered_followups(entry.code, status)
                ),
            )
            block.has_details = bool(
                answer.provisions
                or answer.evidence
                or answer.notes
                or any(self.errors.get(n) for n in self.fields if n.startswith(p + "-"))
            )
            result.append(block)
        return result

    def error_summary(self) -> list[dict[str, str]]:
        items: list[dict[str, str]] = []
        for name, errors in self.errors.items():
            if name == "__all__":
                items.extend({"href": "#main", "text": str(e)} for e in errors)
                continue
            owners = [e for e in self.entries if name.startswith(prefix(e) + "-")]
            entry = max(owners, key=lambda e: len(e.code)) if owners else None
            label = str(self.fields[name].label)
            where = f"{entry.obligation.citation} — {label}" if entry else label
            items.extend(
                {"href": f"#{self[name].id_for_label}", "text": f"{where}: {error}"}
                for error in errors
            )
        return items
