"""`lanzarote committee`: the composition on a date from the command line."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("committee", *args, stdout=out)
    return out.getvalue()


def test_table_json_and_changes():
    table = run("--as-of", "2020-02-01", "--since", "2020-01-31")
    assert "members 45" in table and "joined members: Tunisia" in table
    data = json.loads(run("--as-of", "2022-03-17", "--format", "json"))
    assert "RU" in {m["state"] for m in data["members"]}
    assert "participant,BE,Belgium,signatory" in run("--as-of", "2012-06-01", "--format", "csv")


def test_bad_dates_exit_with_one_line():
    with pytest.raises(SystemExit):
        run("--as-of", "2020-02-01", "--since", "2021-01-01")
