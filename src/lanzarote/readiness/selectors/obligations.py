"""The obligations catalogue (cached per readiness version) and the hints that a State's
existing commitments give for each obligation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanzarote.core.db_routing import reading_connection
from lanzarote.core.errors import NotFound
from lanzarote.core.models import AuditRecord
from lanzarote.readiness.models import Instrument, Mapping, MappingTarget, Obligation, Relation
from lanzarote.readiness.selectors.sources import (
    CACHE_SECONDS,
    CHAPTERS,
    LOAD_ACTION,
    FollowUp,
    InterpretingText,
    article_provisions,
    followups_of,
    interpreting_texts,
    reservations_for,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, LocalizedField, State
from lanzarote.treaty_law import OPTIONAL_PROTOCOL, PermittedProvision
from lanzarote.treaty_law import Status as TreatyStatus


@dataclass(frozen=True)
class ObligationEntry:
    obligation: Obligation
    mappings: tuple[Mapping, ...]
    reservations: tuple[PermittedProvision, ...]

    @property
    def code(self) -> str:
        return self.obligation.code

    @property
    def slug(self) -> str:
        return self.obligation.slug

    @property
    def article(self) -> Article:
        return self.obligation.article

    @property
    def chapter(self) -> str:
        return self.obligation.article.chapter

    @property
    def texts(self) -> list[InterpretingText]:
        return interpreting_texts(self.obligation.article.number)

    @property
    def followups(self) -> list[FollowUp]:
        return followups_of(self.code)

    def mappings_of(self, instrument: str) -> list[Mapping]:
        return [m for m in self.mappings if m.target.instrument == instrument]

    @property
    def mappings_by_instrument(self) -> list[tuple[str, str, list[Mapping]]]:
        return [
            (value, str(label), self.mappings_of(value))
            for value, label in Instrument.choices
            if self.mappings_of(value)
        ]


@dataclass(frozen=True)
class ArticleEntry:
    article: Article
    obligations: tuple[ObligationEntry, ...]

    @property
    def number(self) -> int:
        return self.article.number

    @property
    def provisions(self) -> tuple[PermittedProvision, ...]:
        return article_provisions(self.article.number)

    @property
    def texts(self) -> list[InterpretingText]:
        return interpreting_texts(self.article.number)


@dataclass(frozen=True)
class ChapterEntry:
    number: str
    title_en: str
    title_fr: str
    articles: tuple[ArticleEntry, ...]

    title = LocalizedField("title")

    @property
    def obligations(self) -> list[ObligationEntry]:
        return [o for a in self.articles for o in a.obligations]


@dataclass(frozen=True)
class Catalogue:
    chapters: tuple[ChapterEntry, ...]
    targets: tuple[MappingTarget, ...]
    by_code: dict[str, ObligationEntry] = field(default_factory=dict)

    @property
    def obligations(self) -> list[ObligationEntry]:
        return [o for c in self.chapters for o in c.obligations]

    @property
    def articles(self) -> dict[int, ArticleEntry]:
        return {a.number: a for c in self.chapters for a in c.articles}

    def chapter(self, number: str) -> ChapterEntry:
        for chapter in self.chapters:
            if chapter.number == number:
                return chapter
        raise NotFound(
            _("There is no chapter %(number)s in the assessment; chapters are %(chapters)s.")
            % {"number": number, "chapters": ", ".join(CHAPTERS)}
        )

    def get(self, code: str) -> ObligationEntry:
        try:
            return self.by_code[code]
        except KeyError:
            raise NotFound(
                _("There is no obligation %(code)s in the catalogue.") % {"code": code}
            ) from None

    def mappings(self, instrument: str | None = None) -> list[Mapping]:
        found = [m for o in self.obligations for m in o.mappings]
        if instrument:
            found = [m for m in found if m.target.instrument == instrument]
        return sorted(found, key=lambda m: (m.target.position, m.obligation.position))

    def targets_of(self, instrument: str) -> list[MappingTarget]:
        return [t for t in self.targets if t.instrument == instrument]


def readiness_version() -> str:
    """Changes when the catalogue's rows change: ids and counts for inserts and deletes, and the
    loader's audit record for updates in place (it writes one whenever anything changed)."""
    obligations, mappings = Obligation._meta.db_table, Mapping._meta.db_table
    targets, audits = MappingTarget._meta.db_table, AuditRecord._meta.db_table
    with reading_connection(Obligation).cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {obligations}), (SELECT COUNT(*) FROM {obligations}), "  # noqa: S608
            f"(SELECT MAX(id) FROM {mappings}), (SELECT COUNT(*) FROM {mappings}), "
            f"(SELECT COUNT(*) FROM {targets}), "
            f"(SELECT MAX(id) FROM {audits} WHERE action = %s)",
            [LOAD_ACTION],
        )
        row = cursor.fetchone()
    return "-".join(str(value or 0) for value in row)


