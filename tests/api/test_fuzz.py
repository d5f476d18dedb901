"""Schemathesis against the OpenAPI document (issue 10; `pytest -m fuzz`, part of `make test`):
every operation read anonymously, and every operation with every method under the personal
tokens of three roles (the Treaty Office, a Party's delegate, the Committee secretariat).
Whatever it generates, the API answers without a server error and within its documented schema.

The examples per operation are few (`FUZZ_EXAMPLES`, default 2: some 410 cases, about a quarter
of an hour on two busy cores) so that `make test` stays usable; raise it for a deeper run:
`FUZZ_EXAMPLES=50 pytest -m fuzz`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
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


def _schema() -> Any:
    from lanzarote.api.urls import api
    from lanzarote.wsgi import application

    document = api.get_openapi_schema(path_prefix="/api/v1/")
    loaded = schemathesis.openapi.from_dict(json.loads(json.dumps(document)))
    loaded.app = application
    return loaded


schema = _schema()
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@schema.include(method="GET").parametrize()
@fuzz_settings
def test_anonymous_reads(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.fixture(params=sorted(ROLES))
def token_headers(request: pytest.FixtureRequest) -> dict[str, str]:
    return bearer(person(ROLES[request.param]))


@schema.parametrize()
@fuzz_settings
def test_every_method_with_a_token(case: Any, token_headers: dict[str, str]) -> None:
    case.call_and_validate(headers=token_headers, checks=CHECKS)
