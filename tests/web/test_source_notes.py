"""What a source says reads in French on French pages (issue 14): the notes recorded with the
sources in English are given their French in `source_notes_fr.csv`, loaded into `SourceNote`
apart from the sources, so the log is not rewritten to carry them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.utils import translation

import lanzarote
from lanzarote.registry.models import SourceNote, TreatyEvent
from lanzarote.registry.reference_data import registry_data_load
from lanzarote.registry.source_display import source_item
from tests.web.helpers import squash, text

pytestmark = pytest.mark.django_db

SHIPPED = Path(lanzarote.__file__).resolve().parent / "data" / "source_notes_fr.csv"
SIGNED = "Slovenia's Permanent Representation states that Slovenia signed on 25 October 2007."
SIGNED_FR = (
    "La Représentation permanente de la Slovénie indique que la Slovénie a signé le "
    "25 octobre 2007."
)


def test_every_note_of_the_registrys_sources_has_its_french(loaded_db):
    french = dict(SourceNote.objects.values_list("note_en", "note_fr"))
    shown = {
        source["note"]
        for sources in TreatyEvent.objects.values_list("sources", flat=True)
        for source in sources
        if source.get("note")
    }
    assert shown and not shown - set(french)
    assert all(french[note] and french[note] != note for note in shown)


def test_the_file_is_loaded_once_and_a_second_load_writes_nothing(loaded_db):
    rows = list(csv.DictReader(SHIPPED.open(encoding="utf-8")))
    assert SourceNote.objects.count() == len(rows) == len({r["note_en"] for r in rows})
    events = TreatyEvent.objects.count()
    assert registry_data_load().source_notes == 0
    assert TreatyEvent.objects.count() == events


def test_a_source_reads_in_the_pages_language_and_says_which(loaded_db):
    source = {"url": "https://example.test/si", "title": "", "note": SIGNED, "grade": "government"}
    with translation.override("fr"):
        assert f'<span lang="fr">{SIGNED_FR}</span>' in source_item(source).replace("&#x27;", "'")
        other = source_item({**source, "note": "A note no one translated."})
        assert '<span lang="en">A note no one translated.</span>' in other
    with translation.override("en"):
        assert f'<span lang="en">{SIGNED}</span>' in source_item(source).replace("&#x27;", "'")


def test_the_french_profile_shows_the_french_note(client, loaded_db):
    french = squash(text(client.get("/fr/states/SI/"))).replace("&#x27;", "'")
    assert SIGNED_FR in french and SIGNED not in french
    english = squash(text(client.get("/en/states/SI/"))).replace("&#x27;", "'")
    assert SIGNED in english and SIGNED_FR not in english
