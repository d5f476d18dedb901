"""What monitoring's API schemas share."""

from __future__ import annotations

KNOWN_DATE_TEXT = (
    "A date as known: `2023-06-20`, `2012-03` (a month), `2016` (a year), "
    "`2023-05-30..2023-06-02` (between) or `..2017-12-31` (on or before)."
)
