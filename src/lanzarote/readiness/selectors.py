"""Reads: the obligations catalogue (cached), the Committee's interpreting texts and the
follow-up questions (shipped files), hints from existing commitments, and assessments — each
assessment only for the team of officials preparing it."""

from __future__ import annotations

import csv
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db.models import Max, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanzarote.core.db_routing import reading_connection
from lanzarote.core.errors import NotFound, Unauthorised
from lanzarote.core.models import AuditRecord
from lanzarote.core.permissions import allowed
from lanzarote.readiness.answers import Answer, AnswerSheet, Provision
from lanzarote.readiness.models import (
    AnswerVersion,
    Assessment,
    AssessmentMember,
    Instrument,
    Mapping,
    MappingTarget,
    Obligation,
    Relation,
    Status,
)
from lanzarote.registry import selectors as registry
from lanzarote.registry.models import Article, LocalizedField, State
from lanzarote.treaty_law import (
    CONVENTION,
    OPTIONAL_PROTOCOL,
    KnownDate,
    PermittedProvision,
    ProvisionKind,
    get_final_clauses,
)
from lanzarote.treaty_law import Status as TreatyStatus

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "readiness"
CACHE_SECONDS = 60 * 60
LOAD_ACTION = "readiness.reference_data.load"
# The chapters whose obligations are assessed (Arts. 4–38), in the Convention's order.
CHAPTERS = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
# Criminal law and procedure must be in place before consenting to be bound: their gaps first.
GAP_PRIORITY = ("VI", "VII", "II", "III", "IV", "V", "VIII", "IX")


# -- the Committee's interpreting texts (a shipped file until the committee app provides them) ---


@dataclass(frozen=True)
class InterpretingText:
    key: str
    kind: str
    status: str
    title_en: str
    title_fr: str
    adopted: KnownDate
    note_en: str
    note_fr: str
    confirmed: bool
    url: str
    articles: tuple[int, ...]
    # "stated": the text names the article; "our_reading": we linked it from its subject.
    link_basis: str

    title = LocalizedField("title")

    note = LocalizedField("note")

    @property
    def kind_label(self) -> str:
        return str(TEXT_KINDS.get(self.kind, self.kind))

    @property
    def link_stated(self) -> bool:
        return self.link_basis == "stated"


# Lazy: this table is built at import time, before any request has chosen a language.
TEXT_KINDS = {
    "opinion": gettext_lazy("Opinion"),
    "declaration": gettext_lazy("Declaration"),
    "guidance_note": gettext_lazy("Guidance note"),
}


@functools.cache
def _interpreting_texts_file() -> tuple[InterpretingText, ...]:
    with (DATA_DIR / "interpreting_texts.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            InterpretingText(
                key=row["key"],
                kind=row["kind"],
                status=row["status"],
                title_en=row["title_en"],
                title_fr=row["title_fr"],
                adopted=KnownDate.parse(row["adopted"]),
                note_en=row["note_en"],
                note_fr=row["note_fr"],
                confirmed=row["confirmed"].lower() in {"yes", "true", "1"},
                url=row["url"],
                articles=tuple(int(a) for a in row["articles"].split(";") if a),
                link_basis=row["link_basis"],
            )
            for row in csv.DictReader(handle)
        )


def all_interpreting_texts() -> tuple[InterpretingText, ...]:
    return _interpreting_texts_file()


def interpreting_texts(article_number: int) -> list[InterpretingText]:
    """The Committee of the Parties' adopted texts that interpret an article.

    Read from `data/readiness/interpreting_texts.csv` (committee.md §5). When the committee app
    links its adopted texts to articles, point this function at it: every page, the report and
    the API ask here and nowhere else."""
    return [t for t in _interpreting_texts_file() if article_number in t.articles]


# -- follow-up questions (data: `data/readiness/followups.json`) --------------------------------

CHOICE_LABELS = {
    "yes": _("Yes"),
    "partly": _("Partly"),
    "no": _("No"),
    "not_known": _("Not known"),
    "undecided": _("Undecided"),
}


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # "choice" or "text"
    choices: tuple[str, ...]
    label_en: str
    label_fr: str

    label = LocalizedField("label")

    @property
    def choice_items(self) -> list[tuple[str, str]]:
        return [(c, str(CHOICE_LABELS[c])) for c in self.choices]


