"""API schemas of monitoring: search and imports."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class SearchHitOut(Schema):
    kind: str = Field(description="`question`, `reply`, `contribution` or `recommendation`")
    id: int
    round: str | None
    states: list[str]
    title: str
    snippet: str = Field(description="HTML-escaped excerpt; matches inside <mark>…</mark>")
    score: float = Field(description="Higher is better (bm25 on SQLite, ts_rank_cd on PostgreSQL)")
    language: str
    is_public: bool
    is_demo: bool


class SearchOut(Schema):
    query: str
    backend: str = Field(description="`sqlite-fts5` or `postgresql-fts`")
    total: int
    limit: int
    offset: int
    facets: dict[str, Any]
    hits: list[SearchHitOut]
    counts: dict[str, dict[str, int]] = Field(
        description="Facet → value → number of matching records (round, kind, state, article, "
        "strength, compliance)"
    )


class ImportProblemOut(Schema):
    line: int
    column: str | None
    reason: str


class ImportOut(Schema):
    kind: str
    filename: str
    rows: int
    valid: int
    clean: bool
    problems: list[ImportProblemOut]
    preview: list[dict[str, Any]]
    imported: int = Field(0, description="Rows written (0 on a dry run or when any row is wrong)")
