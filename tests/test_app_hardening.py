"""AppTest: bad content, a broken database, hostile URLs, guessing and access: handled, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import storage
from tests.apptest_support import APP, TIMEOUT, AppDb, app_for, new_trio
from tests.packs import INVALID_DIR, MINIMAL_DIR
from ui import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def page_text(at: AppTest) -> str:
    parts: list[str] = []
    for kind in ("markdown", "title", "header", "subheader", "caption", "text", "info", "success", "warning", "error"):
        parts.extend(str(e.value) for e in at.get(kind))
    parts.extend(chart.proto.spec for chart in at.get("plotly_chart"))
    parts.extend(frame.value.to_csv() for frame in at.dataframe)
    return "\n".join(parts)


INVALID_PACKS = sorted(p for p in INVALID_DIR.iterdir() if p.is_dir())


def generated_pack(tmp_path: Path, kind: str) -> tuple[Path, list[str]]:
    """Faults too big to commit, made at test time."""
    pack = tmp_path / kind
    shutil.copytree(MINIMAL_DIR, pack)
    if kind == "huge_file":
        (pack / "questions.yaml").write_text("# " + "x" * 10_000_000 + "\n", encoding="utf-8")
        return pack, ["questions.yaml: bestand is te groot"]
    if kind == "billion_laughs":
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        for level in "bcdefghi":
            previous = chr(ord(level) - 1)
            lines.append(f"{level}: &{level} [{','.join(['*' + previous] * 9)}]")
        (pack / "model.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return pack, ["model.yaml: regel 2", "ankers en aliassen"]
    raise ValueError(kind)


def assert_error_page(at: AppTest, expected: list[str]) -> None:
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["De inhoud van Rolwijzer klopt niet"]
    shown = "\n".join(t.value for t in at.text)
    for line in expected:
        assert line in shown, (line, shown)


@pytest.mark.parametrize("pack", INVALID_PACKS, ids=[p.name for p in INVALID_PACKS])
def test_every_invalid_pack_shows_the_error_page(app_db: AppDb, monkeypatch: pytest.MonkeyPatch, pack: Path) -> None:
    monkeypatch.setenv("ROLWIJZER_CONTENT_DIR", str(pack))
    expected = [line for line in (pack / "expected.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert_error_page(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), expected)


@pytest.mark.parametrize("kind", ["huge_file", "billion_laughs"])
def test_generated_bad_packs_show_the_error_page(
    app_db: AppDb, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    pack, expected = generated_pack(tmp_path, kind)
    monkeypatch.setenv("ROLWIJZER_CONTENT_DIR", str(pack))
    assert_error_page(AppTest.from_file(APP, default_timeout=TIMEOUT).run(), expected)


def test_corrupt_sqlite_file_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.db"
    broken.write_bytes(b"dit is geen database" * 100)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{broken}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["De database van Rolwijzer is niet bereikbaar"]
    assert str(broken) in page_text(at)


@pytest.mark.parametrize(
    "params",
    [
        {"m": "<script>alert(1)</script>"},
        {"m": "a" * 10_000},
        {"m": "A" * 32},  # a well-formed token that belongs to nobody
        {"m": "ééé\u202e\x00"},
        {"m": ""},
        {"code": "x" * 5_000},
        {"code": "<img src=x onerror=alert(1)>"},
        {"code": "'; DROP TABLE answer; --"},
    ],
    ids=["script", "very-long", "unknown-token", "unicode-controls", "empty", "long-code", "html-code", "sql-code"],
)
@pytest.mark.parametrize("page", [None, pages.QUESTIONNAIRE.path, pages.RESULTS.path])
def test_garbage_query_params_are_handled(app_db: AppDb, params: dict[str, str], page: str | None) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    if page:
        assert any("nog niet aangemeld" in i.value for i in at.info)
    # The database is untouched by whatever the URL says.
    assert storage.list_werkplaatsen(app_db.engine) == []


def enter_code(at: AppTest, code: str) -> AppTest:
    at.text_input(key="join_code").input(code)
    at.button(key="FormSubmitter:code_form-Verder").click().run()
    return at


def test_join_code_guessing_is_slowed(app_db: AppDb) -> None:
    trio = new_trio(app_db)
    werkplaats = storage.get_werkplaats(app_db.engine, trio.werkplaats_id)
    assert werkplaats is not None
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    for attempt in range(5):
        enter_code(at, f"QQQQQ{attempt}")
        assert any("kennen we niet" in e.value for e in at.error)
    # Now even the right code waits.
    enter_code(at, werkplaats.join_code)
    assert any("Te veel onbekende codes" in w.value for w in at.warning)
    assert not any("gevonden" in s.value for s in at.success)


def test_a_right_code_is_accepted_in_any_spelling(app_db: AppDb) -> None:
    trio = new_trio(app_db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    spaced = f" {trio.code[:3].lower()}-{trio.code[3:].lower()} "
    enter_code(at, spaced)
    assert not at.exception
    assert any(trio.municipality in s.value for s in at.success)


def test_answers_wait_while_the_database_is_away(
    app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    real_save = storage.save_answer

    def unavailable(*args: object, **kwargs: object) -> None:
        raise storage.StorageUnavailable("De database is even weg (test).")

    monkeypatch.setattr(storage, "save_answer", unavailable)
    first, second = model.questions[0].id, model.questions[1].id
    at.segmented_control(key=f"answer_nu_{first}").set_value(4).run()
    at.segmented_control(key=f"answer_gewenst_{second}").set_value(2).run()
    assert not at.exception
    assert any("nog niet opgeslagen" in w.value for w in at.warning)
    assert storage.member_answers(app_db.engine, member.id)["nu"] == {}
    # The member still sees their choice, and the dot uses it.
    assert at.segmented_control(key=f"answer_nu_{first}").value == 4

    monkeypatch.setattr(storage, "save_answer", real_save)
    at.run()  # the next rerun (or the retry timer) writes what waited
    assert not any("nog niet opgeslagen" in w.value for w in at.warning)
    saved = storage.member_answers(app_db.engine, member.id)
    assert saved["nu"] == {first: 4}
    assert saved["gewenst"] == {second: 2}


def test_a_member_sees_only_their_own_trio(app_db: AppDb, model: scoring.Model) -> None:
    mine = new_trio(app_db, municipality="Gemeente Eigenstad")
    werkplaats = storage.get_werkplaats(app_db.engine, mine.werkplaats_id)
    assert werkplaats is not None
    other = storage.create_trio(app_db.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Anderdorp", casus="Geheim plan")
    me = storage.create_member(app_db.engine, trio_id=mine.id, role="wijkambtenaar", display_name="Ik")
    them = storage.create_member(app_db.engine, trio_id=other.id, role="sociaal", display_name="Zij")
    for q in model.questions:
        storage.save_answer(app_db.engine, member_id=them.id, question_id=q.id, frame="nu", value=1)
    for page in [pages.QUESTIONNAIRE.path, pages.RESULTS.path]:
        at = app_for(me.token, page).run()
        assert not at.exception
        text = page_text(at)
        assert "Gemeente Eigenstad" in text
        for secret in ("Gemeente Anderdorp", "Geheim plan", "Zij", them.token, other.code):
            assert secret not in text, (page, secret)


def test_hostile_names_are_shown_as_text(app_db: AppDb) -> None:
    hostile = "<img src=x onerror=alert(1)> [klik](javascript:alert(2)) **vet**"
    trio = new_trio(app_db, municipality=hostile[:80], casus="<script>alert(3)</script>")
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar", display_name="=1+2")
    at = app_for(member.token, pages.RESULTS.path).run()
    assert not at.exception
    title = at.title[0].value
    # Markdown and HTML syntax is escaped, so it renders as the literal characters.
    assert "\\<img src\\=x onerror\\=alert\\(1\\)\\>" in title
    assert "\\[klik\\]\\(javascript\\:alert\\(2\\)\\)" in title
    assert "\\*\\*vet\\*\\*" in title
    assert "\\<script\\>" in at.caption[0].value
