"""The result cache: a refresh when nothing changed is one query and no scoring; every change is seen.

The pure cache (``results.cache``) is tested on its own; the reads the pages use
(``ui.reads.werkplaats_groups_from`` and ``trio_result_from``) on SQLite and on PostgreSQL (see
conftest.py), also with two engines and two caches on one database, as two replicas have them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event

import scoring
import storage
from results import ResultCache, cached_trio_results, trio_result, werkplaats_groups
from tests.sql_support import count_statements
from tests.storage_support import make_member, make_trio, make_werkplaats
from ui.reads import result_cache, trio_result_from, werkplaats_groups_from

ROLES = ("wijkambtenaar", "sociaal", "fysiek")
MOMENT = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def questions(model: scoring.Model) -> list[str]:
    return [q.id for q in model.questions]


def fresh_groups(engine: Engine, model: scoring.Model, werkplaats_id: int) -> list[Any]:
    """The wall as it was built before the cache: everything read and scored."""
    return werkplaats_groups(
        model, storage.werkplaats_members(engine, werkplaats_id), storage.werkplaats_answers(engine, werkplaats_id)
    )


def fresh_result(engine: Engine, model: scoring.Model, trio_id: int) -> scoring.GroupResult:
    return trio_result(model, storage.list_members(engine, trio_id), storage.trio_answers(engine, trio_id))


def seeded_werkplaats(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, trios: int = 4
) -> tuple[storage.WerkplaatsRecord, list[list[storage.MemberRecord]]]:
    """Trios of 0..3 members, each member with every statement answered in both frames."""
    werkplaats = make_werkplaats(engine, content)
    members: list[list[storage.MemberRecord]] = []
    for i in range(trios):
        trio = make_trio(engine, werkplaats, f"Gemeente {i}")
        members.append([])
        for j, role in enumerate(ROLES[: i % 4]):
            member = make_member(engine, trio, role)
            members[-1].append(member)
            for frame, shift in (("nu", 0), ("gewenst", 2)):
                answers = {q.id: (i + j + k + shift) % 5 + 1 for k, q in enumerate(model.questions)}
                storage.save_answers(engine, member_id=member.id, frame=frame, answers=answers)
    return werkplaats, members


def wall_after_first_refresh(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> tuple[storage.WerkplaatsRecord, list[list[storage.MemberRecord]], ResultCache]:
    """12 trios, and a cache that the wall's first refresh filled."""
    werkplaats, members = seeded_werkplaats(engine, content, model, trios=12)
    cache = ResultCache()
    werkplaats_groups_from(engine, cache, model, werkplaats.id)
    return werkplaats, members, cache


def some_results(model: scoring.Model, count: int) -> list[scoring.GroupResult]:
    """Distinct results (one member answering ``agenda`` 1, 2, …) to put in a cache."""
    member = storage.MemberRecord(id=1, trio_id=1, role="sociaal", display_name="", created_at=MOMENT, token="t")
    return [trio_result(model, [member], {1: {"nu": {"agenda": i % 5 + 1}, "gewenst": {}}}) for i in range(count)]


# --- The cache on its own ----------------------------------------------------------------------


def test_a_result_is_found_only_for_its_own_version_and_content(model: scoring.Model) -> None:
    cache = ResultCache()
    first, second = some_results(model, 2)
    cache.put(7, "content-a", ("v", 1), first)
    assert cache.get(7, "content-a", ("v", 1)) is first
    assert cache.get(7, "content-a", ("v", 2)) is None  # the trio changed
    assert cache.get(7, "content-b", ("v", 1)) is None  # other content
    assert cache.get(8, "content-a", ("v", 1)) is None  # another trio
    cache.put(7, "content-a", ("v", 2), second)  # the new version replaces the old one
    assert cache.get(7, "content-a", ("v", 2)) is second
    assert cache.get(7, "content-a", ("v", 1)) is None
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.size) == (2, 4, 1)


def test_the_cache_keeps_the_most_recently_used_trios_only(model: scoring.Model) -> None:
    cache = ResultCache(max_trios=3)
    results = some_results(model, 4)
    for trio_id in range(3):
        cache.put(trio_id, "c", 1, results[trio_id])
    assert cache.get(0, "c", 1) is results[0]  # 0 is now the most recently used
    cache.put(3, "c", 1, results[3])
    assert cache.stats().size == 3
    assert cache.get(1, "c", 1) is None  # the least recently used went
    assert [cache.get(t, "c", 1) for t in (0, 2, 3)] == [results[0], results[2], results[3]]
    with pytest.raises(ValueError, match="at least 1"):
        ResultCache(max_trios=0)


