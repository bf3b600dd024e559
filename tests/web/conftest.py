"""Fixtures for the web tests: the service over the fixture decision graph, and a
headless Chromium driven by Playwright.

The browser is Debian's `chromium` (`/usr/bin/chromium`, or `BESLUTSGRAF_CHROMIUM`),
launched by Playwright through `executable_path`: `playwright install` is never used
(it downloads a browser build, which this project's machines cannot). The plain HTTP
tests here run without Playwright; the browser tests need it and the browser.

Every page a test opens is watched: a request to any host but the test servers', or a
JavaScript error, fails the test. Screenshots go to `BESLUTSGRAF_SCREENSHOTS` when set,
else to a pytest temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from beslutsgraf.service.settings import Settings
from tests.serving import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
DECISION_GRAPH = REPO_ROOT / "tests" / "service" / "fixtures" / "decision-graph.trig"
CHROMIUM = Path(os.environ.get("BESLUTSGRAF_CHROMIUM", "/usr/bin/chromium"))
# As root, without a sandbox; no background traffic (this network refuses it anyway).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


# Without Playwright the browser tests cannot even be imported: leave them out, and let
# test_pages.py's slow `test_the_browser_tests_can_run` fail with what to install.
PLAYWRIGHT_MISSING = importlib.util.find_spec("playwright") is None
collect_ignore = ["test_browser.py"] if PLAYWRIGHT_MISSING else []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: needs headless Chromium and Playwright")


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service over tests/service/fixtures/decision-graph.trig; yields its URL."""
    store_dir = tmp_path_factory.mktemp("web-store") / "store"
    with serving(Settings(store_dir=store_dir), DECISION_GRAPH.read_text("utf-8")) as url:
        yield url


@pytest.fixture(scope="session")
def impatient_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same graph behind a 1-second query timeout."""
    store_dir = tmp_path_factory.mktemp("web-store-impatient") / "store"
    settings = Settings(store_dir=store_dir, query_timeout_s=1.0)
    with serving(settings, DECISION_GRAPH.read_text("utf-8")) as url:
        yield url


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("BESLUTSGRAF_SCREENSHOTS")
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The Chromium binary the browser tests drive."""
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian Chromium under Playwright, for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) "
            "or point BESLUTSGRAF_CHROMIUM at a Chromium binary"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need the playwright package (pip install playwright)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageWatch:
    """What a page did that a test must not let pass."""

    foreign_requests: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (own context) whose requests and script errors are checked."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="sv-SE")
    context.set_default_timeout(15_000)
    watch = PageWatch()

    def on_request(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.hostname != "127.0.0.1":
            watch.foreign_requests.append(request.url)

    def on_console(message: Any) -> None:
        # An answer with an error status is logged as "Failed to load resource"; the
        # tests that provoke one check what the page shows instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            watch.script_errors.append(message.text)

    opened = context.new_page()
    context.on("request", on_request)
    opened.on("pageerror", lambda error: watch.script_errors.append(str(error)))
    opened.on("console", on_console)
    try:
        yield opened
    finally:
        context.close()
    assert watch.foreign_requests == [], "pages must load nothing from elsewhere"
    assert watch.script_errors == [], "pages must run without script errors"
