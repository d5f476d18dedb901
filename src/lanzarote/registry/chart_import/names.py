"""Which State a name in the chart means: its English or French name in the registry, or a name
it bore before (the chart of an older extraction, or one a State has not yet had corrected)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lanzarote.registry.models import State

# Former and other names in use in the Council of Europe's charts, English and French.
FORMER_NAMES = {
    "The former Yugoslav Republic of Macedonia": "MK",
    "L'ex-République yougoslave de Macédoine": "MK",
    "ex-République yougoslave de Macédoine": "MK",
    "Republic of North Macedonia": "MK",
    "République de Macédoine du Nord": "MK",
    "Turkey": "TR",
    "Turquie": "TR",
    "Republic of Türkiye": "TR",
    "Czechia": "CZ",
    "Tchéquie": "CZ",
    "Slovakia": "SK",
    "Slovaquie": "SK",
    "Moldova": "MD",
    "Moldavie": "MD",
    "Russia": "RU",
    "Russie": "RU",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord": "GB",
    "Bosnia-Herzegovina": "BA",
    "Bosnie-Herzégovine": "BA",
    "Holy See": "VA",
    "Saint-Siège": "VA",
}

# Trailing footnote markers on a name: "Serbia *", "Montenegro (1)", "Türkiye 2".
_NAME_MARKERS = re.compile(r"(?:\s*(?:\*+|\(\d{1,3}\)|\d{1,3}))+$")


def normalised(name: str) -> str:
    """A name folded for comparison: no accents, case, punctuation, "the" or footnote marks."""
    text = _NAME_MARKERS.sub("", name.strip())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", " ", bare.replace("’", "'")).split()
    return " ".join(word for word in words if word not in ("the", "l", "la", "le"))


def names_index(states: Iterable[State]) -> dict[str, str]:
    """Every name a chart may use, folded, to the State's code."""
    index = {normalised(name): code for name, code in FORMER_NAMES.items()}
    for state in states:
        index[normalised(state.name_en)] = state.code
        index[normalised(state.name_fr)] = state.code
    return index
