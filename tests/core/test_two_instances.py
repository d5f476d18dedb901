"""Proof of the deployment shape (issue 13): two app instances and a worker, with production
settings, on one PostgreSQL database and one Redis.

An accession of Brazil is run through the API, its steps alternating between instance A and
instance B. What one instance records the other shows on the next request (the deposit appears
at once in B's answer, though B cached the State's profile before it), and the e-mails leave
only through the worker: the file mailbox stays empty until `lanzarote worker --batch` runs.
Instance B reads through the replica router (its replica URL names the same database)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from tests.core.helpers import REPOSITORY, postgres_url

REDIS = ("127.0.0.1", 6379)


def answers(address: tuple[str, int]) -> bool:
    try:
        socket.create_connection(address, timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.django_db,  # the suite's database is set up: the instances run on a copy of it
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.skipif(not answers(REDIS), reason="needs Redis on 127.0.0.1:6379"),
]

LANZAROTE = str(Path(sys.executable).with_name("lanzarote"))
USERS = """
from lanzarote.accounts.services import token_create, user_create
from lanzarote.core.audit import Actor
system = Actor.system("two-instance test")
for name, role, state in (("office", "treaty_office", None), ("brazil", "state_official", "BR")):
    user = user_create(actor=system, username=name, role=role, state_code=state,
                       organisation="", email=name + "@example.org", password="a long passphrase")
    print(name, token_create(actor=system, user=user)[1])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def database_url(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """A copy of the suite's database (migrated, with the reference data) for the instances."""
    with django_db_blocker.unblock():
        settings = dict(connection.settings_dict)
        connection.close()
    name = f"{settings['NAME']}_two_instances"
    admin = postgres_url(settings, name="postgres").replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    yield postgres_url(settings, name=name)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Instance:
    def __init__(self, port: int, process: subprocess.Popen[bytes]) -> None:
        self.port = port
        self.process = process

    def call(self, method: str, path: str, token: str = "", body: Any = None) -> tuple[int, Any]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn.request(method, f"/api/v1/{path}", None if body is None else json.dumps(body), headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None

    def ok(self, method: str, path: str, token: str = "", body: Any = None) -> Any:
        status, data = self.call(method, path, token, body)
        assert status in (200, 201), f"{method} {path} on :{self.port} answered {status}: {data}"
        return data


def wait_until_up(instance: Instance, log: Path) -> None:
    # Importing the project takes seconds; longer when the test suite keeps both cores busy.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise RuntimeError(f"the instance exited:\n{log.read_text()[-3000:]}")
        try:
            if instance.call("GET", "health/live")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the instance did not start:\n{log.read_text()[-3000:]}")


@pytest.fixture
def deployment(database_url: str, tmp_path: Path) -> Iterator[dict[str, Any]]:
    mailbox = tmp_path / "mail"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/6",
        "CACHE_KEY_PREFIX": f"two-{os.getpid()}",
        "SECRET_KEY": "two-instances-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "TASKS_BACKEND": "database",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        "LANZAROTE_VAR_DIR": str(tmp_path / "var"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
    }
    users = subprocess.run(
        [LANZAROTE, "shell", "-c", USERS],
        env=environment,
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    tokens = {
        words[0]: words[1]
        for words in (line.split() for line in users.stdout.splitlines())
        if len(words) == 2 and words[0] in ("office", "brazil")
    }
    instances = []
    for label, extra in (("a", {}), ("b", {"DATABASE_REPLICA_URL": database_url})):
        port = free_port()
        log = tmp_path / f"instance-{label}.log"
        process = subprocess.Popen(
            [LANZAROTE, "serve", "--bind", f"127.0.0.1:{port}"],
            env={**environment, **extra},
            cwd=REPOSITORY,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        instances.append((Instance(port, process), log))
    try:
        for instance, log in instances:
            wait_until_up(instance, log)
        yield {
            "a": instances[0][0],
            "b": instances[1][0],
            "tokens": tokens,
            "mailbox": mailbox,
            "environment": environment,
        }
    finally:
        for instance, _log in instances:
            instance.process.terminate()
        for instance, _log in instances:
            instance.process.wait(timeout=30)


def test_an_accession_across_two_instances_and_a_worker(deployment):
    a, b = deployment["a"], deployment["b"]
    office, brazil = deployment["tokens"]["office"], deployment["tokens"]["brazil"]
    mailbox: Path = deployment["mailbox"]
    for instance in (a, b):
        health = instance.ok("GET", "health")
        assert health["checks"]["cache"]["backend"] == "TolerantRedisCache"
        assert health["checks"]["queue"]["backend"] == "DatabaseBackend"
    assert "replica" in b.ok("GET", "health")["checks"]

    before = b.ok("GET", "states/BR")["treaties"]["cets-201"]["position"]["status"]
    assert before not in ("consented", "party")
    today = time.strftime("%Y-%m-%d")
    case = a.ok(
        "POST",
        "accession-cases",
        brazil,
        {
            "state": "BR",
            "treaty": "cets-201",
            "letter": {
                "signatory_name": "Minister of Foreign Affairs",
                "signatory_capacity": "minister_of_foreign_affairs",
                "date": today,
                "addressee": "secretary_general",
            },
        },
    )
    reference = case["reference"]
    # Filed on A, seen on B at once.
    assert b.ok("GET", f"accession-cases/{reference}", office)["reference"] == reference
    b.ok("POST", f"accession-cases/{reference}/consultation", office, {"deadline": "2099-01-01"})
    parties = [
        row["party"]
        for row in a.ok("GET", f"accession-cases/{reference}/consultation/reminders", office)
    ]
    assert len(parties) > 40
    for turn, party in enumerate(parties):
        instance = (a, b)[turn % 2]
        instance.ok(
            "POST",
            f"accession-cases/{reference}/consultation/replies",
            office,
            {"party": party, "reply": "consent", "note": "Note verbale"},
        )
    b.ok("POST", f"accession-cases/{reference}/consultation/close", office)
    decided = a.ok(
        "POST",
        f"accession-cases/{reference}/decision",
        office,
        {
            "meeting_date": today,
            "meeting_reference": "CM two instances",
            "votes_for": 46,
            "votes_against": 0,
            "abstentions": 0,
            "contracting_states_against": [],
        },
    )
    assert decided["decision"]["adopted"] is True
    b.ok("POST", f"accession-cases/{reference}/invitation", office)
    a.ok("POST", f"accession-cases/{reference}/deposit", office, {"date": today})

    # The deposit, recorded on A, is in B's very next answer (B had cached BR's profile).
    after = b.ok("GET", "states/BR")["treaties"]["cets-201"]["position"]["status"]
    assert after == "consented"

    # Every e-mail of the procedure is queued; none has left yet.
    assert not mailbox.exists() or not any(mailbox.iterdir())
    queued = a.ok("GET", "health")["checks"]["queue"]["waiting"]
    assert queued > 0
    subprocess.run(
        [LANZAROTE, "worker", "--batch"],
        env=deployment["environment"],
        cwd=REPOSITORY,
        capture_output=True,
        timeout=120,
        check=True,
    )
    sent = "".join(path.read_text() for path in mailbox.iterdir())
    assert reference in sent  # the case's notices
    assert "brazil@example.org" in sent
    assert a.ok("GET", "health")["checks"]["queue"]["waiting"] == 0
