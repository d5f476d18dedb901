"""Turning what people type into registry rows, for the services of every app: article numbers of
the Convention, ISO codes of States. An unknown value is bad input (422) naming the field, never a
missing page (404): the request is wrong, not the address."""

from __future__ import annotations

from collections.abc import Iterable

from lanzarote.core.errors import InvalidInput, NotFound
from lanzarote.registry import selectors
from lanzarote.registry.models import Article, State
from lanzarote.treaty_law import CONVENTION

__all__ = ["CONVENTION", "convention_articles"]


def convention_articles(
    numbers: Iterable[int | str | Article], *, field: str = "articles"
) -> list[Article]:
    """The Convention's articles by number, in number order; unknown numbers are refused."""
    wanted = {a.number if isinstance(a, Article) else int(a) for a in numbers}
    if not wanted:
        return []
    found = {
        a.number: a for a in Article.objects.filter(treaty__slug=CONVENTION, number__in=wanted)
    }
    missing = sorted(wanted - set(found))
    if missing:
        raise InvalidInput(
            f"The Convention has no article {', '.join(str(n) for n in missing)}; "
            "articles run from 1 to 50.",
            field=field,
        )
    return list(found.values())


def states_by_code(codes: Iterable[str | State], *, field: str = "states") -> list[State]:
    """States by ISO 3166-1 alpha-2 code (any case), in the registry's order (by name); unknown
    codes are refused."""
    wanted = {c.code if isinstance(c, State) else c.strip().upper() for c in codes}
    if not wanted:
        return []
    found = {s.code: s for s in State.objects.filter(code__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise InvalidInput(
            f"Unknown State code {', '.join(missing)}; use ISO 3166-1 alpha-2 codes.",
            field=field,
        )
    return list(found.values())


def state_by_code(code: str | State | None, *, field: str = "state") -> State | None:
    """One State by code, or None when no code is given; an unknown code is refused."""
    if code is None or code == "":
        return None
    if isinstance(code, State):
        return code
    try:
        return selectors.state_get(code)
    except NotFound as error:
        raise InvalidInput(error.message, field=field) from None
