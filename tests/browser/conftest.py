"""Fixtures of the browser tests: the product in a subprocess, one headless Chromium per test
module, and pages that fail their test if they reach beyond 127.0.0.1, log a console error, raise
an uncaught exception, break the Content Security Policy or get a server error."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.journeys import Journey, StartJourney, context_options
from tests.browser.server import CHROMIUM, HOST, launch_chromium, running_server, server_problem
from tests.browser.test_accessibility import AXE

# Reports a CSP violation to the test even if the browser would not log it to the console.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__lanzarote_csp_violation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${document.location}`
  );
});
"""
# How long a step may wait (a page to load, an element to appear). Two test workers, two servers
# and two Chromiums share the cores, and other jobs may too: the tests check what the pages do,
# not how fast a loaded machine serves them.
STEP_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install chromium`, "
            "as .ci/run does) to run the browser tests"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def base_url(chromium_path: Path, reference_database: Path) -> Iterator[str]:
    """One server per test process (per pytest-xdist worker), shared by its browser tests."""
    with running_server(reference_database) as url:
        yield url


# Per module, not per session: Playwright's sync API keeps an event loop running in the main
# thread while it is started, and Django then refuses database access from the tests that come
# after the browser tests ("SynchronousOnlyOperation"). Stopping it after each module costs a
# Chromium start per module.
@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT_MS)
    playwright = sync_playwright().start()
    browser = launch_chromium(playwright)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture(scope="session")
def artifacts(request: pytest.FixtureRequest) -> Path:
    """Screenshots taken along the way, for a human to look at (git-ignored)."""
    path = request.config.rootpath / "test-artifacts" / "browser"
    path.mkdir(parents=True, exist_ok=True)
    return path


class Guard:
    """Everything a page did that a test should not tolerate."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def watch_context(self, context: Any, *, javascript: bool) -> None:
        context.route("**/*", self._route)
        if javascript:
            context.expose_binding(
                "__lanzarote_csp_violation",
                lambda _source, text: self.problems.append(f"CSP violation: {text}"),
            )
            context.add_init_script(CSP_LISTENER)
        context.on("page", self.watch_page)

    def watch_page(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught error: {error}"))
        page.on("response", self._response)

    def _route(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or parts.hostname == HOST:
            route.continue_()
            return
        self.problems.append(f"request to another host: {url}")
        route.abort("blockedbyclient")

    def _console(self, message: Any) -> None:
        text = message.text
        if message.type == "error" or "Content Security Policy" in text:
            self.problems.append(f"console {message.type}: {text} ({message.location})")

    def _response(self, response: Any) -> None:
        kind = response.request.resource_type
        # Documents may answer 400 on purpose (invalid queries); sub-resources never should.
        if response.status >= 500 or (response.status >= 400 and kind != "document"):
            self.problems.append(f"HTTP {response.status} for {kind} {response.url}")

    def check(self) -> None:
        if self.problems:
            pytest.fail("The browser saw problems:\n- " + "\n- ".join(self.problems))


@pytest.fixture
def new_page(browser: Any, base_url: str) -> Iterator[Callable[..., Any]]:
    """Opens a guarded page in a fresh browser context; `new_page(java_script_enabled=False)`,
    `new_page(viewport={...})`… pass their options to the context."""
    # A server that died would fail every later test with "connection refused": say why once.
    problem = server_problem(base_url)
    if problem:
        pytest.fail(problem)
    guard = Guard()
    contexts: list[Any] = []

    def open_page(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "en-GB")
        context = browser.new_context(base_url=base_url, accept_downloads=True, **options)
        context.set_default_timeout(STEP_TIMEOUT_MS)
        if options.get("bypass_csp") and AXE.exists():
            # The CSP is bypassed for axe-core: each page of the context gets it as it loads, from
            # the browser's memory, instead of 650 KB sent and parsed again for each check.
            context.add_init_script(path=str(AXE))
        guard.watch_context(context, javascript=options.get("java_script_enabled", True))
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    guard.check()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


@pytest.fixture
def start_journey(new_page: Callable[..., Any], artifacts: Path) -> Iterator[StartJourney]:
    """`start_journey(name, language)`: a role's journey (tests/browser/journeys.py) on a guarded
    page; the page it ends on is photographed at every width once the test is done with it."""
    journeys: list[Journey] = []

    def start(name: str, language: str) -> Journey:
        journey = Journey(new_page(**context_options()), name, language, artifacts)
        journeys.append(journey)
        return journey

    yield start
    for journey in journeys:
        journey.ended()
