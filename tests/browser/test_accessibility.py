"""axe-core on every public page, in English and in French: no violation of impact "serious" or
"critical" is tolerated. axe-core comes from node_modules (`make node_modules` runs `npm ci`); the
tests skip, saying so, when it is missing. The pages run with the browser's CSP bypassed only so
that the axe script itself can be injected; the other browser tests keep the policy enforced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "fr"]
BLOCKING = {"serious", "critical"}

PAGES = [
    "/",
    "/treaties/cets-201/chart/",
    "/treaties/cets-201/chart/?as_of=2012-06-01",
    "/states/",
    "/states/TN/",
    "/states/UA/",
    "/join/",
    "/treaties/cets-201/",
    "/treaties/opsc/",
    "/treaties/opsc/chart/",
    "/map/",
    "/map/?view=europe&as_of=2012-06-01",
    "/timeline/",
    "/timeline/?treaty=opsc",
    "/open-data/",
    "/accounts/login/",
    "/access/request/",
    "/access/request/sent/",
    "/states/BR/",
]
# Pages of other apps: checked when they exist and are public, skipped (saying why) otherwise.
OPTIONAL_PAGES = [
    "/notifications/",
    "/committee/",
    "/committee/meetings/",
    "/committee/texts/",
    "/committee/capacity-building/",
    "/committee/priority-countries/",
    "/readiness/",
    "/readiness/obligations/",
    "/readiness/mappings/",
]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.skip(
            f"{AXE} is missing: run `make node_modules` (npm ci) to install axe-core for the "
            "accessibility tests"
        )
    return AXE


def run_axe(page: Any, script: Path) -> list[dict[str, Any]]:
    # A page of a context with the CSP bypassed has it already (tests/browser/conftest.py).
    if not page.evaluate("() => typeof window.axe?.run === 'function'"):
        page.add_script_tag(path=str(script))
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 8),
                count: v.nodes.length,
            }));
        }"""
    )
    return list(violations)


def blocking(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) on {v['count']} element(s): "
        + ", ".join(v["targets"])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def check(new_page: Callable[..., Any], script: Path, url: str, *, optional: bool) -> None:
    page = new_page(bypass_csp=True)
    response = page.goto(url)
    if optional and (response is None or response.status == 404 or "/accounts/login/" in page.url):
        pytest.skip(f"{url} is not a public page here")
    assert response is not None and response.status == 200, f"{url} answered {response}"
    problems = blocking(run_axe(page, script))
    assert not problems, f"axe-core on {url}:\n- " + "\n- ".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_serious_violation(
    new_page: Callable[..., Any], axe_script: Path, language: str, path: str
) -> None:
    check(new_page, axe_script, f"/{language}{path}", optional=False)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", OPTIONAL_PAGES)
def test_other_public_pages_have_no_serious_violation(
    new_page: Callable[..., Any], axe_script: Path, language: str, path: str
) -> None:
    check(new_page, axe_script, f"/{language}{path}", optional=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_the_navigation_links_to(
    new_page: Callable[..., Any], axe_script: Path, language: str
) -> None:
    """Pages added later are covered too: whatever the main navigation and the footer link to."""
    page = new_page(bypass_csp=True)
    page.goto(f"/{language}/")
    links = page.eval_on_selector_all(
        ".site-nav a[href], .site-footer a[href]", "els => els.map((a) => a.href)"
    )
    known = {f"/{language}{p}".split("?")[0] for p in PAGES + OPTIONAL_PAGES}
    found = []
    for link in links:
        parts = urlsplit(link)
        if parts.hostname != "127.0.0.1" or parts.path in known:
            continue
        if not parts.path.startswith(f"/{language}/") or parts.path.endswith((".atom", ".json")):
            continue
        known.add(parts.path)
        found.append(parts.path)
    problems = []
    for path in found:
        response = page.goto(path)
        if response is None or response.status != 200 or "/accounts/login/" in page.url:
            continue
        problems.extend(f"{path}: {p}" for p in blocking(run_axe(page, axe_script)))
    assert not problems, "axe-core:\n- " + "\n- ".join(problems)
