"""Letters and notifications of the accession procedure (Art. 46 CETS 201), in English or French,
as PDF or DOCX.

The wording of each document is built once, by a small function that returns a `LetterText`
holding translated sentences; the PDF template and the DOCX builder both lay out that same
object, so the two formats always say the same thing. Names of States are used in headings,
address blocks and signature blocks, never inside sentences: French country names take articles
and genders ("le Brésil", "la Tunisie", "les États-Unis") that the registry does not record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext, pgettext
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.core.text import day_in_words
from lanzarote.documents.rendering import Document, add_page_numbers, render_document
from lanzarote.registry import selectors
from lanzarote.registry.models import State, Treaty
from lanzarote.treaty_law import KnownDate, Route, get_final_clauses

type Language = Literal["en", "fr"]
type FileFormat = Literal["pdf", "docx"]
type SignatoryCapacity = Literal["minister_of_foreign_affairs", "diplomatic_representative"]

SIGNATORY_CAPACITIES = ("minister_of_foreign_affairs", "diplomatic_representative")
FILE_FORMATS = ("pdf", "docx")

# The Council of Europe's postal address for letters to the Secretary General.
COUNCIL_OF_EUROPE_POSTCODE_AND_CITY = "F-67075 Strasbourg Cedex"


@dataclass(frozen=True)
class LetterText:
    """Everything a letter or notification says, already translated, in reading order."""

    language: str
    title: str
    letterhead: tuple[str, ...]
    page_label: str
    draft_label: str = ""
    draft_note: str = ""
    addressee: tuple[str, ...] = ()
    place_and_date: str = ""
    heading: str = ""
    reference_lines: tuple[tuple[str, str], ...] = ()
    subject_label: str = ""
    subject: str = ""
    salutation: str = ""
    paragraphs: tuple[str, ...] = ()
    closing: str = ""
    signature_intro: str = ""
    signature_lines: tuple[str, ...] = ()
    signature_hint: str = ""
    author: str = ""
    has_signature_block: bool = False


# --- Shared wording ---------------------------------------------------------------------------


def _check_language(language: str) -> str:
    if language not in dict(settings.LANGUAGES):
        known = ", ".join(code for code, _name in settings.LANGUAGES)
        raise InvalidInput(f"Unknown language {language!r}; use one of {known}.", field="language")
    return language


def _check_file_format(file_format: str) -> str:
    if file_format not in FILE_FORMATS:
        raise InvalidInput(
            f"Unknown file format {file_format!r}; use pdf or docx.", field="file_format"
        )
    return file_format


def format_day(value: date) -> str:
    """A date in the active language: "1 July 2010", "1er juillet 2010"."""
    return day_in_words(value)


def format_month(value: date) -> str:
    return formats.date_format(value, "F Y")


def _describe(known: KnownDate) -> str:
    return known.describe(gettext, format_day, format_month)


def _treaty_reference(treaty: Treaty) -> str:
    """ "CETS No. 201" / "STCE n° 201"."""
    if not treaty.number:
        return treaty.short_title
    reference = gettext("CETS No. %(number)s") % {"number": treaty.number}
    return reference.replace(" ", "\u00a0")  # never split across lines


def _article_parts(citation: str) -> tuple[str, str]:
    """ "Art. 46(2)" → ("46", "2"); the paragraph is "" when the citation has none."""
    match = re.search(r"(\d+)(?:\((\d+)\))?", citation)
    if match is None:
        raise ValueError(f"Cannot read an article number in {citation!r}")
    return match[1], match[2] or ""


def _period(months: int) -> str:
    words = {1: gettext("one month"), 3: gettext("three months"), 12: gettext("one year")}
    if months in words:
        return words[months]
    return ngettext("%(months)d month", "%(months)d months", months) % {"months": months}


def _capacity_title(capacity: str) -> str:
    if capacity == "minister_of_foreign_affairs":
        return pgettext("signatory capacity", "Minister of Foreign Affairs")
    return pgettext("signatory capacity", "Diplomatic representative")


def _sender_office(capacity: str) -> str:
    if capacity == "minister_of_foreign_affairs":
        return gettext("Ministry of Foreign Affairs")
    return gettext("Diplomatic representation")


def _secretary_general_address() -> tuple[str, ...]:
    return (
        gettext("The Secretary General"),
        gettext("Council of Europe"),
        COUNCIL_OF_EUROPE_POSTCODE_AND_CITY,
        gettext("France"),
    )


@dataclass(frozen=True)
class _AccessionFacts:
    article: str
    delay_article: str
    delay_paragraph: str
    delay_months: int
    entry_into_force: KnownDate


def _accession_facts(*, state: State, treaty: Treaty, on: date) -> _AccessionFacts:
    """The facts a letter about accession relies on, refusing a letter the rules would not
    support: the treaty must provide for accession on invitation, be in force, and the State's
    route to it must be accession."""
    try:
        clauses = get_final_clauses(treaty.slug)
    except KeyError:
        raise InvalidInput(f"No final clauses are known for {treaty.slug!r}.") from None
    accession = clauses.accession
    if not (accession.allowed and accession.invitation_required):
        raise InvalidInput(
            f"{treaty.slug} does not provide for accession on invitation.",
            article=accession.procedure_article,
        )
    entry_into_force = selectors.treaty_entry_into_force(treaty).value
    if entry_into_force is None:
        raise Conflict(
            f"{treaty.slug} is not in force, so no State can yet be invited to accede to it.",
            article=accession.procedure_article,
        )
    route = selectors.eligibility_of(state.code, treaty_slug=treaty.slug, as_of=on)
    if route.route is not Route.ACCESSION:
        raise Conflict(
            f"{state.code} does not join {treaty.slug} by accession on {on.isoformat()} "
            f"(its route is {route.route.value}): {route.render()}",
            article=accession.procedure_article,
        )
    article, _paragraph = _article_parts(accession.procedure_article)
    delay_article, delay_paragraph = _article_parts(accession.delay.article)
    return _AccessionFacts(
        article=article,
        delay_article=delay_article,
        delay_paragraph=delay_paragraph,
        delay_months=accession.delay.months,
        entry_into_force=entry_into_force,
    )


# --- Wording of each document (call inside `translation.override`) ---------------------------


def accession_request_text(
    *,
    state: State,
    treaty: Treaty,
    facts: _AccessionFacts,
    signatory_name: str,
    signatory_capacity: str,
    letter_date: date,
) -> LetterText:
    values = {
        "title": treaty.title,
        "reference": _treaty_reference(treaty),
        "article": facts.article,
        "date": _describe(facts.entry_into_force),
        "state": state.name,
    }
    return LetterText(
        language=translation.get_language() or "en",
        title=gettext("Request for an invitation to accede — %(state)s") % values,
        author=state.name,
        letterhead=(state.name, _sender_office(signatory_capacity)),
        page_label=gettext("Page"),
        draft_label=gettext("Draft"),
        draft_note=gettext(
            "For the State's officials: to be reviewed, completed and signed before it is sent."
        ),
        addressee=_secretary_general_address(),
        place_and_date=format_day(letter_date),
        subject_label=gettext("Subject:"),
        subject=gettext(
            "Request for an invitation to accede to the %(title)s (%(reference)s) — %(state)s"
        )
        % values,
        salutation=gettext("Dear Secretary General,"),
        paragraphs=(
            gettext(
                "I have the honour, on behalf of my Government, to request that my country be "
                "invited to accede to the %(title)s (%(reference)s), in accordance with "
                "Article %(article)s of the Convention."
            )
            % values,
            gettext("I note that the Convention entered into force on %(date)s.") % values,
            gettext(
                "My Government understands that the Parties to the Convention will be consulted "
                "and must all consent, that the Committee of Ministers of the Council of Europe "
                "will then decide on this request and, if it so decides, invite my country to "
                "accede, and that my country will then deposit its instrument of accession with "
                "the Secretary General of the Council of Europe."
            ),
            gettext(
                "My Government stands ready to provide any information that the Parties or the "
                "Committee of Ministers may require in examining this request."
            ),
        ),
        closing=gettext(
            "Please accept, Secretary General, the assurance of my highest consideration."
        ),
        has_signature_block=True,
        signature_hint=gettext("Signature"),
        signature_lines=tuple(
            line
            for line in (signatory_name.strip(), _capacity_title(signatory_capacity), state.name)
            if line
        ),
    )


def accession_invitation_text(
    *,
    state: State,
    treaty: Treaty,
    facts: _AccessionFacts,
    decision_date: date,
    meeting_reference: str,
    letter_date: date,
) -> LetterText:
    values = {
        "title": treaty.title,
        "reference": _treaty_reference(treaty),
        "article": facts.article,
        "delay_article": facts.delay_article,
        "paragraph": facts.delay_paragraph,
        "period": _period(facts.delay_months),
        "decision_date": format_day(decision_date),
        "date": _describe(facts.entry_into_force),
        "meeting": meeting_reference.strip(),
        "state": state.name,
    }
    if facts.delay_paragraph:
        delay_citation = gettext("Article %(delay_article)s, paragraph %(paragraph)s") % values
    else:
        delay_citation = gettext("Article %(delay_article)s") % values
    return LetterText(
        language=translation.get_language() or "en",
        title=gettext("Invitation to accede — %(state)s") % values,
        author=gettext("The Secretary General of the Council of Europe"),
        letterhead=(gettext("Council of Europe"), gettext("The Secretary General")),
        page_label=gettext("Page"),
        addressee=(pgettext("addressee", "Minister of Foreign Affairs"), state.name),
        place_and_date=gettext("Strasbourg, %(date)s") % {"date": format_day(letter_date)},
        subject_label=gettext("Subject:"),
        subject=gettext("Invitation to accede to the %(title)s (%(reference)s)") % values,
        salutation=gettext("Excellency,"),
        paragraphs=(
            gettext(
                "I have the honour to inform you that on %(decision_date)s the Committee of "
                "Ministers of the Council of Europe, having consulted the Parties to the "
                "Convention and obtained their unanimous consent, decided (meeting reference: "
                "%(meeting)s) to invite your country to accede to the %(title)s "
                "(%(reference)s), in accordance with Article %(article)s of the Convention."
            )
            % values,
            gettext(
                "On behalf of the Committee of Ministers, I accordingly invite your country to "
                "accede to the Convention, which entered into force on %(date)s."
            )
            % values,
            gettext(
                "The instrument of accession is to be deposited with the Secretary General of "
                "the Council of Europe. In accordance with %(citation)s, the Convention will "
                "enter into force for your country on the first day of the month following the "
                "expiration of a period of %(period)s after the date of deposit of its "
                "instrument of accession."
            )
            % {**values, "citation": delay_citation},
            gettext(
                "The Treaty Office of the Council of Europe remains at your disposal for any "
                "information concerning the deposit."
            ),
        ),
        closing=gettext("Please accept, Excellency, the assurance of my highest consideration."),
        has_signature_block=True,
        signature_intro=gettext("For the Committee of Ministers,"),
        signature_lines=(gettext("The Secretary General of the Council of Europe"),),
    )


def depositary_notification_text(*, number: str, issued_on: date, text: str) -> LetterText:
    return LetterText(
        language=translation.get_language() or "en",
        title=gettext("Depositary notification %(number)s") % {"number": number},
        author=gettext("Council of Europe"),
        letterhead=(gettext("Council of Europe"), gettext("Treaty Office")),
        page_label=gettext("Page"),
        heading=gettext("Depositary notification"),
        reference_lines=(
            (gettext("Number:"), number),
            (gettext("Date:"), format_day(issued_on)),
        ),
        paragraphs=tuple(_split_paragraphs(text)),
    )


def _split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks are kept inside them."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]


# --- Files ------------------------------------------------------------------------------------


def _letter_document(
    *,
    write: Callable[[], LetterText],
    template: str,
    file_format: str,
    stem: str,
    language: str,
) -> Document:
    """The letter that `write` words, written in `language`, as a PDF or a DOCX file."""
    with translation.override(language):
        letter = write()
        return render_document(
            file_format=file_format,
            template=template,
            context={"letter": letter},
            build=lambda document: build_docx(document, letter),
            stem=stem,
            language=language,
        )


def accession_request_letter(
    *,
    state: State,
    treaty: Treaty,
    signatory_name: str,
    signatory_capacity: SignatoryCapacity,
    letter_date: date,
    language: Language,
    file_format: FileFormat,
) -> Document:
    """A draft letter from `state` to the Secretary General of the Council of Europe asking to
    be invited to accede (Art. 46(1) CETS 201), for the State's officials to complete and sign."""
    _check_language(language)
    _check_file_format(file_format)
    if signatory_capacity not in SIGNATORY_CAPACITIES:
        raise InvalidInput(
            f"Unknown signatory capacity {signatory_capacity!r}; use one of "
            f"{', '.join(SIGNATORY_CAPACITIES)}.",
            field="signatory_capacity",
        )
    facts = _accession_facts(state=state, treaty=treaty, on=letter_date)
    return _letter_document(
        write=lambda: accession_request_text(
            state=state,
            treaty=treaty,
            facts=facts,
            signatory_name=signatory_name,
            signatory_capacity=signatory_capacity,
            letter_date=letter_date,
        ),
        template="documents/accession_request_letter.html",
        file_format=file_format,
        stem=f"lanzarote-accession-request-{state.code}",
        language=language,
    )


