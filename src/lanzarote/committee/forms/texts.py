"""The desk form of an adopted text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.forms.fields import MeetingChoiceField, meetings_newest_first
from lanzarote.committee.models import AdoptedText, Meeting
from lanzarote.core.forms import ArticlesField, KnownDateField


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
        meeting.queryset = meetings_newest_first()

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
