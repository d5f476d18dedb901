"""People in each role, created through the service as the command line does."""

from __future__ import annotations

from lanzarote.accounts.models import Role, User
from lanzarote.accounts.services import user_create
from lanzarote.core.audit import Actor

PASSWORD = "a-long-test-passphrase-7"


def person(
    role: str, *, username: str | None = None, state: str | None = None, org: str = ""
) -> User:
    defaults = {Role.PARTY_DELEGATE: "FR", Role.STATE_OFFICIAL: "BR"}
    if state is None and role in defaults:
        state = defaults[Role(role)]
    if role == Role.OBSERVER and not org:
        org = "ECPAT International"
    return user_create(
        actor=Actor.system("tests"),
        username=username or f"{role}-{state or org or 'x'}".lower().replace(" ", "-"),
        role=role,
        state_code=state,
        organisation=org,
        email=f"{role}@example.org",
        password=PASSWORD,
    )
