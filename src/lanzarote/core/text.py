"""Text helpers every layer may use."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """A form of a name for searching and sorting that ignores case and accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
