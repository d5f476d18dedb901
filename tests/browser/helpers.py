"""Reading what a chart page shows, and comparing it with its CSV download."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

CHART = "/en/treaties/cets-201/chart/"
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# The table as a reader sees it: one dict per row, dates as displayed, without the
# "unconfirmed" marker, plus the machine-readable day of exact dates.
TABLE_ROWS_JS = """
() => Array.from(document.querySelectorAll("#results tbody tr")).map((tr) => {
  const cells = Array.from(tr.children);
  const link = cells[0].querySelector("a:not(.tag)");
  const shown = (cell) => {
    const known = cell.querySelector(".kd");
    if (!known || known.classList.contains("kd--none")) return "";
    const value = known.querySelector("time, span");
    return value.textContent.trim();
  };
  const day = (cell) => {
    const time = cell.querySelector(".kd time");
    return time ? time.getAttribute("datetime") : "";
  };
  const instrument = cells[3].querySelector(".instrument");
  return {
    state: link.getAttribute("href").split("/").filter(Boolean).pop(),
    name: link.textContent.trim(),
    status: cells[1].querySelector(".badge").className.replace(/.*badge--/, ""),
    signature: shown(cells[2]),
    signature_day: day(cells[2]),
    consent_instrument: instrument ? instrument.textContent.trim() : "",
    consent: shown(cells[3]),
    consent_day: day(cells[3]),
    entry_into_force: shown(cells[4]),
    entry_into_force_day: day(cells[4]),
  };
})
"""


def table_rows(page: Any) -> list[dict[str, str]]:
    return list(page.evaluate(TABLE_ROWS_JS))


def row_names(page: Any) -> list[str]:
    return [row["name"] for row in table_rows(page)]


def english_dates(text: str) -> str:
    """The CSV writes dates as ISO ("between 2008-12-17 and 2010-03", "2010-03"); the page in
    English writes them out ("between 17 December 2008 and …", "March 2010")."""

    def day(match: re.Match[str]) -> str:
        value = date.fromisoformat(match.group(0))
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"

    def month(match: re.Match[str]) -> str:
        return f"{MONTHS[int(match.group(2)) - 1]} {match.group(1)}"

    text = re.sub(r"\d{4}-\d{2}-\d{2}", day, text)
    return re.sub(r"(\d{4})-(\d{2})(?!\d)", month, text)


def csv_row_as_shown(row: dict[str, str]) -> dict[str, str]:
    """A CSV row in the shape of `table_rows`."""

    def exact(value: str) -> str:
        return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else ""

    return {
        "state": row["state"],
        "name": row["name"],
        "status": row["status"],
        "signature": english_dates(row["signature"]),
        "signature_day": exact(row["signature"]),
        "consent_instrument": row["consent_instrument"].replace("_", " ").capitalize(),
        "consent": english_dates(row["consent"]),
        "consent_day": exact(row["consent"]),
        "entry_into_force": english_dates(row["entry_into_force"]),
        "entry_into_force_day": exact(row["entry_into_force"]),
    }
