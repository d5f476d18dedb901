"""What the readiness catalogue is built from besides its own tables: the Committee's
interpreting texts and the follow-up questions (shipped files), and the reservations and
declarations the final clauses permit."""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanzarote.committee import selectors as committee
from lanzarote.registry.models import LocalizedField
from lanzarote.treaty_law import (
    CONVENTION,
    KnownDate,
    PermittedProvision,
    ProvisionKind,
    get_final_clauses,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "readiness"
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


# The interpreting texts the Committee's records name by another slug than this file's key.
COMMITTEE_SLUGS = {
    "opinion-ict-applicability": "interpretative-opinion-ict",
    "guidance-note-article-33": "guidance-note-statute-of-limitations",
}


@dataclass(frozen=True)
class CommitteeRecord:
    """What the committee app records of an interpreting text: its official page (a Council of
    Europe address, in the reader's language where there is one) and its document code."""

    url: str
    document_code: str


def committee_records(texts: Iterable[InterpretingText]) -> dict[str, CommitteeRecord]:
    """The committee app's record of each text, by the text's key (none for a text the
    Committee's records do not hold). The report links these, not the press pages the shipped
    file once cited."""
    wanted = {t.key: COMMITTEE_SLUGS.get(t.key, t.key) for t in texts}
    if not wanted:
        return {}
    adopted = committee.texts_by_slug(wanted.values())
    return {
        key: CommitteeRecord(url=adopted[slug].url, document_code=adopted[slug].document_code)
        for key, slug in wanted.items()
        if slug in adopted
    }


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
