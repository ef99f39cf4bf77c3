"""Fixtures for the real-browser tests: a Streamlit server per test and Debian's headless chromium.

Every test in this folder is marked ``browser``. Without ``/usr/bin/chromium`` the
tests are skipped, except in CI (``CI=true``), where that fails: a skipped browser
test would hide a gap.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from .helpers import SCREENSHOTS, TIMEOUT_MS
from .server import StreamlitServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent

NewContext = Callable[..., BrowserContext]
NewPage = Callable[..., Page]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failure, add the tail of every involved server's log to the report."""
    report = yield
    if report.failed and HERE in Path(str(item.fspath)).resolve().parents:  # type: ignore[attr-defined]
        for name, value in getattr(item, "funcargs", {}).items():
            if isinstance(value, StreamlitServer):
                state = "running" if value.running else f"NOT running (exit code {value.process and value.process.poll()})"
                report.sections.append(  # type: ignore[attr-defined]
                    (f"server log ({name}, {state}, {value.log_path})", value.log_tail(80))
                )
    return report


def chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing; install it with `apt-get install chromium`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The browser tests need chromium in CI: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _needs_chromium() -> None:
    chromium_or_skip()


@pytest.fixture(scope="session", autouse=True)
def _fresh_failure_screenshots() -> None:
    """Screenshots of failed tests are from this run only."""
    for old in SCREENSHOTS.glob("failed-*.png"):
        old.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    chromium_or_skip()
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


def _context(browser: Browser, width: int, height: int) -> BrowserContext:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def new_context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[NewContext]:
    """``new_context(width=1280, height=900)``: a fresh browser context (its own cookies, so its own
    Streamlit session), like another person's device.

    Closed at teardown; on a failure each open page is saved as
    ``tests/screenshots/failed-<test>-<n>.png``.
    """
    contexts: list[BrowserContext] = []

    def make(width: int = 1280, height: int = 900) -> BrowserContext:
        context = _context(browser, width, height)
        contexts.append(context)
        return context

    yield make
    failed = getattr(request.node, "_browser_failed", False)
    for number, context in enumerate(contexts):
        if failed:
            for page in context.pages:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(SCREENSHOTS / f"failed-{request.node.name}-{number}.png"), timeout=5000)
        context.close()


@pytest.fixture
def new_page(new_context: NewContext) -> NewPage:
    """``new_page(width=1280, height=900)``: the page of a fresh context."""

    def make(width: int = 1280, height: int = 900) -> Page:
        return new_context(width, height).new_page()

    return make


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    try:
        return (yield)
    except BaseException:
        item._browser_failed = True  # type: ignore[attr-defined]
        raise


@pytest.fixture
def server(tmp_path: Path) -> Iterator[StreamlitServer]:
    """A fresh Streamlit server with an empty database, for one test."""
    process = StreamlitServer(tmp_path / "server")
    try:
        process.start()
        yield process
    finally:
        process.close()