def catalogue(*, version: str | None = None) -> Catalogue:
    key = f"readiness:catalogue:{version or readiness_version()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    obligations = list(
        Obligation.objects.select_related("article").prefetch_related(
            Prefetch(
                "mappings",
                queryset=Mapping.objects.select_related("target").order_by("target__position"),
            )
        )
    )
    entries = [
        ObligationEntry(
            obligation=o, mappings=tuple(o.mappings.all()), reservations=reservations_for(o.code)
        )
        for o in obligations
    ]
    by_article: dict[int, list[ObligationEntry]] = defaultdict(list)
    articles: dict[int, Article] = {}
    for entry in entries:
        by_article[entry.article.number].append(entry)
        articles[entry.article.number] = entry.article
    chapters = []
    for number in CHAPTERS:
        chapter_articles = [
            ArticleEntry(article=articles[n], obligations=tuple(by_article[n]))
            for n in sorted(articles)
            if articles[n].chapter == number
        ]
        if not chapter_articles:
            continue
        first = chapter_articles[0].article
        chapters.append(
            ChapterEntry(
                number=number,
                title_en=first.chapter_title_en,
                title_fr=first.chapter_title_fr,
                articles=tuple(chapter_articles),
            )
        )
    built = Catalogue(
        chapters=tuple(chapters),
        targets=tuple(MappingTarget.objects.all()),
        by_code={e.code: e for e in entries},
    )
    cache.set(key, built, CACHE_SECONDS)
    return built


# -- hints from existing commitments ------------------------------------------------------------


@dataclass(frozen=True)
class Hint:
    """ "Likely in place — check": an existing commitment asks for the same thing. Never an
    answer: the obligation stays "not known" until a person confirms it."""

    instrument: str
    mappings: tuple[Mapping, ...]

    @property
    def instrument_label(self) -> str:
        return str(Instrument(self.instrument).label)

    @property
    def targets(self) -> list[MappingTarget]:
        return [m.target for m in self.mappings]


def bound_by_opsc(state: State | None, *, as_of: date) -> bool:
    if state is None:
        return False
    opsc = registry.treaty_get(OPTIONAL_PROTOCOL)
    position = registry.position_of(treaty=opsc, state=state, as_of=as_of)
    return position.status is TreatyStatus.PARTY


def hints_for(
    *,
    state: State | None,
    weprotect_member: bool,
    as_of: date,
    book: Catalogue | None = None,
    opsc_party: bool | None = None,
) -> dict[str, list[Hint]]:
    """Hints per obligation: from the OPSC when the State is a Party to it (from the registry),
    and from the WeProtect Model National Response when the assessment says the State is a member
    (self-declared). Only `equivalent` mappings give hints."""
    book = book or catalogue()
    if opsc_party is None:
        opsc_party = bound_by_opsc(state, as_of=as_of)
    sources = [
        i
        for i, applies in ((Instrument.OPSC, opsc_party), (Instrument.MNR, weprotect_member))
        if applies
    ]
    hints: dict[str, list[Hint]] = {}
    for entry in book.obligations:
        for instrument in sources:
            found = tuple(
                m for m in entry.mappings_of(instrument) if m.relation == Relation.EQUIVALENT
            )
            if found:
                hints.setdefault(entry.code, []).append(Hint(str(instrument), found))
    return hints
