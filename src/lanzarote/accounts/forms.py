"""The public request for an account, and the Treaty Office's answer to it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lanzarote.core.text import fold
from lanzarote.registry.models import State


def state_choices() -> list[tuple[str, str]]:
    """Every State, by its name in the page's language, accents ignored (Égypte among the E)."""
    states = State.objects.filter(kind=State.Kind.STATE)
    return sorted(((s.code, s.name) for s in states), key=lambda item: fold(item[1]))


class AccessRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    ministry = forms.CharField(label=_("Ministry or institution"), max_length=200)
    state = forms.ChoiceField(label=_("State"), choices=())
    email = forms.EmailField(
        label=_("Official e-mail address"),
        max_length=254,
        help_text=_("The address of your ministry or institution: the Treaty Office checks it."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you need the account for, in a few lines."),
    )
    # Left empty by people; filled by robots that fill every field. Hidden by the template.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a State")), *state_choices()]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
