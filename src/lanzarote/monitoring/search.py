"""Full-text search over the monitoring records — questions, replies, contributions and
recommendations, in English and French — behind one interface:

    search(query, *, facets, limit, offset) -> SearchResult

SQLite (the default) uses the FTS5 table `monitoring_search_fts` (tokenizer `unicode61
remove_diacritics 2`, ranking by `bm25`, excerpts by `snippet()`); PostgreSQL uses the generated
`search_vector` column (`monitoring_fts`: `simple` plus `unaccent` when the server has it) with
`websearch_to_tsquery`, `ts_rank_cd` and `ts_headline`. Both read `SearchDocument` rows, which
the services write in the same transaction as the record (`index_*` below), and both answer in
two queries: the page of hits, and the counts per facet value of everything that matched.

The query language is the same on both: words (all must match), "a phrase", `or` between
words, `-word` to exclude one, and `word*` for a prefix (SQLite only; PostgreSQL ignores the star).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lanzarote.monitoring.models import SearchDocument

START, STOP = "\ue000", "\ue001"  # private-use characters, never in real text
FACETS = ("round", "kind", "state", "article", "strength", "compliance")


@dataclass(frozen=True)
class SearchFacets:
    """Filters; each is optional. `state` and `compliance` together mean "that Party's
    compliance". `demo` selects demonstration records instead of real ones: the two are never
    mixed. `public_only` leaves out what is not yet published."""

    round: int | None = None
    kind: str | None = None
    state: str | None = None
    article: int | None = None
    strength: str | None = None
    compliance: str | None = None
    public_only: bool = True
    demo: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*FACETS, "public_only", "demo")}


@dataclass(frozen=True)
class SearchHit:
    id: int
    kind: str
    object_id: int
    round_id: int | None
    states: tuple[str, ...]
    title: str
    snippet: SafeString
    rank: float
    language: str
    is_public: bool
    is_demo: bool


@dataclass(frozen=True)
class SearchResult:
    query: str
    facets: SearchFacets
    total: int
    hits: list[SearchHit]
    # facet name -> value -> number of matching records (before paging)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    backend: str = "sqlite-fts5"
    limit: int = 20
    offset: int = 0
    # True when the counts were estimated from a sample of a very large set of matches (the
    # total is always exact).
    approximate: bool = False
    # Set when a very broad query was ranked among its most recently recorded matches only.
    ranked_within: int | None = None


def search(
    query: str, *, facets: SearchFacets | None = None, limit: int = 20, offset: int = 0
) -> SearchResult:
    facets = facets or SearchFacets()
    limit = max(1, min(limit, 200))
    offset = max(0, offset)
    text = " ".join(query.split())[:400]
    if connection.vendor == "postgresql":
        return _Postgres(text, facets).run(limit, offset)
    return _Sqlite(text, facets).run(limit, offset)


# -- the query language -------------------------------------------------------------------------

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"[\w]+", re.UNICODE)


def fts5_expression(query: str) -> str:
    """The user's query as an FTS5 expression in which every word is a quoted string, so no
    input can be read as FTS5 syntax (column filters, NEAR, parentheses)."""
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = False
    for token in _TOKEN.findall(query):
        if token.upper() in ("OR", "|"):
            pending_or = bool(positives)
            continue
        negative = token.startswith("-") and len(token) > 1
        raw = token[1:] if negative else token
        prefix = raw.endswith("*") and not raw.startswith('"')
        words = _WORD.findall(raw)
        if not words:
            continue
        phrase = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if negative:
            negatives.append(phrase)
        elif pending_or and positives:
            positives[-1] = f"({positives[-1]} OR {phrase})"
        else:
            positives.append(phrase)
        pending_or = False
    if not positives:
        return ""
    expression = " AND ".join(positives)
    for phrase in negatives:
        expression = f"({expression}) NOT {phrase}"
    return expression


def _has_terms(query: str) -> bool:
    return any(_WORD.search(t) for t in _TOKEN.findall(query) if not t.startswith("-"))


# -- the backends ------------------------------------------------------------------------------


class _Backend(ABC):
    name = ""
    ranked_within: int | None = None

    def __init__(self, text: str, facets: SearchFacets) -> None:
        self.text = text
        self.facets = facets

    def filters(self) -> tuple[list[str], list[Any]]:
        f = self.facets
        where = ["d.is_demo = %s"]
        params: list[Any] = [f.demo]
        if f.public_only:
            where.append("d.is_public = %s")
            params.append(True)
        if f.round is not None:
            where.append("d.round_id = %s")
            params.append(f.round)
        if f.kind:
            where.append("d.kind = %s")
            params.append(f.kind)
        if f.state:
            where.append("d.states LIKE %s")
            params.append(f"%|{f.state.upper()}|%")
        if f.article is not None:
            where.append("d.articles LIKE %s")
            params.append(f"%|{int(f.article)}|%")
        if f.strength:
            where.append("d.strength = %s")
            params.append(f.strength)
        if f.compliance:
            where.append("d.compliance LIKE %s")
            who = f.state.upper() if f.state else "%"
            params.append(f"%|{who}:{f.compliance}|%")
        return where, params

    def run(self, limit: int, offset: int) -> SearchResult:
        rows, groups, total = self.fetch(limit, offset)
        counts, counted = _fold_counts(groups)
        approximate = total is not None and counted != total
        if total is None:
            total = counted
        elif approximate and counted:
            ratio = total / counted
            counts = {
                name: {value: max(1, round(n * ratio)) for value, n in values.items()}
                for name, values in counts.items()
            }
        hits = [
            SearchHit(
                id=row[0],
                kind=row[1],
                object_id=row[2],
                round_id=row[3],
                states=tuple(s for s in (row[4] or "").split("|") if s),
                title=row[5],
                snippet=_highlight(row[6] or ""),
                rank=float(row[7] or 0.0),
                language=row[8],
                is_public=bool(row[9]),
                is_demo=bool(row[10]),
            )
            for row in rows
        ]
        return SearchResult(
            query=self.text,
            facets=self.facets,
            total=total,
            hits=hits,
            counts=counts,
            backend=self.name,
            limit=limit,
            offset=offset,
            approximate=approximate,
            ranked_within=self.ranked_within,
        )

    @abstractmethod
    def fetch(
        self, limit: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int | None]:
        """The page of hits, the facet groups, and the exact total when the groups are only a
        sample (None: the groups hold every match). Each database backend supplies its own."""

    def browse(
        self, limit: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """No words to look for: every record the filters keep, newest kinds first."""
        where, params = self.filters()
        condition = " AND ".join(where)
        table = SearchDocument._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, d.kind, d.object_id, d.round_id, d.states, d.title, "  # noqa: S608
                "substr(d.body, 1, 240), 0, d.language, d.is_public, d.is_demo "
                f"FROM {table} d WHERE {condition} ORDER BY d.round_id DESC, d.kind, d.id "
                "LIMIT %s OFFSET %s",
                [*params, limit, offset],
            )
            rows = cursor.fetchall()
            cursor.execute(
                f"SELECT {_GROUP_COLUMNS}, COUNT(*) FROM {table} d "  # noqa: S608
                f"WHERE {condition} GROUP BY {_GROUP_COLUMNS}",
                params,
            )
            groups = cursor.fetchall()
        return rows, groups


_GROUP_COLUMNS = "d.round_id, d.kind, d.strength, d.states, d.articles, d.compliance"


class _Sqlite(_Backend):
    """FTS5 answers the words AND the filters from its index (the facets are words of the
    `tags` column), so no document row is read until the page of hits is chosen. Counting the
    facets reads the matching rows; beyond `SAMPLE` matches it reads an even sample of them
    (every n-th row by id) and scales the counts, flagged `approximate`. bm25 costs about a
    microsecond per match, so a query matching more than `RANK_WINDOW` records is ranked among
    its `RANK_WINDOW` most recently recorded matches (`ranked_within`); its total stays exact."""

    name = "sqlite-fts5"
    SAMPLE = 2000
    RANK_WINDOW = 30_000

    def expression(self) -> str:
        words = fts5_expression(self.text) if _has_terms(self.text) else ""
        required, excluded = tags_for_facets(self.facets)
        parts = [f"({{title body}} : ({words}))"] if words else []
        parts += [f'(tags : "{tag}")' for tag in required]
        expression = " AND ".join(parts) or '(tags : "anydoc")'
        for tag in excluded:
            expression = f'({expression}) NOT (tags : "{tag}")'
        return expression

    def fetch(
        self, limit: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int | None]:
        expression = self.expression()
        table = SearchDocument._meta.db_table
        source = f"monitoring_search_fts JOIN {table} d ON d.id = monitoring_search_fts.rowid"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM monitoring_search_fts WHERE monitoring_search_fts MATCH %s",
                [expression],
            )
            total = int(cursor.fetchone()[0])
            window = ""
            params: list[Any] = [expression]
            if _has_terms(self.text) and total > self.RANK_WINDOW:
                # A very broad query is ranked among its most recently recorded matches.
                cursor.execute(
                    "SELECT rowid FROM monitoring_search_fts WHERE monitoring_search_fts MATCH %s "
                    "ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                    [expression, self.RANK_WINDOW - 1],
                )
                window = " AND rowid >= %s"
                params.append(cursor.fetchone()[0])
            if _has_terms(self.text):
                # At the top level SQLite makes excerpts only for the rows it returns.
                cursor.execute(
                    "SELECT rowid, bm25(monitoring_search_fts, 4.0, 1.0, 0.0) AS score, "  # noqa: S608
                    "snippet(monitoring_search_fts, 1, char(57344), char(57345), '…', 28) "
                    f"FROM monitoring_search_fts WHERE monitoring_search_fts MATCH %s{window} "
                    "ORDER BY score, rowid LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
            else:
                cursor.execute(
                    "SELECT rowid, 0, NULL FROM monitoring_search_fts "
                    "WHERE monitoring_search_fts MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s",
                    [expression, limit, offset],
                )
            ranked = cursor.fetchall()
            step = -(-total // self.SAMPLE)  # ceiling: every n-th match when there are many
            sample = " AND monitoring_search_fts.rowid %% %s = 0" if step > 1 else ""
            cursor.execute(
                f"SELECT {_GROUP_COLUMNS}, COUNT(*) FROM {source} "  # noqa: S608
                f"WHERE monitoring_search_fts MATCH %s{sample} GROUP BY {_GROUP_COLUMNS}",
                [expression, step] if step > 1 else [expression],
            )
            groups = cursor.fetchall()
            documents: dict[int, tuple[Any, ...]] = {}
            if ranked:
                ids = [row[0] for row in ranked]
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(
                    "SELECT id, kind, object_id, round_id, states, title, substr(body, 1, 240), "  # noqa: S608
                    f"language, is_public, is_demo FROM {table} WHERE id IN ({marks})",
                    ids,
                )
                documents = {row[0]: row for row in cursor.fetchall()}
        self.ranked_within = self.RANK_WINDOW if window else None
        rows = []
        for rowid, score, excerpt in ranked:
            doc = documents[rowid]
            # bm25 is smaller for better matches; report "higher is better" like PostgreSQL.
            shown = excerpt if excerpt is not None else doc[6]
            rows.append((*doc[:6], shown, -float(score or 0), *doc[7:]))
        return rows, groups, total


class _Postgres(_Backend):
    name = "postgresql-fts"
    HEADLINE = (
        f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, ShortWord=2, "
        "MaxFragments=1, FragmentDelimiter=…"
    )

    def fetch(
        self, limit: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int | None]:
        """The page of hits, the facet groups, and the exact total when the groups are only a
        sample (None: the groups hold every match)."""
        if _has_terms(self.text):
            rows, groups = self.matched(limit, offset)
        else:
            rows, groups = self.browse(limit, offset)
        return rows, groups, None

    def matched(
        self, limit: int, offset: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        where, params = self.filters()
        condition = " AND ".join(["d.search_vector @@ q.query", *where])
        table = SearchDocument._meta.db_table
        source = f"{table} d, websearch_to_tsquery('monitoring_fts'::regconfig, %s) AS q(query)"
        with connection.cursor() as cursor:
            # The page is chosen first, so headlines are made for its rows only.
            cursor.execute(
                "SELECT p.id, p.kind, p.object_id, p.round_id, p.states, p.title, "  # noqa: S608
                "ts_headline('monitoring_fts'::regconfig, p.body, p.query, %s), p.score, p.language, "
                "p.is_public, p.is_demo FROM ("
                "SELECT d.id, d.kind, d.object_id, d.round_id, d.states, d.title, d.body, "
                "q.query, ts_rank_cd(d.search_vector, q.query) AS score, d.language, "
                f"d.is_public, d.is_demo FROM {source} WHERE {condition} "
                "ORDER BY score DESC, d.id LIMIT %s OFFSET %s) p ORDER BY p.score DESC, p.id",
                [self.HEADLINE, self.text, *params, limit, offset],
            )
            rows = cursor.fetchall()
            cursor.execute(
                f"SELECT {_GROUP_COLUMNS}, COUNT(*) FROM {source} "  # noqa: S608
                f"WHERE {condition} GROUP BY {_GROUP_COLUMNS}",
                [self.text, *params],
            )
            groups = cursor.fetchall()
        return rows, groups


def _split(value: str | None) -> list[str]:
    return [part for part in (value or "").split("|") if part]


def _fold_counts(groups: Iterable[Sequence[Any]]) -> tuple[dict[str, dict[str, int]], int]:
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    total = 0
    for round_id, kind, strength, states, articles, compliance, count in groups:
        total += count
        if round_id is not None:
            counters["round"][str(round_id)] += count
        counters["kind"][kind] += count
        if strength:
            counters["strength"][strength] += count
        for code in _split(states):
            counters["state"][code] += count
        for number in _split(articles):
            counters["article"][number] += count
        for status in {entry.partition(":")[2] for entry in _split(compliance)}:
            counters["compliance"][status] += count
    return {name: dict(counter.most_common()) for name, counter in counters.items()}, total


def _highlight(text: str) -> SafeString:
    """Escape the excerpt, then turn the backend's markers into <mark> elements."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


