"""Brazil's accession from request to entry into force, in a real browser: the State's official
files the request, the Treaty Office consults the Parties (most replies through the API, France's
delegate through the inbox), records the decision, invites, records the deposit; the registry, the
State's profile and the notifications then show it. Users and tokens are made with the product's
own `lanzarote` command against the server's database."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.server import env_of, lanzarote_command

pytestmark = pytest.mark.browser

PASSWORD = "Browser-journey-2026!"
# The smallest file a browser will upload as a PDF; the service only keeps it.
LETTER = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today_in_paris() -> date:
    return datetime.now(ZoneInfo("Europe/Paris")).date()


def lanzarote(base_url: str, *args: str, stdin: str = "") -> str:
    """Runs the product's command line against the database of the server at `base_url`."""
    done = subprocess.run(
        [str(lanzarote_command()), *args],
        env=env_of(base_url),
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"`lanzarote {' '.join(args)}`:\n{done.stdout}{done.stderr}"
    return done.stdout


def create_user(base_url: str, username: str, role: str, state: str | None = None) -> None:
    args = ["users", "create", username, "--role", role, "--password"]
    if state:
        args += ["--state", state]
    lanzarote(base_url, *args, stdin=PASSWORD + "\n")


def create_token(base_url: str, username: str) -> str:
    return lanzarote(base_url, "token", "create", username, "--name", "browser tests").strip()


def api(base_url: str, token: str, method: str, path: str, payload: Any = None) -> Any:
    request = urllib.request.Request(
        f"{base_url}/api/v1{path}",
        method=method,
        data=None if payload is None else json.dumps(payload).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def sign_in(page: Any, username: str) -> None:
    page.goto("/en/accounts/login/")
    form = page.locator("main form").first
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_accession_journey(page: Any, base_url: str, artifacts: Path, tmp_path: Path) -> None:
    step = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"accession-{next(step):02d}-{name}.png", full_page=True)

    create_user(base_url, "to-clerk", "treaty_office")
    create_user(base_url, "br-official", "state_official", "BR")
    create_user(base_url, "fr-delegate", "party_delegate", "FR")
    token = create_token(base_url, "to-clerk")
    today = today_in_paris()

    # The official of Brazil files the signed request letter.
    sign_in(page, "br-official")
    page.goto("/en/accession/my-state/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Brazil")
    shot("my-state")
    letter = tmp_path / "request.pdf"
    letter.write_bytes(LETTER)
    # By name: the draft form above uses the same ids, so these labels point at its fields.
    form = page.locator("#file form")
    form.locator("[name=signatory_name]").fill("Mauro Vieira")
    form.locator("[name=signatory_capacity]").select_option(index=0)
    form.locator("[name=date]").fill(today.isoformat())
    form.get_by_label("The signed letter (PDF)").set_input_files(str(letter))
    form.get_by_role("button", name="File the request").click()
    expect(page).to_have_url(re.compile(r"/en/accession/cases/[^/]+/$"))
    expect(page.locator(".status-line__badge")).to_contain_text("Request received")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    shot("request-received")
    sign_out(page)

    # The Treaty Office opens the consultation from its desk.
    sign_in(page, "to-clerk")
    page.goto("/en/accession/desk/")
    shot("desk")
    page.get_by_role("link", name=reference).first.click()
    expect(page).to_have_url(re.compile(rf"/cases/{re.escape(reference)}/$"))
    deadline = today + timedelta(days=60)
    page.get_by_label("Deadline for the replies").fill(deadline.isoformat())
    page.get_by_role("button", name="Open the consultation").click()
    expect(page.locator("#board")).to_be_visible()
    shot("consultation-open")

    # Every Party but France replies by note verbale, through the API.
    pending = api(base_url, token, "GET", f"/accession-cases/{reference}/consultation/reminders")
    parties = [row["party"] for row in pending]
    assert "FR" in parties and len(parties) >= 40, parties
    for party in parties:
        if party != "FR":
            api(
                base_url,
                token,
                "POST",
                f"/accession-cases/{reference}/consultation/replies",
                {"party": party, "reply": "consent", "note": "note verbale"},
            )
    left = api(base_url, token, "GET", f"/accession-cases/{reference}/consultation/reminders")
    assert [row["party"] for row in left] == ["FR"]
    sign_out(page)

    # France's delegate consents from the inbox.
    sign_in(page, "fr-delegate")
    page.goto("/en/accession/consultations/")
    item = page.locator(f"#case-{reference}")
    expect(item).to_contain_text("Brazil")
    shot("inbox")
    item.get_by_label("Consent").check()
    item.get_by_role("button", name="Send our reply").click()
    expect(page.locator(f"#case-{reference} .reply--consent")).to_be_visible()
    shot("inbox-replied")
    sign_out(page)

    # The Treaty Office closes, records the decision, invites and records the deposit.
    sign_in(page, "to-clerk")
    page.goto(f"/en/accession/cases/{reference}/")
    expect(page.locator("#board .board__summary")).to_contain_text("0 without a reply")
    shot("all-replied")
    page.get_by_role("button", name="Close the consultation").click()
    decide = page.locator("#decide")
    expect(decide).to_be_visible()
    shot("closed")
    totals = decide.locator("form").first
    meeting = totals.locator("input[name=meeting_date]")
    if meeting.count():
        meeting.fill(today.isoformat())
    totals.get_by_label("Votes for").fill("46")
    totals.get_by_label("Votes against").fill("0")
    totals.get_by_label("Abstentions").fill("0")
    totals.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("button", name="Issue the invitation")).to_be_visible()
    shot("decided")
    page.get_by_role("button", name="Issue the invitation").click()
    expect(page.get_by_role("button", name="Record the deposit")).to_be_visible()
    shot("invited")
    page.get_by_label("Date of deposit").fill(today.isoformat())
    page.get_by_role("button", name="Record the deposit").click()
    confirmation = page.locator("#deposit")
    expect(confirmation).to_contain_text("Instrument of accession deposited")
    expect(confirmation).to_contain_text(
        re.compile(r"The Convention enters into force for it on \d{1,2} \w+ \d{4}")
    )
    shot("deposited")

    # The registry and the notifications show it.
    deposited = f"{today.day} {today.strftime('%B')} {today.year}"
    page.goto("/en/states/BR/")
    # The timeline now holds the accession event, dated the day of the deposit.
    timeline_entry = page.locator("main li", has_text=re.compile("Accession", re.I)).filter(
        has_text=deposited
    )
    expect(timeline_entry.first).to_be_visible()
    shot("state-profile")
    page.goto("/en/notifications/")
    notice = page.locator("main li, main tr", has_text="Brazil").filter(
        has_text=re.compile("accession|deposit", re.I)
    )
    expect(notice.first).to_be_visible()
    shot("notifications")
