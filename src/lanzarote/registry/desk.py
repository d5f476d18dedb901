"""The Treaty Office's registry desk: forms that turn what the Office types into calls of
`registry.services` — record a treaty action, correct one (a new event superseding it), retract
one — and the reads the desk shows. The forms only parse (dates as known, provisions, sources);
whether an act may be recorded is decided by the services and `treaty_law`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.core.audit import Actor
from lanzarote.core.errors import NotFound
from lanzarote.core.forms import KnownDateField
from lanzarote.registry import selectors, services
from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.registry.sources import Grade
from lanzarote.treaty_law import KnownDate

INSTRUMENT_CHOICES = [
    ("", _("As the kind of act says")),
    ("unconfirmed", _("Consent given; the kind of instrument is not confirmed")),
]
DATE_HELP = _(
    "As far as it is known: 2019-10-15; a month, 2010-03; a year, 2010; on or before a day, "
    "..2016-06-30; on or after, 2010-04-01..; between two days, 2010-04-01..2014-01-31."
)
PROVISIONS_HELP = _(
    "For a reservation, declaration or withdrawal: the provisions concerned, e.g. 20(3), 24(3)."
)
_PROVISION = re.compile(r"^(?:art(?:icle)?\.?\s*)?(\d+(?:\s*\(\s*\d+\s*\))?)$", re.IGNORECASE)


def parse_provisions(text: str) -> list[str]:
    """ "20(3), 24(3)" → ["20(3)", "24(3)"]; "Art. 20 (3); 21(2)" works too."""
    provisions = []
    for part in re.split(r"[,;]", text or ""):
        cleaned = part.strip()
        if not cleaned:
            continue
        match = _PROVISION.match(cleaned)
        if match is None:
            raise forms.ValidationError(
                _("“%(part)s” is not a provision such as 20(3)."),
                code="provision",
                params={"part": cleaned},
            )
        provisions.append(re.sub(r"\s+", "", match.group(1)))
    return provisions


def provisions_text(provisions: list[str]) -> str:
    return ", ".join(provisions)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class _ActFields(forms.Form):
    """What an act says, whether it is new or corrects an earlier one."""

    kind = forms.ChoiceField(label=_("Kind of act"), choices=TreatyEvent.Kind.choices)
    legal_date = KnownDateField(label=_("Date"), help_text=DATE_HELP, max_length=30)
    instrument = forms.ChoiceField(
        label=_("Instrument"), choices=INSTRUMENT_CHOICES, required=False
    )
    provisions = forms.CharField(
        label=_("Provisions"), required=False, max_length=200, help_text=PROVISIONS_HELP
    )
    stated_entry_into_force = forms.DateField(
        label=_("Entry into force stated by the source"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
    )
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_fr = forms.CharField(
        label=_("Text (French)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source_url = forms.URLField(label=_("Source (address)"), required=False, assume_scheme="https")
    source_note = forms.CharField(label=_("Source (description)"), required=False, max_length=500)
    source_grade = forms.ChoiceField(
        label=_("Kind of source"), choices=Grade.choices, initial=Grade.DEPOSITARY, required=False
    )
    confirmed = forms.BooleanField(
        label=_("A source confirms this act and its date"), required=False
    )

    def clean_provisions(self) -> list[str]:
        return parse_provisions(self.cleaned_data.get("provisions", ""))

    def clean_legal_date(self) -> KnownDate:
        value = self.cleaned_data.get("legal_date")
        if value is None:
            raise forms.ValidationError(_("Give the date, even if only a year or a range."))
        return value

    def act(self) -> dict[str, Any]:
        """The keyword arguments of the service for what was typed."""
        data = self.cleaned_data
        sources = []
        if data["source_url"] or data["source_note"]:
            sources.append(
                {
                    "url": data["source_url"],
                    "note": data["source_note"],
                    "grade": data.get("source_grade") or Grade.DEPOSITARY,
                }
            )
        return {
            "kind": data["kind"],
            "legal_date": data["legal_date"],
            "instrument": None if data["instrument"] != "unconfirmed" else "",
            "provisions": data["provisions"],
            "stated_entry_into_force": data["stated_entry_into_force"],
            "text_en": data["text_en"],
            "text_fr": data["text_fr"],
            "sources": sources,
            "confirmed": data["confirmed"],
        }


class EventForm(_ActFields):
    treaty = forms.ChoiceField(label=_("Treaty"), choices=())
    state = forms.ChoiceField(label=_("State"), choices=())
    field_order = ["treaty", "state", "kind", "legal_date"]

    def __init__(
        self, *args: Any, treaties: list[Treaty], states: list[State], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        treaty_field = self.fields["treaty"]
        state_field = self.fields["state"]
        assert isinstance(treaty_field, forms.ChoiceField)
        assert isinstance(state_field, forms.ChoiceField)
        treaty_field.choices = [(t.slug, t.short_title) for t in treaties]
        state_field.choices = [("", _("Choose a State")), *((s.code, s.name) for s in states)]


class CorrectionForm(_ActFields):
    reason = forms.CharField(
        label=_("Why it is corrected"), widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["reason", "kind", "legal_date"]

    @classmethod
    def for_event(cls, event: TreatyEvent) -> CorrectionForm:
        """Filled in with what the event says now."""
        source = (event.sources or [{}])[0]
        return cls(
            initial={
                "kind": event.kind,
                "legal_date": event.known_date.as_text(),
                "instrument": "unconfirmed"
                if event.kind in ("ratification", "acceptance", "approval", "accession")
                and event.instrument == ""
                else "",
                "provisions": provisions_text(list(event.provisions)),
                "stated_entry_into_force": event.stated_entry_into_force,
                "text_en": event.text_en,
                "text_fr": event.text_fr,
                "source_url": source.get("url", ""),
                "source_note": source.get("note", ""),
                "source_grade": source.get("grade") or Grade.DEPOSITARY,
                "confirmed": event.confirmed,
            }
        )


class RetractionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why this act did not happen"), widget=forms.Textarea(attrs={"rows": 2})
    )


def record(*, user: Any, form: EventForm) -> TreatyEvent:
    data = form.cleaned_data
    return services.treaty_event_record(
        actor=Actor(user=user),
        treaty=selectors.treaty_get(data["treaty"]),
        state=selectors.state_get(data["state"]),
        **form.act(),
    )


def correct(*, user: Any, event: TreatyEvent, form: CorrectionForm) -> TreatyEvent:
    return services.treaty_event_correct(
        actor=Actor(user=user), event=event, reason=form.cleaned_data["reason"], **form.act()
    )


def retract(*, user: Any, event: TreatyEvent, form: RetractionForm) -> TreatyEvent:
    return services.treaty_event_retract(
        actor=Actor(user=user), event=event, reason=form.cleaned_data["reason"]
    )


# -- reads ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskEvent:
    event: TreatyEvent
    superseded_by: TreatyEvent | None

    @property
    def effective(self) -> bool:
        return self.superseded_by is None and not self.event.is_retraction


def event_get(pk: int) -> TreatyEvent:
    try:
        return TreatyEvent.objects.select_related("treaty", "state").get(pk=pk)
    except TreatyEvent.DoesNotExist:
        raise NotFound(f"No treaty event #{pk}.") from None


def state_events(treaty: Treaty, state: State) -> list[DeskEvent]:
    """Every event of a State under a treaty, superseded ones included, in legal-date order."""
    events = list(
        TreatyEvent.objects.filter(treaty=treaty, state=state)
        .select_related("treaty", "state")
        .order_by("date_earliest", "id")
    )
    successors = {e.supersedes_id: e for e in events if e.supersedes_id}
    return [DeskEvent(event=e, superseded_by=successors.get(e.pk)) for e in events]


def recent_events(limit: int = 15) -> list[TreatyEvent]:
    """The acts people recorded most recently (the reference data's are left out)."""
    return list(
        TreatyEvent.objects.filter(recorded_by__isnull=False)
        .select_related("treaty", "state")
        .order_by("-recorded_at", "-id")[:limit]
    )
