"""AppTest: the facilitator gate, and the wall with seeded data."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import scoring
import storage
from tests.apptest_support import APP, REPO_ROOT, TIMEOUT, AppDb, figure
from ui import gate, pages, token_signing

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
PASSCODE = "juiste-code-123"  # set by the app_db fixture
FACILITATOR_PAGES = [page.path for page in pages.FACILITATOR]


def all_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("markdown", "title", "header", "subheader", "caption", "text", "info", "success", "warning", "error"):
        parts.extend(str(e.value) for e in at.get(kind))
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    for chart in at.get("plotly_chart"):
        parts.append(chart.proto.spec)
    return "\n".join(parts)


def login(at: AppTest, passcode: str = PASSCODE) -> AppTest:
    at.switch_page(pages.GATE.path).run()
    at.text_input(key="gate_passcode").input(passcode)
    at.button(key="FormSubmitter:gate_form-Aanmelden").click().run()
    return at


def seeded_werkplaats(db: AppDb, model: scoring.Model) -> tuple[storage.WerkplaatsRecord, list[str]]:
    werkplaats = storage.create_werkplaats(
        db.engine, name="Werkplaats 2", held_on=dt.date(2026, 11, 2), content=scoring.snapshot(REPO_ROOT / "content")
    )
    names = ["Gemeente Noordhoven", "Gemeente Zuiderdijk"]
    for index, name in enumerate(names):
        trio = storage.create_trio(db.engine, werkplaats_id=werkplaats.id, municipality=name)
        for offset, role in enumerate(("wijkambtenaar", "sociaal", "fysiek")):
            member = storage.create_member(db.engine, trio_id=trio.id, role=role)
            for q in model.questions:
                storage.save_answer(db.engine, member_id=member.id, question_id=q.id, frame="nu", value=1 + (index + offset) % 5)
                storage.save_answer(db.engine, member_id=member.id, question_id=q.id, frame="gewenst", value=5 - offset)
    return werkplaats, names


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_pages_refuse_without_the_passcode(app_db: AppDb, model: scoring.Model, page: str) -> None:
    werkplaats, names = seeded_werkplaats(app_db, model)
    # The page script itself checks the gate, even when reached without the navigation.
    at = AppTest.from_file(str(REPO_ROOT / page), default_timeout=TIMEOUT)
    at.session_state["fac_werkplaats_id"] = werkplaats.id
    at.run()
    assert not at.exception
    assert any("alleen voor begeleiders" in e.value for e in at.error)
    text = all_text(at)
    assert werkplaats.join_code not in text
    assert not any(name in text for name in names)
    assert not at.get("plotly_chart")


def test_navigation_lists_facilitator_pages_only_after_the_gate(app_db: AppDb) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    with pytest.raises(Exception):  # noqa: B017 - not registered, so not reachable
        at.switch_page(pages.WALL.path).run()
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    assert not at.exception
    assert any("aangemeld als begeleider" in s.value for s in at.success)
    at.switch_page(pages.WERKPLAATSEN.path).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Werkplaatsen"]


def test_wrong_passcode_six_times_triggers_the_wait(app_db: AppDb) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    for attempt in range(5):
        login(at, f"fout-{attempt}")
        assert not at.exception
    assert any("wacht" in e.value.lower() for e in [*at.error, *at.warning])
    # The sixth try, even with the right code, is refused while the wait lasts.
    at.switch_page(pages.GATE.path).run()
    submit = at.button(key="FormSubmitter:gate_form-Aanmelden")
    assert submit.disabled
    assert any("Wacht" in w.value for w in at.warning)
    assert not at.session_state["_facilitator"] if "_facilitator" in at.session_state else True


def test_passcode_never_in_url_or_page(app_db: AppDb, model: scoring.Model) -> None:
    seeded_werkplaats(app_db, model)
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    for page in [pages.GATE.path, *FACILITATOR_PAGES]:
        at.switch_page(page).run()
        assert not at.exception, page
        assert PASSCODE not in json.dumps(dict(at.query_params))
        assert PASSCODE not in all_text(at)
    assert at.text_input(key="gate_passcode").value in ("", None) if at.get("text_input") else True


def open_wall(db: AppDb, werkplaats: storage.WerkplaatsRecord) -> AppTest:
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    at.session_state["fac_werkplaats_id"] = werkplaats.id
    at.switch_page(pages.WALL.path).run()
    assert not at.exception, at.exception
    return at


def test_wall_points_equal_aggregate_and_names_are_hidden(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, names = seeded_werkplaats(app_db, model)
    at = open_wall(app_db, werkplaats)
    fig = figure(at, "wall_quadrant")
    nu_trace = next(t for t in fig["data"] if t.get("meta", {}).get("frame") == "nu")
    gewenst_trace = next(t for t in fig["data"] if t.get("meta", {}).get("frame") == "gewenst")
    assert nu_trace["text"] == ["A", "B"]

    answers = storage.werkplaats_answers(app_db.engine, werkplaats.id)
    expected = []
    for trio_answers in answers.values():
        member_scores = [
            (scoring.score(model, a.get("nu", {})), scoring.score(model, a.get("gewenst", {}))) for a in trio_answers.values()
        ]
        expected.append((
            scoring.aggregate(s for s, _ in member_scores),
            scoring.aggregate(g for _, g in member_scores),
        ))
    assert list(zip(nu_trace["x"], nu_trace["y"], strict=True)) == [pytest.approx((n.x, n.y)) for n, _ in expected]
    assert list(zip(gewenst_trace["x"], gewenst_trace["y"], strict=True)) == [
        pytest.approx((g.x, g.y)) for _, g in expected
    ]
    text = all_text(at)
    assert not any(name in text for name in names)

    at.toggle(key="wall_reveal").set_value(True).run()
    revealed = all_text(at)
    assert all(name in revealed for name in names)


def test_wall_orders_least_agreement_first(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    at = open_wall(app_db, werkplaats)
    table = at.dataframe[0].value
    spreads = list(table["Onderling verschil"])
    assert spreads == sorted(spreads, reverse=True)


def test_role_groups_and_statements_render(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    at = open_wall(app_db, werkplaats)
    at.switch_page(pages.ROLE_GROUPS.path).run()
    assert not at.exception
    fig = figure(at, "roles_quadrant")
    roles = {t["meta"]["role"] for t in fig["data"] if isinstance(t.get("meta"), dict)}
    assert roles == {"wijkambtenaar", "sociaal", "fysiek"}
    at.switch_page(pages.STATEMENTS.path).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == len(model.questions)


@pytest.mark.parametrize(("configured", "days"), [("30", 30), ("negentig", 90), ("0", 90), ("99999", 90)])
def test_werkplaatsen_page_opens_whatever_the_retention_setting_says(
    app_db: AppDb, monkeypatch: pytest.MonkeyPatch, configured: str, days: int
) -> None:
    """A mistyped ROLWIJZER_RETENTION_DAYS falls back to 90 days instead of breaking the page."""
    monkeypatch.setenv("ROLWIJZER_RETENTION_DAYS", configured)
    storage.create_werkplaats(
        app_db.engine, name="Werkplaats 3", held_on=dt.date(2026, 11, 2), content=scoring.snapshot(REPO_ROOT / "content")
    )
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    at.switch_page("app_pages/werkplaatsen.py").run()
    assert not at.exception, at.exception
    assert at.number_input(key="retention_days").value == days


# --- The facilitator's session: cookie, lifetime, Afmelden -----------------------------------


@pytest.fixture
def browser_cookies(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The cookies the browser "connected with", as ``st.context.cookies`` reads them (AppTest sends none)."""
    cookies: dict[str, str] = {}
    monkeypatch.setattr(type(st.context), "cookies", property(lambda self: cookies))
    return cookies


