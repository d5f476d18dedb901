"""What the Committee's desk forms share: meetings, decisions, ballots and majorities, and the
form that also edits a record."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.committee.models import Decision, Meeting
from lanzarote.treaty_law.committee import Ballot, MajorityRule


class RecordForm(forms.Form):
    """A desk form that also edits a record: `initial_from(item)` fills each field with the
    record's value of the same name (a foreign key's own key), except those `shown(item)` gives
    in another form (lists as text, dates as known)."""

    @classmethod
    def initial_from(cls, item: Any) -> dict[str, Any]:
        shown = cls.shown(item)
        return {
            name: shown[name] if name in shown else _record_value(item, name)
            for name in cls.base_fields
        }

    @classmethod
    def shown(cls, item: Any) -> dict[str, Any]:
        return {}


def _record_value(item: Any, name: str) -> Any:
    key = f"{name}_id"
    return getattr(item, key) if hasattr(item, key) else getattr(item, name)


def articles_text(item: Any) -> str:
    """The record's articles as an `ArticlesField` takes them."""
    return ", ".join(str(a.number) for a in item.articles.all())


def meetings_newest_first() -> Any:
    return Meeting.objects.order_by("-number")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.start_date:%Y-%m-%d})"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.meeting.number} · {obj.decided_on:%Y-%m-%d} · {obj.text[:80]}"


def decisions_newest_first() -> Any:
    return Decision.objects.select_related("meeting").order_by("-decided_on", "-id")


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
