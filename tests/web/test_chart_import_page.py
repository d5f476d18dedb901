"""The Treaty Office's page for importing the depositary's chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanzarote.registry import selectors
from lanzarote.registry.models import DateEvidence, TreatyEvent
from tests.registry.factories import UserFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent.parent / "registry" / "fixtures"


def upload(client, name: str, *, language: str = "en"):
    content = (FIXTURES / name).read_bytes()
    return client.post(
        reverse("registry_desk:chart_import").replace("/en/", f"/{language}/"),
        {"treaty": "cets-201", "file": SimpleUploadedFile(name, content)},
    )


@pytest.fixture
def officer(client):
    client.force_login(UserFactory())
    return client


def test_outsiders_get_404_and_people_not_signed_in_are_sent_to_sign_in(client):
    url = reverse("registry_desk:chart_import")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(username="secretariat-person", role="secretariat"))
    assert client.get(url).status_code == 404
    assert client.post(reverse("registry_desk:chart_import_apply")).status_code == 404


def test_the_preview_shows_each_outcome_and_writes_nothing(officer):
    before = TreatyEvent.objects.count(), DateEvidence.objects.count()
    response = upload(officer, "chart_cets201.html")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<th scope="col">Outcome</th>' in page
    assert "(The former Yugoslav Republic of Macedonia)" in page
    for outcome in ("narrows", "adds", "confirms", "unchanged"):
        assert f"<td>{outcome}</td>" in page
    assert (TreatyEvent.objects.count(), DateEvidence.objects.count()) == before


def test_the_preview_in_french(officer):
    page = upload(officer, "chart_cets201.html", language="fr").content.decode()
    assert "<td>précise</td>" in page
    assert "Appliquer le tableau" in page


@pytest.mark.parametrize(
    ("language", "more", "lacks"),
    [
        ("en", "the record has more", "the record lacks it"),
        ("fr", "le registre en a davantage", "le registre ne l’a pas"),
    ],
)
def test_the_preview_says_state_by_state_whether_the_record_agrees_with_the_marks(
    officer, language, more, lacks
):
    before = TreatyEvent.objects.count(), DateEvidence.objects.count()
    page = " ".join(upload(officer, "chart_marks.csv", language=language).content.decode().split())
    russia = page[page.index("Russ") :]
    assert more in russia[: russia.index("</tr>")]
    austria = page[page.index("Autriche" if language == "fr" else "Austria") :]
    assert lacks in austria[: austria.index("</tr>")]
    assert (TreatyEvent.objects.count(), DateEvidence.objects.count()) == before


def test_a_truncated_file_gets_its_line_and_nothing_is_written(officer):
    response = upload(officer, "chart_truncated.html")
    assert response.status_code == 422
    assert "cut short after line" in response.content.decode()


def test_a_contradiction_needs_a_decision_then_applies(officer):
    assert upload(officer, "chart_contradiction.csv").status_code == 200
    apply_url = reverse("registry_desk:chart_import_apply")
    refused = officer.post(apply_url, {})
    assert refused.status_code == 409
    assert 'name="decision-AT"' in refused.content.decode()
    applied = officer.post(
        apply_url, {"decision-AT": "accept", "reason-AT": "the instrument is dated 26 February"}
    )
    assert applied.status_code == 302
    consent = selectors.event_list(
        selectors.treaty_get("cets-201"), state="AT", kind="ratification"
    ).get()
    assert consent.known_date.as_text() == "2011-02-26"
    # The upload is spent: applying again asks for the file.
    assert officer.post(apply_url, {}).status_code == 422
