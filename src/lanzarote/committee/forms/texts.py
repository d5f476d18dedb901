"""The desk form of an adopted text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import (
    MeetingChoiceField,
    RecordForm,
    articles_text,
    meetings_newest_first,
)
from lanzarote.committee.models import AdoptedText, Meeting
from lanzarote.core.forms import ArticlesField, KnownDateField


class TextForm(RecordForm):
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
        meeting.queryset = meetings_newest_first()

    @classmethod
    def shown(cls, item: AdoptedText) -> dict[str, Any]:
        return {"adopted_on": item.known_date.as_text(), "articles": articles_text(item)}
