"""Query-string forms of the public pages. They only parse and validate what the reader asked for;
the answers come from the registry's selectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.accession.forms import FORMATS, LANGUAGES
from lanzarote.core.forms import AsOfForm, DateInput
from lanzarote.treaty_law import CONVENTION, OPTIONAL_PROTOCOL

STATUS_FILTERS = [
    ("", _("Any status")),
    ("party", _("Party")),
    ("consented", _("Consented, not yet in force")),
    ("signatory", _("Signatory")),
    ("uncertain", _("Uncertain")),
    ("denounced", _("Denounced")),
]
INDEX_STATUS_FILTERS = [*STATUS_FILTERS, ("none", _("No action"))]
MEMBER_FILTERS = [
    ("", _("All States")),
    ("member", _("Council of Europe member States")),
    ("non-member", _("Non-member States")),
]
DIRECTIONS = [("asc", _("ascending")), ("desc", _("descending"))]
CHART_SORTS = ["name", "status", "signature", "consent", "entry_into_force"]
INDEX_SORTS = ["name", "code", "member", "status"]
__all__ = ["AsOfForm", "DateInput"]


class SortedListForm(AsOfForm):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_FILTERS)
    member = forms.ChoiceField(
        label=_("Council of Europe membership"), required=False, choices=MEMBER_FILTERS
    )
    dir = forms.ChoiceField(required=False, choices=DIRECTIONS)
    sort_choices: list[str] = []

    def __init__(self, *args: Any, with_membership: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_membership:
            del self.fields["member"]
        self.fields["q"].widget.input_type = "search"
        self.fields["sort"] = forms.ChoiceField(
            required=False, choices=[(value, value) for value in self.sort_choices]
        )
        self.fields["sort"].widget = forms.HiddenInput()
        self.fields["dir"].widget = forms.HiddenInput()

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data.get("q", "").split())

    def clean_sort(self) -> str:
        return self.cleaned_data.get("sort") or "name"

    def clean_dir(self) -> str:
        return self.cleaned_data.get("dir") or "asc"


class ChartQueryForm(SortedListForm):
    sort_choices = CHART_SORTS


class StateIndexForm(SortedListForm):
    sort_choices = INDEX_SORTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = INDEX_STATUS_FILTERS
        status.label = _("Status under the Convention")


class StateChoiceForm(forms.Form):
    """The "Check a State" form of the join page."""

    state = forms.ChoiceField(label=_("State"), choices=())

    def __init__(self, *args: Any, states: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a State")), *states]


class RequestLetterForm(StateChoiceForm):
    """The join page's draft request letter: for which State, in which language and format."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="en")
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="docx")


MAP_VIEWS = [("world", _("World")), ("europe", _("Europe"))]


class MapForm(AsOfForm):
    """The map's date, by a date input or by a month slider, and its view.

    Both controls are in one form that works without JavaScript: the slider's value when the page
    was drawn comes back as `from_month`, so a slider that moved wins over the date input and an
    untouched slider leaves the date as typed. With JavaScript the two are kept in step anyway.
    """

    view = forms.ChoiceField(label=_("View"), required=False, choices=MAP_VIEWS)
    month = forms.IntegerField(label=_("Month"), required=False, min_value=0)
    from_month = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput())

    def __init__(self, *args: Any, month_start: Any, month_of: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._month_start = month_start
        self._month_of = month_of

    def clean_view(self) -> str:
        return self.cleaned_data.get("view") or "world"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        month, shown = data.get("month"), data.get("from_month")
        if month is not None and month != shown and "as_of" in data:
            today = timezone.localdate()
            month = min(month, self._month_of(today))
            day = self._month_start(month)
            data["as_of"] = min(day, today)
        return data


class OpenDataForm(AsOfForm):
    """The date (and treaty) of an open-data download."""

    treaty = forms.ChoiceField(
        label=_("Treaty"),
        required=False,
        choices=[(CONVENTION, "CETS 201"), (OPTIONAL_PROTOCOL, "OPSC")],
    )

    def clean_treaty(self) -> str:
        return self.cleaned_data.get("treaty") or CONVENTION
