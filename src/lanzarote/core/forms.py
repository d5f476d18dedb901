"""Form fields every app's pages share: dates (days between the years 1900 and 2200), the date a
page is shown at, dates as known, and lists typed as text (article numbers, State codes, lines).
They parse and validate what people typed; the services decide and write."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanzarote.treaty_law import KnownDate

FIRST_YEAR, LAST_YEAR = 1900, 2200
KNOWN_DATE_HELP = _(
    "A day (2015-06-16), a month (2015-06), a year (2015), a range (2015-06-15..2015-06-17), "
    "“on or before” (..2017-12-31), “on or after” (2010-07-01..) or “unknown”."
)
INVALID_DATE = _("Enter a real date in the form YYYY-MM-DD, for example 2023-05-31.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def within_years(value: date | None) -> None:
    if value is not None and not (FIRST_YEAR <= value.year <= LAST_YEAR):
        raise forms.ValidationError(
            _("Choose a date between the years 1900 and 2200."), code="out_of_range"
        )


class DateField(forms.DateField):
    """A day typed as YYYY-MM-DD, between the years 1900 and 2200."""

    widget = DateInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("error_messages", {"invalid": INVALID_DATE})
        super().__init__(*args, **kwargs)
        self.validators.append(within_years)


class AsOfForm(forms.Form):
    """The legal date a page is shown at: today unless the reader picks another one."""

    as_of = DateField(
        label=_("Show the situation on"),
        required=False,
        help_text=_("Any date; the default is today."),
    )

    def clean_as_of(self) -> date:
        return self.cleaned_data.get("as_of") or timezone.localdate()


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
            raise forms.ValidationError(str(error), code="date") from None


def _parts(text: str) -> list[str]:
    return list(filter(None, re.split(r"[\s,;]+", text or "")))


class ArticlesField(forms.CharField):
    """Article numbers of the Convention (1–50) typed with commas: "18, 20"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Articles concerned"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Article numbers separated by commas, e.g. 18, 20."))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[int]:
        numbers = set()
        for part in _parts(super().clean(value)):
            if not part.isdigit() or not 1 <= int(part) <= 50:
                raise forms.ValidationError(
                    _("Give article numbers between 1 and 50, separated by commas, e.g. 18, 20.")
                )
            numbers.add(int(part))
        return sorted(numbers)


class StateCodesField(forms.CharField):
    """Two-letter ISO 3166-1 codes typed with commas: "TN, MA"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Two-letter ISO 3166-1 codes separated by commas, e.g. TN, MA.")
        )
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[str]:
        codes = set()
        for part in _parts(super().clean(value)):
            if not re.fullmatch(r"[A-Za-z]{2}", part):
                raise forms.ValidationError(
                    _("Give two-letter ISO 3166-1 codes separated by commas, e.g. TN, MA.")
                )
            codes.add(part.upper())
        return sorted(codes)


class LinesField(forms.CharField):
    """One item per line (partners, donors, references)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
