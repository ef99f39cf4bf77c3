"""Storage: saving answers and reading them per member, trio and werkplaats.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
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


# --- Trio versions (what the result cache is keyed by) -------------------------------------------

MOMENT = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def questions(model: scoring.Model) -> list[str]:
    return [q.id for q in model.questions]


def version(engine: Engine, model: scoring.Model, trio: storage.TrioRecord) -> storage.TrioVersion:
    found = storage.trio_version(engine, trio.id, questions(model))
    assert found is not None
    return found


def frozen_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Every save is stamped ``moment``: two saves within one clock tick, or a replica whose clock is behind."""
    monkeypatch.setattr("storage.answers.utc_now", lambda: moment)


def test_versions_of_a_werkplaats_in_one_query_agree_with_each_trio(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    trios = [make_trio(engine, werkplaats, f"Gemeente {i}") for i in range(4)]
    for i, trio in enumerate(trios[1:], start=1):
        for role in ("wijkambtenaar", "sociaal", "fysiek")[:i]:
            member = make_member(engine, trio, role)
            storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": i, "budget": None})
    make_trio(engine, make_werkplaats(engine, content, name="Andere werkplaats"))

    with count_statements(engine) as statements:
        versioned = storage.werkplaats_trio_versions(engine, werkplaats.id, questions(model))
    assert len(statements) == 1
    assert [v.trio for v in versioned] == trios  # every trio, in the order they were made
    # No members and no answers yet: revision 0; then 1 per member who joined and 1 per save.
    assert versioned[0].version == storage.TrioVersion(revision=0, code=trios[0].code, round_id=werkplaats.id)
    assert [v.version.revision for v in versioned] == [0, 2, 4, 6]
    for entry in versioned:
        with count_statements(engine) as statements:
            assert storage.trio_version(engine, entry.trio.id, questions(model)) == entry.version
        assert len(statements) == 1
    snapshots = storage.trio_snapshots(engine, [t.id for t in trios], questions(model))
    assert {trio_id: s.version for trio_id, s in snapshots.items()} == {v.trio.id: v.version for v in versioned}
    for trio in trios:
        assert snapshots[trio.id].members == tuple(storage.list_members(engine, trio.id))
        assert snapshots[trio.id].answers == storage.trio_answers(engine, trio.id)
    assert storage.trio_version(engine, 10_000, questions(model)) is None
    assert storage.trio_snapshots(engine, [10_000], questions(model)) == {}


@pytest.mark.parametrize(
    "change",
    [
        "new answer",
        "other value",
        "weet ik niet",
        "cleared",
        "new member",
        "two statements swap values",
        "nu and gewenst swap values",
    ],
)
def test_every_change_moves_the_version_even_within_one_clock_tick(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    member = make_member(engine, trio, "wijkambtenaar")
    frozen_clock(monkeypatch, MOMENT)
    storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 2, "budget": 4})
    storage.save_answers(engine, member_id=member.id, frame="gewenst", answers={"agenda": 4, "budget": 4})
    before = version(engine, model, trio)
    assert version(engine, model, trio) == before  # reading changes nothing

    if change == "new answer":
        storage.save_answer(engine, member_id=member.id, question_id="initiatief", frame="nu", value=3)
    elif change == "other value":
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=3)
    elif change == "weet ik niet":
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=None)
    elif change == "cleared":
        storage.clear_answer(engine, member_id=member.id, question_id="agenda", frame="nu")
    elif change == "new member":
        make_member(engine, trio, "sociaal")
    elif change == "two statements swap values":
        storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 4, "budget": 2})
    else:  # agenda: nu 2 -> 4 and gewenst 4 -> 2, in one save each, same moment
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=4)
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="gewenst", value=2)

    after = version(engine, model, trio)
    assert after != before
    assert after.revision == before.revision + (2 if change == "nu and gewenst swap values" else 1)


def test_a_member_leaving_and_a_merge_move_the_versions(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    """A facilitator cleaning up: each removal or merge moves the version of every trio it changes."""
    werkplaats = make_werkplaats(engine, content)
    trio, other = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente Anders")
    leaving = make_member(engine, trio, "sociaal")
    make_member(engine, other, "fysiek")
    before = version(engine, model, trio)
    assert storage.delete_member(engine, leaving.id)
    assert version(engine, model, trio).revision == before.revision + 1
    assert not storage.delete_member(engine, leaving.id)  # nothing removed, nothing else changed
    assert version(engine, model, trio).revision == before.revision + 1

    kept_before = version(engine, model, trio)
    snapshot = storage.trio_snapshots(engine, [other.id], questions(model))[other.id]
    storage.merge_trios(engine, trio.id, other.id)
    assert version(engine, model, trio).revision == kept_before.revision + 1
    assert storage.trio_version(engine, other.id, questions(model)) is None
    assert snapshot.version.revision == 1  # what a reader of the merged trio held


def test_a_new_trio_on_a_reused_id_has_another_version(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    """SQLite hands out the id of a removed last trio again; the code tells the two apart."""
    werkplaats = make_werkplaats(engine, content)
    removed = make_trio(engine, werkplaats)
    removed_version = version(engine, model, removed)
    assert storage.delete_trio(engine, removed.id)
    again = make_trio(engine, werkplaats)
    if engine.dialect.name == "sqlite":
        assert again.id == removed.id  # the case this guards against
    assert version(engine, model, again).revision == removed_version.revision == 0
    assert version(engine, model, again) != removed_version


def test_an_update_stamped_before_the_latest_answer_still_moves_the_version(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member on a replica whose clock is a minute behind changes an answer of an equal count."""
    trio = make_trio(engine, make_werkplaats(engine, content))
    ahead, behind = make_member(engine, trio, "wijkambtenaar"), make_member(engine, trio, "sociaal")
    frozen_clock(monkeypatch, MOMENT)
    storage.save_answer(engine, member_id=behind.id, question_id="agenda", frame="nu", value=1)
    storage.save_answer(engine, member_id=ahead.id, question_id="agenda", frame="nu", value=5)
    before = version(engine, model, trio)
    frozen_clock(monkeypatch, MOMENT - timedelta(minutes=1))
    storage.save_answer(engine, member_id=behind.id, question_id="agenda", frame="nu", value=2)
    after = version(engine, model, trio)
    assert after.revision == before.revision + 1
