"""Data versions: one short token per domain that changes whenever that domain's data changes, so
that anything derived from the data (a rendered page, an ETag, a PDF) can be cached under a key
that holds the token and never needs to be invalidated by hand.

A token is read from the cache (no query on the hot path). When it is missing it is derived from
the database: the registry's from its append-only log (`registry.selectors.registry_version`,
which also keys the API cache), every other domain's from the newest audit record, since every
write goes through a service that writes one. `audit_record` calls `changed(domain)` for the
domain its action names: the token is dropped at once (so the writer's own transaction reads the
new state) and again when the transaction commits (so a reader that re-derived it from the
database in between, before the commit was visible, does not keep the old one).

With a shared cache (Redis) every process sees the new token at once. With a per-process cache
(locmem) the other processes keep theirs until it expires: `LANZAROTE_VERSION_SECONDS` (10 s by
default) bounds how long they may serve the previous state.

The code is a version too: a page rendered by the previous release's templates and translations
must not outlive a deploy in a shared cache. `release()` names the code that runs, and every set
of tokens (so every cached page and ETag) carries it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

REGISTRY = "registry"
COMMITTEE = "committee"
MONITORING = "monitoring"
READINESS = "readiness"
ACCESSION = "accession"
ACCOUNTS = "accounts"
DOMAINS = (REGISTRY, COMMITTEE, MONITORING, READINESS, ACCESSION, ACCOUNTS)

_KEY = "data-version:{}"


def _seconds() -> int:
    return int(settings.LANZAROTE_VERSION_SECONDS)


def _newest_audit_token() -> str:
    from lanzarote.core.models import AuditRecord

    newest = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first()
    return f"a{newest or 0}"


# A domain whose data has a better version than the newest audit record registers it here (the
# registry its log's version, from its AppConfig.ready): core may not import the apps above it.
_DERIVE: dict[str, Callable[[], str]] = {}


def register_source(domain: str, derive: Callable[[], str]) -> None:
    """Let `domain`'s token be derived by `derive` instead of from the newest audit record."""
    _DERIVE[domain] = derive


def _derive(domains: list[str]) -> dict[str, str]:
    """Derive the tokens of `domains` from the database and cache them; every domain that takes
    its token from the newest audit record shares one query."""
    newest_audit: str | None = None
    derived: dict[str, str] = {}
    for domain in domains:
        if domain in _DERIVE:
            derived[domain] = _DERIVE[domain]()
        else:
            newest_audit = newest_audit or _newest_audit_token()
            derived[domain] = newest_audit
    cache.set_many({_KEY.format(domain): token for domain, token in derived.items()}, _seconds())
    return derived


def current(domain: str) -> str:
    """The token of `domain`: from the cache, or derived from the database and cached."""
    token = cache.get(_KEY.format(domain))
    return token if token is not None else _derive([domain])[domain]


# What a release changes in what a page shows: its code, templates, translations and assets.
_RELEASE_SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"})


@functools.cache
def release() -> str:
    """The running code's version: `LANZAROTE_RELEASE` when the deployment names it, else a digest
    of the package's files by content (not by date, so that every instance of one release agrees,
    whenever its files were copied)."""
    configured = str(getattr(settings, "LANZAROTE_RELEASE", "") or "")
    if configured:
        return configured
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in _RELEASE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _joined(found: dict[str, str], domains: tuple[str, ...]) -> str:
    return "|".join([f"code={release()}", *(f"{domain}={found[domain]}" for domain in domains)])


def tokens(*domains: str) -> str:
    """The tokens of several domains, and the release, as one string for a cache key or an ETag."""
    cached = cache.get_many([_KEY.format(domain) for domain in domains])
    found = {
        domain: cached[_KEY.format(domain)] for domain in domains if _KEY.format(domain) in cached
    }
    missing = [domain for domain in domains if domain not in found]
    if missing:
        found.update(_derive(missing))
    return _joined(found, domains)


def kept_tokens(*domains: str) -> str | None:
    """`tokens(*domains)` if every one is in the cache, else None: for a caller that must not
    run a query (a page's header), and treats "unknown" as "changed"."""
    cached = cache.get_many([_KEY.format(domain) for domain in domains])
    if len(cached) < len(domains):
        return None
    return _joined({domain: cached[_KEY.format(domain)] for domain in domains}, domains)


def _forget(domain: str) -> None:
    cache.delete(_KEY.format(domain))


def changed(domain: str) -> None:
    """`domain`'s data changed in the current transaction (or just now, outside one). A page
    that shows several domains' data (the Committee's members come from the registry) is
    cached under the tokens of each."""
    _forget(domain)
    transaction.on_commit(lambda: _forget(domain))


def domain_of(action: str) -> str:
    """The domain an audit action belongs to: its first dotted part (`committee.meeting.create`)."""
    return action.split(".", 1)[0]