def test_the_cache_is_safe_to_share_between_threads(model: scoring.Model) -> None:
    cache = ResultCache(max_trios=50)
    results = some_results(model, 5)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(2000):
                trio_id = (seed * 7 + i) % 80
                found = cache.get(trio_id, "c", i % 3)
                if found is not None:
                    assert found is results[trio_id % 5]
                cache.put(trio_id, "c", i % 3, results[trio_id % 5])
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.stats().size == 50


def test_only_trios_whose_version_moved_are_loaded(model: scoring.Model) -> None:
    cache = ResultCache()
    loaded: list[list[int]] = []
    member = storage.MemberRecord(id=1, trio_id=1, role="sociaal", display_name="", created_at=MOMENT, token="t")

    def load(trio_ids: Any) -> dict[int, Any]:
        loaded.append(sorted(trio_ids))
        return {
            t: storage.TrioSnapshot(
                version=versions[t], members=(member,), answers={1: {"nu": {"agenda": t}, "gewenst": {}}}
            )
            for t in trio_ids
            if t != 4  # trio 4 was deleted in the meantime
        }

    versions: dict[int, Any] = {1: "a", 2: "a", 3: "a", 4: "a"}
    first = cached_trio_results(model, cache, versions, load)
    assert loaded == [[1, 2, 3, 4]] and sorted(first) == [1, 2, 3]
    versions[2] = "b"
    second = cached_trio_results(model, cache, versions, load)
    assert loaded[1:] == [[2, 4]]
    assert second[1] is first[1] and second[3] is first[3]
    assert second[2] == first[2]  # rebuilt from equal answers: an equal result


# --- The reads the pages use ---------------------------------------------------------------------


