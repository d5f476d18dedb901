import pytest
from tests.accounts.factories import person
from lanzarote.accounts.models import Role
from lanzarote.accounts.services import token_create
from lanzarote.core.audit import Actor

pytestmark = pytest.mark.django_db

def test_smoke(client):
    off = person(Role.STATE_OFFICIAL, username="br", state="BR")
    _, key = token_create(actor=Actor.system("t"), user=off)
    r = client.post("/api/v1/accession-cases", {"state":"BR","letter":{"signatory_name":"X","signatory_capacity":"minister_of_foreign_affairs","date":"2026-01-05"}}, content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    print(r.status_code, r.json())
    r = client.post("/api/v1/accession-cases", {}, content_type="application/json")
    print(r.status_code, r.json())
    r = client.get("/api/v1/accession-cases/ACC-2026-001")
    print(r.status_code, r.json())
    r = client.get("/api/v1/openapi.json")
    print(r.status_code, len(r.content))
    r = client.get("/api/v1/accession-cases/draft-letter?state=BR&format=docx", headers={"Authorization": f"Bearer {key}"})
    print(r.status_code, r.get("Content-Disposition"), r.content[:100])
