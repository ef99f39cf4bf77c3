"""Accessibility: axe-core finds no serious or critical WCAG 2.0/2.1 A or AA violation, on every page and
in every state a user can open there (expanders open, toggles on, tabs chosen, the wall's big code view).

axe-core comes from the npm registry: ``make test`` installs it from ``tests/browser/package-lock.json``
into ``tests/browser/node_modules`` (``npm ci``), and the tests inject that file into the page, so
nothing is fetched while the tests run. Without it the tests skip, except in CI, where they fail.

Only Streamlit's own navigation and chrome are left out of the scan, each for the reason next to it:
that markup is Streamlit's, the same in every Streamlit app, and the app cannot change it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    CONTENT_DIR,
    facilitator_login,
    goto,
    screenshot,
    wait_idle,
)
from .server import StreamlitServer

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGE = "nl"
BLOCKING = {"serious", "critical"}
ALSO_BLOCKING = {"heading-order"}
"""Rules that fail the test at any impact: axe rates a skipped heading level "moderate" and files it under
best practice, but a screen reader user who jumps from heading to heading is lost without it."""
EXTRA_RULES = {"heading-order": {"enabled": True}}

STREAMLIT_INTERNALS: tuple[tuple[str, str], ...] = (
    # (selector, why it is left out): Streamlit's own markup, which the app does not render or style.
    (
        '[data-testid="stSidebarNav"]',
        # The page list st.navigation draws: Streamlit puts <div> section wrappers straight inside its
        # <ul> and the <li> items inside those (axe: list, listitem). The app only passes titles and icons.
        "Streamlit's sidebar navigation",
    ),
)


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    url: str
    targets: tuple[str, ...]
    html: tuple[str, ...]
    summaries: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING or self.rule in ALSO_BLOCKING

    def describe(self) -> str:
        lines = [f"[{self.impact}] {self.rule}: {self.help} ({self.url})"]
        for target, html, summary in zip(self.targets, self.html, self.summaries, strict=True):
            lines.append(f"    at {target}: {html}")
            lines.extend(f"        {line}" for line in summary.splitlines() if line.strip())
        return "\n".join(lines)


def axe_available() -> None:
    if AXE_JS.exists():
        return
    message = f"{AXE_JS} is missing; install it with `make test` (npm ci in tests/browser)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The accessibility tests need axe-core in CI: {message}", pytrace=False)
    pytest.skip(message)


def shorten(html: str, limit: int = 160) -> str:
    flat = " ".join(html.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def run_axe(page: Page) -> list[Violation]:
    """Every WCAG 2.0/2.1 A and AA violation axe finds on the page as it is now."""
    wait_idle(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    context = {"exclude": [[selector] for selector, _why in STREAMLIT_INTERNALS]}
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "rules": EXTRA_RULES, "resultTypes": ["violations"]}
    raw = page.evaluate(
        "([context, options]) => axe.run(context.exclude.length ? context : document, options)"
        ".then(r => r.violations)",
        [context, options],
    )
    return [
        Violation(
            rule=v["id"], impact=v["impact"] or "?", help=v["help"], url=v["helpUrl"],
            targets=tuple(" ".join(json.dumps(t) for t in n["target"]) for n in v["nodes"]),
            html=tuple(shorten(n["html"]) for n in v["nodes"]),
            summaries=tuple(n.get("failureSummary") or "" for n in v["nodes"]),
        )
        for v in raw
    ]


class Scan:
    """The states one test visits; at the end the test fails with every blocking violation of every state.

    ``pending`` names rules that are known to fail on a page whose fix is someone else's, with why: they
    are printed but do not fail the test, and the test fails once they no longer occur, so that the
    exception is removed with the fix.
    """

    def __init__(self, request: pytest.FixtureRequest, pending: dict[str, str] | None = None) -> None:
        self.request = request
        self.pending = pending or {}
        self.found: list[tuple[str, Violation]] = []
        self.states: list[str] = []

    def check(self, page: Page, state: str) -> None:
        """Run axe on the page as it is now, check its language, and keep a screenshot."""
        self.states.append(state)
        self.found.extend((state, violation) for violation in run_axe(page))
        language = page.evaluate("() => document.documentElement.lang")
        if language != LANGUAGE:
            self.found.append((state, Violation(
                rule="page-language", impact="serious", help=f'the page must say lang="{LANGUAGE}" (Dutch)',
                url="https://www.w3.org/WAI/WCAG21/Understanding/language-of-page", targets=("html",),
                html=(f'<html lang="{language}">',), summaries=("",),
            )))
        screenshot(page, self.request, re.sub(r"[^a-z0-9]+", "-", state.lower()).strip("-"), full=False)

    def report(self, violations: list[tuple[str, Violation]]) -> str:
        return "\n\n".join(f"{state}:\n{v.describe()}" for state, v in violations)

    def assert_clean(self) -> None:
        print(f"axe scanned {len(self.states)} states: {'; '.join(self.states)}")
        if self.found:
            print(f"Every violation found (any impact):\n{self.report(self.found)}")
        blocking = [(s, v) for s, v in self.found if v.blocking and v.rule not in self.pending]
        assert not blocking, (
            f"{len(blocking)} serious or critical violations (or skipped heading levels):\n\n{self.report(blocking)}"
        )
        gone = set(self.pending) - {v.rule for _s, v in self.found}
        assert not gone, f"fixed now, so remove them from `pending`: {', '.join(sorted(gone))}"


@pytest.fixture
def scan(request: pytest.FixtureRequest) -> Iterator[Scan]:
    axe_available()
    yield Scan(request)


# --- Seeded data ---------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    werkplaats: storage.WerkplaatsRecord
    trio: storage.TrioRecord
    members: tuple[storage.MemberRecord, ...]
    half: storage.MemberRecord
    """A member of a second trio who has answered a few statements only."""


@pytest.fixture(scope="module")
def a11y_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    axe_available()
    server = StreamlitServer(tmp_path_factory.mktemp("a11y"))
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def seeded(a11y_server: StreamlitServer) -> Seeded:
    return seed(a11y_server.engine)


def seed(engine: Engine) -> Seeded:
    """A werkplaats with a complete trio (chosen perspectives, an action) and a half-answered one,
    and a standalone werkplaats."""
    model = scoring.load_model(CONTENT_DIR)
    content = scoring.snapshot(CONTENT_DIR)
    werkplaats = storage.create_werkplaats(engine, name="Werkplaats Toegankelijk", held_on=dt.date.today(),
                                           content=content)
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Leesbaar",
                               casus="Buurthuis")
    members = tuple(
        storage.create_member(engine, trio_id=trio.id, role=role.id, display_name=name)
        for role, name in zip(model.roles[:3], ["Anna", "Bram", ""], strict=True)
    )
    for i, member in enumerate(members):
        nu = {q.id: (n + i) % 5 + 1 for n, q in enumerate(model.questions)}
        gewenst: dict[str, int | None] = {q.id: min(5, (n + 2 * i) % 5 + 2) for n, q in enumerate(model.questions)}
        gewenst[model.questions[0].id] = None  # "weet ik niet"
        storage.save_answers(engine, member_id=member.id, frame="nu", answers=dict(nu))
        storage.save_answers(engine, member_id=member.id, frame="gewenst", answers=gewenst)
    result = scoring.group_result(model, [
        scoring.MemberInput(member_id=str(m.id), role=m.role, label=m.role,
                            answers={str(f): a for f, a in storage.member_answers(engine, m.id).items()})
        for m in members
    ])
    if result.nu.quadrant and result.gewenst.quadrant:
        plan = scoring.action_plan(model, result.nu.quadrant, result.gewenst.quadrant)
        for perspective in plan.perspectives[:2]:
            storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id=perspective.id, chosen=True)
    storage.add_action(engine, trio_id=trio.id, what="Buurtgesprek plannen", who="Anna", when_text="maart")
    other = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Halverwege")
    half = storage.create_member(engine, trio_id=other.id, role=model.roles[0].id)
    storage.save_answers(engine, member_id=half.id, frame="nu",
                         answers={q.id: 4 for q in model.questions[:5]})
    alone = storage.create_werkplaats(engine, name="Zelfstandig · Gemeente Alleen", held_on=dt.date.today(),
                                      content=content, standalone=True)
    alone_trio = storage.create_trio(engine, werkplaats_id=alone.id, municipality="Gemeente Alleen")
    storage.create_member(engine, trio_id=alone_trio.id, role=model.roles[0].id)
    return Seeded(werkplaats, trio, members, half)


def click_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    wait_idle(page)


def open_expander(page: Page, title: str | re.Pattern[str]) -> None:
    summary = page.locator("summary").filter(has_text=title)
    summary.first.click()
    wait_idle(page)


def switch_on(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    wait_idle(page)


def choose(page: Page, label: str) -> None:
    """A segmented control's option."""
    page.get_by_role("radio", name=label, exact=True).first.click()
    wait_idle(page)


