"""Calm caveats: public pages carry no internal notes (capitalised warnings, remarks about the
product or about where our research stopped), and the drafting States are not marked
unconfirmed. Uncertainty is shown by one quiet mark (see test_date_grades)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lanzarote
from tests.web.helpers import squash, text

DATA = Path(lanzarote.__file__).resolve().parent / "data"
# Our research files keep their working notes; what the loader ships is read by the public.
SHIPPED = [
    path
    for path in sorted(DATA.rglob("*"))
    if path.suffix in {".csv", ".json"} and "research" not in path.parts
]
INTERNAL = [
    re.compile(r"\bUNCONFIRMED\b|NON CONFIRMÉ|\bDEMONSTRATION\b|DÉMONSTRATION\b"),
    re.compile(r"\bNOT confirmed\b|\bPAS confirmé"),
    re.compile(r"the product's|du produit|this product|ce produit", re.IGNORECASE),
    re.compile(r"not in the reference|dans la référence|copy of Wikipedia|is cut off"),
]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(DATA)))
def test_shipped_reference_data_has_no_internal_notes(path):
    content = path.read_text("utf-8")
    for pattern in INTERNAL:
        found = pattern.search(content)
        assert found is None, f"{path.name}: {found.group(0)!r}"


PAGES = [
    "/en/",
    "/en/join/",
    "/fr/join/",
    "/en/states/JP/",
    "/en/states/RS/",
    "/fr/states/RS/",
    "/en/states/RU/",
    "/en/treaties/cets-201/chart/",
    "/fr/treaties/cets-201/chart/",
    "/en/monitoring/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_carry_no_internal_notes(client, loaded_db, path):
    page = squash(text(client.get(path)))
    for pattern in INTERNAL:
        found = pattern.search(page)
        assert found is None, f"{path}: {found.group(0)!r}"


@pytest.mark.parametrize("code", ["CA", "VA", "JP", "MX", "US"])
def test_the_drafting_states_are_not_marked_unconfirmed(client, loaded_db, code):
    join = squash(text(client.get("/en/join/")))
    group = join[join.index('id="group-participants"') : join.index('id="group-eu"')]
    assert f'href="/en/states/{code}/"' in group
    assert "kd__mark" not in group and "unconfirmed" not in group
    route = squash(text(client.get(f"/en/states/{code}/")))
    route = route[route.index('id="join"') :]
    route = route[: route.index("</section>")]
    assert "unconfirmed" not in route and "elaboration" in route
