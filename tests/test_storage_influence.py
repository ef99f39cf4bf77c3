"""Storage: influence choices ("Wie kan hier iets aan veranderen?"), the member's level, and both in the demo.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete

import scoring
import storage
from storage import demo
from storage.models import InfluenceChoice, Member
from tests.sql_support import count_statements
from tests.storage_support import (
    content_without_influence,
    make_member,
    make_trio,
    make_werkplaats,
    row_count,
)
from tests.test_storage_concurrency import make_members, run_together

# --- Influence choices ----------------------------------------------------------


def test_saving_twice_keeps_one_row_with_the_latest_choice(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bestuurlijk")
    storage.save_influence_choice(
        engine, member_id=member.id, question_id="agenda", option_id="eigen_handelen"
    )
    storage.save_influence_choice(engine, member_id=member.id, question_id="budget", option_id="bewoners")
    assert row_count(engine, InfluenceChoice, InfluenceChoice.member_id == member.id) == 2
    assert storage.member_influence_choices(engine, member.id) == {
        "agenda": "eigen_handelen",
        "budget": "bewoners",
    }


def test_clearing_a_choice_removes_only_that_one(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bestuurlijk")
    storage.save_influence_choice(engine, member_id=member.id, question_id="budget", option_id="bewoners")
    storage.clear_influence_choice(engine, member_id=member.id, question_id="agenda")
    storage.clear_influence_choice(
        engine, member_id=member.id, question_id="agenda"
    )  # nothing left: no error
    assert storage.member_influence_choices(engine, member.id) == {"budget": "bewoners"}
    storage.save_answer(engine, member_id=member.id, question_id="budget", frame="nu", value=2)
    storage.clear_influence_choice(engine, member_id=member.id, question_id="budget")
    assert storage.member_influence_choices(engine, member.id) == {}
    assert storage.member_answers(engine, member.id)["nu"] == {"budget": 2}  # the answer stays


@pytest.mark.parametrize(
    ("question_id", "option_id"),
    [("", "bestuurlijk"), ("Agenda!", "bestuurlijk"), ("x" * 65, "bestuurlijk"), ("agenda", ""),
     ("agenda", "Het bestuur"), ("agenda", None), ("agenda", 3)],
)  # fmt: skip
def test_invalid_ids_are_refused(
    engine: Engine, content: scoring.ContentSnapshot, question_id: str, option_id: Any
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    with pytest.raises(storage.InputError):
        storage.save_influence_choice(
            engine, member_id=member.id, question_id=question_id, option_id=option_id
        )
    assert row_count(engine, InfluenceChoice) == 0


def test_a_choice_for_a_missing_member_is_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        storage.save_influence_choice(engine, member_id=424242, question_id="agenda", option_id="bestuurlijk")
    assert storage.member_influence_choices(engine, 424242) == {}
    assert storage.trio_influence_choices(engine, 424242) == {}


def test_trio_choices_per_member_in_one_query(engine: Engine, content: scoring.ContentSnapshot) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    first, second, third = (
        make_member(engine, trio, role) for role in ("wijkambtenaar", "sociaal", "fysiek")
    )
    storage.save_influence_choice(engine, member_id=first.id, question_id="agenda", option_id="bestuurlijk")
    storage.save_influence_choice(
        engine, member_id=third.id, question_id="agenda", option_id="eigen_organisatie"
    )
    with count_statements(engine) as statements:
        choices = storage.trio_influence_choices(engine, trio.id)
    assert len(statements) == 1
    assert choices == {
        first.id: {"agenda": "bestuurlijk"},
        second.id: {},
        third.id: {"agenda": "eigen_organisatie"},
    }
    assert list(choices) == [first.id, second.id, third.id]


def test_werkplaats_choices_and_rows_in_one_query_each(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = make_werkplaats(engine, content)
    north, empty, south = (make_trio(engine, werkplaats, f"Gemeente {n}") for n in ("Noord", "Leeg", "Zuid"))
    a, b = make_member(engine, north, "wijkambtenaar"), make_member(engine, north, "sociaal")
    c = make_member(engine, south, "wijkambtenaar")
    other = make_member(engine, make_trio(engine, make_werkplaats(engine, content, "Andere werkplaats")))
    for member, question, option in [
        (a, "budget", "bewoners"), (a, "agenda", "bestuurlijk"), (c, "agenda", "eigen_handelen"),
        (other, "agenda", "bestuurlijk"),
    ]:  # fmt: skip
        storage.save_influence_choice(engine, member_id=member.id, question_id=question, option_id=option)

    with count_statements(engine) as statements:
        nested = storage.werkplaats_influence_choices(engine, werkplaats.id)
        rows = storage.werkplaats_influence_rows(engine, werkplaats.id)
    assert len(statements) == 2
    assert nested == {
        north.id: {a.id: {"agenda": "bestuurlijk", "budget": "bewoners"}, b.id: {}},
        empty.id: {},
        south.id: {c.id: {"agenda": "eigen_handelen"}},
    }
    assert list(nested) == [north.id, empty.id, south.id]
    assert [(r.trio_id, r.member_id, r.question_id, r.option_id) for r in rows] == [
        (north.id, a.id, "agenda", "bestuurlijk"),
        (north.id, a.id, "budget", "bewoners"),
        (south.id, c.id, "agenda", "eigen_handelen"),
    ]
    assert all(r.updated_at.tzinfo == UTC and r.updated_at <= datetime.now(UTC) for r in rows)
    assert storage.werkplaats_influence_choices(engine, 424242) == {}


def test_choices_go_with_the_member_and_the_werkplaats(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio = make_trio(engine, werkplaats)
    leaving, staying = make_member(engine, trio, "sociaal"), make_member(engine, trio, "fysiek")
    for member in (leaving, staying):
        storage.save_influence_choice(
            engine, member_id=member.id, question_id="agenda", option_id="bestuurlijk"
        )
    with engine.begin() as conn:
        conn.execute(delete(Member).where(Member.id == leaving.id))
    assert row_count(engine, InfluenceChoice) == 1
    assert storage.trio_influence_choices(engine, trio.id) == {staying.id: {"agenda": "bestuurlijk"}}
    storage.delete_werkplaats(engine, werkplaats.id)
    assert row_count(engine, InfluenceChoice) == 0


# --- The member's level ---------------------------------------------------------


def test_a_member_joins_with_a_level_from_the_content(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    member = storage.create_member(
        engine, trio_id=trio.id, role="sociaal", display_name="Esra", level="strategie"
    )
    without = storage.create_member(engine, trio_id=trio.id, role="fysiek")
    assert (member.level, without.level) == ("strategie", None)
    assert [m.level for m in storage.list_members(engine, trio.id)] == ["strategie", None]
    assert [m.level for m in storage.werkplaats_members(engine, trio.werkplaats_id)[0].members] == [
        "strategie",
        None,
    ]
    context = storage.member_context(engine, member.token)
    assert context is not None and context.member == member


@pytest.mark.parametrize("level", ["directie", "Uitvoering", "", "x" * 65])
def test_an_unknown_level_is_refused(engine: Engine, content: scoring.ContentSnapshot, level: str) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    member = make_member(engine, trio)
    with pytest.raises(storage.InputError):
        storage.create_member(engine, trio_id=trio.id, role="sociaal", level=level)
    with pytest.raises(storage.InputError):
        storage.set_member_level(engine, member_id=member.id, level=level)
    assert [m.level for m in storage.list_members(engine, trio.id)] == [None]


def test_the_level_can_be_set_changed_and_removed(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    assert member.level is None
    assert storage.set_member_level(engine, member_id=member.id, level="bestuur").level == "bestuur"
    changed = storage.set_member_level(engine, member_id=member.id, level="uitvoering")
    assert changed.level == "uitvoering" and (changed.id, changed.token, changed.role) == (
        member.id,
        member.token,
        member.role,
    )
    assert storage.list_members(engine, member.trio_id) == [changed]
    assert storage.set_member_level(engine, member_id=member.id, level=None).level is None
    with pytest.raises(storage.NotFound):
        storage.set_member_level(engine, member_id=424242, level="bestuur")


def test_a_pack_without_levels_takes_members_without_a_level(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    older = make_werkplaats(engine, content_without_influence(content), "Oude werkplaats")
    trio = make_trio(engine, older)
    member = storage.create_member(engine, trio_id=trio.id, role="sociaal")
    assert member.level is None
    with pytest.raises(storage.InputError, match="niveau"):
        storage.create_member(engine, trio_id=trio.id, role="sociaal", level="uitvoering")


def test_member_record_without_a_level_still_works() -> None:
    """Code that builds records without a level (older callers, tests) keeps working."""
    member = storage.MemberRecord(
        id=1, trio_id=2, role="sociaal", display_name="", created_at=datetime.now(UTC), token="t" * 32
    )
    assert member.level is None


# --- Many members at once ---------------------------------------------------------


def test_many_members_choosing_at_once_while_the_wall_reads(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    members = make_members(engine, content, 30)
    assert model.influence is not None
    options = [o.id for o in model.influence.options]
    questions = [q.id for q in model.questions]

    def expected(member_index: int) -> dict[str, str]:
        return {q: options[(member_index + i) % len(options)] for i, q in enumerate(questions)}

    def chooser(member_index: int, member_id: int) -> Any:
        def choose_all() -> None:
            for question_id, option_id in expected(member_index).items():
                storage.save_influence_choice(
                    engine, member_id=member_id, question_id=question_id, option_id=option_id
                )

        return choose_all

    werkplaats_id = storage.get_trio(engine, members[0].trio_id).werkplaats_id  # type: ignore[union-attr]

    def wall_reader() -> None:
        for _ in range(10):
            storage.werkplaats_influence_choices(engine, werkplaats_id)

    errors = run_together([chooser(i, m.id) for i, m in enumerate(members)] + [wall_reader] * 2)
    assert errors == []
    assert row_count(engine, InfluenceChoice) == len(members) * len(questions)
    for index, member in enumerate(members):
        assert storage.member_influence_choices(engine, member.id) == expected(index)


def test_concurrent_overwrites_of_one_choice_leave_one_row(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    (member,) = make_members(engine, content, 1)
    options = ("eigen_handelen", "eigen_organisatie", "bestuurlijk", "bewoners") * 4

    def overwrite(option_id: str) -> Any:
        def save_repeatedly() -> None:
            for _ in range(5):
                storage.save_influence_choice(
                    engine, member_id=member.id, question_id="agenda", option_id=option_id
                )

        return save_repeatedly

    assert run_together([overwrite(option) for option in options]) == []
    assert row_count(engine, InfluenceChoice) == 1
    assert storage.member_influence_choices(engine, member.id)["agenda"] in set(options)


# --- Demo data --------------------------------------------------------------------


def test_demo_members_have_a_level_and_choices_that_fit_their_answers(
    engine: Engine, model: scoring.Model
) -> None:
    werkplaats = demo.create_demo_werkplaats(engine, seed=7)
    answers = storage.werkplaats_answers(engine, werkplaats.id)
    choices = storage.werkplaats_influence_choices(engine, werkplaats.id)
    assert model.influence is not None
    options = {o.id for o in model.influence.options}
    by_size: dict[str, Counter[str]] = {"small": Counter(), "large": Counter()}
    levels: list[str | None] = []
    skipped = 0
    for entry in storage.werkplaats_members(engine, werkplaats.id):
        for member in entry.members:
            levels.append(member.level)
            given = answers[entry.trio.id][member.id]
            changes = scoring.desired_changes(model, {"m": given["nu"]}, {"m": given["gewenst"]})
            chosen = choices[entry.trio.id][member.id]
            assert set(chosen.values()) <= options
            # Only statements with a nu and a gewenst answer get a choice.
            possible = {q for q, change in changes.items() if change is not None}
            assert set(chosen) <= possible
            skipped += len(possible) - len(chosen)
            for question_id, option_id in chosen.items():
                size = abs(changes[question_id] or 0)
                by_size["large" if size >= 2 else "small"][option_id] += 1
    assert set(levels) <= {level.id for level in model.levels} and len(set(levels)) > 1
    assert skipped > 0  # the question is optional, and some members skip it
    assert by_size["large"].most_common(1)[0][0] == "bestuurlijk"
    share = {key: counts["bestuurlijk"] / counts.total() for key, counts in by_size.items()}
    assert share["large"] > 2 * share["small"]


def test_demo_levels_and_choices_are_deterministic_per_seed(tmp_path: Path) -> None:
    def levels_and_choices(seed: int, name: str) -> list[tuple[str | None, dict[str, str]]]:
        engine = storage.make_engine(f"sqlite:///{tmp_path / name}")
        werkplaats = demo.create_demo_werkplaats(engine, seed=seed)
        choices = storage.werkplaats_influence_choices(engine, werkplaats.id)
        result = [
            (m.level, choices[entry.trio.id][m.id])
            for entry in storage.werkplaats_members(engine, werkplaats.id)
            for m in entry.members
        ]
        engine.dispose()
        return result

    assert levels_and_choices(1, "a.db") == levels_and_choices(1, "b.db")
    assert levels_and_choices(1, "c.db") != levels_and_choices(2, "d.db")


def test_demo_with_a_pack_without_influence_and_levels(
    engine: Engine, content: scoring.ContentSnapshot, tmp_path: Path
) -> None:
    for name, text in content_without_influence(content).files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    werkplaats = demo.create_demo_werkplaats(engine, model_dir=tmp_path, seed=3)
    members = [m for entry in storage.werkplaats_members(engine, werkplaats.id) for m in entry.members]
    assert len(members) == 24 and all(m.level is None for m in members)
    assert row_count(engine, InfluenceChoice) == 0