def accession_invitation_letter(
    *,
    state: State,
    treaty: Treaty,
    decision_date: date,
    meeting_reference: str,
    language: Language,
    file_format: FileFormat,
    letter_date: date | None = None,
) -> Document:
    """The Secretary General's letter, on behalf of the Committee of Ministers, inviting `state`
    to accede (Art. 46(1)) and stating when the Convention would enter into force for it
    (Art. 46(2)). The letter is dated `letter_date`, by default today."""
    _check_language(language)
    _check_file_format(file_format)
    facts = _accession_facts(state=state, treaty=treaty, on=decision_date)
    return _letter_document(
        write=lambda: accession_invitation_text(
            state=state,
            treaty=treaty,
            facts=facts,
            decision_date=decision_date,
            meeting_reference=meeting_reference,
            letter_date=letter_date or timezone.localdate(),
        ),
        template="documents/accession_invitation_letter.html",
        file_format=file_format,
        stem=f"lanzarote-accession-invitation-{state.code}",
        language=language,
    )


def depositary_notification_document(
    *,
    number: str,
    issued_on: date,
    text: str,
    language: Language,
    file_format: FileFormat = "pdf",
) -> Document:
    """A depositary notification laid out on its own page(s). `text` is already written in
    `language`; paragraphs are separated by blank lines."""
    _check_language(language)
    _check_file_format(file_format)
    return _letter_document(
        write=lambda: depositary_notification_text(number=number, issued_on=issued_on, text=text),
        template="documents/notification.html",
        file_format=file_format,
        stem=f"lanzarote-depositary-notification-{slugify(number) or 'draft'}",
        language=language,
    )


