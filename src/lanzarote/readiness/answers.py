"""What an answer is, independently of where it is kept (a database row, the browser's cookies or
an imported file), and the one set of rules every way of giving an answer goes through."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from lanzarote.readiness.models import Status
from lanzarote.registry.models import State

MAX_PROVISIONS = 20
MAX_REFERENCE = 300
MAX_URL = 500
MAX_TEXT = 5000
MAX_FOLLOWUP_TEXT = 2000
STATUSES = tuple(Status.values)
CHOICE_VALUES = ("yes", "partly", "no", "not_known", "undecided")


@dataclass(frozen=True)
class Provision:
    """A national provision that implements an obligation: its reference and, optionally, where
    to read it."""

    reference: str
    url: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"reference": self.reference, "url": self.url}


@dataclass(frozen=True)
class Answer:
    status: str = Status.NOT_KNOWN.value
    provisions: tuple[Provision, ...] = ()
    evidence: str = ""
    notes: str = ""
    followups: Mapping[str, str] = field(default_factory=dict)
    recorded_at: datetime | None = None
    recorded_by: str = ""
    version: int | None = None

    def content(self) -> tuple[Any, ...]:
        """What the person said, without who and when: two saves with equal content are one."""
        return (
            self.status,
            self.provisions,
            self.evidence,
            self.notes,
            tuple(sorted(self.followups.items())),
        )

    def same_as(self, other: Answer | None) -> bool:
        if other is None:
            return self.is_blank
        return self.content() == other.content()

    @property
    def is_blank(self) -> bool:
        return self.content() == Answer().content()

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "provisions": [p.as_dict() for p in self.provisions],
            "evidence": self.evidence,
            "notes": self.notes,
            "followups": dict(self.followups),
        }


@dataclass
class AnswerSheet:
    """Everything the interview and the report need, wherever the answers are kept."""

    state: State | None
    title: str
    weprotect_member: bool
    answers: dict[str, Answer]
    assessment_id: int | None = None

    def answer(self, code: str) -> Answer:
        return self.answers.get(code) or Answer()

    @property
    def anonymous(self) -> bool:
        return self.assessment_id is None


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


# Characters no database column can hold: NUL, and half of a UTF-16 surrogate pair (which a
# JSON file can spell as "\\ud800" but no UTF-8 text can contain).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def unstorable(text: str) -> str | None:
    """Why `text` cannot be kept, if it holds a character no text column can store."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return _("contains a NUL character")
    return _("contains half of a surrogate pair (%(code)s), which is not a character") % {
        "code": f"U+{ord(found.group()):04X}"
    }


def _is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in text


def _text(
    value: Any, name: str, limit: int, errors: list[FieldError], *, required: bool = False
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(FieldError(name, _("must be text")))
        return ""
    value = value.strip()
    problem = unstorable(value)
    if problem:
        errors.append(FieldError(name, problem))
        return ""
    if required and not value:
        errors.append(FieldError(name, _("is required")))
    if len(value) > limit:
        errors.append(
            FieldError(name, _("is too long (at most %(limit)s characters)") % {"limit": limit})
        )
    return value


def clean_answer(
    data: Mapping[str, Any],
    *,
    allowed_followups: Mapping[str, tuple[str, ...] | None],
    unknown_fields_allowed: bool = False,
) -> tuple[Answer, list[FieldError]]:
    """Check one answer given as plain data (API body, imported row, session).

    `allowed_followups` maps each follow-up question of the obligation to its permitted choices
    (None for free text). Returns the answer and every problem found, so that a caller can report
    all of them at once."""
    errors: list[FieldError] = []
    if not unknown_fields_allowed:
        known = {"obligation", "status", "provisions", "evidence", "notes", "followups"}
        errors.extend(
            FieldError(name, _("is not a field of an answer")) for name in sorted(set(data) - known)
        )
    status = data.get("status", Status.NOT_KNOWN.value)
    if status not in STATUSES:
        errors.append(
            FieldError(
                "status",
                _("must be one of %(choices)s; got %(value)r")
                % {"choices": ", ".join(STATUSES), "value": status},
            )
        )
        status = Status.NOT_KNOWN.value
    provisions: list[Provision] = []
    raw_provisions = data.get("provisions") or []
    if not isinstance(raw_provisions, list):
        errors.append(FieldError("provisions", _("must be a list")))
        raw_provisions = []
    if len(raw_provisions) > MAX_PROVISIONS:
        errors.append(
            FieldError(
                "provisions",
                _("lists too many provisions (at most %(limit)s)") % {"limit": MAX_PROVISIONS},
            )
        )
    for index, item in enumerate(raw_provisions[:MAX_PROVISIONS], start=1):
        where = f"provisions[{index}]"
        if isinstance(item, str):
            item = {"reference": item}
        if not isinstance(item, Mapping):
            errors.append(FieldError(where, _("must be an object with a reference and a url")))
            continue
        errors.extend(
            FieldError(f"{where}.{name}", _("is not a field of a provision"))
            for name in sorted(set(item) - {"reference", "url"})
        )
        reference = _text(
            item.get("reference"), f"{where}.reference", MAX_REFERENCE, errors, required=True
        )
        url = _text(item.get("url"), f"{where}.url", MAX_URL, errors)
        if url and not _is_web_address(url):
            errors.append(
                FieldError(f"{where}.url", _("must be a web address starting with https://"))
            )
        provisions.append(Provision(reference, url))
    evidence = _text(data.get("evidence"), "evidence", MAX_TEXT, errors)
    notes = _text(data.get("notes"), "notes", MAX_TEXT, errors)
    followups: dict[str, str] = {}
    raw_followups = data.get("followups") or {}
    if not isinstance(raw_followups, Mapping):
        errors.append(FieldError("followups", _("must be an object")))
        raw_followups = {}
    for key, value in raw_followups.items():
        where = f"followups.{key}"
        if key not in allowed_followups:
            errors.append(FieldError(where, _("is not a follow-up question of this obligation")))
            continue
        choices = allowed_followups[key]
        text = _text(value, where, MAX_FOLLOWUP_TEXT, errors)
        if not text:
            continue
        if choices is not None and text not in choices:
            errors.append(
                FieldError(
                    where,
                    _("must be one of %(choices)s; got %(value)r")
                    % {"choices": ", ".join(choices), "value": text},
                )
            )
            continue
        followups[key] = text
    answer = Answer(
        status=status,
        provisions=tuple(provisions),
        evidence=evidence,
        notes=notes,
        followups=followups,
    )
    return answer, errors