def cookie_scripts(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if gate.COOKIE_NAME in h.proto.body]


@pytest.mark.parametrize("typed", ["juiste-code-123", "JUISTE-CODE-123", "juistecode123", " Juiste code 123 "])
def test_the_passcode_may_be_typed_without_dashes_in_any_case(app_db: AppDb, typed: str) -> None:
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), typed)
    assert not at.exception
    assert any("aangemeld als begeleider" in s.value for s in at.success)


def test_a_login_sets_a_signed_cookie_for_the_configured_hours(
    app_db: AppDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(gate.HOURS_SETTING, "2")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert cookie_scripts(at) == []  # nobody logged in: no cookie is written
    login(at)
    token = at.session_state[gate.SESSION_KEY]
    assert token_signing.verify(token, PASSCODE, now=time.time())
    (script,) = cookie_scripts(at)
    max_age = int(re.search(r"Max-Age=(\d+)", script).group(1))  # type: ignore[union-attr]
    assert 2 * 3600 - 60 <= max_age <= 2 * 3600
    assert f"{gate.COOKIE_NAME}={token}; Path=/;" in script and "SameSite=Strict" in script
    assert "location.protocol === 'https:' ? '; Secure'" in script
    assert PASSCODE not in script and token not in json.dumps(dict(at.query_params))


def test_a_reload_with_the_cookie_stays_logged_in(app_db: AppDb, browser_cookies: dict[str, str]) -> None:
    """A new session (a reload) with a valid cookie opens the facilitator pages without the passcode."""
    browser_cookies[gate.COOKIE_NAME] = token_signing.issue(PASSCODE, now=time.time(), hours=12)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page(pages.WERKPLAATSEN.path).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Werkplaatsen"]
    assert cookie_scripts(at) == []  # the browser has it already


@pytest.mark.parametrize(
    "cookie",
    [
        pytest.param(lambda: token_signing.issue(PASSCODE, now=time.time() - 13 * 3600, hours=12), id="expired"),
        pytest.param(lambda: token_signing.issue("een-oude-code", now=time.time(), hours=12), id="other passcode"),
        pytest.param(
            lambda: re.sub(r"\.(\d+)\.", lambda m: f".{int(m.group(1)) + 3600}.",
                           token_signing.issue(PASSCODE, now=time.time() - 12 * 3600 + 5, hours=12)),
            id="tampered expiry",
        ),
        pytest.param(lambda: "1.9999999999.garbage", id="garbage"),
    ],
)
def test_a_bad_cookie_opens_nothing(
    app_db: AppDb, browser_cookies: dict[str, str], cookie: Callable[[], str]
) -> None:
    browser_cookies[gate.COOKIE_NAME] = cookie()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(pages.WALL.path)
    at.switch_page(pages.GATE.path).run()
    assert at.text_input(key="gate_passcode") is not None
    assert not at.success


@pytest.mark.parametrize("reloaded", [False, True], ids=["same session", "after a reload"])
def test_afmelden_ends_the_session_and_removes_the_cookie(
    app_db: AppDb, browser_cookies: dict[str, str], reloaded: bool
) -> None:
    if reloaded:  # the session started with the cookie
        browser_cookies[gate.COOKIE_NAME] = token_signing.issue(PASSCODE, now=time.time(), hours=12)
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
        at.switch_page(pages.GATE.path).run()
    else:  # the session logged in and wrote the cookie itself
        at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    at.button(key="gate_logout").click().run()
    assert not at.exception
    assert any(s.value == "Je bent afgemeld." for s in at.success)
    assert at.text_input(key="gate_passcode") is not None
    (script,) = cookie_scripts(at)
    assert f"'{gate.COOKIE_NAME}=; Path=/; Max-Age=0; SameSite=Strict'" in script
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(pages.WALL.path)  # the cookie this session started with no longer counts
