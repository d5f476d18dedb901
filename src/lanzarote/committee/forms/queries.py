"""The query forms of the Committee's public lists."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.models import AdoptedText, Project, Theme
from lanzarote.core.forms import AsOfForm, DateField


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
