"""Slow renders made once per (what, language, data version), by the worker where one can hand
them back (core.renders), and the map and notification PDFs served through them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from lanzarote.core import renders
from lanzarote.core.renders import Rendered, rendered_or_queued
from tests.core.helpers import assert_being_prepared

pytestmark = pytest.mark.django_db

CALLS: list[tuple[str, str]] = []
RENDERER = f"{__name__}.sample_file"


def sample_file(*, word: str) -> Rendered:
    """A stand-in for a PDF: says which language it was made in."""
    language = translation.get_language() or ""
    CALLS.append((word, language))
    if word == "broken":
        raise RuntimeError("the renderer failed")
    return Rendered(f"{word}/{language}".encode(), "text/plain", f"{word}.txt")


@pytest.fixture(autouse=True)
def _clean():
    CALLS.clear()
    cache.clear()
    yield
    cache.clear()


def _ask(word: str = "map", language: str = "fr", version: str = "v1") -> Rendered | None:
    return rendered_or_queued(
        renderer=RENDERER, params={"word": word}, language=language, version=version
    )


def test_without_a_worker_the_request_renders_once_per_version_and_language():
    first = _ask()
    assert first == Rendered(b"map/fr", "text/plain", "map.txt")
    assert _ask() == first
    assert CALLS == [("map", "fr")]
    assert _ask(language="en").content == b"map/en"
    assert _ask(version="v2").content == b"map/fr"
    assert CALLS == [("map", "fr"), ("map", "en"), ("map", "fr")]


def test_a_new_release_renders_again_on_the_same_data(settings):
    """A file made by the previous release's layout or translations is not served after a deploy."""
    from lanzarote.core import versions

    settings.LANZAROTE_RELEASE = "r1"
    versions.release.cache_clear()
    try:
        _ask()
        settings.LANZAROTE_RELEASE = "r2"
        versions.release.cache_clear()
        _ask()
        assert CALLS == [("map", "fr"), ("map", "fr")]
    finally:
        versions.release.cache_clear()


def test_with_a_worker_the_render_is_queued_once_and_served_when_done(worker_queue):
    assert _ask() is None
    assert _ask() is None  # the second request waits for the same task
    queued = worker_queue.results
    assert len(queued) == 1 and CALLS == []
    result = queued[0]
    renders.render.call(*result.args, **result.kwargs)  # what the worker does
    assert _ask() == Rendered(b"map/fr", "text/plain", "map.txt")
    assert CALLS == [("map", "fr")]


def test_a_failed_render_lets_a_later_request_queue_it_again(worker_queue):
    assert _ask("broken") is None
    result = worker_queue.results[0]
    with pytest.raises(RuntimeError):
        renders.render.call(*result.args, **result.kwargs)
    assert _ask("broken") is None
    assert len(worker_queue.results) == 2


def test_the_map_pdf_page_says_it_is_being_prepared_then_gives_the_file(
    client, loaded_db, worker_queue
):
    url = "/fr/map.pdf?as_of=2020-02-01"
    waiting = client.get(url)
    assert_being_prepared(waiting)
    result = worker_queue.results[0]
    renders.render.call(*result.args, **result.kwargs)
    done = client.get(url)
    assert done.status_code == 200
    assert done["Content-Type"] == "application/pdf"
    assert done.content.startswith(b"%PDF")
    assert 'filename="' in done["Content-Disposition"]


def test_without_a_worker_the_map_pdf_comes_at_once(client, loaded_db):
    response = client.get("/en/map.pdf?as_of=2020-02-01")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_bad_query_is_refused_before_anything_is_queued(client, worker_queue):
    response = client.get("/en/map.pdf?as_of=not-a-date")
    assert response.status_code == 400
    assert worker_queue.results == []
