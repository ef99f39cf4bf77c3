"""Acting like a user in the browser, and reading what the user sees.

Selectors are the ones a person would use where Streamlit exposes them
(roles and accessible names: the radiogroup "Nu – 1. Kennis en data" with the radio "4"), and
Streamlit's key classes (``st-key-<key>``) to find the right statement or chart.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import scoring
import storage
from bench.paths import REPO_ROOT

from .server import PASSCODE, StreamlitServer

CONTENT_DIR = REPO_ROOT / "content"
SCREENSHOTS = REPO_ROOT / "tests" / "screenshots"
TIMEOUT_MS = 30_000  # generous: the suite must also pass on a busy 2-core machine
FRAME_LABELS = {"nu": "Nu", "gewenst": "Gewenst"}
DONT_KNOW = "?"

expect.set_options(timeout=TIMEOUT_MS)

# The app is connected, its script is not running (no status widget), and no element waits for
# fresh content (stale) or for its lazily loaded code (skeleton).
_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]');
}"""

_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    url: location.href,
    script: app && app.dataset.testScriptState,
    connection: app && app.dataset.testConnectionState,
    status_widget: !!document.querySelector('[data-testid="stStatusWidget"]'),
    stale: Array.from(document.querySelectorAll('[data-stale="true"]')).map(e => e.className).slice(0, 5),
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  };
}"""

_TRACES_JS = """el => (el.data || []).map(t => ({
  name: t.name ?? null,
  type: t.type ?? 'scatter',
  x: t.x == null ? [] : Array.from(t.x),
  y: t.y == null ? [] : Array.from(t.y),
  text: t.text == null ? [] : (typeof t.text === 'string' ? [t.text] : Array.from(t.text)),
  meta: t.meta ?? null,
  opacity: t.opacity ?? 1,
}))"""


# --- Seeding -----------------------------------------------------------------


def seed_werkplaats(server: StreamlitServer, name: str = "Proefwerkplaats") -> storage.WerkplaatsRecord:
    return storage.create_werkplaats(
        server.engine, name=name, held_on=dt.date.today(), content=scoring.snapshot(CONTENT_DIR)
    )


def load_model() -> scoring.Model:
    return scoring.load_model(CONTENT_DIR)


# --- Waiting -----------------------------------------------------------------


def wait_idle(page: Page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished its rerun and drawn everything it sent.

    Right after a click the script may not have started yet, so pair this with a
    wait for something the action changes (see :func:`expect_progress`).
    """
    try:
        page.wait_for_function(_IDLE_JS, timeout=timeout, polling=100)
    except PlaywrightTimeoutError:
        state = page.evaluate(_STATE_JS)
        raise AssertionError(f"Streamlit did not become idle within {timeout / 1000:.0f} s: {state}") from None


def assert_no_app_error(page: Page) -> None:
    """No exception box on the page (the app's own ``st.error`` messages are not exceptions)."""
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        raise AssertionError(f"the page shows an exception: {errors.first.inner_text()[:2000]}")


def goto(page: Page, server: StreamlitServer, path: str = "", **params: str) -> None:
    query = f"?{urlencode(params)}" if params else ""
    page.goto(f"{server.url}/{path.lstrip('/')}{query}")
    page.locator('[data-testid="stApp"]').wait_for()
    wait_idle(page)
    assert_no_app_error(page)


