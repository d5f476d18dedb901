"""Schemathesis against the OpenAPI document (issue 10; `pytest -m fuzz`, part of `make test`).
Whatever it sends, the API answers without a server error and within its documented schema
(both checks on, for every case).

Every operation is called by the personal tokens of three roles (the Treaty Office, a Party's
delegate, the Committee secretariat), and every read anonymously. What costs time is
schemathesis' coverage phase: for each operation, dozens of requests at the boundaries of every
parameter and body field, valid and invalid, plus the methods the path does not accept. It
runs once per operation, as the caller who goes deepest: anonymously for a public read, else
with the token of the role the operation serves (whose requests pass the permission check and
reach the service). The role-by-role and anonymous runs then sample a few generated cases each
(`FUZZ_EXAMPLES`, default 2). Generation is derandomized (the same cases on every run and in
every xdist worker) and nothing is shrunk or replayed from a database.

A deeper run: `FUZZ_EXAMPLES=50 pytest -m fuzz tests/api/test_fuzz.py`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from lanzarote.accounts.models import Role
from tests.accession.helpers import bearer
from tests.accounts.factories import person

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
CHECKS = [not_a_server_error, response_schema_conformance]
ROLES = {
    "treaty_office": Role.TREATY_OFFICE,
    "party_delegate": Role.PARTY_DELEGATE,
    "secretariat": Role.SECRETARIAT,
}


@pytest.fixture(autouse=True)
def _one_transaction_across_requests() -> Iterator[None]:
    """The requests go through the production WSGI stack (StreamingLimits and every middleware);
    the test database's transaction stays open across them, as Django's test client keeps it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _document() -> dict[str, Any]:
    from lanzarote.api.urls import api

    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


def _schema(document: dict[str, Any], *, boundaries: bool) -> Any:
    from lanzarote.wsgi import application

    config = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": boundaries}}})
    loaded = schemathesis.openapi.from_dict(document, config=config)
    loaded.app = application
    return loaded


DOCUMENT = _document()
# Reads anyone may make without signing in (no security requirement at all).
PUBLIC = {
    (method.upper(), route)
    for route, methods in DOCUMENT["paths"].items()
    for method, operation in methods.items()
    if not operation.get("security")
}


def _public(context: Any) -> bool:
    return (context.operation.method.upper(), context.operation.path) in PUBLIC


def role_served_by(method: str, path: str, tags: list[str] | None) -> str:
    """The role whose requests an operation is written for, so that they get past its
    permission check: replies are the Parties' delegates', the Committee's and monitoring's
    operations the secretariat's, the registry's and accession's the Treaty Office's."""
    if path.rstrip("/").endswith("/replies"):
        return "party_delegate"
    if any(tag.startswith(("committee", "monitoring")) for tag in tags or []):
        return "secretariat"
    return "treaty_office"


with_boundaries = _schema(DOCUMENT, boundaries=True)
sampled = _schema(DOCUMENT, boundaries=False)
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def tokens() -> Callable[[str], dict[str, str]]:
    """The Authorization header of a person in `role`, made the first time it is asked for."""
    made: dict[str, dict[str, str]] = {}

    def token_of(role: str) -> dict[str, str]:
        if role not in made:
            made[role] = bearer(person(ROLES[role]))
        return made[role]

    return token_of


@with_boundaries.include(func=_public).parametrize()
@fuzz_settings
def test_public_reads_at_their_boundaries(case: Any) -> None:
    # As for the anonymous reads below: ask for the body as it is, not compressed.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)


@with_boundaries.exclude(func=_public).parametrize()
@fuzz_settings
def test_each_operation_at_its_boundaries_as_the_role_it_serves(
    case: Any, tokens: Callable[[str], dict[str, str]]
) -> None:
    operation = case.operation
    role = role_served_by(operation.method, operation.path, operation.tags)
    case.call_and_validate(headers=tokens(role), checks=CHECKS)


@sampled.include(method="GET").exclude(func=_public).parametrize()
@fuzz_settings
def test_anonymous_reads(case: Any) -> None:
    """Reads that need a token or show more with one, asked without: 401 or the public part."""
    # Anonymous reads are compressed for clients that accept it; schemathesis's WSGI transport
    # asks for gzip but, unlike an HTTP client, does not decode it.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)


@pytest.fixture(params=sorted(ROLES))
def role(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@sampled.parametrize()
@fuzz_settings
def test_every_method_with_a_token(
    case: Any, role: str, tokens: Callable[[str], dict[str, str]]
) -> None:
    case.call_and_validate(headers=tokens(role), checks=CHECKS)
