"""Slow renders (PDFs) made once per (what, language, data version) and, where the deployment
allows it, by the task worker rather than inside the request that asks for one.

A view names its render by a dotted path to a function of JSON-serialisable keyword arguments
that returns a `Rendered`, plus the data version it depends on. `rendered_or_queued` answers
with the render when the cache holds it; otherwise it queues the render task once (a short
`cache.add` marker stops every other request from queueing it again) and answers None, and the
view shows a "being prepared" page that reloads itself. The finished render goes into the
cache under a key that holds the data version, so a new event makes a new render and the old
one simply expires.

Off the request path only where a worker runs the tasks and can hand the result back through
a shared cache (Redis). With the immediate backend (`make run`, the tests) or a per-process
cache, the request renders the file itself, once, and caches it like the worker would.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.tasks import task
from django.utils import translation
from django.utils.module_loading import import_string

from lanzarote.core import versions
from lanzarote.core.tasks import backend_name

# A render stays as long as its data version: the key changes when the data does.
RENDER_SECONDS = 24 * 3600
# How long one queued render stops others from queueing the same: longer than a render takes,
# short enough that a lost task is queued again on a later request.
QUEUED_SECONDS = 120
# How soon the "being prepared" page asks again.
RETRY_SECONDS = 3


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


def _key(renderer: str, params: Mapping[str, Any], language: str, version: str) -> str:
    # The release too: a new layout or translation makes a new file, even on the same data.
    what = json.dumps(
        [renderer, dict(params), language, version, versions.release()], sort_keys=True
    )
    return "render:" + hashlib.sha256(what.encode()).hexdigest()[:40]


def _produce(renderer: str, params: Mapping[str, Any], language: str) -> Rendered:
    function: Callable[..., Rendered] = import_string(renderer)
    with translation.override(language):
        return function(**params)


@task(queue_name="default")
def render(*, renderer: str, params: dict[str, Any], language: str, key: str) -> None:
    """Produce one render and leave it in the cache for the requests that wait for it. Safe to
    run twice: the second run stores the same bytes under the same key."""
    try:
        cache.set(key, asdict(_produce(renderer, params, language)), RENDER_SECONDS)
    finally:
        cache.delete(f"{key}:queued")


def off_request_path() -> bool:
    """Whether a worker renders, and can hand the render back to this process."""
    shared_cache = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    return shared_cache and backend_name() != "ImmediateBackend"


def rendered_or_queued(
    *, renderer: str, params: Mapping[str, Any], language: str, version: str
) -> Rendered | None:
    """The render of `renderer(**params)` in `language` for this data `version`, or None while
    the worker prepares it (see the module)."""
    key = _key(renderer, params, language, version)
    found = cache.get(key)
    if found is not None:
        return Rendered(**found)
    if not off_request_path():
        produced = _produce(renderer, params, language)
        cache.set(key, asdict(produced), RENDER_SECONDS)
        return produced
    if cache.add(f"{key}:queued", 1, QUEUED_SECONDS):
        render.enqueue(renderer=renderer, params=dict(params), language=language, key=key)
    found = cache.get(key)
    return Rendered(**found) if found is not None else None