def wait_until(predicate: Callable[[], Any], timeout: float = TIMEOUT_MS / 1000, interval: float = 0.2,
               message: str = "condition") -> Any:
    """Poll ``predicate`` (reading the page) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}; last value: {value!r}")
        time.sleep(interval)


# --- Joining -----------------------------------------------------------------


def token_from_url(url: str) -> str:
    token = parse_qs(urlsplit(url).query).get("m", [""])[0]
    assert storage.looks_like_token(token), f"no member token in {url}"
    return token


def enter_code(page: Page, server: StreamlitServer, code: str) -> None:
    """Start page: type a werkplaats or trio code and press "Verder"."""
    goto(page, server)
    page.locator(".st-key-join_code").get_by_role("textbox").fill(code)
    page.get_by_role("button", name="Verder", exact=True).click()


def create_trio(page: Page, municipality: str, casus: str = "") -> None:
    """Start page after a werkplaats code: fill "Gemeente" (and the casus) and press "Trio aanmaken"."""
    form = page.locator(".st-key-new_trio_municipality")
    form.get_by_role("textbox").fill(municipality)
    if casus:
        page.locator(".st-key-new_trio_casus textarea").fill(casus)
    page.get_by_role("button", name="Trio aanmaken", exact=True).click()
    page.locator(".st-key-join_role_role").wait_for()


def pick_from(page: Page, key: str, name: str) -> None:
    """Choose ``name`` in the selectbox with Streamlit key ``key``; open the list again if it closed at once
    (the expander around it may still be opening)."""
    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    choice = page.get_by_role("option", name=name, exact=True)
    for attempt in range(3):
        box.click()
        try:
            choice.wait_for(timeout=3000)
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            continue
        choice.click()
        break
    expect(box).to_have_value(name)
    wait_idle(page)


def pick_option(page: Page, key: str, name: str) -> None:
    """Click the option of the radio with Streamlit key ``key`` whose text contains ``name``."""
    choice = page.locator(f".st-key-{key}").locator('[data-testid="stRadioOption"]').filter(has_text=name)
    choice.click()
    expect(choice.get_by_role("radio")).to_be_checked()


def pick_role(page: Page, role_name: str, display_name: str = "", level_name: str = "Uitvoering") -> str:
    """Pick a role, a level (and a name), press "Start de vragenlijst"; returns the member token from the URL."""
    pick_option(page, "join_role_role", role_name)
    pick_option(page, "join_role_level", level_name)
    if display_name:
        page.locator(".st-key-join_role_name").get_by_role("textbox").fill(display_name)
    page.get_by_role("button", name="Start de vragenlijst", exact=True).click()
    page.wait_for_url(re.compile(r"/vragenlijst\?m="))
    page.locator('[class*="st-key-statement_"]').first.wait_for()
    wait_idle(page)
    return token_from_url(page.url)


def join_new_trio(page: Page, server: StreamlitServer, werkplaats_code: str, municipality: str,
                  role_name: str, *, casus: str = "", display_name: str = "", level_name: str = "Uitvoering") -> str:
    enter_code(page, server, werkplaats_code)
    create_trio(page, municipality, casus)
    return pick_role(page, role_name, display_name, level_name)


def join_trio_by_link(page: Page, server: StreamlitServer, trio_code: str, role_name: str,
                      display_name: str = "", level_name: str = "Uitvoering") -> str:
    """Open the invitation link ``/?code=<trio code>`` and join as ``role_name``."""
    goto(page, server, "", code=trio_code)
    page.locator(".st-key-join_role_role").wait_for()
    return pick_role(page, role_name, display_name, level_name)


# --- The questionnaire -------------------------------------------------------


def statement(page: Page, question_id: str) -> Locator:
    return page.locator(f".st-key-statement_{question_id}")


def answer_group(page: Page, question_id: str, frame: str) -> Locator:
    """The answer buttons of one statement for one frame: the radiogroup named "Nu – 9. Initiatief"."""
    name = re.compile(f"^{FRAME_LABELS[frame]} – \\d+\\. ")
    return statement(page, question_id).get_by_role("radiogroup", name=name)


def option(page: Page, question_id: str, frame: str, value: int | str) -> Locator:
    label = "Weet ik niet" if value == DONT_KNOW else str(value)
    return answer_group(page, question_id, frame).get_by_role("radio", name=label, exact=True)


def selected(page: Page, question_id: str, frame: str) -> list[str]:
    """The labels of the chosen buttons of one segmented control (at most one)."""
    group = answer_group(page, question_id, frame)
    group.wait_for()  # segmented controls are loaded lazily: a skeleton stands in at first
    return [b.inner_text().strip() for b in group.locator('[role="radio"][aria-checked="true"]').all()]


def progress(page: Page) -> Locator:
    return page.locator('[data-testid="stProgress"]')


def expect_progress(page: Page, answered: int, total: int = 24) -> None:
    expect(progress(page)).to_contain_text(f"{answered} van {total} beantwoord")
    wait_idle(page)


def click_answer(page: Page, question_id: str, frame: str, value: int | str) -> None:
    """Click an answer without waiting for the server (for interleaving several pages)."""
    button = option(page, question_id, frame, value)
    expect(button).to_have_attribute("aria-checked", "false")  # a second click would do nothing
    button.click()


def answer(page: Page, question_id: str, frame: str, value: int | str, *, answered: int | None = None) -> None:
    """Click an answer and wait until it is shown selected (and the progress says ``answered``)."""
    click_answer(page, question_id, frame, value)
    expect(option(page, question_id, frame, value)).to_have_attribute("aria-checked", "true")
    if answered is not None:
        expect_progress(page, answered)


# --- Charts ------------------------------------------------------------------


def chart(page: Page, key: str) -> Locator:
    return page.locator(f".st-key-{key} .js-plotly-plot")


def traces(page: Page, key: str) -> list[dict[str, Any]]:
    """The plotly traces of the chart with Streamlit key ``key``, as the browser holds them."""
    element = chart(page, key)
    element.wait_for(state="attached")
    return list(element.evaluate(_TRACES_JS))


def trace(page: Page, key: str, name: str) -> dict[str, Any]:
    found = [t for t in traces(page, key) if t["name"] == name]
    assert found, f"no trace {name!r} in {key}: {[t['name'] for t in traces(page, key)]}"
    return found[0]


def points(page: Page, key: str, name: str) -> list[tuple[float, float]]:
    t = trace(page, key, name)
    return list(zip(t["x"], t["y"], strict=True))


# --- Facilitator -------------------------------------------------------------


def facilitator_login(page: Page, server: StreamlitServer, passcode: str = PASSCODE) -> None:
    goto(page, server, "begeleider")
    page.get_by_role("textbox", name="Begeleiderscode").fill(passcode)
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Je bent aangemeld als begeleider.")).to_be_visible()
    wait_idle(page)


def open_wall(page: Page, werkplaats_name: str | None = None) -> None:
    """From the Begeleider page (same session): "Groepsmuur", pick the werkplaats, "Openen"."""
    page.get_by_role("link", name="Groepsmuur voor de beamer").click()
    page.wait_for_url(re.compile(r"/muur"))
    page.get_by_role("button", name="Openen", exact=True).wait_for()
    if werkplaats_name is not None:
        picker = page.get_by_role("combobox", name="Kies een werkplaats")
        if not picker.input_value().startswith(werkplaats_name + " · "):
            page.locator(".st-key-fac_pick").get_by_role("button", name="Open").click()
            page.get_by_role("option", name=re.compile("^" + re.escape(werkplaats_name + " · "))).click()
            expect(picker).to_have_value(re.compile("^" + re.escape(werkplaats_name + " · ")))
    page.get_by_role("button", name="Openen", exact=True).click()
    chart(page, "wall_quadrant").wait_for()
    wait_idle(page)


def wall_table(page: Page) -> list[list[str]]:
    """The visible cells of the wall's table, row by row (from the grid's accessible table)."""
    rows = page.locator('.st-key-wall_table tbody tr, [data-testid="stDataFrame"] tbody tr').all()
    return [[c.inner_text().strip() for c in row.locator('[role="gridcell"]').all()] for row in rows]


# --- Screenshots -------------------------------------------------------------


def screenshot(page: Page, request: pytest.FixtureRequest, label: str = "", *, full: bool = True) -> Path:
    """Save ``tests/screenshots/<test>[-label]-<w>x<h>.png``; ``full`` grows the window to the whole page.

    Streamlit scrolls inside its main container, not the document, so a plain
    full-page screenshot shows only the first screen.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")
    path = SCREENSHOTS / f"{name}{'-' + label if label else ''}-{size['width']}x{size['height']}.png"
    if full:
        height = page.evaluate(
            """() => Math.max(document.documentElement.scrollHeight,
                 ...Array.from(document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main'))
                     .map(e => e.scrollHeight))"""
        )
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": min(int(height), 12_000)})
            wait_idle(page)
            page.screenshot(path=str(path))
            page.set_viewport_size(size)
            return path
    page.screenshot(path=str(path))
    return path
