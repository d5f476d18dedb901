"""Content in English and French.

A model declares a bilingual field once::

    class Meeting(models.Model):
        place = Bilingual(models.CharField, _("place"), max_length=200, blank=True)

which yields the two columns `place_en` and `place_fr` (verbose names "place (English)" and
"place (French)") and the read-only attribute `place`: the French value when the active language
is French and it is filled in, otherwise the English one. Options apply to both columns, except
`fr_blank=True`, which lets the French column stay empty (it falls back to English when read).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": _("{name} (English)"), "fr": _("{name} (French)")}


def localized(obj: object, field: str) -> str:
    """The French value of `field` when the active language is French and it is filled in."""
    language = (translation.get_language() or "en")[:2]
    value = getattr(obj, f"{field}_{language}", "") or getattr(obj, f"{field}_en", "")
    return str(value)


class LocalizedField:
    """A read-only attribute reading `<field>_fr` or `<field>_en` by the active language, for
    objects whose two columns are declared separately (or are not model fields at all)."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> LocalizedField: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> str: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> LocalizedField | str:
        if obj is None:
            return self
        return localized(obj, self.field)


class Bilingual(LocalizedField):
    """Declares the `<name>_en` and `<name>_fr` columns of a model and reads them as `<name>`.

    The two fields are built here, when the class body runs, so they keep the declaration's
    place among the model's fields; Django adds them when it builds the class.
    """

    def __init__(
        self,
        field_class: type[models.Field[Any, Any]],
        verbose_name: Any,
        *,
        fr_blank: bool = False,
        **options: Any,
    ) -> None:
        super().__init__("")
        self.verbose_name = verbose_name
        self.columns = {
            language: field_class(
                format_lazy(LANGUAGE_NAMES[language], name=verbose_name),
                **(options | {"blank": True} if language == "fr" and fr_blank else options),
            )
            for language in LANGUAGES
        }

    def contribute_to_class(self, cls: type[models.Model], name: str, **_kwargs: Any) -> None:
        self.field = self.name = name
        for language, column in self.columns.items():
            cls.add_to_class(f"{name}_{language}", column)
        setattr(cls, name, self)


def both_languages(render: Callable[[], str]) -> tuple[str, str]:
    """`render()` once in English and once in French, for text stored in both languages."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(render())
    return texts[0], texts[1]


def bilingual_text(template: str, **params: Any) -> str:
    """A message id put into words in English, then in French, one paragraph each (e-mails go to
    people whose language we do not know). A callable parameter is called in each language."""

    def render() -> str:
        values = {key: value() if callable(value) else value for key, value in params.items()}
        return gettext(template).format(**values)

    return "\n\n".join(both_languages(render))