@dataclass(frozen=True)
class FollowUp:
    """Questions asked only when an obligation's answer is in `when` (a conditional branch)."""

    key: str
    obligation: str
    when: frozenset[str]
    show: frozenset[str]
    intro_en: str
    intro_fr: str
    questions: tuple[Question, ...]

    intro = LocalizedField("intro")


@functools.cache
def _followups_file() -> tuple[FollowUp, ...]:
    items = json.loads((DATA_DIR / "followups.json").read_text(encoding="utf-8"))
    return tuple(
        FollowUp(
            key=item["key"],
            obligation=item["obligation"],
            when=frozenset(item["when"]),
            show=frozenset(item.get("show", [])),
            intro_en=item["intro_en"],
            intro_fr=item["intro_fr"],
            questions=tuple(
                Question(
                    key=q["key"],
                    kind=q["kind"],
                    choices=tuple(q.get("choices", [])),
                    label_en=q["label_en"],
                    label_fr=q["label_fr"],
                )
                for q in item["questions"]
            ),
        )
        for item in items
    )


def followups() -> tuple[FollowUp, ...]:
    return _followups_file()


def followups_of(code: str) -> list[FollowUp]:
    return [f for f in _followups_file() if f.obligation == code]


def triggered_followups(code: str, status: str | None) -> list[FollowUp]:
    return [f for f in followups_of(code) if status in f.when]


def allowed_followup_answers(code: str) -> dict[str, tuple[str, ...] | None]:
    """Each follow-up question of an obligation and its permitted choices (None: free text)."""
    return {
        q.key: (q.choices if q.kind == "choice" else None)
        for f in followups_of(code)
        for q in f.questions
    }


# -- reservations and declarations, derived from the final clauses ------------------------------

_CITATION = re.compile(
    r"Art\. (?P<article>\d+)\((?P<paragraph>\d+)\)(?P<item>\([a-z]\))?"
    r"(?P<more>(?:(?:,| and| or) \([a-z]\))*)"
)


def provision_targets(provision: PermittedProvision) -> tuple[str, ...]:
    """The obligation codes a reservation or declaration limits: the first citation of its own
    article in its summary ("Art. 20(1)(a) and (e)" → 20.1.a, 20.1.e), or else its own paragraph
    (Art. 37(2) → 37.2)."""
    article, _sep, rest = provision.code.partition("(")
    for match in _CITATION.finditer(provision.summary):
        if match["article"] != article:
            continue
        items = re.findall(r"\(([a-z])\)", (match["item"] or "") + match["more"])
        base = f"{article}.{match['paragraph']}"
        return tuple(f"{base}.{item}" for item in items) or (base,)
    return (f"{article}.{rest.rstrip(')')}",)


def _limits(code: str, target: str) -> bool:
    return target == code or target.startswith(code + ".")


def reservations_for(code: str) -> tuple[PermittedProvision, ...]:
    """The reservations, declarations and communications of Art. 48's closed list that concern
    this obligation."""
    clauses = get_final_clauses(CONVENTION)
    return tuple(
        p
        for p in clauses.permitted_provisions
        if p.kind is not ProvisionKind.TERRITORIAL
        and any(_limits(code, target) for target in provision_targets(p))
    )


def article_provisions(number: int) -> tuple[PermittedProvision, ...]:
    clauses = get_final_clauses(CONVENTION)
    return tuple(
        p
        for p in clauses.permitted_provisions
        if p.kind is not ProvisionKind.TERRITORIAL and p.code.startswith(f"{number}(")
    )


# -- the catalogue ------------------------------------------------------------------------------


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


# -- assessments --------------------------------------------------------------------------------

CONFIDENTIAL = _(
    "No readiness assessment with this number is open to you. Assessments are confidential to the "
    "officials of the State who prepare them."
)


def _assessments() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("state", "created_by").prefetch_related(
        Prefetch("members", queryset=AssessmentMember.objects.select_related("user"))
    )


