"""Who you are survives a reload, the sidebar and Back: the facilitator's cookie and the member in the session."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

import scoring
import storage

from .conftest import NewContext, NewPage
from .helpers import (
    expect_progress,
    facilitator_login,
    goto,
    join_new_trio,
    open_wall,
    option,
    pick_role,
    screenshot,
    seed_werkplaats,
    wait_idle,
    wait_until,
)
from .server import PASSCODE, StreamlitServer

COOKIE = "rolwijzer_begeleider"
NOT_FOUND = re.compile("page not found", re.IGNORECASE)


def session_cookies(context: BrowserContext) -> list[dict[str, object]]:
    return [dict(c) for c in context.cookies() if c["name"] == COOKIE]


def expect_wall(page: Page) -> None:
    expect(page.locator(".st-key-wall_quadrant .js-plotly-plot")).to_be_attached()
    expect(page.get_by_role("heading", name=re.compile("^Groepsmuur"))).to_be_visible()
    wait_idle(page)


def expect_login_first(page: Page, title: str) -> None:
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text("Log eerst in als begeleider.")).to_be_visible()
    expect(main.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_role("textbox", name="Begeleiderscode")).to_be_visible()
    expect(page.get_by_text(NOT_FOUND)).to_have_count(0)


def test_the_wall_stays_logged_in_after_a_reload(
    server: StreamlitServer, new_context: NewContext, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Herladen")
    context = new_context(1920, 1080)
    wall = context.new_page()
    facilitator_login(wall, server)
    open_wall(wall, werkplaats.name)

    (cookie,) = session_cookies(context)
    assert cookie["path"] == "/" and cookie["sameSite"] == "Strict"
    assert not cookie["secure"]  # plain http here; https adds Secure
    assert 11.9 * 3600 < float(cookie["expires"]) - time.time() <= 12 * 3600  # type: ignore[arg-type]
    assert re.fullmatch(r"1\.\d+\.[\w-]{22}\.[\w-]{43}", str(cookie["value"]))
    assert str(cookie["value"]) not in wall.url and PASSCODE not in str(cookie["value"])

    wall.reload()
    expect_wall(wall)
    expect(wall.get_by_text(NOT_FOUND)).to_have_count(0)
    expect(wall.get_by_role("heading", name=f"Groepsmuur · {werkplaats.name}")).to_be_visible()  # still open
    assert wall.url == f"{server.url}/muur?werkplaats={werkplaats.id}"  # the address names no secret
    screenshot(wall, request, "herladen", full=False)

    # Every facilitator page opens straight from its address in the same browser, e.g. a new tab.
    tab = context.new_page()
    goto(tab, server, "werkplaatsen")
    expect(tab.get_by_role("heading", name="Werkplaatsen", exact=True)).to_be_visible()


def test_a_facilitator_address_without_a_session_asks_to_log_in_first(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Bladwijzer")
    for width, height in ((390, 844), (1280, 800), (1920, 1080)):
        page = new_page(width, height)
        goto(page, server, "muur")
        expect_login_first(page, "Groepsmuur")
        # Streamlit's own Page-not-found dialog would show the participant's start page behind it.
        expect(page.get_by_text("Meedoen met een code")).to_have_count(0)
        screenshot(page, request, "inloggen", full=False)

    # The passcode typed as people do: lower case, spaces instead of dashes. Then the wall itself.
    page.get_by_role("textbox", name="Begeleiderscode").fill(PASSCODE.lower().replace("-", " "))
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    page.get_by_role("button", name="Openen", exact=True).click()
    expect_wall(page)
    assert urlsplit(page.url).path == "/muur"
    expect(page.get_by_role("heading", name=f"Groepsmuur · {werkplaats.name}")).to_be_visible()

    for path, title in (("rolgroepen", "Rolgroepen"), ("stellingen", "Stellingen"), ("werkplaatsen", "Werkplaatsen")):
        other = new_page(1280, 800)
        goto(other, server, path)
        expect_login_first(other, title)


def afmelden(page: Page) -> None:
    page.get_by_role("button", name="Afmelden", exact=True).click()
    expect(page.get_by_text("Je bent afgemeld.")).to_be_visible()
    expect(page.get_by_role("link", name="Groepsmuur")).to_have_count(0)
    wait_idle(page)


def test_afmelden_removes_the_cookie(server: StreamlitServer, new_context: NewContext) -> None:
    seed_werkplaats(server)
    context = new_context(1280, 800)
    page = context.new_page()

    # In the session that logged in (and wrote the cookie).
    facilitator_login(page, server)
    assert session_cookies(context)
    # The script that writes the cookie takes no room on the page.
    expect(page.locator("[data-testid='stLayoutWrapper']:has(> .st-key-rw_session_cookie)")).to_be_hidden()
    afmelden(page)
    wait_until(lambda: session_cookies(context) == [], message="the cookie to be removed")
    page.reload()
    page.get_by_role("textbox", name="Begeleiderscode").wait_for()

    # In a session that started with the cookie (after a reload).
    facilitator_login(page, server)
    page.reload()
    expect(page.get_by_text("Je bent aangemeld als begeleider.")).to_be_visible()
    afmelden(page)
    wait_until(lambda: session_cookies(context) == [], message="the cookie to be removed")
    goto(page, server, "muur")
    expect_login_first(page, "Groepsmuur")


def open_sidebar(page: Page) -> None:
    """On a phone the sidebar is folded away behind »."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_attribute("data-collapsed") != "false":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    expect(sidebar).to_have_attribute("data-collapsed", "false")