# --- Participant pages ---------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_start_page(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage, scan: Scan,
                    width: int, height: int) -> None:
    page = new_page(width, height)
    goto(page, a11y_server)
    scan.check(page, "start")
    click_tab(page, "Zelfstandig invullen")
    scan.check(page, "start, zelfstandig invullen")
    click_tab(page, "Meedoen met een code")
    page.locator(".st-key-join_code").get_by_role("textbox").fill(seeded.werkplaats.join_code)
    page.get_by_role("button", name="Verder", exact=True).click()
    page.locator(".st-key-new_trio_municipality").wait_for()
    open_expander(page, "Al aangemeld in deze werkplaats")
    page.locator(".st-key-new_trio_municipality").get_by_role("textbox").fill("Gemeente Half")
    scan.check(page, "start, werkplaats code entered, trios listed, typing a municipality")
    goto(page, a11y_server, "", code=seeded.trio.code)
    page.locator(".st-key-join_role_role").wait_for()
    scan.check(page, "start, trio code: role form")
    goto(page, a11y_server, "", m=seeded.members[0].token)
    expect(page.get_by_text("Verder als", exact=False).first).to_be_visible()
    scan.check(page, "start, returning member")
    scan.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_questionnaire(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage, scan: Scan,
                       width: int, height: int) -> None:
    page = new_page(width, height)
    goto(page, a11y_server, "vragenlijst", m=seeded.half.token)
    scan.check(page, "questionnaire, half answered")
    switch_on(page, "Waarom staat mijn stip hier?")
    switch_on(page, "Verder op een ander apparaat, of wisselen van triolid")
    expect(page.get_by_text("Jouw persoonlijke link", exact=False)).to_be_visible()
    scan.check(page, "questionnaire, explanation and devices shown")
    goto(page, a11y_server, "vragenlijst", m=seeded.members[1].token)
    switch_on(page, "Verder op een ander apparaat, of wisselen van triolid")
    scan.check(page, "questionnaire, all answered, switching members")
    scan.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_results_page(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage, scan: Scan,
                      width: int, height: int) -> None:
    page = new_page(width, height)
    goto(page, a11y_server, "resultaten", m=seeded.members[0].token)
    page.locator(".st-key-trio_quadrant .js-plotly-plot").wait_for()
    scan.check(page, "results")
    choose(page, "Nu")
    scan.check(page, "results, nu only")
    choose(page, "Per thema")
    click_tab(page, "Gewenst")
    model = scoring.load_model(CONTENT_DIR)
    rest = page.get_by_text(re.compile(r"^Toon de andere handelingsperspectieven"))  # after the first cards
    if rest.count():
        rest.click()
        wait_idle(page)
    click_tab(page, model.audiences[-1].name)
    open_expander(page, "Collega's uitnodigen voor dit trio")
    expect(page.get_by_text("Triocode:")).to_be_visible()
    scan.check(page, "results, per theme, gewenst, other perspectives, last audience, invitation open")
    goto(page, a11y_server, "resultaten", m=seeded.half.token)
    scan.check(page, "results, trio with one half-answered member")
    scan.assert_clean()