# -- writing the documents --------------------------------------------------------------------


def _word(value: object) -> str:
    return "".join(ch for ch in str(value).lower() if ch.isalnum())


def tags_for_facets(facets: SearchFacets) -> tuple[list[str], list[str]]:
    """The words of the `tags` column a document must hold, and those it must not hold, to pass
    the filters. Demonstration and unpublished records carry a rare word ("demo1", "unpub") so
    the usual search (real, published) excludes a short list instead of intersecting a long
    one."""
    required: list[str] = []
    excluded: list[str] = []
    (required if facets.demo else excluded).append("demo1")
    if facets.public_only:
        excluded.append("unpub")
    if facets.round is not None:
        required.append(f"round{int(facets.round)}")
    if facets.kind:
        required.append(f"kind{_word(facets.kind)}")
    if facets.state:
        required.append(f"state{_word(facets.state)}")
    if facets.article is not None:
        required.append(f"art{int(facets.article)}")
    if facets.strength:
        required.append(f"strength{_word(facets.strength)}")
    if facets.compliance:
        who = _word(facets.state) if facets.state else ""
        required.append(f"comp{who}{_word(facets.compliance)}")
    return required, excluded


def tags_for_document(
    *,
    kind: str,
    round_id: int | None,
    states: Iterable[str],
    articles: Iterable[int],
    strength: str,
    compliance: dict[str, str],
    is_public: bool,
    is_demo: bool,
) -> str:
    words = [
        "anydoc",
        *(["demo1"] if is_demo else []),
        *([] if is_public else ["unpub"]),
        f"kind{_word(kind)}",
        *([f"round{int(round_id)}"] if round_id is not None else []),
        *(f"state{_word(code)}" for code in states),
        *(f"art{int(number)}" for number in articles),
        *([f"strength{_word(strength)}"] if strength else []),
        *(f"comp{_word(status)}" for status in sorted(set(compliance.values()))),
        *(f"comp{_word(code)}{_word(status)}" for code, status in sorted(compliance.items())),
    ]
    return " ".join(dict.fromkeys(words))


