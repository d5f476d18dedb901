"""The readiness report as a file — PDF (WeasyPrint, through the documents app) or DOCX — in
English or French. Both lay out the same `reports.Report`.

A team's PDF is a render (`core.renders`): `assessment_report_pdf` is what the worker runs, once
per (assessment version, day, deposit date, language); an anonymous visitor's, whose answers the
server keeps nowhere, is laid out in the request that asks for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor

from lanzarote.core.errors import InvalidInput
from lanzarote.core.renders import Rendered
from lanzarote.core.text import day_in_words
from lanzarote.documents.rendering import Document, add_page_numbers, render_document
from lanzarote.readiness import reports, selectors
from lanzarote.readiness.answers import Answer
from lanzarote.readiness.selectors import ObligationEntry
from lanzarote.registry.presenters import format_date, render
from lanzarote.treaty_law import Explanation, KnownDate

FILE_FORMATS = ("pdf", "docx")
LANGUAGES = ("en", "fr")
_RED = RGBColor(0x9B, 0x1C, 0x1C)
_GREY = RGBColor(0x55, 0x55, 0x55)


def _key_gaps_note() -> str:
    return gettext(
        "Most important means: obligations of criminal law and procedure (Chapters VI and VII), "
        "which must be in place before a State consents to be bound, not in place, then partly "
        "in place; then the other chapters in the same way. At most five are named here; every "
        "gap is in the detail."
    )


def _summary_end() -> str:
    return gettext(
        "The detail follows: every gap, the Committee texts cited, the route in full, what "
        "joining brings and every answer."
    )


def describe(value: KnownDate) -> str:
    return value.describe(gettext, format_date)


def explain_text(value: Explanation | object) -> str:
    if isinstance(value, Explanation):
        return render([value])
    return render(list(getattr(value, "explanations", ())))


@dataclass(frozen=True)
class AnnexChapter:
    number: str
    title: str
    rows: tuple[tuple[ObligationEntry, Answer], ...]


def _annex(report: reports.Report) -> list[AnnexChapter]:
    book = selectors.catalogue()
    return [
        AnnexChapter(
            chapter.number,
            chapter.title,
            tuple((e, report.sheet.answer(e.code)) for e in chapter.obligations),
        )
        for chapter in book.chapters
    ]


def _title(report: reports.Report) -> str:
    if report.state_name:
        return gettext("Readiness of %(state)s to join the Lanzarote Convention") % {
            "state": report.state_name
        }
    return gettext("Readiness to join the Lanzarote Convention")


def _label(report: reports.Report) -> tuple[str, str]:
    if report.sheet.anonymous:
        return gettext("Not stored"), gettext(
            " Anonymous self-assessment: these answers are kept nowhere."
        )
    return gettext("Confidential"), gettext(
        " Readiness self-assessment — for the State's team only, never public."
    )


def report_document(report: reports.Report, *, language: str, file_format: str) -> Document:
    if language not in LANGUAGES:
        raise InvalidInput(f"Unknown language {language!r}; use en or fr.", field="language")
    if file_format not in FILE_FORMATS:
        raise InvalidInput(f"Unknown format {file_format!r}; use pdf or docx.", field="format")
    with translation.override(language):
        title = _title(report)
        label, note = _label(report)
        annex = _annex(report)
        state = report.sheet.state.code if report.sheet.state else "anonymous"
        return render_document(
            file_format=file_format,
            template="readiness/report_document.html",
            context={
                "report": report,
                "title": title,
                "label": label,
                "label_note": note,
                "annex": annex,
            },
            build=lambda d: build_docx(d, report, title, label, annex),
            stem=f"readiness-{state}-{report.today.isoformat()}",
            language=language,
        )


def assessment_report_pdf(*, assessment: int, today: str, deposit: str | None) -> Rendered:
    """A team's report as a PDF in the active language (run by `core.renders`, in the worker
    where there is one; the view that queued it checked that the person may see it)."""
    report = reports.readiness_report(
        selectors.sheet_of(selectors.assessment_for_render(assessment)),
        today=date.fromisoformat(today),
        deposit=date.fromisoformat(deposit) if deposit else None,
    )
    language = (translation.get_language() or "en")[:2]
    document = report_document(report, language=language, file_format="pdf")
    return Rendered(document.content, document.content_type, document.filename)


# -- Word -----------------------------------------------------------------------------------------


def _table(document: DocxDocument, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for number, row in enumerate(table.rows):
        # A row never split across two pages; the head row repeated on each page.
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if number == 0:
            properties.append(OxmlElement("w:tblHeader"))
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    document.add_paragraph()


def build_docx(
    document: DocxDocument,
    report: reports.Report,
    title: str,
    label: str,
    annex: list[AnnexChapter],
) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.left_margin, section.right_margin = Mm(22), Mm(20)
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = title
    document.core_properties.language = translation.get_language() or "en"

    header = section.header.paragraphs[0]
    run = header.add_run(label)
    run.bold = True
    run.font.color.rgb = _RED
    add_page_numbers(section, f"{title} — {gettext('page')}")

    document.add_heading(title, level=0)
    meta = document.add_paragraph()
    if not report.sheet.anonymous:
        meta.add_run(f"{report.sheet.title} · ")
    meta.add_run(
        gettext("Answers as they stand on %(today)s.") % {"today": day_in_words(report.today)}
    )
    note = document.add_paragraph(
        gettext(
            "This report counts obligations chapter by chapter; it gives no overall score and "
            "compares no countries. The descriptions of the obligations are our own summaries, "
            "not the Convention's text."
        )
    )
    note.runs[0].font.color.rgb = _GREY

    _summary(document, report)

    document.add_heading(gettext("The gaps"), level=1)
    document.add_paragraph(
        gettext(
            "Obligations answered “not in place” or “partly in place”. Criminal law and procedure "
            "(Chapters VI and VII) come first: they must be in place before a State consents to "
            "be bound."
        )
    )
    if not report.gaps:
        document.add_paragraph(
            gettext("No obligation is answered “not in place” or “partly in place”.")
        )
    for gap in report.gaps:
        document.add_heading(
            f"{gap.entry.obligation.citation} – {gap.entry.article.title} "
            f"({gap.answer.status_label})",
            level=2,
        )
        document.add_paragraph(gap.entry.obligation.description)
        missing = document.add_paragraph()
        missing.add_run(gettext("What is missing:") + " ").bold = True
        missing.add_run(gap.missing or gettext("not described in the answer."))
        if gap.cited:
            said = document.add_paragraph()
            said.add_run(gettext("What the Lanzarote Committee said:") + " ").bold = True
            said.add_run(", ".join(cited.ref for cited in gap.cited) + " ")
            said.add_run(f"({gettext('see “Committee texts cited”')})").font.color.rgb = _GREY
        if gap.entry.reservations:
            document.add_paragraph().add_run(
                gettext("What the Convention allows a State to reserve or declare:")
            ).bold = True
            for provision in gap.entry.reservations:
                document.add_paragraph(
                    f"{provision.article} — {gettext(provision.summary)}", style="List Bullet"
                )

    _cited(document, report)
    route = report.route
    if route is not None:
        document.add_heading(
            gettext("The route for %(state)s, in full") % {"state": report.state_name}, level=1
        )
        document.add_paragraph(explain_text(route.eligibility))
        for step in route.eligibility.steps:
            document.add_paragraph(explain_text(step), style="List Number")
        if route.entry_into_force is not None:
            document.add_paragraph(explain_text(route.entry_into_force))

    document.add_heading(gettext("What joining brings"), level=1)
    for name, benefit in report.benefits:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{name}. ").bold = True
        paragraph.add_run(str(benefit))

    document.add_heading(gettext("What existing commitments already cover"), level=1)
    for item in report.coverage:
        document.add_heading(item.label, level=2)
        document.add_paragraph(
            f"{item.basis} "
            + gettext(
                "Mapped obligations: %(equivalent)s equivalent, %(partial)s partial, "
                "%(related)s related."
            )
            % {"equivalent": item.equivalent, "partial": item.partial, "related": item.related}
        )
        if item.applies and item.items:
            _table(
                document,
                [
                    gettext("Obligation"),
                    gettext("Relation"),
                    gettext("Commitment"),
                    gettext("Your answer"),
                ],
                [
                    [
                        row.entry.obligation.citation,
                        str(row.mapping.get_relation_display()),
                        row.mapping.target.label,
                        row.answer.status_label,
                    ]
                    for row in item.items
                ],
            )

    document.add_heading(gettext("Annex: every answer"), level=1)
    for chapter in annex:
        document.add_heading(
            gettext("Chapter %(number)s – %(title)s")
            % {"number": chapter.number, "title": chapter.title},
            level=2,
        )
        _table(
            document,
            [gettext("Obligation"), gettext("Answer"), gettext("National provisions")],
            [
                [
                    entry.obligation.citation,
                    answer.status_label,
                    "; ".join(p.reference for p in answer.provisions),
                ]
                for entry, answer in chapter.rows
            ],
        )


def _chapter_table(document: DocxDocument, report: reports.Report) -> None:
    _table(
        document,
        [
            gettext("Chapter"),
            gettext("In place"),
            gettext("Partly"),
            gettext("Not in place"),
            gettext("Not known"),
            gettext("Obligations"),
        ],
        [
            [
                f"{c.number} – {c.title}",
                str(c["in_place"]),
                str(c["partly"]),
                str(c["not_in_place"]),
                str(c["not_known"]),
                str(c.total),
            ]
            for c in report.chapters
        ],
    )


def _summary(document: DocxDocument, report: reports.Report) -> None:
    """The one or two pages a minister reads first: the chapters, the key gaps, the route."""
    document.add_heading(gettext("In brief"), level=1)
    document.add_heading(gettext("Where things stand, chapter by chapter"), level=2)
    _chapter_table(document, report)
    document.add_heading(gettext("The most important gaps"), level=2)
    document.add_paragraph(_key_gaps_note()).runs[0].font.color.rgb = _GREY
    if not report.key_gaps:
        document.add_paragraph(
            gettext("No obligation is answered “not in place” or “partly in place”.")
        )
    for gap in report.key_gaps:
        item = document.add_paragraph(style="List Number")
        item.add_run(f"{gap.entry.obligation.citation} – {gap.entry.article.title}").bold = True
        item.add_run(f" ({gap.answer.status_label})")
        if gap.cited:
            refs = ", ".join(cited.ref for cited in gap.cited)
            item.add_run(f" — {gettext('Committee texts')} {refs}")
    if report.gaps:
        document.add_paragraph(
            ngettext("%(counter)s gap in all.", "%(counter)s gaps in all.", len(report.gaps))
            % {"counter": len(report.gaps)}
        )
    route = report.route
    if route is not None:
        document.add_heading(
            gettext("The route for %(state)s") % {"state": report.state_name}, level=2
        )
        label = capfirst(gettext(route.eligibility.route.label))
        document.add_paragraph(f"{label} ({', '.join(route.eligibility.legal_basis)}).")
        if route.milestones:
            rows = []
            for milestone in route.milestones:
                when = str(milestone.timing)
                if milestone.day:
                    when = f"{day_in_words(milestone.day)} — {when}"
                elif milestone.known:
                    when = f"{describe(milestone.known)} — {when}"
                rows.append([str(milestone.label), when])
            _table(document, [gettext("Step"), gettext("When")], rows)
    end = document.add_paragraph(_summary_end())
    end.runs[0].font.color.rgb = _GREY


def _cited(document: DocxDocument, report: reports.Report) -> None:
    """Each Committee text once, with its official link; the gaps refer to it as "C1"."""
    if not report.cited:
        return
    document.add_heading(gettext("Committee texts cited"), level=1)
    for cited in report.cited:
        text = cited.text
        when = (
            gettext("under consideration")
            if text.status == "under_consideration"
            else gettext("adopted %(when)s") % {"when": describe(text.adopted)}
        )
        details = [text.kind_label, when]
        if not text.confirmed:
            details.append(gettext("unconfirmed"))
        if cited.document_code:
            details.append(cited.document_code)
        item = document.add_paragraph()
        item.add_run(f"{cited.ref} — ").bold = True
        item.add_run(f"{text.title}. {', '.join(details)}.")
        if cited.url:
            item.add_run(f" {cited.url}").font.color.rgb = _GREY
