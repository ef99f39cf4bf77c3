"""AppTest: joining by werkplaats code or trio code, and starting on your own."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import storage
from tests.apptest_support import APP, TIMEOUT, AppDb, new_trio

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
    at.button(key="FormSubmitter:join_role-Start de vragenlijst").click().run()
    assert not at.exception
    trios = {t.municipality: t for t in storage.list_trios(app_db.engine, werkplaats.id)}
    members = storage.list_members(app_db.engine, trios["Gemeente Tweedestad"].id)
    assert [(m.role, m.display_name) for m in members] == [("fysiek", "Sanne")]
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
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    assert not at.exception
    (werkplaats,) = storage.list_werkplaatsen(app_db.engine)
    assert werkplaats.standalone
    (trio,) = storage.list_trios(app_db.engine, werkplaats.id)
    assert trio.municipality == "Gemeente Zelfdorp"


def test_on_your_own_with_a_missing_municipality_leaves_nothing_behind(app_db: AppDb) -> None:
    at = start()
    at.button(key="FormSubmitter:alone_form-Start zelfstandig").click().run()
    assert any("Gemeente is verplicht" in e.value for e in at.error)
    assert storage.list_werkplaatsen(app_db.engine) == []
