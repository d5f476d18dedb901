"""Public answers cached under the data's versions (lanzarote.core.http.caching): ETags and 304,
Cache-Control and Vary by kind of answer, a new event seen on the next request, nothing cached or
compressed for a signed-in person or next to a CSRF token, and no query on a hit."""

from __future__ import annotations

import gzip
from datetime import date

import brotli
import pytest

from lanzarote.core.http.caching import PERSONAL_CACHE_CONTROL, PUBLIC_CACHE_CONTROL
from tests.registry.factories import UserFactory, record_event

PAGE = "/en/treaties/cets-201/chart/?as_of=2023-05-31"
API_READ = "/api/v1/treaties/cets-201/chart?as_of=2023-05-31"
JAPAN = "/en/states/JP.json"


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def test_a_public_page_has_a_strong_etag_and_answers_304_without_a_query(
    client, loaded_db, django_assert_num_queries
):
    first = client.get(PAGE)
    etag = first["ETag"]
    assert first.status_code == 200
    assert etag.startswith('"') and not etag.startswith("W/")
    with django_assert_num_queries(0):
        again = client.get(PAGE, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == PUBLIC_CACHE_CONTROL


def test_another_query_or_language_has_another_etag(client, loaded_db):
    tags = {
        client.get(PAGE)["ETag"],
        client.get("/en/treaties/cets-201/chart/?as_of=2022-05-31")["ETag"],
        client.get("/fr/treaties/cets-201/chart/?as_of=2023-05-31")["ETag"],
    }
    assert len(tags) == 3
    # The order of the parameters does not make another page.
    a = client.get("/en/treaties/cets-201/chart/?as_of=2023-05-31&status=party")["ETag"]
    b = client.get("/en/treaties/cets-201/chart/?status=party&as_of=2023-05-31")["ETag"]
    assert a == b


def test_a_stale_etag_gets_the_page(client, loaded_db):
    response = client.get(PAGE, headers={"If-None-Match": '"0123456789abcdef0123456789abcdef"'})
    assert response.status_code == 200
    assert b"<html" in response.content


@pytest.mark.parametrize(
    "path", ["/en/", PAGE, "/fr/states/TN/", "/en/map/?as_of=2020-02-01", "/en/committee/"]
)
def test_a_cached_page_costs_no_query(client, loaded_db, django_assert_num_queries, path):
    first = client.get(path)
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.status_code == 200
    assert second.content == first.content


def test_pages_and_api_reads_say_how_they_may_be_cached(client, loaded_db):
    page = client.get(PAGE)
    assert page["Cache-Control"] == PUBLIC_CACHE_CONTROL
    # The language is in the URL; the page shows who is signed in.
    assert {"cookie", "accept-encoding"} <= vary(page)
    assert "accept-language" not in vary(page)
    api = client.get(API_READ)
    assert api["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert api.has_header("ETag")
    # The API answers in the language asked for, and the same to everyone.
    assert {"accept-language", "accept-encoding"} <= vary(api)
    assert "cookie" not in vary(api)


def test_an_api_read_in_french_is_not_the_english_one(client, loaded_db):
    english = client.get("/api/v1/treaties/cets-201", headers={"Accept-Language": "en"})
    french = client.get("/api/v1/treaties/cets-201", headers={"Accept-Language": "fr"})
    assert english["ETag"] != french["ETag"]
    assert english.json()["title"] != french.json()["title"]


def test_a_new_event_shows_on_the_next_request(client, loaded_db):
    before = client.get(JAPAN)
    assert b"2024-04-02" not in before.content
    record_event(state="JP", kind="signature", on=date(2024, 4, 2))
    after = client.get(JAPAN)
    assert b"2024-04-02" in after.content
    assert after["ETag"] != before["ETag"]
    # The old ETag no longer matches: the client gets the new answer.
    revalidated = client.get(JAPAN, headers={"If-None-Match": before["ETag"]})
    assert revalidated.status_code == 200


def test_a_signed_in_person_is_never_served_from_the_cache(client, loaded_db):
    anonymous = client.get(PAGE)
    officer = UserFactory(username="cache-officer")
    client.force_login(officer)
    page = client.get(PAGE)
    assert page["Cache-Control"] == PERSONAL_CACHE_CONTROL
    assert not page.has_header("ETag")
    assert b"cache-officer" in page.content
    assert page.content != anonymous.content
    # Nor is their page kept for the next anonymous visitor.
    client.logout()
    assert b"cache-officer" not in client.get(PAGE).content


def test_a_bearer_token_request_is_personal(client, loaded_db):
    response = client.get(API_READ, headers={"Authorization": "Bearer nothing"})
    assert response["Cache-Control"] == PERSONAL_CACHE_CONTROL
    assert not response.has_header("ETag")


def test_htmx_fragments_and_whole_pages_are_kept_apart(client, loaded_db):
    whole = client.get(PAGE)
    fragment = client.get(PAGE, headers={"HX-Request": "true"})
    assert b"<html" in whole.content
    assert b"<html" not in fragment.content
    assert whole["ETag"] != fragment["ETag"]
    assert "hx-request" in vary(fragment)


def test_public_pages_are_sent_compressed_to_clients_that_accept_it(client, loaded_db):
    identity = client.get(PAGE).content
    as_gzip = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
    assert as_gzip["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.content) == identity
    as_brotli = client.get(PAGE, headers={"Accept-Encoding": "gzip, br"})
    assert as_brotli["Content-Encoding"] == "br"
    assert brotli.decompress(as_brotli.content) == identity
    # Each encoding is its own representation with its own strong ETag.
    assert len({as_gzip["ETag"], as_brotli["ETag"], client.get(PAGE)["ETag"]}) == 3


def test_a_large_anonymous_answer_outside_the_cache_is_compressed(client, loaded_db):
    response = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"{")


def test_nothing_that_holds_a_csrf_token_is_compressed_or_cached(client, loaded_db):
    response = client.get("/en/accounts/login/", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")
    # The sign-in view says so itself (never_cache); nothing makes it public.
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}


def test_a_signed_in_person_gets_nothing_compressed(client, loaded_db):
    client.force_login(UserFactory(username="compress-officer"))
    response = client.get(PAGE, headers={"Accept-Encoding": "gzip, br"})
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content  # the sign-out form


def test_a_new_release_renders_the_page_again_with_another_etag(client, loaded_db, settings):
    """After a deploy, nothing the previous code rendered (page, menu, footer) is served again."""
    from lanzarote.core import versions

    versions.release.cache_clear()
    settings.LANZAROTE_RELEASE = "2026.12.1"
    try:
        before = client.get("/en/")
        settings.LANZAROTE_RELEASE = "2026.12.2"
        versions.release.cache_clear()
        after = client.get("/en/", headers={"If-None-Match": before["ETag"]})
        assert after.status_code == 200
        assert after["ETag"] != before["ETag"]
    finally:
        versions.release.cache_clear()


def test_the_release_by_default_is_a_digest_of_the_code_by_content(settings, db):
    from lanzarote.core import versions

    settings.LANZAROTE_RELEASE = ""
    versions.release.cache_clear()
    try:
        first = versions.release()
        versions.release.cache_clear()
        assert versions.release() == first
        assert len(first) == 12 and int(first, 16) >= 0
        assert versions.tokens(versions.REGISTRY).startswith(f"code={first}|registry=")
    finally:
        versions.release.cache_clear()
