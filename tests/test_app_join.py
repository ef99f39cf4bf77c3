"""AppTest: joining by werkplaats code or trio code, and starting on your own."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import storage
from tests.apptest_support import APP, TIMEOUT, AppDb, new_trio
from ui import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def start() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT).run()


def enter_code(at: AppTest, code: str) -> AppTest:
    at.text_input(key="join_code").input(code)
    at.button(key="FormSubmitter:code_form-Verder").click().run()
    return at


def test_werkplaats_code_creates_a_trio_and_a_member(app_db: AppDb) -> None:
    existing = new_trio(app_db, municipality="Gemeente Eerstestad")
    werkplaats = storage.get_werkplaats(app_db.engine, existing.werkplaats_id)
    assert werkplaats is not None
    at = enter_code(start(), storage.format_code(werkplaats.join_code))
    assert any("Gemeente Eerstestad" in t.value for t in at.text)  # who already joined, names only
    at.text_input(key="new_trio_municipality").input("Gemeente Tweedestad")
    at.text_area(key="new_trio_casus").input("Speeltuin in de Molenwijk")
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert not at.exception
    at.radio(key="join_role_role").set_value("fysiek")
    at.text_input(key="join_role_name").input("Sanne")
    at.radio(key="join_role_level").set_value("strategie")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert not at.exception
    trios = {t.municipality: t for t in storage.list_trios(app_db.engine, werkplaats.id)}
    members = storage.list_members(app_db.engine, trios["Gemeente Tweedestad"].id)
    assert [(m.role, m.display_name, m.level) for m in members] == [("fysiek", "Sanne", "strategie")]
    assert at.query_params["m"] in (members[0].token, [members[0].token])  # the page now carries the token


def test_trio_code_joins_that_trio(app_db: AppDb) -> None:
    trio = new_trio(app_db)
    storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["code"] = trio.code.lower()
    at.run()
    assert any(trio.municipality in s.value for s in at.success)
    # The role already taken is marked, and listed last.
    options = at.radio(key="join_role_role").options
    assert options[-1].endswith("(al in dit trio)")
    at.radio(key="join_role_role").set_value("sociaal")
    at.radio(key="join_role_level").set_value("uitvoering")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert [m.role for m in storage.list_members(app_db.engine, trio.id)] == ["wijkambtenaar", "sociaal"]


def test_empty_municipality_is_explained(app_db: AppDb) -> None:
    trio = new_trio(app_db)
    werkplaats = storage.get_werkplaats(app_db.engine, trio.werkplaats_id)
    assert werkplaats is not None
    at = enter_code(start(), werkplaats.join_code)
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert any("Gemeente is verplicht" in e.value for e in at.error)


def test_on_your_own_creates_a_private_werkplaats(app_db: AppDb) -> None:
    at = start()
    at.text_input(key="alone_municipality").input("Gemeente Zelfdorp")
    at.radio(key="alone_role").set_value("wijkambtenaar")
    at.radio(key="alone_level").set_value("bestuur")
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    assert not at.exception
    (werkplaats,) = storage.list_werkplaatsen(app_db.engine)
    assert werkplaats.standalone
    (trio,) = storage.list_trios(app_db.engine, werkplaats.id)
    assert trio.municipality == "Gemeente Zelfdorp"
    assert [m.level for m in storage.list_members(app_db.engine, trio.id)] == ["bestuur"]


def test_on_your_own_with_a_missing_municipality_leaves_nothing_behind(app_db: AppDb) -> None:
    at = start()
    at.radio(key="alone_level").set_value("uitvoering")
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    assert any("Gemeente is verplicht" in e.value for e in at.error)
    assert storage.list_werkplaatsen(app_db.engine) == []


# --- The member stays known (sidebar, links, Back), and joining twice makes one member ----------


def join_by_trio_code(at: AppTest, trio: storage.TrioRecord, role: str, name: str = "",
                      level: str = "uitvoering") -> AppTest:
    at.query_params["code"] = trio.code
    at.run()
    at.radio(key="join_role_role").set_value(role)
    at.text_input(key="join_role_name").input(name)
    at.radio(key="join_role_level").set_value(level)
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert not at.exception
    return at


def url_token(at: AppTest) -> str | None:
    value = at.query_params.get("m")
    return value[0] if isinstance(value, list) else value


def open_without_params(at: AppTest, page: str) -> AppTest:
    """What a sidebar link does: another page, and the query parameters are gone."""
    at.query_params.clear()
    at.switch_page(page).run()
    assert not at.exception
    return at


def test_the_sidebar_keeps_the_member(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db, municipality="Gemeente Zijbalk")
    at = join_by_trio_code(AppTest.from_file(APP, default_timeout=TIMEOUT), trio, "sociaal")
    (member,) = storage.list_members(app_db.engine, trio.id)

    open_without_params(at, pages.RESULTS.path)
    assert not any("nog niet aangemeld" in i.value for i in at.info)
    assert [t.value for t in at.title] == ["Resultaten · Gemeente Zijbalk"]
    assert url_token(at) == member.token  # back in the address, so a reload works too

    open_without_params(at, pages.QUESTIONNAIRE.path)
    assert [t.value for t in at.title] == ["Vragenlijst"]
    assert url_token(at) == member.token

    open_without_params(at, pages.START.path)
    texts = [m.value.replace("\\", "") for m in at.markdown]
    assert f"**Verder als {model.role_name('sociaal')} van Gemeente Zijbalk.** Je antwoorden zijn bewaard." in texts
    assert "Verder met de vragenlijst" in [link.proto.label for link in at.get("page_link")]
    assert url_token(at) is None  # the start page leaves the address alone
    assert not any("token" in m.value for m in at.markdown)  # no code comment shown as text


def test_a_token_in_the_url_wins_over_the_remembered_member(app_db: AppDb) -> None:
    """On a shared laptop, the link of another triolid switches to that member."""
    trio = new_trio(app_db, municipality="Gemeente Eenlaptop")
    at = join_by_trio_code(AppTest.from_file(APP, default_timeout=TIMEOUT), trio, "sociaal")
    other = storage.create_member(app_db.engine, trio_id=trio.id, role="fysiek", display_name="Ayse")
    at.query_params["m"] = other.token
    at.switch_page(pages.QUESTIONNAIRE.path).run()
    assert any("Ayse" in c.value for c in at.caption)
    open_without_params(at, pages.RESULTS.path)
    assert url_token(at) == other.token


def test_submitting_the_role_form_again_makes_no_second_member(app_db: AppDb) -> None:
    """Join, press Back (the start page again, without ?m=) and submit the same form: still one member."""
    trio = new_trio(app_db)
    at = join_by_trio_code(AppTest.from_file(APP, default_timeout=TIMEOUT), trio, "wijkambtenaar", "Noor")
    (first,) = storage.list_members(app_db.engine, trio.id)
    open_without_params(at, pages.START.path)
    # The form comes back with the member's own choices (Streamlit forgets a widget that left the screen).
    assert at.radio(key="join_role_role").value == "wijkambtenaar"
    assert at.radio(key="join_role_role").options[0].endswith("(dat ben jij)")
    assert at.text_input(key="join_role_name").value == "Noor"
    assert at.radio(key="join_role_level").value == "uitvoering"
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert not at.exception
    assert [m.id for m in storage.list_members(app_db.engine, trio.id)] == [first.id]
    assert url_token(at) == first.token

    # Another role on the same device is another person (two triogenoten on one laptop).
    open_without_params(at, pages.START.path)
    at.radio(key="join_role_role").set_value("fysiek")
    at.text_input(key="join_role_name").input("Ayse")
    at.radio(key="join_role_level").set_value("strategie")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert [(m.role, m.display_name) for m in storage.list_members(app_db.engine, trio.id)] == [
        ("wijkambtenaar", "Noor"), ("fysiek", "Ayse"),
    ]


def test_starting_on_your_own_twice_makes_one_werkplaats(app_db: AppDb) -> None:
    at = start()
    at.text_input(key="alone_municipality").input("Gemeente Zelfdorp")
    at.radio(key="alone_role").set_value("wijkambtenaar")
    at.radio(key="alone_level").set_value("uitvoering")
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    open_without_params(at, pages.START.path)  # Back: Streamlit has forgotten the form's fields
    at.text_input(key="alone_municipality").input("Gemeente  Zelfdorp ")
    at.radio(key="alone_role").set_value("wijkambtenaar")
    at.radio(key="alone_level").set_value("uitvoering")
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    assert not at.exception
    (werkplaats,) = storage.list_werkplaatsen(app_db.engine)
    (trio,) = storage.list_trios(app_db.engine, werkplaats.id)
    assert len(storage.list_members(app_db.engine, trio.id)) == 1


@pytest.mark.parametrize("typed", ["gemeente ’s-hertogenbosch", "  Gemeente  's-Hertogenbosch "])
def test_a_trio_name_that_exists_asks_to_join_it_instead(app_db: AppDb, typed: str) -> None:
    """Issue 12 item 4: the same municipality again (case, curly quotes, spaces) gives "Bestaat al"."""
    existing = new_trio(app_db, municipality="Gemeente 's-Hertogenbosch")
    werkplaats = storage.get_werkplaats(app_db.engine, existing.werkplaats_id)
    assert werkplaats is not None
    at = enter_code(start(), storage.format_code(werkplaats.join_code))
    at.text_input(key="new_trio_municipality").input(typed)
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert not at.exception
    assert any("Bestaat al" in w.value and "Hertogenbosch" in w.value for w in at.warning)
    assert len(storage.list_trios(app_db.engine, werkplaats.id)) == 1  # nothing made yet
    at.button(key="similar_join").click().run()
    at.radio(key="join_role_role").set_value("sociaal")
    at.radio(key="join_role_level").set_value("uitvoering")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert not at.exception
    assert [t.id for t in storage.list_trios(app_db.engine, werkplaats.id)] == [existing.id]
    assert [m.role for m in storage.list_members(app_db.engine, existing.id)] == ["sociaal"]


def test_a_new_trio_after_all_when_the_name_only_looks_the_same(app_db: AppDb) -> None:
    existing = new_trio(app_db, municipality="Gemeente Eerstestad")
    werkplaats = storage.get_werkplaats(app_db.engine, existing.werkplaats_id)
    assert werkplaats is not None
    at = enter_code(start(), storage.format_code(werkplaats.join_code))
    at.text_input(key="new_trio_municipality").input("GEMEENTE EERSTESTAD")
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    at.button(key="similar_new").click().run()
    assert not at.exception
    assert sorted(t.municipality for t in storage.list_trios(app_db.engine, werkplaats.id)) == [
        "GEMEENTE EERSTESTAD", "Gemeente Eerstestad",
    ]
    assert at.radio(key="join_role_role") is not None  # on to the role step of the new trio


# --- The level a member works at (issue 11, item 2) --------------------------------------------------


def test_the_level_is_required_and_offers_the_contents_levels(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["code"] = trio.code
    at.run()
    level = at.radio(key="join_role_level")
    assert level.label == "Op welk niveau werk je?"
    assert level.options == [lv.name for lv in model.levels] and level.value is None
    at.radio(key="join_role_role").set_value("sociaal")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert [e.value for e in at.error] == ["Kies op welk niveau je werkt."]
    assert storage.list_members(app_db.engine, trio.id) == []
    at.radio(key="join_role_level").set_value("bestuur")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert [(m.role, m.level) for m in storage.list_members(app_db.engine, trio.id)] == [("sociaal", "bestuur")]


def test_back_and_another_level_changes_the_members_level(app_db: AppDb) -> None:
    trio = new_trio(app_db)
    at = join_by_trio_code(AppTest.from_file(APP, default_timeout=TIMEOUT), trio, "sociaal", level="uitvoering")
    open_without_params(at, pages.START.path)
    at.radio(key="join_role_level").set_value("strategie")
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert [m.level for m in storage.list_members(app_db.engine, trio.id)] == ["strategie"]


def test_an_empty_code_says_what_to_do(app_db: AppDb) -> None:
    """Issue 12 item 11: "Verder" without a code used to do nothing at all."""
    at = enter_code(start(), "")
    assert not at.exception
    assert any("Vul eerst de code in" in w.value for w in at.warning)


def test_a_name_longer_than_the_limit_is_kept_and_explained(app_db: AppDb) -> None:
    """Issue 12 item 11: with ``max_chars`` the browser drops a pasted text that is too long, whole and
    silently; now the field keeps it and the form says how long it may be."""
    existing = new_trio(app_db)
    werkplaats = storage.get_werkplaats(app_db.engine, existing.werkplaats_id)
    assert werkplaats is not None
    at = enter_code(start(), storage.format_code(werkplaats.join_code))
    assert at.text_input(key="new_trio_municipality").proto.max_chars == 0  # no limit the browser enforces
    too_long = "Gemeente " + "x" * storage.MAX_MUNICIPALITY
    at.text_input(key="new_trio_municipality").input(too_long)
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert not at.exception
    assert any(f"maximaal {storage.MAX_MUNICIPALITY} tekens" in e.value for e in at.error)
    assert at.text_input(key="new_trio_municipality").value == too_long
    assert len(storage.list_trios(app_db.engine, werkplaats.id)) == 1