def sidebar_link(page: Page, title: str) -> None:
    """Tap a page in the sidebar, then fold it away again (a phone's browser does that by itself)."""
    open_sidebar(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True).click()
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    if sidebar.get_attribute("data-collapsed") == "false":
        sidebar.get_by_role("button", name="Collapse sidebar").click()
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    page.wait_for_function(  # the slide-out has ended
        """() => document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect().right <= 1"""
    )


def test_the_sidebar_keeps_the_member_on_a_phone(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Zijbalk")
    phone = new_page(390, 844)
    token = join_new_trio(phone, server, werkplaats.join_code, "Gemeente Zijbalk", model.roles[0].name)
    question = model.questions[0]
    option(phone, question.id, "nu", 4).click()
    expect_progress(phone, 1)

    sidebar_link(phone, "Resultaten")
    expect(phone.get_by_role("heading", name="Resultaten · Gemeente Zijbalk")).to_be_visible()
    expect(phone.get_by_text("Je bent nog niet aangemeld")).to_have_count(0)
    phone.wait_for_url(re.compile(rf"/resultaten\?m={token}$"))
    wait_idle(phone)
    screenshot(phone, request, "resultaten", full=False)

    sidebar_link(phone, "Vragenlijst")
    phone.wait_for_url(re.compile(rf"/vragenlijst\?m={token}$"))
    expect(option(phone, question.id, "nu", 4)).to_have_attribute("aria-checked", "true")
    expect_progress(phone, 1)

    sidebar_link(phone, "Start")
    expect(phone.get_by_text(f"Verder als {model.roles[0].name} van Gemeente Zijbalk.")).to_be_visible()
    wait_idle(phone)
    screenshot(phone, request, "start", full=False)
    phone.get_by_role("link", name="Verder met de vragenlijst").click()
    expect(option(phone, question.id, "nu", 4)).to_have_attribute("aria-checked", "true")

    # A reload after the sidebar keeps the member as well: the token is back in the address.
    sidebar_link(phone, "Resultaten")
    phone.wait_for_url(re.compile(rf"/resultaten\?m={token}$"))
    phone.reload()
    expect(phone.get_by_role("heading", name="Resultaten · Gemeente Zijbalk")).to_be_visible()


def test_back_after_joining_makes_no_second_member(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Terug")
    page = new_page(390, 844)
    role = model.roles[1].name
    token = join_new_trio(page, server, werkplaats.join_code, "Gemeente Terugdorp", role, display_name="Noor")
    (trio,) = storage.list_trios(server.engine, werkplaats.id)

    page.go_back()
    page.locator(".st-key-join_role_role").wait_for()
    wait_idle(page)
    assert pick_role(page, role) == token
    assert [m.token for m in storage.list_members(server.engine, trio.id)] == [token]
