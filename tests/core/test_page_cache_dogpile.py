"""Dogpile protection of the page cache (issue 12, ADR 0007): when many requests miss the same
page at once, one renders it; the others serve its previous state or wait briefly for the new
one, and never wait for an answer that will not be kept. Threads against the locmem cache."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from lanzarote.core.http import caching
from lanzarote.core.http.caching import PUBLIC_CACHE_CONTROL, STALE_CACHE_CONTROL, public_cache

THREADS = 8
RENDER_SECONDS = 0.3


@pytest.fixture
def token(monkeypatch):
    """The registry's version, set by the test instead of read from a database."""
    current = {"value": "v1"}
    monkeypatch.setattr(caching.versions, "tokens", lambda *domains: current["value"])
    cache.clear()
    yield current
    cache.clear()


class SlowPage:
    """A view that takes a while to render and counts how often it does."""

    def __init__(self, token: dict[str, str], status: int = 200, fail: bool = False) -> None:
        self.token, self.status, self.fail = token, status, fail
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
        time.sleep(RENDER_SECONDS)
        if self.fail:
            raise RuntimeError("the render failed")
        body = f"<p>state {self.token['value']}</p>" * 100
        return HttpResponse(body, status=self.status, content_type="text/html")


def at_once(view, count: int = THREADS, path: str = "/en/committee/"):
    """`count` anonymous GETs of `path` started together; their answers, in no order."""
    barrier = threading.Barrier(count)
    answers = []

    def one() -> None:
        request = RequestFactory().get(path)
        barrier.wait()
        answers.append(view(request))

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers) == count
    return answers


def test_concurrent_misses_of_a_cold_page_render_it_once(token):
    page = SlowPage(token)
    view = public_cache("registry")(page)
    answers = at_once(view)
    assert page.renders == 1
    assert {a.status_code for a in answers} == {200}
    assert {a.content for a in answers} == {answers[0].content}
    assert b"state v1" in answers[0].content
    assert {a["Cache-Control"] for a in answers} == {PUBLIC_CACHE_CONTROL}
    assert len({a["ETag"] for a in answers}) == 1


def test_after_a_new_version_the_others_serve_the_previous_state_while_one_renders(token):
    page = SlowPage(token)
    view = public_cache("registry")(page)
    first = view(RequestFactory().get("/en/committee/"))
    token["value"] = "v2"
    started = time.monotonic()
    answers = at_once(view)
    assert page.renders == 2
    fresh = [a for a in answers if b"state v2" in a.content]
    stale = [a for a in answers if b"state v1" in a.content]
    assert len(fresh) >= 1 and len(fresh) + len(stale) == THREADS
    # The previous state is served at once, named by its own ETag and kept by no one.
    assert all(a["ETag"] == first["ETag"] for a in stale)
    assert all(a["Cache-Control"] == STALE_CACHE_CONTROL for a in stale)
    assert time.monotonic() - started < RENDER_SECONDS * 3
    again = view(RequestFactory().get("/en/committee/"))
    assert b"state v2" in again.content and page.renders == 2
    assert again["Cache-Control"] == PUBLIC_CACHE_CONTROL


def test_an_answer_that_is_not_kept_makes_nobody_wait_for_it(token):
    page = SlowPage(token, status=404)
    view = public_cache("registry")(page)
    started = time.monotonic()
    answers = at_once(view)
    # Each waiter sees the lock released without an entry and renders for itself, long before
    # the wait would have run out.
    assert {a.status_code for a in answers} == {404}
    assert page.renders == THREADS
    assert time.monotonic() - started < caching.WAIT_SECONDS


def test_a_failed_render_releases_the_lock(token):
    view = public_cache("registry")(SlowPage(token, fail=True))
    with pytest.raises(RuntimeError):
        view(RequestFactory().get("/en/committee/"))
    # Were the lock still held, the next request would wait it out before rendering.
    page = SlowPage(token)
    started = time.monotonic()
    answer = public_cache("registry")(page)(RequestFactory().get("/en/committee/"))
    assert answer.status_code == 200 and page.renders == 1
    assert time.monotonic() - started < caching.WAIT_SECONDS


def test_other_pages_are_not_held_by_one_page_s_lock(token):
    page = SlowPage(token)
    view = public_cache("registry")(page)
    answers = at_once(view, count=2, path="/en/committee/meetings/")
    other = view(RequestFactory().get("/en/committee/texts/"))
    assert page.renders == 2 and other.status_code == 200
    assert {a.status_code for a in answers} == {200}
