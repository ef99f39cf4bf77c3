"""Hardening: text from participants is shown as text on every page, never run as script or markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

import scoring
import storage
from charts.labels import fit_label

from .conftest import NewPage
from .helpers import (
    assert_no_app_error,
    create_trio,
    enter_code,
    facilitator_login,
    goto,
    open_wall,
    pick_role,
    screenshot,
    seed_werkplaats,
    wait_idle,
)
from .server import StreamlitServer

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
LINK = "[klik](javascript:alert(3))"
JS_URL = "javascript:alert(4)"
PAYLOADS = [SCRIPT, IMG, LINK, JS_URL]


@dataclass
class Watch:
    """Every dialog and console message of the pages it watches."""

    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def page(self, page: Page) -> Page:
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        return page

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        self.console.append(f"{message.type}: {message.text}")

    def assert_quiet(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        alerts = [m for m in self.console if "alert" in m.lower()]
        assert alerts == [], f"console mentions alert: {alerts}"


def assert_nothing_injected(page: Page) -> None:
    """No element made from participant text: no <script> with our code, no <img src=x>, no javascript: link."""
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.textContent).filter(t => t.includes('alert('))")
    assert scripts == []


def expect_literal(page: Page, text: str) -> None:
    """``text`` is on the page as visible text, character for character."""
    expect(page.get_by_text(text, exact=False).first).to_be_visible()


def test_hostile_text_stays_text(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    watch = Watch()
    werkplaats = seed_werkplaats(server, "Werkplaats Hardheid")

    # Trio 1 through the forms, with script in the municipality and markup in casus and name.
    page = watch.page(new_page())
    enter_code(page, server, werkplaats.join_code)
    create_trio(page, SCRIPT, casus=f"{IMG} {LINK}")
    expect_literal(page, f"Trio {SCRIPT}")
    token = pick_role(page, model.roles[0].name, display_name=IMG)

    # Three more trios and members straight into the database, one payload each.
    others: list[storage.MemberRecord] = []
    for municipality, casus, name in ((IMG, SCRIPT, LINK), (LINK, JS_URL, SCRIPT), (JS_URL, LINK, JS_URL)):
        trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)
        for role in model.roles[:2]:
            others.append(storage.create_member(server.engine, trio_id=trio.id, role=role.id, display_name=name))
    first = storage.member_context(server.engine, token)
    assert first is not None and first.trio.municipality == SCRIPT and first.member.display_name == IMG
    colleague = storage.create_member(server.engine, trio_id=first.trio.id, role=model.roles[1].id, display_name=LINK)
    for member in [first.member, colleague, *others]:
        for frame in storage.FRAMES:
            storage.save_answers(server.engine, member_id=member.id, frame=frame,
                                 answers={q.id: (i + member.id) % 5 + 1 for i, q in enumerate(model.questions)})

    # Start page: the trios already signed up, by name.
    start = watch.page(new_page())
    enter_code(start, server, werkplaats.join_code)
    start.get_by_text("Al aangemeld in deze werkplaats", exact=False).click()
    for municipality in PAYLOADS:
        expect_literal(start, municipality)
    assert_nothing_injected(start)

    # Questionnaire: caption with municipality and name; a colleague's name on the switch link.
    goto(page, server, "vragenlijst", m=token)
    expect_literal(page, SCRIPT)
    expect_literal(page, IMG)
    page.get_by_text("Verder op een ander apparaat", exact=False).click()
    switch = page.get_by_role("link", name=re.compile(re.escape(model.role_name(model.roles[1].id))))
    expect(switch).to_be_visible()
    switch.scroll_into_view_if_needed()
    assert_nothing_injected(page)
    screenshot(page, request, "vragenlijst", full=False)
    assert switch.inner_text().endswith(f"({LINK})"), switch.inner_text()

    # Results: title, casus, member labels, and actions typed into the form.
    goto(page, server, "resultaten", m=token)
    expect(page.get_by_role("heading", name=f"Resultaten · {SCRIPT}")).to_be_visible()
    expect_literal(page, f"casus: {IMG} {LINK}")
    for what, who, when in ((SCRIPT, IMG, LINK), (JS_URL, LINK, IMG)):
        page.locator(".st-key-action_what").get_by_role("textbox").fill(what)
        page.locator(".st-key-action_who").get_by_role("textbox").fill(who)
        page.locator(".st-key-action_when").get_by_role("textbox").fill(when)
        page.get_by_role("button", name="Actie toevoegen", exact=True).click()
        expect(page.get_by_role("button", name="Verwijder")).to_have_count(1 if what == SCRIPT else 2)
    wait_idle(page)
    actions = storage.list_actions(server.engine, first.trio.id)
    assert [(a.what, a.who, a.when_text) for a in actions] == [(SCRIPT, IMG, LINK), (JS_URL, LINK, IMG)]
    expect_literal(page, f"Wie: {IMG} · Wanneer: {LINK}")
    expect_literal(page, f"Wie: {LINK} · Wanneer: {IMG}")
    # Plotly reads a little HTML in labels: the figure carries the name escaped, the legend shows it as typed.
    expect(page.locator(".st-key-trio_quadrant").get_by_text(f"({IMG})", exact=False).first).to_be_visible()
    assert_nothing_injected(page)
    assert_no_app_error(page)
    screenshot(page, request, "resultaten")

    # The facilitator's wall with the names shown, then every facilitator page.
    wall = watch.page(new_page(1920, 1080))
    facilitator_login(wall, server)
    open_wall(wall, werkplaats.name)
    wall.get_by_text("Toon gemeentenamen", exact=True).click()
    for municipality in PAYLOADS:
        # Long names are wrapped and shortened beside their point (the hover has them whole): each line
        # of what the chart shows must appear as text, never as markup.
        for line in fit_label(municipality):
            expect(wall.locator(".st-key-wall_quadrant").get_by_text(line, exact=True).first).to_be_visible()
    assert_nothing_injected(wall)
    screenshot(wall, request, "muur", full=False)
    for title in ("Werkplaatsen", "Rolgroepen", "Stellingen"):
        wall.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
        wall.wait_for_url(re.compile("/" + title.lower()))
        expect(wall.get_by_role("heading", name=title).first).to_be_visible()
        wait_idle(wall)
        assert_no_app_error(wall)
        assert_nothing_injected(wall)

    watch.assert_quiet()