# --- DOCX layout ------------------------------------------------------------------------------

_GREY = RGBColor(0x55, 0x55, 0x55)
# Where the address and the signature start, as in the print stylesheet.
_RIGHT_COLUMN = Mm(85)
_WORD_LANGUAGES = {"en": "en-GB", "fr": "fr-FR"}


def _lines(
    document: DocxDocument,
    lines: tuple[str, ...],
    *,
    bold_first: bool = False,
    indent: Mm | None = None,
) -> Paragraph:
    paragraph = document.add_paragraph()
    if indent is not None:
        paragraph.paragraph_format.left_indent = indent
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold_first and index == 0
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def _top_border(paragraph: Paragraph) -> None:
    """A thin rule above the paragraph: the line to sign on. Call it on a fresh paragraph."""
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("val", "single"), ("sz", "4"), ("space", "1"), ("color", "333333")):
        top.set(qn(f"w:{name}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def build_docx(document: DocxDocument, letter: LetterText) -> None:
    """Lay out `letter` in a Word document: the same text as the PDF, in Word's own styles."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(22)

    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    run_properties = normal.element.get_or_add_rPr()
    # Spelling and hyphenation in the letter's language; w:lang follows w:sz in w:rPr.
    language_element = OxmlElement("w:lang")
    language_element.set(qn("w:val"), _WORD_LANGUAGES.get(letter.language, letter.language))
    run_properties.append(language_element)

    properties = document.core_properties
    properties.title = letter.title
    properties.author = letter.author
    properties.language = letter.language

    if letter.draft_label:
        header = section.header.paragraphs[0]
        label = header.add_run(letter.draft_label)
        label.bold = True
        label.font.all_caps = True
        label.font.color.rgb = _GREY
        note = section.header.add_paragraph(letter.draft_note)
        note.runs[0].font.size = Pt(8)
        note.runs[0].font.color.rgb = _GREY

    add_page_numbers(section, letter.page_label)

    _lines(document, letter.letterhead, bold_first=True)
    if letter.addressee:
        _lines(document, letter.addressee, indent=_RIGHT_COLUMN)
    if letter.place_and_date:
        document.add_paragraph(letter.place_and_date).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if letter.heading:
        document.add_heading(letter.heading, level=1)
    for label, value in letter.reference_lines:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} ").bold = True
        paragraph.add_run(value)
    if letter.subject:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{letter.subject_label} ").bold = True
        paragraph.add_run(letter.subject).bold = True
    if letter.salutation:
        document.add_paragraph(letter.salutation)
    for text in letter.paragraphs:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.add_run(text)  # python-docx turns "\n" into a line break
    if letter.closing:
        document.add_paragraph(letter.closing)
    if letter.has_signature_block:
        if letter.signature_intro:
            intro = document.add_paragraph(letter.signature_intro)
            intro.paragraph_format.left_indent = _RIGHT_COLUMN
        rule = document.add_paragraph()
        _top_border(rule)  # first: w:pBdr must precede w:spacing and w:ind in w:pPr
        rule.paragraph_format.left_indent = _RIGHT_COLUMN
        rule.paragraph_format.space_before = Mm(20)
        rule.paragraph_format.space_after = Pt(2)
        if letter.signature_hint:
            hint = rule.add_run(letter.signature_hint)
            hint.font.size = Pt(8)
            hint.font.color.rgb = _GREY
        _lines(document, letter.signature_lines, indent=_RIGHT_COLUMN)
