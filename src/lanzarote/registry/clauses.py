"""Final clauses stored with a treaty as data (`Treaty.final_clauses`), for `treaty_law`.

`treaty_law.get_final_clauses` asks `stored_final_clauses` about any treaty it does not declare
itself. A treaty's clauses never change once recorded, so each process builds them once; the
slug of a synthetic treaty carries its seed, so a different registry never reuses a slug.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lanzarote.treaty_law import TREATIES, FinalClauses
from lanzarote.treaty_law.clause_data import clauses_from_data

if TYPE_CHECKING:
    from lanzarote.registry.models import Treaty

_built: dict[str, FinalClauses] = {}


def stored_final_clauses(slug: str) -> FinalClauses | None:
    found = _built.get(slug)
    if found is not None:
        return found
    from lanzarote.registry.models import Treaty

    data = Treaty.objects.filter(slug=slug).values_list("final_clauses", flat=True).first()
    if not data:
        # A miss is not remembered: the treaty may be recorded a moment later.
        return None
    found = _built[slug] = clauses_from_data({**data, "slug": slug})
    return found


def forget_stored_clauses() -> None:
    """Drop what this process built (tests that recreate a registry under the same slugs)."""
    _built.clear()


def remember_stored_clauses(treaties: Iterable[Treaty]) -> None:
    """Build the clauses of treaties already read with their `final_clauses`, so that asking for
    the clauses of 600 treaties costs no query per treaty."""
    for treaty in treaties:
        if treaty.final_clauses and treaty.slug not in _built:
            _built[treaty.slug] = clauses_from_data({**treaty.final_clauses, "slug": treaty.slug})


def remember_clauses_of(slugs: Iterable[str]) -> None:
    """Build, in one query, the stored clauses of the treaties among `slugs` that this process
    has not built yet (a page of a State's standings names them without reading the data)."""
    from lanzarote.registry.models import Treaty

    missing = [slug for slug in slugs if slug not in _built and slug not in TREATIES]
    if not missing:
        return
    for slug, data in Treaty.objects.filter(slug__in=missing).values_list("slug", "final_clauses"):
        if data:
            _built[slug] = clauses_from_data({**data, "slug": slug})
