"""The accession services' refusals are said in the reader's language: a second reply of the
same Party, asked in French through the API, is refused in French (issue 15)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import translation

from lanzarote.accession import services
from lanzarote.core.errors import Conflict, InvalidInput
from tests.accession.helpers import Cast, bearer, brazil_case, today

pytestmark = pytest.mark.django_db
CASES = "/api/v1/accession-cases"


def post(client: Client, url: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(url, body, content_type="application/json", headers=headers)


def test_a_second_reply_is_refused_in_french_through_the_api(client):
    cast = Cast()
    case = brazil_case(cast)
    office = bearer(cast.office)
    deadline = (today() + timedelta(days=9)).isoformat()
    post(client, f"{CASES}/{case.reference}/consultation", {"deadline": deadline}, **office)
    url = f"{CASES}/{case.reference}/consultation/replies"
    france = bearer(cast.france)
    first = post(client, url, {"party": "FR", "reply": "consent"}, **france)
    assert first.status_code == 201
    french = post(
        client, url, {"party": "FR", "reply": "objection"}, **france, **{"Accept-Language": "fr"}
    )
    assert french.status_code == 409
    assert french.json()["detail"] == (
        f"France a déjà répondu (assentiment, réponse n° {first.json()['id']}) ; une nouvelle "
        "réponse doit la remplacer expressément."
    )
    english = post(client, url, {"party": "FR", "reply": "objection"}, **france)
    assert "France has already replied (consent" in english.json()["detail"]


def test_the_services_refusals_are_in_the_active_language():
    cast = Cast()
    case = brazil_case(cast)
    with translation.override("fr"):
        with pytest.raises(InvalidInput) as early:
            services.consultation_open(user=cast.office, case=case, deadline=today())
        assert "doit être postérieur à aujourd’hui" in early.value.message
        with pytest.raises(Conflict) as closed:
            services.consultation_remind(user=cast.office, case=case)
        assert closed.value.message == "Les rappels ne sont envoyés que pendant la consultation."
