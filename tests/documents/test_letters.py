"""The accession letters and the depositary notification, in English and French, as PDF and DOCX:
generated from the registry's data, one page each, saying the same thing in both formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pytest
from django.utils import translation

from lanzarote.core.errors import Conflict, InvalidInput
from lanzarote.documents import letters
from lanzarote.documents.rendering import DOCX, PDF, Document
from lanzarote.registry.models import State, Treaty
from tests.documents.conftest import docx_text, pdf_pages, squash

LETTER_DATE = date(2026, 3, 16)
DECISION_DATE = date(2026, 9, 9)
MEETING = "1540th meeting of the Ministers' Deputies"

TITLE = {
    "en": (
        "Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse"
    ),
    "fr": (
        "Convention du Conseil de l'Europe sur la protection des enfants contre l'exploitation "
        "et les abus sexuels"
    ),
}
BRAZIL = {"en": "Brazil", "fr": "Brésil"}
ARTICLE_46 = {"en": "Article 46", "fr": "article 46"}
IN_FORCE = {"en": "1 July 2010", "fr": "1er juillet 2010"}
CAPACITY = {
    ("en", "minister_of_foreign_affairs"): "Minister of Foreign Affairs",
    ("fr", "minister_of_foreign_affairs"): "Ministre des Affaires étrangères",
    ("en", "diplomatic_representative"): "Diplomatic representative",
    ("fr", "diplomatic_representative"): "Représentant diplomatique",
}
SECRETARY_GENERAL = {"en": "Secretary General", "fr": "Secrétaire Général"}
DRAFT = {"en": "Draft", "fr": "Projet"}
# Each language and each capacity rendered once as PDF and DOCX (PDFs are the slow part); the two
# other combinations are checked in DOCX by `test_either_capacity_signs_in_either_language`.
CASES = [("en", "minister_of_foreign_affairs"), ("fr", "diplomatic_representative")]
NOTIFICATION_TEXT = {
    "en": (
        "The Secretary General of the Council of Europe communicates the following.\n\n"
        "Brazil deposited its instrument of accession on 2 December 2026.\n"
        "The Convention will enter into force for Brazil on 1 April 2027."
    ),
    "fr": (
        "Le Secrétaire Général du Conseil de l’Europe communique ce qui suit.\n\n"
        "Le Brésil a déposé son instrument d’adhésion le 2 décembre 2026.\n"
        "La Convention entrera en vigueur à l’égard du Brésil le 1er avril 2027."
    ),
}


@dataclass(frozen=True)
class Rendered:
    pdf: Document
    docx: Document
    text: letters.LetterText

    @cached_property
    def pages(self) -> list[str]:
        return pdf_pages(self.pdf.content)

    @cached_property
    def pdf_text(self) -> str:
        return " ".join(self.pages)

    @cached_property
    def docx_text(self) -> str:
        return docx_text(self.docx.content)


def _request(state, treaty, language, capacity, file_format):  # type: ignore[no-untyped-def]
    return letters.accession_request_letter(
        state=state,
        treaty=treaty,
        signatory_name="Maria da Silva",
        signatory_capacity=capacity,
        letter_date=LETTER_DATE,
        language=language,
        file_format=file_format,
    )


def _invitation(state, treaty, language, file_format):  # type: ignore[no-untyped-def]
    return letters.accession_invitation_letter(
        state=state,
        treaty=treaty,
        decision_date=DECISION_DATE,
        meeting_reference=MEETING,
        language=language,
        file_format=file_format,
        letter_date=date(2026, 9, 14),
    )


def _notification(language, file_format):  # type: ignore[no-untyped-def]
    return letters.depositary_notification_document(
        number="JJ1234C Tr./201-77",
        issued_on=date(2026, 12, 3),
        text=NOTIFICATION_TEXT[language],
        language=language,
        file_format=file_format,
    )


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, network_guard):  # type: ignore[no-untyped-def]
    """Every document in every language and format, rendered once with the network cut off."""
    with django_db_blocker.unblock():
        brazil = State.objects.get(code="BR")
        convention = Treaty.objects.get(slug="cets-201")
        facts = letters._accession_facts(state=brazil, treaty=convention, on=LETTER_DATE)
        result: dict[tuple[str, ...], Rendered] = {}
        for language, capacity in CASES:
            with translation.override(language):
                text = letters.accession_request_text(
                    state=brazil,
                    treaty=convention,
                    facts=facts,
                    signatory_name="Maria da Silva",
                    signatory_capacity=capacity,
                    letter_date=LETTER_DATE,
                )
            result["request", language, capacity] = Rendered(
                _request(brazil, convention, language, capacity, "pdf"),
                _request(brazil, convention, language, capacity, "docx"),
                text,
            )
        for language in ("en", "fr"):
            with translation.override(language):
                text = letters.accession_invitation_text(
                    state=brazil,
                    treaty=convention,
                    facts=facts,
                    decision_date=DECISION_DATE,
                    meeting_reference=MEETING,
                    letter_date=date(2026, 9, 14),
                )
                notification_text = letters.depositary_notification_text(
                    number="JJ1234C Tr./201-77",
                    issued_on=date(2026, 12, 3),
                    text=NOTIFICATION_TEXT[language],
                )
            result["invitation", language] = Rendered(
                _invitation(brazil, convention, language, "pdf"),
                _invitation(brazil, convention, language, "docx"),
                text,
            )
            result["notification", language] = Rendered(
                _notification(language, "pdf"), _notification(language, "docx"), notification_text
            )
    return result


def _both_formats(document: Rendered) -> list[tuple[str, str]]:
    return [("pdf", document.pdf_text), ("docx", document.docx_text)]


@pytest.mark.parametrize(("language", "capacity"), CASES)
def test_request_letter_names_the_state_the_convention_article_46_and_its_entry_into_force(
    rendered, language, capacity
):
    document = rendered["request", language, capacity]
    assert len(document.pages) == 1
    for file_format, text in _both_formats(document):
        for expected in (
            BRAZIL[language],
            TITLE[language],
            ARTICLE_46[language],
            IN_FORCE[language],
            CAPACITY[language, capacity],
            SECRETARY_GENERAL[language],
            DRAFT[language],
            "F-67075 Strasbourg Cedex",
            "Maria da Silva",
        ):
            assert expected in text, f"{expected!r} missing from the {file_format}"


@pytest.mark.parametrize(("language", "capacity"), CASES)
def test_request_letter_says_the_same_in_pdf_and_docx(rendered, language, capacity):
    document = rendered["request", language, capacity]
    text = document.text
    assert len(text.paragraphs) == 4
    for sentence in (*text.paragraphs, text.subject, text.closing, text.salutation):
        assert squash(sentence) in document.pdf_text
        assert squash(sentence) in document.docx_text


@pytest.mark.parametrize(
    ("language", "capacity"),
    [("en", "diplomatic_representative"), ("fr", "minister_of_foreign_affairs")],
)
def test_either_capacity_signs_in_either_language(loaded_db, language, capacity):
    brazil, convention = _brazil_and_convention()
    text = docx_text(_request(brazil, convention, language, capacity, "docx").content)
    assert f"Maria da Silva {CAPACITY[language, capacity]} {BRAZIL[language]}" in text


def test_request_letter_summarises_the_steps_that_follow(rendered):
    english = rendered["request", "en", "minister_of_foreign_affairs"].pdf_text
    assert "Parties to the Convention will be consulted" in english
    assert "Committee of Ministers" in english
    assert "invite my country to accede" in english
    assert "deposit its instrument of accession" in english
    french = rendered["request", "fr", "diplomatic_representative"].pdf_text
    assert "Parties à la Convention seront consultées" in french
    assert "Comité des Ministres" in french
    assert "instrument d’adhésion" in french


@pytest.mark.parametrize("language", ["en", "fr"])
def test_invitation_letter_states_the_decision_and_the_entry_into_force_rule(rendered, language):
    document = rendered["invitation", language]
    assert len(document.pages) == 1
    decision = {"en": "9 September 2026", "fr": "9 septembre 2026"}
    rule = {
        "en": "first day of the month following the expiration of a period of three months "
        "after the date of deposit",
        "fr": "premier jour du mois qui suit l’expiration d’une période de trois mois après "
        "la date du dépôt",
    }
    deposit = {
        "en": "instrument of accession is to be deposited with the Secretary General",
        "fr": "instrument d’adhésion doit être déposé près le Secrétaire Général",
    }
    paragraph_2 = {"en": "Article 46, paragraph 2", "fr": "article 46, paragraphe 2"}
    for file_format, text in _both_formats(document):
        for expected in (
            BRAZIL[language],
            TITLE[language],
            ARTICLE_46[language],
            paragraph_2[language],
            IN_FORCE[language],
            SECRETARY_GENERAL[language],
            decision[language],
            MEETING,
            rule[language],
            deposit[language],
        ):
            assert expected in text, f"{expected!r} missing from the {file_format}"
        assert DRAFT[language] not in text
    for sentence in document.text.paragraphs:
        assert squash(sentence) in document.pdf_text
        assert squash(sentence) in document.docx_text


@pytest.mark.parametrize("language", ["en", "fr"])
def test_notification_lays_out_heading_number_date_and_text(rendered, language):
    document = rendered["notification", language]
    heading = {"en": "Depositary notification", "fr": "Notification dépositaire"}
    issued = {"en": "3 December 2026", "fr": "3 décembre 2026"}
    assert len(document.pages) == 1
    for _file_format, text in _both_formats(document):
        assert heading[language] in text
        assert "JJ1234C Tr./201-77" in text
        assert issued[language] in text
        assert squash(NOTIFICATION_TEXT[language]) in text


def test_french_documents_carry_no_english_sentences(rendered):
    for key, document in rendered.items():
        if "fr" not in key:
            continue
        for text in (document.pdf_text, document.docx_text):
            for english in ("I have the honour", "Council of Europe", "Minister of", "Page 1 of"):
                assert english not in text, (key, english)


def test_accents_survive_in_the_pdf(rendered):
    text = rendered["request", "fr", "diplomatic_representative"].pdf_text
    for word in ("Brésil", "Représentation diplomatique", "considération", "adhésion", "État"):
        assert word in text


def test_page_numbers_are_printed(rendered):
    assert "Page 1 / 1" in rendered["request", "en", "minister_of_foreign_affairs"].pdf_text
    assert "Page 1 / 1" in rendered["notification", "fr"].pdf_text


def test_files_are_named_and_typed(rendered):
    request = rendered["request", "en", "minister_of_foreign_affairs"]
    assert request.pdf.filename == "lanzarote-accession-request-BR-en.pdf"
    assert request.pdf.content_type == PDF
    assert request.pdf.content.startswith(b"%PDF-")
    assert request.docx.filename == "lanzarote-accession-request-BR-en.docx"
    assert request.docx.content_type == DOCX
    assert rendered["invitation", "fr"].pdf.filename == "lanzarote-accession-invitation-BR-fr.pdf"
    assert (
        rendered["notification", "fr"].docx.filename
        == "lanzarote-depositary-notification-jj1234c-tr201-77-fr.docx"
    )


def test_rendering_never_touches_the_network(rendered, network_guard):
    import socket

    assert rendered  # everything above was rendered with the guard installed
    assert network_guard.attempts == []
    with pytest.raises(OSError, match="network access attempted"):
        socket.socket().connect(("example.org", 443))
    network_guard.attempts.clear()


# --- Refusals (checked before anything is rendered) -------------------------------------------


def _brazil_and_convention() -> tuple[State, Treaty]:
    return State.objects.get(code="BR"), Treaty.objects.get(slug="cets-201")


def test_unknown_language_format_or_capacity_is_refused(loaded_db):
    brazil, convention = _brazil_and_convention()
    with pytest.raises(InvalidInput, match="language"):
        _request(brazil, convention, "de", "minister_of_foreign_affairs", "pdf")
    with pytest.raises(InvalidInput, match="file format"):
        _request(brazil, convention, "en", "minister_of_foreign_affairs", "odt")
    with pytest.raises(InvalidInput, match="signatory capacity"):
        _request(brazil, convention, "en", "head_of_state", "pdf")
    with pytest.raises(InvalidInput, match="file format"):
        _notification("en", "rtf")


def test_a_party_cannot_be_given_an_accession_letter(loaded_db):
    france = State.objects.get(code="FR")
    convention = Treaty.objects.get(slug="cets-201")
    with pytest.raises(Conflict) as refused:
        _request(france, convention, "en", "minister_of_foreign_affairs", "pdf")
    assert refused.value.article == "Art. 46(1)"
    with pytest.raises(Conflict):
        _invitation(france, convention, "fr", "docx")


def test_a_treaty_without_accession_on_invitation_is_refused(loaded_db):
    brazil = State.objects.get(code="BR")
    protocol = Treaty.objects.get(slug="opsc")
    with pytest.raises(InvalidInput, match="accession on invitation"):
        _request(brazil, protocol, "en", "minister_of_foreign_affairs", "pdf")
