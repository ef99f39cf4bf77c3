"""The werkplaats exports hold what trios take home from a round (issue 13): chosen perspectives,
actions with their follow-up, and leervragen with this round's note, as the database holds them."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine

import scoring
import storage
from reports.export_bestuur import BESTUUR_COLUMNS, SHEET_BESTUUR
from reports.export_rounds import (
    ACTION_COLUMNS,
    LEERVRAAG_COLUMNS,
    PERSPECTIVE_COLUMNS,
    SHEET_ACTIONS,
    SHEET_LEERVRAGEN,
    SHEET_PERSPECTIVES,
    actions_frame,
    leervragen_frame,
    perspectives_frame,
)
from reports.exports import to_csv_bytes, to_excel_bytes, werkplaats_export_frames
from storage.export_reads import PerspectiveChoiceRow
from tests.apptest_support import REPO_ROOT
from tests.round_support import TwoRounds, two_rounds

STAND = {None: "—", "gedaan": "Gedaan", "bezig": "Bezig", "niet_gelukt": "Niet gelukt", "losgelaten": "Losgelaten"}


@pytest.fixture
def rounds(engine: Engine, content: scoring.ContentSnapshot) -> TwoRounds:
    return two_rounds(engine, content)


def read_excel(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None, keep_default_na=False)


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)


def inert(text: str) -> str:
    """Text as a spreadsheet cell holds it: a formula start gets a leading quote."""
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def expected(engine: Engine, werkplaats_id: int) -> dict[str, list[tuple[object, ...]]]:
    """The three sheets' rows from the per-trio storage reads, as a spreadsheet cell holds them."""
    werkplaats = storage.get_werkplaats(engine, werkplaats_id)
    assert werkplaats is not None
    titles = {p.id: p.title for p in storage.model_for_werkplaats(werkplaats).perspectives}
    sheets: dict[str, list[tuple[object, ...]]] = {SHEET_PERSPECTIVES: [], SHEET_ACTIONS: [], SHEET_LEERVRAGEN: []}
    for trio in storage.list_trios(engine, werkplaats_id):
        town = inert(trio.municipality)
        for perspective in storage.chosen_perspectives(engine, trio.id, round_id=werkplaats_id):
            sheets[SHEET_PERSPECTIVES].append((trio.id, town, perspective, titles[perspective]))
        for a in storage.list_actions(engine, trio.id, round_id=werkplaats_id):
            sheets[SHEET_ACTIONS].append(
                (trio.id, town, inert(a.what), a.who, a.when_text, STAND[a.status], inert(a.reflection))
            )
        for v in storage.list_leervragen(engine, trio.id):
            note = next((n.text for n in v.notes if n.round_id == werkplaats_id), "")
            sheets[SHEET_LEERVRAGEN].append((trio.id, town, v.position, v.text, inert(note)))
    return sheets


def rows(df: pd.DataFrame, columns: int) -> list[tuple[object, ...]]:
    return [tuple(row[:columns]) for row in df.itertuples(index=False)]


@pytest.mark.parametrize("which", ["first", "second"])
def test_excel_holds_the_rounds_perspectives_actions_and_leervragen(
    engine: Engine, rounds: TwoRounds, which: str
) -> None:
    werkplaats: storage.WerkplaatsRecord = getattr(rounds, which)
    frames = werkplaats_export_frames(engine, werkplaats.id)
    assert list(frames)[-4:] == [SHEET_PERSPECTIVES, SHEET_ACTIONS, SHEET_LEERVRAGEN, SHEET_BESTUUR]
    excel = read_excel(to_excel_bytes(frames))
    want = expected(engine, werkplaats.id)
    assert list(excel[SHEET_PERSPECTIVES].columns) == list(PERSPECTIVE_COLUMNS)
    assert list(excel[SHEET_ACTIONS].columns) == list(ACTION_COLUMNS)
    assert list(excel[SHEET_LEERVRAGEN].columns) == list(LEERVRAAG_COLUMNS)
    assert rows(excel[SHEET_PERSPECTIVES], 4) == want[SHEET_PERSPECTIVES]
    assert rows(excel[SHEET_ACTIONS], 7) == want[SHEET_ACTIONS]
    assert rows(excel[SHEET_LEERVRAGEN], 5) == want[SHEET_LEERVRAGEN]
    chosen = excel[SHEET_PERSPECTIVES]["gekozen op"]
    assert pd.api.types.is_datetime64_any_dtype(chosen) and chosen.notna().all()