def bars(values: Iterable[object]) -> str:
    items = [str(v) for v in values if v not in (None, "")]
    return "|" + "|".join(items) + "|" if items else ""


def index(
    *,
    kind: str,
    object_id: int,
    round_id: int | None,
    title: str,
    body: str,
    language: str = "en",
    states: Iterable[str] = (),
    articles: Iterable[int] = (),
    strength: str = "",
    compliance: dict[str, str] | None = None,
    is_public: bool,
    is_demo: bool,
) -> SearchDocument:
    states = sorted(states)
    articles = sorted(set(articles))
    values = {
        "tags": tags_for_document(
            kind=kind,
            round_id=round_id,
            states=states,
            articles=articles,
            strength=strength,
            compliance=compliance or {},
            is_public=is_public,
            is_demo=is_demo,
        ),
        "round_id": round_id,
        "title": title[:400],
        "body": body,
        "language": language,
        "states": bars(states)[:400],
        "articles": bars(articles)[:200],
        "strength": strength,
        "compliance": bars(
            f"{code}:{status}" for code, status in sorted((compliance or {}).items())
        ),
        "is_public": is_public,
        "is_demo": is_demo,
    }
    document, _created = SearchDocument.objects.update_or_create(
        kind=kind, object_id=object_id, defaults=values
    )
    return document
