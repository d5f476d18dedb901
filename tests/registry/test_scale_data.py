"""`lanzarote scale-data`, run as an operator runs it: on a fresh database file, checked with the
registry's own guards and charts, refused on a database that holds a registry, and the same
registry for the same seed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from lanzarote.registry.models import State, Treaty, TreatyEvent
from lanzarote.registry.synthetic import plan_registry

LANZAROTE = [sys.executable, "-m", "lanzarote.cli"]

# Run inside the generated database: every standing act must pass the checks the Treaty
# Office's desk applies (each against the State's other acts), and every chart must add up.
# A correction is left out: the desk checked it against the log as it stood before it, which
# still held the act it corrects, and no check reads the log that way afterwards.
VALIDATE = """
import json
from lanzarote.registry import guards, selectors
from lanzarote.registry.models import Treaty, TreatyEvent
from lanzarote.registry.synthetic import HORIZON
from lanzarote.treaty_law import RuleViolation
refused, checked, charts = [], 0, {}
for treaty in Treaty.objects.all():
    for event in selectors.effective_events(treaty):
        if event.supersedes_id:
            continue
        checked += 1
        try:
            guards.check_event(treaty=treaty, state=event.state, kind=event.kind,
                legal_date=event.known_date, provisions=list(event.provisions),
                replacing=event, today=HORIZON)
        except RuleViolation as error:
            refused.append([treaty.slug, event.pk, event.kind, error.article])
    view = selectors.chart_view(treaty, as_of=HORIZON)
    sentences = [e.template for row in view.chart.rows for e in row.explanations]
    charts[treaty.slug] = {
        "rows": len(view.chart.rows), "total": view.chart.totals.total,
        "parties": view.chart.totals.parties, "in_force": str(view.chart.entry_into_force.value),
        "out_of_order": sum("out of order" in s for s in sentences),
    }
print(json.dumps({"refused": refused, "checked": checked, "charts": charts}))
"""


def lanzarote(database: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "lanzarote.settings.local",
    }
    return subprocess.run(
        [*LANZAROTE, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    database = tmp_path_factory.mktemp("scale") / "empty.sqlite3"
    done = lanzarote(database, "migrate", "--noinput", "-v0")
    assert done.returncode == 0, done.stderr
    return database


def generated(empty: Path, name: str, *args: str) -> tuple[Path, dict]:
    database = empty.with_name(name)
    shutil.copy(empty, database)
    done = lanzarote(database, "scale-data", *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return database, json.loads(done.stdout)


def registry_rows(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return [
            *db.execute("SELECT * FROM registry_state ORDER BY code"),
            *db.execute("SELECT * FROM registry_membershipperiod ORDER BY id"),
            *db.execute("SELECT * FROM registry_treaty ORDER BY id"),
            *db.execute("SELECT * FROM registry_treatyevent ORDER BY id"),
        ]


@pytest.fixture(scope="module")
def small(empty_database: Path) -> tuple[Path, dict]:
    return generated(empty_database, "small.sqlite3", "--treaties", "5", "--states", "10")


def test_a_small_registry_is_written_and_every_act_passes_the_desk_rules(small):
    database, report = small
    assert report["treaties"] == 5 and report["states"] == 10
    assert report["events"] > 50
    done = lanzarote(database, "shell", "-c", VALIDATE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # Each correction and the act it corrects are left out.
    assert result["checked"] == report["events"] - 2 * _corrected(database)
    assert result["refused"] == []
    charts = result["charts"]
    assert len(charts) == 5
    assert all(c["rows"] == c["total"] and c["out_of_order"] == 0 for c in charts.values()), charts
    assert sum(c["parties"] for c in charts.values()) > 0, charts


def _corrected(database: Path) -> int:
    with sqlite3.connect(database) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM registry_treatyevent WHERE supersedes_id IS NOT NULL"
        ).fetchone()
    return count


def test_the_registry_is_marked_synthetic_and_its_charts_answer(small):
    database, _ = small
    done = lanzarote(database, "chart", "syn1-0001", "--as-of", "2025-12-31", "--format", "json")
    assert done.returncode == 0, done.stderr
    chart = json.loads(done.stdout)
    assert chart["rows"]
    assert all(row["name"].startswith("Synthetic State ") for row in chart["rows"])
    with sqlite3.connect(database) as db:
        titles = [t for (t,) in db.execute("SELECT title_en FROM registry_treaty")]
        flags = {f for (f,) in db.execute("SELECT is_synthetic FROM registry_treaty")}
        (audits,) = db.execute(
            "SELECT COUNT(*) FROM core_auditrecord WHERE action = 'registry.scale_data.generate'"
        ).fetchone()
    assert all("Synthetic treaty" in t and "not a real treaty" in t for t in titles)
    assert flags == {1}
    assert audits == 1


def test_a_second_run_on_the_same_database_is_refused_and_changes_nothing(small):
    database, _ = small
    before = registry_rows(database)
    done = lanzarote(database, "scale-data", "--treaties", "5", "--states", "10")
    assert done.returncode != 0
    assert "already holds a registry" in done.stderr
    assert registry_rows(database) == before


def test_the_same_seed_gives_the_same_registry_and_another_seed_another(empty_database, small):
    again, _ = generated(empty_database, "again.sqlite3", "--treaties", "5", "--states", "10")
    assert registry_rows(again) == registry_rows(small[0])
    other, _ = generated(
        empty_database, "other.sqlite3", "--treaties", "5", "--states", "10", "--seed", "2"
    )
    assert registry_rows(other) != registry_rows(small[0])


def test_the_plan_alone_is_deterministic_and_varies_its_final_clauses():
    first = plan_registry(treaties=40, states=30, seed=7)
    second = plan_registry(treaties=40, states=30, seed=7)
    assert [t.events for t in first.treaties] == [t.events for t in second.treaties]
    families = {t.data["family"] for t in first.treaties}
    assert families == {"council_of_europe", "united_nations", "closed"}
    kinds = {e.kind.value for t in first.treaties for e in t.events}
    assert {"signature", "ratification", "accession", "reservation", "withdrawal"} <= kinds
    assert any(e.corrects is not None for t in first.treaties for e in t.events)


@pytest.mark.django_db
def test_refused_on_the_reference_registry(capsys):
    counts = (State.objects.count(), Treaty.objects.count(), TreatyEvent.objects.count())
    with pytest.raises(SystemExit) as exit_:
        call_command("scale_data", "--treaties", "5", "--states", "10")
    assert exit_.value.code != 0
    assert "already holds a registry" in capsys.readouterr().err
    assert (State.objects.count(), Treaty.objects.count(), TreatyEvent.objects.count()) == counts
