"""The comparison as plain data: rows for the command line's table, a JSON shape for
`--format json`, shared by the page's template through the same fields."""

from __future__ import annotations

from typing import Any

from lanzarote.registry.chart_import.comparing import ChartComparison, StateComparison
from lanzarote.registry.chart_import.reading import MARK_WORDS
from lanzarote.treaty_law import KnownDate


def _text(known: KnownDate | None) -> str:
    return known.as_text() if known is not None else ""


def table_rows(comparison: ChartComparison) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for state in comparison.states:
        if not state.acts:
            rows.append((state.row.line, state.state.code, state.outcome.value, "", "", "", ""))
        for index, act in enumerate(state.acts):
            rows.append(
                (
                    state.row.line if index == 0 else "",
                    state.state.code if index == 0 else "",
                    act.outcome.value,
                    act.act,
                    act.chart.isoformat(),
                    _text(act.before),
                    _text(act.after),
                )
            )
    return rows


def state_data(state: StateComparison) -> dict[str, Any]:
    return {
        "row": state.row.line,
        "state": state.state.code,
        "name": state.state.name,
        "name_in_chart": state.row.name,
        "outcome": state.outcome.value,
        "acts": [
            {
                "act": act.act,
                "outcome": act.outcome.value,
                "chart": act.chart.isoformat(),
                "record": _text(act.before) or None,
                "after": _text(act.after) or None,
            }
            for act in state.acts
        ],
        "conflict": state.conflict or None,
        "evidence_set_aside": [found.pk for found in state.set_aside],
        "marks": sorted(state.row.marks),
        "marks_not_in_record": [
            {"mark": mark, "meaning": str(MARK_WORDS[mark])} for mark in state.unrecorded_marks
        ],
        "marks_against_record": [
            {
                "mark": mark.group,
                "meaning": mark.label,
                "chart": mark.chart,
                "record": mark.recorded,
                "agreement": mark.agreement.value,
            }
            for mark in state.marks
        ],
        "footnotes": list(state.row.footnotes),
    }


def marks_line(state: StateComparison) -> str:
    """ "reservations: the record agrees; declarations: the record lacks it" """
    return "; ".join(f"{mark.label}: {mark.agreement.label}" for mark in state.marks)


def comparison_data(comparison: ChartComparison, document: Any) -> dict[str, Any]:
    return {
        "treaty": comparison.treaty.slug,
        "source": document.source(),
        "outcomes": comparison.counts(),
        "states": [state_data(state) for state in comparison.states],
        "not_listed": [state.code for state in comparison.not_listed],
    }
