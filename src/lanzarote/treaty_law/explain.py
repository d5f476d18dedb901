"""Answers that carry their legal basis and can be rendered in any language later.

Rules never return bare values: they return a `RuleAnswer` holding the value, the article it rests
on and the sentences that justify it. The sentences are kept as untranslated templates plus
parameters, so the same answer can be shown in English in a log and in French on a web page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Protocol, runtime_checkable

type Translate = Callable[[str], str]
type DateFormatter = Callable[[date], str]


def _(message: str) -> str:
    """Mark a msgid for `makemessages` without translating it.

    Translation must wait until render time, when the reader's language is known; marking here
    lets xgettext find every template at the place where it is written.
    """
    return message


def identity(text: str) -> str:
    """The default translation: English as written."""
    return text


@runtime_checkable
class Describable(Protocol):
    """A parameter that knows how to put itself into words (dates known with uncertainty)."""

    def describe(self, *, translate: Translate, format_date: DateFormatter) -> str: ...


@dataclass(frozen=True)
class Phrase:
    """A translatable fragment used as a parameter, such as "the Convention"."""

    text: str

    def describe(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        return translate(self.text)


@dataclass(frozen=True)
class OneOf:
    """Alternatives as a parameter: "ratification, acceptance or approval"."""

    items: tuple[object, ...]

    def describe(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        words = [render_param(i, translate=translate, format_date=format_date) for i in self.items]
        if len(words) <= 1:
            return "".join(words)
        return translate(_("{first} or {last}")).format(first=_join(words[:-1]), last=words[-1])


def render_param(
    value: object, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
) -> str:
    """Put one template parameter into words."""
    if isinstance(value, Describable):
        return value.describe(translate=translate, format_date=format_date)
    if isinstance(value, date):
        return format_date(value)
    # Enums come before `str` because StrEnum members are strings too, and their raw values
    # ("signature_then_ratification") are identifiers, not words.
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return translate(label if isinstance(label, str) else str(value.value))
    if isinstance(value, str):
        return value
    if isinstance(value, (set, frozenset)):
        return _join(
            sorted(render_param(v, translate=translate, format_date=format_date) for v in value)
        )
    if isinstance(value, Iterable):
        return _join(render_param(v, translate=translate, format_date=format_date) for v in value)
    return str(value)


def _join(parts: Iterable[str]) -> str:
    return ", ".join(parts)


@dataclass(frozen=True)
class Explanation:
    """One sentence of justification: an English template marked with `_()` and its parameters."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A private copy: the caller's dict must not be able to change an answer after the fact.
        object.__setattr__(self, "params", dict(self.params))

    def __hash__(self) -> int:
        # Parameters may be lists and so unhashable; equal explanations still share template
        # and parameter names, which keeps hashing consistent with equality.
        return hash((self.template, tuple(sorted(self.params))))

    def render(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        """The explanation as a sentence, starting with a capital letter.

        Templates may open with a parameter such as "the Convention"; capitalising here keeps
        that parameter usable in the middle of other sentences too.
        """
        text = self.describe(translate=translate, format_date=format_date)
        return text[:1].upper() + text[1:]

    def describe(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        """The explanation as a phrase, so it can be a parameter of another explanation."""
        rendered = {
            name: render_param(value, translate=translate, format_date=format_date)
            for name, value in self.params.items()
        }
        return translate(self.template).format(**rendered)

    def as_dict(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> dict[str, object]:
        """A JSON-ready form: the sentence, and the template and parameters it came from."""
        return {
            "text": self.render(translate=translate, format_date=format_date),
            "template": self.template,
            "params": {
                name: render_param(value, translate=translate, format_date=format_date)
                for name, value in self.params.items()
            },
        }


def render_all(
    explanations: Iterable[Explanation],
    *,
    translate: Translate = identity,
    format_date: DateFormatter = date.isoformat,
) -> str:
    return " ".join(e.render(translate=translate, format_date=format_date) for e in explanations)


@dataclass(frozen=True)
class RuleAnswer[T]:
    """The result of applying one rule: the value, the article it rests on, and why."""

    value: T
    article: str
    explanations: tuple[Explanation, ...] = ()

    def render(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        return render_all(self.explanations, translate=translate, format_date=format_date)


class RuleViolation(Exception):
    """Raised when a request contradicts the treaty, e.g. a reservation it does not permit.

    `article` is empty for the few refusals no article decides, such as an act dated in the
    future: the explanation then names the rule in words."""

    NO_ARTICLE = ""

    def __init__(self, article: str, explanation: Explanation) -> None:
        super().__init__(article, explanation)
        self.article = article
        self.explanation = explanation

    def render(
        self, *, translate: Translate = identity, format_date: DateFormatter = date.isoformat
    ) -> str:
        text = self.explanation.render(translate=translate, format_date=format_date)
        return f"{text} ({self.article})" if self.article else text

    def __str__(self) -> str:
        return self.render()