def test_the_wall_from_the_cache_is_the_wall_built_afresh(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats, _ = seeded_werkplaats(engine, content, model, trios=30)  # letters up to AD
    cache = ResultCache()
    expected = fresh_groups(engine, model, werkplaats.id)
    cold = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    warm = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    for groups in (cold, warm):
        assert [(g.trio, g.letter, g.result) for g in groups] == [(g.trio, g.letter, g.result) for g in expected]
    assert [g.letter for g in warm][-5:] == ["Z", "AA", "AB", "AC", "AD"]
    assert cache.stats().hits == 30


def test_a_wall_refresh_when_nothing_changed_is_one_query_and_no_scoring(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    werkplaats, _, cache = wall_after_first_refresh(engine, content, model)
    built = count_calls(monkeypatch, "results.cache.trio_result")
    with count_statements(engine) as statements:
        groups = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    assert len(statements) == 1
    assert built == [] and len(groups) == 12


def test_one_answer_rebuilds_only_its_trio_in_a_few_queries(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    werkplaats, members, cache = wall_after_first_refresh(engine, content, model)
    answering = members[3][1]
    storage.save_answer(engine, member_id=answering.id, question_id="agenda", frame="nu", value=1)
    built = count_calls(monkeypatch, "results.cache.trio_result")
    with count_statements(engine) as statements:
        groups = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    assert len(built) == 1
    # versions, then for the changed trio: (SQLite: BEGIN,) its version, members and answers
    assert len(statements) <= 5
    assert [g.result for g in groups] == [g.result for g in fresh_groups(engine, model, werkplaats.id)]
    assert groups[3].result.members[1].answers["nu"]["agenda"] == 1


def test_the_results_page_refresh_is_one_query_when_the_trio_did_not_change(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, members = seeded_werkplaats(engine, content, model, trios=4)
    trio_id = members[3][0].trio_id
    cache = ResultCache()
    assert trio_result_from(engine, cache, model, trio_id) == fresh_result(engine, model, trio_id)
    built = count_calls(monkeypatch, "results.cache.trio_result")
    with count_statements(engine) as statements:
        again = trio_result_from(engine, cache, model, trio_id)
    assert len(statements) == 1 and built == []
    assert again == fresh_result(engine, model, trio_id)


def test_a_changed_value_in_the_same_clock_tick_is_seen(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Equal count and equal ``updated_at``: the version's checksum still tells the results apart."""
    monkeypatch.setattr("storage.answers.utc_now", lambda: MOMENT)
    werkplaats = make_werkplaats(engine, content)
    trio = make_trio(engine, werkplaats)
    member = make_member(engine, trio, "wijkambtenaar")
    storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 2, "budget": 4})
    cache = ResultCache()
    before = trio_result_from(engine, cache, model, trio.id)
    werkplaats_groups_from(engine, cache, model, werkplaats.id)
    storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 4, "budget": 2})
    after = trio_result_from(engine, cache, model, trio.id)
    assert after.members[0].answers["nu"] == {"agenda": 4, "budget": 2}
    assert after != before and after == fresh_result(engine, model, trio.id)
    wall = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    assert wall[0].result == after


def test_a_new_member_is_on_the_wall_at_the_next_refresh(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats, members = seeded_werkplaats(engine, content, model, trios=3)
    cache = ResultCache()
    werkplaats_groups_from(engine, cache, model, werkplaats.id)
    trio = storage.get_trio(engine, members[1][0].trio_id)
    assert trio is not None
    make_member(engine, trio, "fysiek")
    make_trio(engine, werkplaats, "Gemeente Nieuw")
    groups = werkplaats_groups_from(engine, cache, model, werkplaats.id)
    assert [len(g.result.members) for g in groups] == [0, 2, 2, 0]
    assert [g.letter for g in groups] == ["A", "B", "C", "D"]


# --- Two replicas: two engines and two caches on one database ------------------------------------


@pytest.fixture
def replicas(db_url: str) -> Iterator[tuple[Engine, Engine]]:
    first, second = storage.make_engine(db_url), storage.make_engine(db_url)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()


def test_an_answer_on_one_replica_is_on_the_others_next_read(
    replicas: tuple[Engine, Engine], content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    here, there = replicas
    werkplaats, members = seeded_werkplaats(here, content, model, trios=4)
    member = members[2][0]
    wall_cache, page_cache = ResultCache(), ResultCache()
    for _ in range(2):  # the second read comes from the cache
        werkplaats_groups_from(there, wall_cache, model, werkplaats.id)
        trio_result_from(there, page_cache, model, member.trio_id)

    storage.save_answer(here, member_id=member.id, question_id="agenda", frame="gewenst", value=1)

    wall = werkplaats_groups_from(there, wall_cache, model, werkplaats.id)
    page = trio_result_from(there, page_cache, model, member.trio_id)
    assert wall[2].result.members[0].answers["gewenst"]["agenda"] == 1
    assert page == wall[2].result == fresh_result(here, model, member.trio_id)


def test_a_result_is_kept_under_the_version_it_was_read_at(
    replicas: tuple[Engine, Engine], content: scoring.ContentSnapshot, model: scoring.Model,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Answers saved elsewhere while the changed trios are read: members, answers and version are read
    at one moment, so a result is never kept under a version it does not belong to. Otherwise an answer
    changed back and forth within one clock tick would bring back an old result."""
    here, there = replicas
    werkplaats, members = seeded_werkplaats(here, content, model, trios=2)
    member = members[1][0]
    old = storage.member_answers(here, member.id)["nu"]["agenda"]
    assert old is not None
    new = old % 5 + 1
    monkeypatch.setattr("storage.answers.utc_now", lambda: MOMENT)  # every save in one clock tick

    def answer(value: int) -> Callable[[], None]:
        return lambda: storage.save_answer(here, member_id=member.id, question_id="agenda", frame="nu", value=value)

    before = storage.trio_version(here, member.trio_id, questions(model))
    with write_after_select(there, 1, answer(new)):  # after the snapshot's first read
        snapshot = storage.trio_snapshots(there, [member.trio_id], questions(model))[member.trio_id]
    assert (snapshot.version, snapshot.answers[member.id]["nu"]["agenda"]) == (before, old)
    assert storage.trio_version(here, member.trio_id, questions(model)) != before
    answer(old)()

    cache = ResultCache()
    werkplaats_groups_from(there, cache, model, werkplaats.id)
    answer(new)()
    # The wall sees the change; while it reads the trio, the answer is changed back.
    with write_after_select(there, 2, answer(old)):
        werkplaats_groups_from(there, cache, model, werkplaats.id)
    answer(new)()  # and forth again: the database is exactly as when the wall saw the change
    wall = werkplaats_groups_from(there, cache, model, werkplaats.id)
    assert wall[1].result.members[0].answers["nu"]["agenda"] == new
    assert wall[1].result == fresh_result(here, model, member.trio_id)


def test_one_process_shares_one_cache_per_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a.db'}")
    shared = result_cache()
    assert result_cache() is shared
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'b.db'}")
    assert result_cache() is not shared


# --- Helpers -------------------------------------------------------------------------------------


def count_calls(monkeypatch: pytest.MonkeyPatch, target: str) -> list[None]:
    """Record every call of the function at ``target`` (still calling it)."""
    module_name, name = target.rsplit(".", 1)
    module = __import__(module_name, fromlist=[name])
    original = getattr(module, name)
    calls: list[None] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(None)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@contextmanager
def write_after_select(engine: Engine, number: int, write: Callable[[], None]) -> Iterator[None]:
    """Run ``write`` (on another engine) right after ``engine``'s ``number``-th SELECT, once."""
    selects: list[str] = []

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)
            if len(selects) == number:
                write()

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        event.remove(engine, "after_cursor_execute", after)
    assert len(selects) >= number
