"""The werkplaats export's ``Bestuur`` sheet: the trio's place beside its bestuurder's, per round, and the
bestuurder never in the trios' own sheets (``Antwoorden``, ``Scores``)."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import Engine

import scoring
import storage
from reports.export_bestuur import BESTUUR_COLUMNS, SHEET_BESTUUR
from reports.exports import SHEET_ANSWERS, SHEET_SCORES, werkplaats_export_frames
from storage.export_reads import werkplaats_bestuur
from tests.round_support import two_rounds
from tests.sql_support import count_statements
from tests.storage_support import make_trio, make_werkplaats

ROLES = ("wijkambtenaar", "sociaal", "fysiek")


def answer_everything(engine: Engine, model: scoring.Model, member_id: int, nu: int, gewenst: int) -> None:
    for frame, value in (("nu", nu), ("gewenst", gewenst)):
        storage.save_answers(engine, member_id=member_id, frame=frame, answers={q.id: value for q in model.questions})


def test_the_bestuurder_beside_the_trio(engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model) -> None:
    werkplaats = make_werkplaats(engine, content)
    with_bestuur, without = make_trio(engine, werkplaats), make_trio(engine, werkplaats)
    for trio in (with_bestuur, without):
        for role in ROLES:
            answer_everything(engine, model, storage.create_member(engine, trio_id=trio.id, role=role).id, nu=2, gewenst=4)
    bestuurder = storage.invite_bestuurder(engine, trio_id=with_bestuur.id)
    answer_everything(engine, model, bestuurder.id, nu=5, gewenst=4)

    frames = werkplaats_export_frames(engine, werkplaats.id)
    sheet = frames[SHEET_BESTUUR]
    assert list(sheet.columns) == list(BESTUUR_COLUMNS)
    assert sheet["trio"].tolist() == [with_bestuur.id, with_bestuur.id]
    nu, gewenst = (row for _, row in sheet.iterrows())
    assert (nu["moment"], gewenst["moment"]) == ("nu", "gewenst")
    assert nu["beantwoord"] == gewenst["beantwoord"] == len(model.questions)
    # Gewenst: the same answers as the trio, so the same place and no statement apart.
    assert (gewenst["bestuur x"], gewenst["bestuur y"]) == (gewenst["trio x"], gewenst["trio y"])
    assert gewenst["afstand"] == 0 and gewenst["grootste verschil"] == "" and math.isnan(gewenst["verschil in punten"])
    assert gewenst["bestuur plek"] == gewenst["trio plek"] != ""
    # Nu: every statement 3 points apart; the first statement of the model is named on the tie.
    assert nu["afstand"] > 0 and nu["bestuur plek"] != nu["trio plek"]
    assert nu["grootste verschil"] == model.questions[0].id and abs(nu["verschil in punten"]) == 3
    # The trios' own sheets hold the trio members only.
    assert bestuurder.id not in set(frames[SHEET_ANSWERS]["triolid"])
    assert len(frames[SHEET_ANSWERS]) == 2 * len(ROLES) * 2 * len(model.questions)
    assert "Bestuurder" not in set(frames[SHEET_SCORES]["rol"]) | set(frames[SHEET_SCORES]["triolid"])


def test_an_invited_bestuurder_without_answers_has_empty_places(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio = make_trio(engine, werkplaats)
    storage.invite_bestuurder(engine, trio_id=trio.id)
    sheet = werkplaats_export_frames(engine, werkplaats.id)[SHEET_BESTUUR]
    assert sheet["beantwoord"].tolist() == [0, 0]
    assert sheet[["bestuur x", "bestuur y", "afstand", "verschil in punten"]].isna().all().all()
    assert sheet["bestuur plek"].tolist() == ["", ""]


def test_each_round_shows_that_rounds_answers(engine: Engine, content: scoring.ContentSnapshot) -> None:
    rounds = two_rounds(engine, content)
    first = werkplaats_export_frames(engine, rounds.first.id)[SHEET_BESTUUR].set_index("moment")
    second = werkplaats_export_frames(engine, rounds.second.id)[SHEET_BESTUUR].set_index("moment")
    # Round 1: "agenda" nu only. Round 2 started from last time (nu carried) and added gewenst.
    assert first["beantwoord"].to_dict() == {"nu": 1, "gewenst": 0}
    assert second["beantwoord"].to_dict() == {"nu": 1, "gewenst": 2}
    assert first.loc["nu", "grootste verschil"] == second.loc["gewenst", "grootste verschil"] == "agenda"


@pytest.mark.parametrize("trios", [1, 4])
def test_the_bestuurders_are_read_in_one_query(engine: Engine, content: scoring.ContentSnapshot, trios: int) -> None:
    werkplaats = make_werkplaats(engine, content)
    for _ in range(trios):
        bestuurder = storage.invite_bestuurder(engine, trio_id=make_trio(engine, werkplaats).id)
        storage.save_answer(engine, member_id=bestuurder.id, question_id="agenda", frame="nu", value=3)
    with count_statements(engine) as statements:
        found = werkplaats_bestuur(engine, werkplaats.id)
    assert len(found) == trios and all(b.answers == {"nu": {"agenda": 3}, "gewenst": {}} for b in found)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