def test_each_round_has_its_own_rows(engine: Engine, rounds: TwoRounds) -> None:
    first = read_excel(to_excel_bytes(werkplaats_export_frames(engine, rounds.first.id)))
    second = read_excel(to_excel_bytes(werkplaats_export_frames(engine, rounds.second.id)))
    a, b = (t.id for t in rounds.trios)
    assert rows(first[SHEET_ACTIONS], 7) == [
        (a, "Gemeente Noord", "Bellen met de wethouder", "Lid 00", "april", "Gedaan", "Goed gesprek"),
        (a, "Gemeente Noord", "'=Buurtkamer bezoeken", "", "", "Niet gelukt", "'@geen tijd"),
        (b, "'=Gemeente Zuid", "Speeltuin opmeten", "Lid 11", "mei", "—", ""),
    ]
    assert rows(second[SHEET_ACTIONS], 7) == [
        (a, "Gemeente Noord", "Bewonersavond", "Lid 02", "juni", "Bezig", "Zaal gevonden"),
        (a, "Gemeente Noord", "Verslag delen", "", "", "—", ""),
    ]
    assert first[SHEET_LEERVRAGEN]["wat jullie nu weten"].tolist() == ["Nog niet duidelijk", "", ""]
    assert second[SHEET_LEERVRAGEN]["wat jullie nu weten"].tolist() == [
        "De wethouder, samen met ons", "", "'=Meer ontmoeting",
    ]
    assert first[SHEET_LEERVRAGEN]["nummer"].tolist() == [1, 2, 3]
    assert first[SHEET_PERSPECTIVES]["trio"].tolist() == [a]
    assert second[SHEET_PERSPECTIVES]["trio"].tolist() == [b]


def test_csv_of_the_new_sheets(engine: Engine, rounds: TwoRounds) -> None:
    frames = werkplaats_export_frames(engine, rounds.first.id)
    want = expected(engine, rounds.first.id)
    for sheet, width in ((SHEET_PERSPECTIVES, 4), (SHEET_ACTIONS, 7), (SHEET_LEERVRAGEN, 5)):
        assert rows(read_csv(to_csv_bytes(frames[sheet])), width) == want[sheet], sheet
    chosen = read_csv(to_csv_bytes(frames[SHEET_PERSPECTIVES]))["gekozen op"].iloc[0]
    assert "+" not in chosen and chosen.startswith("20")  # Dutch clock time, no time zone


def test_a_werkplaats_without_any_gives_empty_sheets_with_their_columns(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = storage.create_werkplaats(engine, name="Leeg", held_on=datetime(2027, 1, 1).date(), content=content)
    storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Leeg")
    excel = read_excel(to_excel_bytes(werkplaats_export_frames(engine, werkplaats.id)))
    for sheet, columns in (
        (SHEET_PERSPECTIVES, PERSPECTIVE_COLUMNS), (SHEET_ACTIONS, ACTION_COLUMNS), (SHEET_LEERVRAGEN, LEERVRAAG_COLUMNS),
        (SHEET_BESTUUR, BESTUUR_COLUMNS),
    ):
        assert excel[sheet].empty and list(excel[sheet].columns) == list(columns)


def test_pure_frames_name_a_removed_perspective_by_its_id(model: scoring.Model) -> None:
    now = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
    trio = storage.TrioRecord(id=7, werkplaats_id=1, municipality="+Stad", casus="", code="CDEFGH", created_at=now)
    trios = [storage.TrioMembers(trio=trio, members=())]
    known = model.perspectives[0]
    choices = [PerspectiveChoiceRow(7, known.id, now), PerspectiveChoiceRow(7, "oud_perspectief", now)]
    frame = perspectives_frame(model, trios, choices)
    assert frame["titel"].tolist() == [known.title, "oud_perspectief"]
    assert read_csv(to_csv_bytes(frame))["gemeente"].tolist() == ["'+Stad", "'+Stad"]
    action = storage.ActionRecord(id=1, trio_id=7, what="x", who="", when_text="", created_at=now, status="losgelaten")
    assert actions_frame(trios, [action])["stand"].tolist() == ["Losgelaten"]
    note = storage.LeervraagNoteRecord(round_id=2, text="later", updated_at=now)
    leervraag = storage.LeervraagRecord(id=1, trio_id=7, position=1, text="Vraag", notes=(note,))
    assert leervragen_frame(trios, [leervraag], round_id=1)["wat jullie nu weten"].tolist() == [""]
    assert leervragen_frame(trios, [leervraag], round_id=2)["wat jullie nu weten"].tolist() == ["later"]


def test_new_sheets_are_documented() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exports") :]
    section = section[: section.index("\n## ", 1)]
    for sheet, columns in (
        (SHEET_PERSPECTIVES, PERSPECTIVE_COLUMNS), (SHEET_ACTIONS, ACTION_COLUMNS), (SHEET_LEERVRAGEN, LEERVRAAG_COLUMNS),
        (SHEET_BESTUUR, BESTUUR_COLUMNS),
    ):
        (line,) = [row for row in section.splitlines() if row.startswith(f"| {sheet} |")]
        assert [c.strip("` ") for c in line.split("|")[2].split(",")] == list(columns), sheet
    sheets = len([row for row in section.splitlines() if row.startswith("| ") and not row.startswith("| sheet")])
    assert f"Excel ({['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][sheets]} sheets)" in section
