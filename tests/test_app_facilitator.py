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
    spreads = [float(text.replace(",", ".")) for text in table["Onderling verschil"]]
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


def test_an_empty_server_offers_the_restore_field(app_db: AppDb) -> None:
    """A new server has no werkplaatsen yet: that is where a backup is restored, so the field must be there."""
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    at.switch_page("app_pages/werkplaatsen.py").run()
    assert not at.exception, at.exception
    assert any("zet onderaan een back-up terug" in i.value for i in at.info)
    assert "Back-up terugzetten" in [h.value for h in at.header]
    assert "Alle werkplaatsen" not in [h.value for h in at.header]


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
# --- The wall explains itself (issue 12, items 10 and 14) -------------------------------------


def add_trio(db: AppDb, model: scoring.Model, werkplaats: storage.WerkplaatsRecord, name: str, members: int) -> None:
    trio = storage.create_trio(db.engine, werkplaats_id=werkplaats.id, municipality=name)
    for _ in range(members):
        member = storage.create_member(db.engine, trio_id=trio.id, role="sociaal")
        storage.save_answers(db.engine, member_id=member.id, frame="nu", answers={q.id: 2 for q in model.questions})


def test_wall_table_uses_decimal_commas_and_a_dash_where_there_is_no_difference(
    app_db: AppDb, model: scoring.Model
) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    add_trio(app_db, model, werkplaats, "Gemeente Alleen", members=1)
    add_trio(app_db, model, werkplaats, "Gemeente Leeg", members=0)
    at = open_wall(app_db, werkplaats)
    table = at.dataframe[0].value
    shown = dict(zip(table["Trio"], table["Onderling verschil"], strict=True))
    assert shown["C"] == "–" and shown["D"] == "–"  # one member: no 0,00; no members: no "None"
    assert all("," in shown[letter] and "." not in shown[letter] for letter in "AB")
    assert list(table["Trio"])[-2:] == ["C", "D"]  # no difference: at the bottom
    text = all_text(at)
    assert "None" not in table.to_csv()
    assert "Onderling verschil: hoe ver de trioleden uit elkaar liggen, van 0 (eens) tot 1" in text
    assert "spreiding" not in text.lower()
    assert "Jullie letter staat op jullie resultatenpagina." in text

    at.toggle(key="projection_mode").set_value(True).run()
    assert not at.exception
    (projected,) = at.table
    rows = projected.value
    assert dict(zip(rows["Trio"], rows["Onderling verschil"], strict=True)) == shown
    assert "Onderling verschil: hoe ver" in all_text(at)  # in words on the projector too

    at.toggle(key="wall_reveal").set_value(True).run()
    assert "Jullie letter staat" not in all_text(at)  # with names shown there is no letter to look for