def assessment_get(pk: int | str, *, user: Any) -> Assessment:
    """An assessment the person may see. Anyone else — another State's officials, Party
    delegates, the Treaty Office, the secretariat — gets the same "not found" as for a number
    that does not exist, so that not even an assessment's existence is disclosed."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorised(_("Sign in to see your State's readiness assessments."))
    try:
        assessment = _assessments().get(pk=int(pk))
    except (Assessment.DoesNotExist, ValueError):
        raise NotFound(str(CONFIDENTIAL)) from None
    if not allowed(user, "readiness.view_assessment", assessment=assessment):
        raise NotFound(str(CONFIDENTIAL))
    return assessment


def assessments_of(user: Any) -> list[Assessment]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    found = _assessments().filter(members__user=user).distinct().order_by("-created_at", "-id")
    return [a for a in found if allowed(user, "readiness.view_assessment", assessment=a)]


def _answer(version: AnswerVersion) -> Answer:
    return Answer(
        status=version.status,
        provisions=tuple(
            Provision(p.get("reference", ""), p.get("url", "")) for p in version.provisions
        ),
        evidence=version.evidence,
        notes=version.notes,
        followups=dict(version.followups),
        recorded_at=version.recorded_at,
        recorded_by=version.recorded_by_label,
        version=version.pk,
    )


def current_answers(assessment: Assessment) -> dict[str, Answer]:
    """The newest version of each answer (one query, whatever the length of the history)."""
    newest = (
        AnswerVersion.objects.filter(assessment=assessment)
        .values("obligation_id")
        .annotate(newest=Max("id"))
        .values("newest")
    )
    versions = AnswerVersion.objects.filter(id__in=newest).select_related("obligation")
    return {v.obligation.code: _answer(v) for v in versions}


def answer_history(assessment: Assessment, *, obligation: str | None = None) -> list[AnswerVersion]:
    versions = AnswerVersion.objects.filter(assessment=assessment).select_related(
        "obligation", "obligation__article"
    )
    if obligation:
        versions = versions.filter(obligation__code=obligation)
    return list(versions.order_by("-id"))


def sheet_of(assessment: Assessment) -> AnswerSheet:
    return AnswerSheet(
        state=assessment.state,
        title=assessment.title,
        weprotect_member=assessment.weprotect_member,
        answers=current_answers(assessment),
        assessment_id=assessment.pk,
    )


def comparable_with(assessment: Assessment, *, user: Any) -> list[Assessment]:
    return [
        a
        for a in assessments_of(user)
        if a.pk != assessment.pk and a.state_id == assessment.state_id
    ]


# -- counts and comparisons ---------------------------------------------------------------------

STATUS_ORDER = (Status.IN_PLACE, Status.PARTLY, Status.NOT_IN_PLACE, Status.NOT_KNOWN)


@dataclass(frozen=True)
class ChapterCount:
    number: str
    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __getitem__(self, status: str) -> int:
        # Templates try `chapter["number"]` before `chapter.number`: only statuses are keys.
        return self.counts[status]

    @property
    def answered(self) -> int:
        return self.total - self.counts.get(Status.NOT_KNOWN.value, 0)


def chapter_counts(sheet: AnswerSheet, book: Catalogue) -> list[ChapterCount]:
    result = []
    for chapter in book.chapters:
        counts = {s.value: 0 for s in STATUS_ORDER}
        for entry in chapter.obligations:
            counts[sheet.answer(entry.code).status] += 1
        result.append(ChapterCount(chapter.number, chapter.title, counts))
    return result


@dataclass(frozen=True)
class Difference:
    entry: ObligationEntry
    left: Answer
    right: Answer
    fields: tuple[str, ...]


def differences(left: AnswerSheet, right: AnswerSheet, book: Catalogue) -> list[Difference]:
    found = []
    for entry in book.obligations:
        a, b = left.answer(entry.code), right.answer(entry.code)
        changed = tuple(
            name
            for name, x, y in (
                ("status", a.status, b.status),
                ("provisions", a.provisions, b.provisions),
                ("evidence", a.evidence, b.evidence),
                ("notes", a.notes, b.notes),
                ("followups", dict(a.followups), dict(b.followups)),
            )
            if x != y
        )
        if changed:
            found.append(Difference(entry, a, b, changed))
    return found


def newest_change(sheet: AnswerSheet) -> datetime | None:
    times = [a.recorded_at for a in sheet.answers.values() if a.recorded_at]
    return max(times) if times else None


def codes(entries: Iterable[ObligationEntry]) -> list[str]:
    return [e.code for e in entries]