# --- Facilitator pages ---------------------------------------------------------


def test_gate(a11y_server: StreamlitServer, new_page: NewPage, scan: Scan) -> None:
    page = new_page(1280, 900)
    goto(page, a11y_server, "begeleider")
    scan.check(page, "gate")
    page.get_by_role("textbox", name="Begeleiderscode").fill("fout-fout-fout")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page.get_by_text("Onjuiste code.")).to_be_visible()
    scan.check(page, "gate, wrong passcode")
    facilitator_login(page, a11y_server)
    scan.check(page, "gate, signed in")
    scan.assert_clean()


def sidebar_page(page: Page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    wait_idle(page)


def open_picked_werkplaats(page: Page, chart_key: str) -> None:
    """A facilitator page without an open werkplaats: "Openen" the one picked, and wait for its chart."""
    page.get_by_role("button", name="Openen", exact=True).click()
    page.locator(f".st-key-{chart_key} .js-plotly-plot").wait_for()
    wait_idle(page)


def test_werkplaatsen(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage, scan: Scan) -> None:
    page = new_page(1280, 900)
    facilitator_login(page, a11y_server)
    page.get_by_role("link", name="Werkplaatsen beheren").click()
    page.get_by_role("heading", name="Werkplaatsen", exact=True).wait_for()
    wait_idle(page)
    scan.check(page, "werkplaatsen")
    open_expander(page, "Nieuwe werkplaats")
    switch_on(page, "Ook zelfstandig ingevulde trio's tonen")
    scan.check(page, "werkplaatsen, new form open, standalone shown")
    page.locator(f".st-key-open_wp_{seeded.werkplaats.id}").get_by_role("button").click()
    wait_idle(page)
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    open_expander(page, "Werkplaats verwijderen")
    scan.check(page, "werkplaatsen, werkplaats opened, delete open")
    scan.assert_clean()


def test_wall(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage, scan: Scan) -> None:
    page = new_page(1920, 1080)
    facilitator_login(page, a11y_server)
    page.get_by_role("link", name="Groepsmuur voor de beamer").click()
    open_picked_werkplaats(page, "wall_quadrant")
    scan.check(page, "wall")
    switch_on(page, "Toon gemeentenamen")
    switch_on(page, "Grootste verschillen eerst")
    scan.check(page, "wall, names shown, table in join order")
    switch_on(page, "Deelnamecode groot")
    scan.check(page, "wall, big join code")
    switch_on(page, "Deelnamecode groot")
    switch_on(page, "Projectiemodus")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    scan.check(page, "wall, projection mode")
    switch_on(page, "Deelnamecode groot")
    scan.check(page, "wall, projection mode, big join code")
    scan.assert_clean()


def test_role_groups_and_statements(a11y_server: StreamlitServer, seeded: Seeded, new_page: NewPage,
                                    scan: Scan) -> None:
    page = new_page(1280, 900)
    facilitator_login(page, a11y_server)
    page.get_by_role("link", name="Werkplaatsen beheren").click()
    wait_idle(page)
    sidebar_page(page, "Rolgroepen")
    open_picked_werkplaats(page, "roles_quadrant")
    scan.check(page, "role groups")
    switch_on(page, "Toon gemeentenamen")
    choose(page, "Gewenst")
    for expander in page.locator("summary").filter(has_text="verdeling per rol").all():
        expander.click()
    wait_idle(page)
    scan.check(page, "role groups, names, gewenst, distributions open")
    sidebar_page(page, "Stellingen")
    scan.check(page, "statements")
    choose(page, "Grootste verschuiving eerst")
    scan.check(page, "statements, biggest shift first")
    scan.assert_clean()
