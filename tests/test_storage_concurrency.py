"""Many members saving at the same moment, as at the start of a werkplaats.

Runs on file-backed SQLite and on PostgreSQL (the ``engine`` fixture in conftest.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, func, select

import scoring
import storage
from storage.models import Answer

THREADS = 50
ANSWERS_PER_MEMBER = 40
JOIN_TIMEOUT_S = 120


def answer_keys(model: scoring.Model) -> list[tuple[str, storage.Frame]]:
    """40 distinct (statement, frame) keys: the real statements, then synthetic ids (storage does not check them)."""
    question_ids = [q.id for q in model.questions] + [f"extra_{i:02d}" for i in range(ANSWERS_PER_MEMBER)]
    keys = [(question_id, frame) for question_id in question_ids for frame in storage.FRAMES]
    return keys[:ANSWERS_PER_MEMBER]


def expected_value(member_index: int, key_index: int) -> int | None:
    return None if (member_index + key_index) % 7 == 0 else (member_index * 3 + key_index) % 5 + 1


def run_together(workers: list[Callable[[], None]]) -> list[BaseException]:
    """Start every worker at the same moment (a barrier) and return what they raised."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []
    errors_lock = threading.Lock()

    def run(work: Callable[[], None]) -> None:
        try:
            barrier.wait()
            work()
        except BaseException as exc:
            with errors_lock:
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT_S)
    assert not any(thread.is_alive() for thread in threads), "threads did not finish in time"
    return errors


def make_members(engine: Engine, content: scoring.ContentSnapshot, count: int) -> list[storage.MemberRecord]:
    werkplaats = storage.create_werkplaats(engine, name="Drukke werkplaats", held_on=date(2025, 5, 1), content=content)
    roles = ("wijkambtenaar", "sociaal", "fysiek")
    members: list[storage.MemberRecord] = []
    trio: storage.TrioRecord | None = None
    for index in range(count):
        if index % 3 == 0:
            trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=f"Gemeente {index // 3}")
        assert trio is not None
        members.append(storage.create_member(engine, trio_id=trio.id, role=roles[index % 3]))
    return members


def test_50_members_saving_40_answers_at_once(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    members = make_members(engine, content, THREADS)
    keys = answer_keys(model)
    assert len(set(keys)) == ANSWERS_PER_MEMBER

    def saver(member_index: int, member_id: int) -> Callable[[], None]:
        def save_all() -> None:
            for key_index, (question_id, frame) in enumerate(keys):
                storage.save_answer(
                    engine,
                    member_id=member_id,
                    question_id=question_id,
                    frame=frame,
                    value=expected_value(member_index, key_index),
                )

        return save_all

    werkplaats_id = storage.get_trio(engine, members[0].trio_id).werkplaats_id  # type: ignore[union-attr]

    def wall_reader() -> None:
        # The live wall keeps reading while everyone saves.
        for _ in range(10):
            storage.werkplaats_answers(engine, werkplaats_id)

    errors = run_together([saver(i, m.id) for i, m in enumerate(members)] + [wall_reader] * 3)
    assert errors == []

    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Answer)) == THREADS * ANSWERS_PER_MEMBER
    for member_index, member in enumerate(members):
        stored = storage.member_answers(engine, member.id)
        expected: dict[str, dict[str, int | None]] = {frame: {} for frame in storage.FRAMES}
        for key_index, (question_id, frame) in enumerate(keys):
            expected[frame][question_id] = expected_value(member_index, key_index)
        assert stored == expected


@pytest.mark.parametrize("writers", [8, 20])
def test_concurrent_overwrites_of_one_key_leave_one_row(
    engine: Engine, content: scoring.ContentSnapshot, writers: int
) -> None:
    (member,) = make_members(engine, content, 1)
    written = {index: (None if index % 4 == 0 else index % 5 + 1) for index in range(writers)}

    def overwrite(value: int | None) -> Callable[[], None]:
        def save_repeatedly() -> None:
            for _ in range(5):
                storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="gewenst", value=value)

        return save_repeatedly

    errors = run_together([overwrite(value) for value in written.values()])
    assert errors == []
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Answer)) == 1
    final = storage.member_answers(engine, member.id)
    assert final["nu"] == {}
    assert list(final["gewenst"]) == ["agenda"]
    assert final["gewenst"]["agenda"] in set(written.values())
    # Every save raised the trio's revision once, none lost to another at the same moment
    # (the 1 is the member joining).
    version = storage.trio_version(engine, member.trio_id, [])
    assert version is not None and version.revision == 1 + writers * 5