def test_wall_figure_keeps_long_names_inside_and_whole_on_hover(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    long_name = "Gemeente 's-Hertogenbosch en Sint-Michielsgestel"
    add_trio(app_db, model, werkplaats, long_name, members=2)
    at = open_wall(app_db, werkplaats)
    at.toggle(key="wall_reveal").set_value(True).run()
    fig = figure(at, "wall_quadrant")
    nu = next(t for t in fig["data"] if t.get("meta", {}).get("frame") == "nu")
    (at_long,) = [i for i, hover in enumerate(nu["hovertext"]) if "'s-Hertogenbosch en Sint-Michielsgestel" in hover]
    shown = nu["text"][at_long]
    assert all(len(line) <= 18 for line in shown.split("<br>")), shown
    assert shown.endswith("…")
    assert "onderling verschil 0,00" in nu["hovertext"][at_long]  # two members who answer alike


def test_big_join_code_screen_shows_address_code_and_qr(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    at = open_wall(app_db, werkplaats)
    at.toggle(key="wall_big_code").set_value(True).run()
    assert not at.exception
    text = all_text(at)
    assert "Ga naar" in text and "en vul deze code in:" in text
    assert storage.format_code(werkplaats.join_code) in "".join(str(h.proto.body) for h in at.get("html"))
    assert not at.get("plotly_chart")  # only the join screen


def test_role_groups_speak_of_moments_with_decimal_commas(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, _ = seeded_werkplaats(app_db, model)
    at = open_wall(app_db, werkplaats)
    at.switch_page(pages.ROLE_GROUPS.path).run()
    assert not at.exception
    assert at.segmented_control(key="roles_frame").label == "Moment"
    cells = "\n".join(table.value.to_csv() for table in at.table)
    assert "Moment" in cells and "Frame" not in cells
    assert re.search(r"\d,\d", cells) and not re.search(r"\d\.\d", cells)
    sentences = "\n".join(str(m.value) for m in at.markdown)
    assert "verder richting" in sentences and not re.search(r"[+-]\d\.\d", sentences)
    at.switch_page(pages.STATEMENTS.path).run()
    captions = "\n".join(str(c.value) for c in at.caption)
    assert "6 trioleden" in captions
    assert re.search(r"Gemiddeld nu \d,\d → gewenst \d,\d", captions)


# --- Werkplaatsen: confirmation on creation, and tidying trios (issue 12, items 4 and 11) ----


def open_werkplaatsen(werkplaats: storage.WerkplaatsRecord | None = None) -> AppTest:
    at = login(AppTest.from_file(APP, default_timeout=TIMEOUT).run())
    if werkplaats is not None:
        at.session_state["fac_werkplaats_id"] = werkplaats.id
    at.switch_page(pages.WERKPLAATSEN.path).run()
    assert not at.exception, at.exception
    return at


def texts_in_order(at: AppTest) -> list[str]:
    """Every text on the page in the order it is shown (an html block as the text inside its tags)."""
    found: list[str] = []

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)
            return
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") == "html" and proto is not None:
            found.append(re.sub(r"<[^>]+>", "", str(proto.body)))
        elif isinstance(getattr(node, "value", None), str):
            found.append(node.value)  # type: ignore[attr-defined]

    walk(at.main)
    return found


def test_creating_a_werkplaats_confirms_it_with_its_code_and_qr_first(app_db: AppDb) -> None:
    at = open_werkplaatsen()
    at.text_input(key="new_wp_name").input("Werkplaats Zuid")
    at.button(key="FormSubmitter:new_werkplaats-Werkplaats aanmaken").click().run()
    assert not at.exception
    (werkplaats,) = storage.list_werkplaatsen(app_db.engine)
    (success,) = at.success
    assert "Werkplaats Zuid" in success.value and "aangemaakt" in success.value
    code = storage.format_code(werkplaats.join_code)
    blocks = [str(h.proto.body) for h in at.get("html")]
    assert any(code in block for block in blocks)
    assert any(f"?code={werkplaats.join_code}" in c.value for c in at.code)  # the link the QR code holds
    # Right under the list's heading: the confirmation, then the code and its link, and only then the rest.
    shown = texts_in_order(at)
    first = shown.index("Alle werkplaatsen")
    assert [t for t in shown[first:] if t in (success.value, code, "#### Trio's en trioleden", "#### Exporteren")][:4] == [
        success.value, code, "#### Trio's en trioleden", "#### Exporteren",
    ]
    assert "content/" not in all_text(at) and "UTC" not in all_text(at)


def werkplaats_with_duplicates(db: AppDb, model: scoring.Model) -> tuple[storage.WerkplaatsRecord, list[storage.TrioRecord]]:
    werkplaats = storage.create_werkplaats(
        db.engine, name="Werkplaats 4", held_on=dt.date(2026, 11, 2), content=scoring.snapshot(REPO_ROOT / "content")
    )
    trios = []
    for name in ("Gemeente 's-Hertogenbosch", "Gemeente Oss", "gemeente ’s-hertogenbosch"):
        trio = storage.create_trio(db.engine, werkplaats_id=werkplaats.id, municipality=name)
        for role in ("wijkambtenaar", "sociaal"):
            member = storage.create_member(db.engine, trio_id=trio.id, role=role)
            storage.save_answers(db.engine, member_id=member.id, frame="nu", answers={q.id: 3 for q in model.questions})
        trios.append(trio)
    return werkplaats, trios


def test_removing_a_member_asks_first_and_takes_the_answers_along(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, trios = werkplaats_with_duplicates(app_db, model)
    stays, goes = storage.list_members(app_db.engine, trios[1].id)
    at = open_werkplaatsen(werkplaats)
    at.button(key=f"trio_admin_member_{goes.id}").click().run()
    (warning,) = [w for w in at.warning if "triolid" in w.value]
    assert "De antwoorden van dit triolid worden ook verwijderd." in warning.value
    assert "trio B (Gemeente Oss)" in warning.value
    assert len(storage.list_members(app_db.engine, trios[1].id)) == 2  # nothing yet

    at.button(key=f"trio_admin_no_member_{goes.id}").click().run()
    assert not [w for w in at.warning if "triolid" in w.value]
    assert len(storage.list_members(app_db.engine, trios[1].id)) == 2

    at.button(key=f"trio_admin_member_{goes.id}").click().run()
    at.button(key=f"trio_admin_yes_member_{goes.id}").click().run()
    assert not at.exception
    assert storage.list_members(app_db.engine, trios[1].id) == [stays]
    assert list(storage.trio_answers(app_db.engine, trios[1].id)) == [stays.id]
    assert any("triolid is verwijderd" in s.value for s in at.success)


def test_removing_a_trio_asks_first_and_says_what_goes(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, trios = werkplaats_with_duplicates(app_db, model)
    at = open_werkplaatsen(werkplaats)
    at.button(key=f"trio_admin_trio_{trios[1].id}").click().run()
    (warning,) = [w for w in at.warning if "verwijderen?" in w.value]
    assert "Trio B (Gemeente Oss) verwijderen?" in warning.value
    assert "De 2 trioleden en hun antwoorden worden ook verwijderd" in warning.value
    assert len(storage.list_trios(app_db.engine, werkplaats.id)) == 3
    at.button(key=f"trio_admin_yes_trio_{trios[1].id}").click().run()
    assert not at.exception
    assert storage.list_trios(app_db.engine, werkplaats.id) == [trios[0], trios[2]]
    assert any("trio is verwijderd" in s.value for s in at.success)


def test_merging_suggests_the_duplicates_and_keeps_every_answer(app_db: AppDb, model: scoring.Model) -> None:
    werkplaats, (first, _, double) = werkplaats_with_duplicates(app_db, model)
    members = [m.id for trio in (first, double) for m in storage.list_members(app_db.engine, trio.id)]
    at = open_werkplaatsen(werkplaats)
    assert any("Trio A en trio C hebben dezelfde naam" in i.value for i in at.info)
    assert (at.selectbox(key="trio_admin_keep").value, at.selectbox(key="trio_admin_merge").value) == (
        first.id, double.id,
    )
    at.button(key="trio_admin_merge_ask").click().run()
    (warning,) = [w for w in at.warning if "samenvoegen" in w.value]
    assert "De 2 trioleden van trio C gaan met hun antwoorden naar trio A" in warning.value
    at.button(key=f"trio_admin_yes_merge_{first.id}_{double.id}").click().run()
    assert not at.exception
    assert [t.id for t in storage.list_trios(app_db.engine, werkplaats.id)] == [first.id, _.id]
    assert [m.id for m in storage.list_members(app_db.engine, first.id)] == members
    assert any("samengevoegd" in s.value for s in at.success)


def test_a_confirmation_for_something_already_gone_changes_nothing(app_db: AppDb, model: scoring.Model) -> None:
    """Two facilitators tidy at once: the second "Ja" finds the member gone and says so."""
    werkplaats, trios = werkplaats_with_duplicates(app_db, model)
    member = storage.list_members(app_db.engine, trios[0].id)[0]
    at = open_werkplaatsen(werkplaats)
    at.button(key=f"trio_admin_member_{member.id}").click().run()
    storage.delete_member(app_db.engine, member.id)  # the other facilitator was quicker
    at.button(key=f"trio_admin_yes_member_{member.id}").click().run()
    assert not at.exception
    assert any("al verwijderd" in w.value for w in at.warning)
    assert sum(len(storage.list_members(app_db.engine, t.id)) for t in trios) == 5
