"""Storage: saving answers and reading them per member, trio and werkplaats.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage.models import Answer
from tests.sql_support import count_statements
from tests.storage_support import make_member, make_trio, make_werkplaats, row_count

# --- Answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [(3, 5), (3, None), (None, 2), (4, 4), (None, None)],
)
def test_saving_twice_keeps_one_row_with_the_latest_value(
    engine: Engine, content: scoring.ContentSnapshot, first: int | None, second: int | None
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=first)
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=second)
    assert row_count(engine, Answer, Answer.member_id == member.id) == 1
    assert storage.member_answers(engine, member.id) == {"nu": {"agenda": second}, "gewenst": {}}


def test_frames_are_stored_separately(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=2)
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="gewenst", value=5)
    assert storage.member_answers(engine, member.id) == {"nu": {"agenda": 2}, "gewenst": {"agenda": 5}}


@pytest.mark.parametrize(
    ("frame", "value", "question_id"),
    [
        ("later", 3, "agenda"),
        ("Nu", 3, "agenda"),
        ("nu", 0, "agenda"),
        ("nu", -1, "agenda"),
        ("nu", 12, "agenda"),
        ("nu", True, "agenda"),
        ("nu", "3", "agenda"),
        ("nu", 2.0, "agenda"),
        ("nu", 3, ""),
        ("nu", 3, "Agenda!"),
        ("nu", 3, "x" * 65),
    ],
)
def test_invalid_answers_are_refused(
    engine: Engine, content: scoring.ContentSnapshot, frame: str, value: Any, question_id: str
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    with pytest.raises(storage.InputError):
        storage.save_answer(engine, member_id=member.id, question_id=question_id, frame=frame, value=value)
    assert row_count(engine, Answer) == 0


def test_save_answers_in_bulk_and_clear_one(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answers(engine, member_id=member.id, frame="gewenst", answers={"agenda": 4, "budget": None})
    storage.save_answers(engine, member_id=member.id, frame="gewenst", answers={"agenda": 1, "initiatief": 5})
    storage.save_answers(engine, member_id=member.id, frame="nu", answers={})
    assert storage.member_answers(engine, member.id)["gewenst"] == {"agenda": 1, "budget": None, "initiatief": 5}
    storage.clear_answer(engine, member_id=member.id, question_id="budget", frame="gewenst")
    storage.clear_answer(engine, member_id=member.id, question_id="budget", frame="gewenst")  # already gone
    assert storage.member_answers(engine, member.id)["gewenst"] == {"agenda": 1, "initiatief": 5}
    with pytest.raises(storage.InputError):
        storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 1, "budget": 99})
    assert storage.member_answers(engine, member.id)["nu"] == {}  # all or nothing


def test_trio_answers_per_member_in_one_query(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio, other_trio = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente Anders")
    first, second, silent = (make_member(engine, trio, role) for role in ("wijkambtenaar", "sociaal", "fysiek"))
    outsider = make_member(engine, other_trio)
    storage.save_answers(engine, member_id=first.id, frame="nu", answers={"agenda": 2, "budget": None})
    storage.save_answers(engine, member_id=second.id, frame="gewenst", answers={"agenda": 5})
    storage.save_answers(engine, member_id=outsider.id, frame="nu", answers={"agenda": 1})
    with count_statements(engine) as statements:
        answers = storage.trio_answers(engine, trio.id)
    assert len(statements) == 1
    assert answers == {
        first.id: {"nu": {"agenda": 2, "budget": None}, "gewenst": {}},
        second.id: {"nu": {}, "gewenst": {"agenda": 5}},
        silent.id: {"nu": {}, "gewenst": {}},
    }


def test_werkplaats_answers_for_the_wall_in_one_query(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    other = make_werkplaats(engine, content, name="Andere werkplaats")
    expected: dict[int, dict[int, storage.MemberAnswers]] = {}
    for i in range(12):
        trio = make_trio(engine, werkplaats, f"Gemeente {i}")
        expected[trio.id] = {}
        for j, role in enumerate(("wijkambtenaar", "sociaal", "veiligheid")[: i % 4]):
            member = make_member(engine, trio, role)
            nu: dict[str, int | None] = {q.id: (i + j + k) % 5 + 1 for k, q in enumerate(model.questions)}
            gewenst = {q.id: None if k == j else 5 for k, q in enumerate(model.questions)}
            storage.save_answers(engine, member_id=member.id, frame="nu", answers=nu)
            storage.save_answers(engine, member_id=member.id, frame="gewenst", answers=gewenst)
            expected[trio.id][member.id] = {"nu": nu, "gewenst": gewenst}
    outsider = make_member(engine, make_trio(engine, other))
    storage.save_answer(engine, member_id=outsider.id, question_id="agenda", frame="nu", value=1)

    with count_statements(engine) as statements:
        answers = storage.werkplaats_answers(engine, werkplaats.id)
    assert len(statements) == 1
    assert answers == expected
    assert list(answers) == sorted(answers)  # trios in the order they were made

    with count_statements(engine) as statements:
        rows = storage.werkplaats_answer_rows(engine, werkplaats.id)
    assert len(statements) == 1
    stored_count = sum(len(a["nu"]) + len(a["gewenst"]) for members in expected.values() for a in members.values())
    assert len(rows) == stored_count
    assert {(r.trio_id, r.member_id, r.frame, r.question_id, r.value) for r in rows} == {
        (trio_id, member_id, frame, qid, value)
        for trio_id, members in expected.items()
        for member_id, frames in members.items()
        for frame, values in frames.items()
        for qid, value in values.items()
    }
    assert all(row.updated_at.tzinfo is not None for row in rows)
