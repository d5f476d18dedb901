"""The OpenAPI document tells the truth (issue 10): one definition per schema name — django-ninja
silently lets a second class of the same name replace the first — and the responses the API
gives validate against the schemas it documents."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client
from ninja.openapi.schema import OpenAPISchema

from lanzarote.api.urls import api
from tests.accession.helpers import Cast, bearer, brazil_case

pytestmark = pytest.mark.django_db


def build_document(monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, int]]:
    """The document, and every schema name that was given two different definitions."""
    collisions: dict[str, int] = {}
    register = OpenAPISchema.add_schema_definitions

    def recording(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if name in self.schemas and self.schemas[name] != definition:
                collisions[name] = collisions.get(name, 1) + 1
        register(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"))), collisions


def test_no_two_schemas_share_a_name(monkeypatch):
    document, collisions = build_document(monkeypatch)
    assert collisions == {}, f"schema names defined twice, one hides the other: {collisions}"
    assert "ConsultationReplyOut" in document["components"]["schemas"]


def response_schema(document: dict[str, Any], method: str, path: str, status: int) -> Any:
    answer = document["paths"][path][method]["responses"][str(status)]
    schema = answer["content"]["application/json"]["schema"]
    return jsonschema_rs.validator_for({**schema, "components": document["components"]})


def assert_conforms(document: dict[str, Any], method: str, path: str, response: Any) -> None:
    assert str(response.status_code) in document["paths"][path][method]["responses"], (
        f"{method.upper()} {path} answered an undocumented {response.status_code}"
    )
    validator = response_schema(document, method, path, response.status_code)
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(response.json())]
    assert not errors, f"{method.upper()} {path} {response.status_code} is off its schema: {errors}"


def test_case_and_consultation_reply_answers_validate_against_their_schemas(monkeypatch):
    document, _collisions = build_document(monkeypatch)
    cast = Cast()
    case = brazil_case(cast, "consultation")
    client = Client()
    office = bearer(cast.office)
    detail = client.get(f"/api/v1/accession-cases/{case.reference}", headers=office)
    assert_conforms(document, "get", "/api/v1/accession-cases/{reference}", detail)
    party = sorted(case.consulted_party_codes)[0]
    reply = client.post(
        f"/api/v1/accession-cases/{case.reference}/consultation/replies",
        {"party": party, "reply": "consent"},
        content_type="application/json",
        headers=office,
    )
    assert reply.status_code == 201, reply.content
    assert_conforms(
        document, "post", "/api/v1/accession-cases/{reference}/consultation/replies", reply
    )
    again = client.get(f"/api/v1/accession-cases/{case.reference}", headers=office)
    assert again.json()["consultation"]["replies"][0]["party"] == party
    assert_conforms(document, "get", "/api/v1/accession-cases/{reference}", again)
    reminders = client.get(
        f"/api/v1/accession-cases/{case.reference}/consultation/reminders", headers=office
    )
    assert_conforms(
        document, "get", "/api/v1/accession-cases/{reference}/consultation/reminders", reminders
    )


def test_every_public_list_answers_within_its_schema(monkeypatch):
    document, _collisions = build_document(monkeypatch)
    client = Client()
    checked = 0
    for path, operations in document["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        response = client.get(path)
        if not response["Content-Type"].startswith("application/json"):
            continue
        assert response.status_code < 500, f"GET {path}: {response.status_code}"
        if "application/json" not in str(
            operations["get"]["responses"].get(str(response.status_code), {})
        ):
            continue
        assert_conforms(document, "get", path, response)
        checked += 1
    assert checked >= 15
