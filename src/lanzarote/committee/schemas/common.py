"""Field types the Committee's schemas share, the base of their inputs, and `dump`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict

from lanzarote.registry.presenters import known_date
from lanzarote.registry.schemas import ErrorOut, KnownDateOut, SourceOut
from lanzarote.treaty_law import KnownDate

__all__ = ["ErrorOut", "KnownDateOut", "SourceOut"]

KNOWN_DATE_TEXT = (
    "A date as known: `2015-06-16`, `2015-06`, `2015`, `2015-06-15..2015-06-17`, "
    "`..2017-12-31` (on or before), `2010-07-01..` (on or after) or `unknown`."
)
BALLOTS_TEXT = (
    "Each member's ballot by ISO 3166-1 alpha-2 code: `for`, `against` or `abstain`. Only the "
    "Parties on the day of the vote vote (Arts. 39(1) and 40(4)); any other voter is refused "
    "with 422 and the rule's explanation."
)


def _known(value: Any) -> Any:
    return known_date(value) if isinstance(value, KnownDate) else value


def _each(attribute: str) -> BeforeValidator:
    """Rows as one attribute of each (articles → their numbers); values already read pass."""
    return BeforeValidator(lambda rows: [getattr(row, attribute, row) for row in rows])


# Text that may be empty is `null` in answers, never "".
Text = Annotated[str | None, BeforeValidator(lambda value: value or None)]
# A date as known (`treaty_law.KnownDate`), with its words in the active language.
KnownDateValue = Annotated[KnownDateOut | None, BeforeValidator(_known)]
ArticleNumbers = Annotated[list[int], _each("number")]
MeetingNumbers = Annotated[list[int], _each("number")]
StateCodes = Annotated[list[str], _each("code")]
Slugs = Annotated[list[str], _each("slug")]
# The value of an enumeration (`ParticipantBasis.SIGNATORY` → "signatory").
EnumValue = Annotated[str, BeforeValidator(lambda value: getattr(value, "value", value))]


class CommitteeOut(Schema):
    """An answer read from records (by attribute, dotted aliases allowed) or from its own dump
    (by field name)."""

    model_config = ConfigDict(from_attributes=True, populate_by_name=True)


class CommitteeIn(Schema):
    """A body the Committee's endpoints accept: a field it does not know is refused (422)."""

    model_config = ConfigDict(extra="forbid")


def dump(schema: type[Schema], obj: Any, **context: Any) -> dict[str, Any]:
    """`obj` as the JSON-ready dict `schema` declares (`context` reaches the resolvers)."""
    return schema.model_validate(obj, context=context).model_dump(mode="json")


def dump_all(schema: type[Schema], rows: Iterable[Any], **context: Any) -> list[dict[str, Any]]:
    return [dump(schema, row, **context) for row in rows]
