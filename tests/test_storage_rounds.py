"""Storage: leertrajecten and their rounds (issue 13).

A round is a werkplaats of a traject; trios carry over from round to round with their members and
personal links, and everything a trio gives (answers, choices, actions) belongs to one round. Every
test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine

import scoring
import storage
from results import ResultCache, trio_result
from storage.models import Action, Answer, InfluenceChoice, PerspectiveChoice, TrioRound
from tests.storage_support import TODAY, make_trio, make_werkplaats, row_count
from tests.test_storage_concurrency import run_together
from ui.reads import trio_result_from, werkplaats_groups_from

ROLES = ("wijkambtenaar", "sociaal", "fysiek")
QUESTIONS = ("kennis_en_data", "agenda", "gesprek_met_bewoners")


@dataclass(frozen=True)
class Setup:
    """A traject whose first round has one trio of three members who answered; no second round yet."""

    traject: storage.TrajectRecord
    round1: storage.WerkplaatsRecord
    trio: storage.TrioRecord
    members: tuple[storage.MemberRecord, ...]


def first_round(engine: Engine, content: scoring.ContentSnapshot, value: int = 2) -> Setup:
    traject = storage.create_traject(engine, name="Werkplaatsen Noord 2027")
    round1 = next_round(engine, content, traject, "Werkplaats 1")
    trio = make_trio(engine, round1)
    members = tuple(storage.create_member(engine, trio_id=trio.id, role=role) for role in ROLES)
    for member in members:
        answer_all(engine, member, value)
    return Setup(traject, round1, trio, members)


def next_round(
    engine: Engine,
    content: scoring.ContentSnapshot,
    traject: storage.TrajectRecord,
    name: str = "Werkplaats 2",
    *,
    prefilled: bool = False,
) -> storage.WerkplaatsRecord:
    return storage.create_werkplaats(
        engine, name=name, held_on=TODAY, content=content, traject_id=traject.id, prefilled=prefilled
    )


def answer_all(engine: Engine, member: storage.MemberRecord, value: int, round_id: int | None = None) -> None:
    for frame in ("nu", "gewenst"):
        storage.save_answers(
            engine, member_id=member.id, frame=frame, answers=dict.fromkeys(QUESTIONS, value), round_id=round_id
        )


def answered(value: int) -> storage.MemberAnswers:
    return {"nu": dict.fromkeys(QUESTIONS, value), "gewenst": dict.fromkeys(QUESTIONS, value)}


EMPTY: storage.MemberAnswers = {"nu": {}, "gewenst": {}}


# --- Carrying over -------------------------------------------------------------------------


def test_a_trio_carries_over_to_the_next_round_with_its_members_and_links(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject)

    assert (setup.round1.traject_id, setup.round1.position) == (setup.traject.id, 1)
    assert (round2.traject_id, round2.position, round2.prefilled) == (setup.traject.id, 2, False)
    assert storage.traject_round_ids(engine, setup.traject.id) == [setup.round1.id, round2.id]
    moved = storage.get_trio(engine, setup.trio.id)
    assert moved is not None and moved.werkplaats_id == round2.id
    assert moved.code == setup.trio.code
    for round_ in (setup.round1, round2):
        assert [t.id for t in storage.list_trios(engine, round_.id)] == [setup.trio.id]
        (entry,) = storage.werkplaats_members(engine, round_.id)
        assert entry.members == setup.members  # same ids and tokens in both rounds
    for member in setup.members:
        context = storage.member_context(engine, member.token)
        assert context is not None
        assert context.werkplaats.id == round2.id
        assert (context.trio.id, context.member.id) == (setup.trio.id, member.id)


def test_answers_of_a_later_round_leave_the_earlier_round_alone(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content, value=2)
    round1 = setup.round1.id
    round2 = next_round(engine, content, setup.traject).id
    first = setup.members[0]
    assert storage.member_answers(engine, first.id) == EMPTY  # the new round starts empty
    answer_all(engine, first, 5)
    storage.save_answer(engine, member_id=setup.members[1].id, question_id="agenda", frame="nu", value=4)

    # Round 1 as it was.
    assert storage.member_answers(engine, first.id, round_id=round1) == answered(2)
    assert storage.trio_answers(engine, setup.trio.id, round_id=round1) == {m.id: answered(2) for m in setup.members}
    assert storage.werkplaats_answers(engine, round1) == {setup.trio.id: {m.id: answered(2) for m in setup.members}}
    rows1 = storage.werkplaats_answer_rows(engine, round1)
    assert len(rows1) == 3 * 2 * len(QUESTIONS) and {row.value for row in rows1} == {2}
    # Without a round: round 2, which is also what the werkplaats read of round 2 gives.
    in_round2 = {
        first.id: answered(5),
        setup.members[1].id: {"nu": {"agenda": 4}, "gewenst": {}},
        setup.members[2].id: EMPTY,
    }
    assert storage.member_answers(engine, first.id) == answered(5)
    assert storage.member_answers(engine, first.id, round_id=round2) == answered(5)
    assert storage.trio_answers(engine, setup.trio.id) == in_round2
    assert storage.werkplaats_answers(engine, round2) == {setup.trio.id: in_round2}
    assert sorted(row.value for row in storage.werkplaats_answer_rows(engine, round2)) == [4] + [5] * 6

    # Clearing an answer of round 2 leaves the same answer of round 1.
    storage.clear_answer(engine, member_id=first.id, question_id="agenda", frame="nu")
    assert "agenda" not in storage.member_answers(engine, first.id)["nu"]
    assert storage.member_answers(engine, first.id, round_id=round1) == answered(2)


def test_a_trio_made_in_a_later_round_is_not_in_the_earlier_one(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject)
    late = make_trio(engine, round2, "Gemeente Laat")
    assert [t.id for t in storage.list_trios(engine, setup.round1.id)] == [setup.trio.id]
    assert [e.trio.id for e in storage.werkplaats_members(engine, setup.round1.id)] == [setup.trio.id]
    assert list(storage.werkplaats_answers(engine, setup.round1.id)) == [setup.trio.id]
    assert [t.id for t in storage.list_trios(engine, round2.id)] == [setup.trio.id, late.id]
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, late.id)] == [round2.id]
    # A third round carries both.
    round3 = next_round(engine, content, setup.traject, "Terugkomdag")
    assert [t.id for t in storage.list_trios(engine, round3.id)] == [setup.trio.id, late.id]
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, late.id)] == [round2.id, round3.id]


def test_a_werkplaats_on_its_own_becomes_the_first_round_of_a_traject(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    alone = make_werkplaats(engine, content)
    trio = make_trio(engine, alone)
    assert (alone.traject_id, alone.position, alone.prefilled) == (None, None, False)
    traject = storage.start_traject_from(engine, werkplaats_id=alone.id, name="Noord 2027")
    assert storage.start_traject_from(engine, werkplaats_id=alone.id, name="Anders") == traject  # once
    assert storage.get_traject(engine, traject.id) == traject
    assert storage.list_trajecten(engine) == [traject]
    record = storage.get_werkplaats(engine, alone.id)
    assert record is not None and (record.traject_id, record.position) == (traject.id, 1)
    round2 = next_round(engine, content, traject)
    assert round2.position == 2
    assert [t.id for t in storage.list_trios(engine, round2.id)] == [trio.id]
    with pytest.raises(storage.NotFound):
        storage.start_traject_from(engine, werkplaats_id=999_999, name="Weg")
    with pytest.raises(storage.NotFound):
        storage.create_werkplaats(engine, name="W", held_on=TODAY, content=content, traject_id=999_999)
    with pytest.raises(storage.InputError):
        storage.create_traject(engine, name="  ")


def test_trajecten_are_listed_newest_first(engine: Engine) -> None:
    first = storage.create_traject(engine, name="Eerste")
    second = storage.create_traject(engine, name="Tweede")
    assert storage.list_trajecten(engine) == [second, first]
    assert storage.get_traject(engine, 999_999) is None
    assert storage.traject_round_ids(engine, first.id) == []


def test_prefilled_is_only_for_a_round_of_a_traject(engine: Engine, content: scoring.ContentSnapshot) -> None:
    record = storage.create_werkplaats(engine, name="Los", held_on=TODAY, content=content, prefilled=True)
    assert record.prefilled is False


# --- Start from last time --------------------------------------------------------------------


@pytest.mark.parametrize(("prefilled", "start"), [(True, answered(3)), (False, EMPTY)], ids=["prefilled", "empty"])
def test_a_new_round_starts_from_last_time_or_empty(
    engine: Engine, content: scoring.ContentSnapshot, prefilled: bool, start: storage.MemberAnswers
) -> None:
    setup = first_round(engine, content, value=3)
    round2 = next_round(engine, content, setup.traject, prefilled=prefilled)
    assert round2.prefilled is prefilled
    every = {(frame, q) for frame in ("nu", "gewenst") for q in QUESTIONS}
    for member in setup.members:
        assert storage.member_answers(engine, member.id) == start
        assert storage.carried_answers(engine, member.id) == (every if prefilled else set())
        assert storage.carried_answers(engine, member.id, round_id=setup.round1.id) == set()
    assert storage.werkplaats_answers(engine, round2.id) == {setup.trio.id: {m.id: start for m in setup.members}}


def test_saving_or_confirming_a_carried_answer_makes_it_the_members_own(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content, value=3)
    next_round(engine, content, setup.traject, prefilled=True)
    member, other = setup.members[0], setup.members[1]
    every = {(frame, q) for frame in ("nu", "gewenst") for q in QUESTIONS}

    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=5)
    storage.save_answer(engine, member_id=member.id, question_id="kennis_en_data", frame="gewenst", value=3)  # same
    assert storage.carried_answers(engine, member.id) == every - {("nu", "agenda"), ("gewenst", "kennis_en_data")}
    assert storage.member_answers(engine, member.id)["nu"]["agenda"] == 5
    assert storage.member_answers(engine, member.id, round_id=setup.round1.id) == answered(3)
    assert storage.carried_answers(engine, other.id) == every  # another member's stay carried

    assert storage.confirm_answers(engine, member_id=member.id) == len(every) - 2
    assert storage.carried_answers(engine, member.id) == set()
    assert storage.confirm_answers(engine, member_id=member.id) == 0
    assert storage.member_answers(engine, member.id) == {"nu": {**answered(3)["nu"], "agenda": 5}, "gewenst": answered(3)["gewenst"]}
    assert storage.carried_answers(engine, other.id) == every
    with pytest.raises(storage.NotFound):
        storage.confirm_answers(engine, member_id=999_999)


def test_start_from_last_time_copies_the_trios_latest_round(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content, value=2)
    next_round(engine, content, setup.traject)  # round 2 starts empty
    member = setup.members[0]
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=4)
    next_round(engine, content, setup.traject, "Werkplaats 3", prefilled=True)
    assert storage.member_answers(engine, member.id) == {"nu": {"agenda": 4}, "gewenst": {}}
    assert storage.carried_answers(engine, member.id) == {("nu", "agenda")}
    assert storage.member_answers(engine, setup.members[1].id) == EMPTY


# --- The rounds of a trio, sharing, and overviews --------------------------------------------


def test_trio_rounds_in_order_and_sharing_with_the_bestuur(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject, prefilled=True)
    rounds = storage.trio_rounds(engine, setup.trio.id)
    assert [(r.werkplaats_id, r.name, r.position, r.prefilled) for r in rounds] == [
        (setup.round1.id, "Werkplaats 1", 1, False),
        (round2.id, "Werkplaats 2", 2, True),
    ]
    assert [r.shared_at for r in rounds] == [None, None]

    storage.share_with_bestuur(engine, trio_id=setup.trio.id, round_id=setup.round1.id)
    first, second = storage.trio_rounds(engine, setup.trio.id)
    assert first.shared_at is not None and first.shared_at.tzinfo is not None
    assert second.shared_at is None
    storage.share_with_bestuur(engine, trio_id=setup.trio.id)  # the current round
    assert storage.trio_rounds(engine, setup.trio.id)[1].shared_at is not None
    storage.share_with_bestuur(engine, trio_id=setup.trio.id, shared=False, round_id=setup.round1.id)
    assert [r.shared_at is not None for r in storage.trio_rounds(engine, setup.trio.id)] == [False, True]

    elsewhere = make_werkplaats(engine, content, "Elders")
    with pytest.raises(storage.NotFound):  # a round the trio took no part in
        storage.share_with_bestuur(engine, trio_id=setup.trio.id, round_id=elsewhere.id)
    with pytest.raises(storage.NotFound):
        storage.share_with_bestuur(engine, trio_id=999_999)
    assert storage.trio_rounds(engine, 999_999) == []


def test_werkplaats_summaries_count_carried_trios(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject)
    make_trio(engine, round2, "Gemeente Laat")
    summaries = {s.id: s for s in storage.list_werkplaatsen(engine)}
    assert (summaries[setup.round1.id].trio_count, summaries[round2.id].trio_count) == (1, 2)
    assert (summaries[round2.id].traject_id, summaries[round2.id].position) == (setup.traject.id, 2)


# --- Removing a round --------------------------------------------------------------------------


def test_removing_the_latest_round_moves_its_trios_back(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content, value=2)
    round2 = next_round(engine, content, setup.traject, prefilled=True)
    late = make_trio(engine, round2, "Gemeente Laat")
    answer_all(engine, setup.members[0], 5)
    storage.add_action(engine, trio_id=setup.trio.id, what="In ronde 2")

    assert storage.delete_werkplaats(engine, round2.id)
    back = storage.get_trio(engine, setup.trio.id)
    assert back is not None and back.werkplaats_id == setup.round1.id
    assert storage.get_trio(engine, late.id) is None  # it took part in no other round
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, setup.trio.id)] == [setup.round1.id]
    assert storage.trio_answers(engine, setup.trio.id) == {m.id: answered(2) for m in setup.members}
    assert storage.list_actions(engine, setup.trio.id) == []
    context = storage.member_context(engine, setup.members[0].token)
    assert context is not None and context.werkplaats.id == setup.round1.id
    assert row_count(engine, Answer, Answer.round_id == round2.id) == 0
    assert storage.traject_round_ids(engine, setup.traject.id) == [setup.round1.id]
    # The next round is number 2 again, and carries the trio.
    again = next_round(engine, content, setup.traject, "Werkplaats 2 opnieuw")
    assert again.position == 2
    assert [t.id for t in storage.list_trios(engine, again.id)] == [setup.trio.id]


def test_removing_a_middle_round_keeps_the_trio_in_its_latest_other_round(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject)
    round3 = next_round(engine, content, setup.traject, "Werkplaats 3")
    assert storage.delete_werkplaats(engine, round3.id)
    trio = storage.get_trio(engine, setup.trio.id)
    assert trio is not None and trio.werkplaats_id == round2.id  # the latest, not the first


def test_removing_the_first_round_keeps_trios_that_moved_on(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content, value=2)
    round2 = next_round(engine, content, setup.traject)
    answer_all(engine, setup.members[0], 5)
    storage.set_perspective_choice(
        engine, trio_id=setup.trio.id, perspective_id="p_een", chosen=True, round_id=setup.round1.id
    )
    stayed = make_trio(engine, setup.round1, "Gemeente Blijft")  # joined round 1 after round 2 opened

    assert storage.delete_werkplaats(engine, setup.round1.id)
    trio = storage.get_trio(engine, setup.trio.id)
    assert trio is not None and trio.werkplaats_id == round2.id
    assert storage.get_trio(engine, stayed.id) is None
    assert storage.list_members(engine, setup.trio.id) == list(setup.members)
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, setup.trio.id)] == [round2.id]
    assert storage.member_answers(engine, setup.members[0].id) == answered(5)
    for table in (Answer, InfluenceChoice, PerspectiveChoice, Action):
        assert row_count(engine, table, table.round_id == setup.round1.id) == 0
    assert row_count(engine, TrioRound, TrioRound.werkplaats_id == setup.round1.id) == 0


# --- Versions and results per round ------------------------------------------------------------


def test_versions_and_cached_results_are_per_round(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    setup = first_round(engine, content, value=1)
    round1 = setup.round1.id
    round2 = next_round(engine, content, setup.traject).id
    for member in setup.members:
        answer_all(engine, member, 5)
    ids = [q.id for q in model.questions]
    (v1,) = storage.werkplaats_trio_versions(engine, round1, ids)
    (v2,) = storage.werkplaats_trio_versions(engine, round2, ids)
    assert (v1.version.round_id, v2.version.round_id) == (round1, round2)
    assert v1.version != v2.version
    assert storage.trio_version(engine, setup.trio.id, ids) == v2.version
    assert storage.trio_version(engine, setup.trio.id, ids, round_id=round1) == v1.version

    def expected(round_id: int) -> scoring.GroupResult:
        members = storage.list_members(engine, setup.trio.id)
        return trio_result(model, members, storage.trio_answers(engine, setup.trio.id, round_id=round_id))

    assert expected(round1) != expected(round2)
    cache = ResultCache()
    for _ in range(2):  # the same content in both rounds: the cache must not hand one round's result to the other
        for round_id in (round1, round2):
            (group,) = werkplaats_groups_from(engine, cache, model, round_id)
            assert group.result == expected(round_id)
        assert trio_result_from(engine, cache, model, setup.trio.id, round_id=round1) == expected(round1)
        assert trio_result_from(engine, cache, model, setup.trio.id) == expected(round2)
        assert trio_result_from(engine, cache, model, setup.trio.id, round_id=round2) == expected(round2)

    snapshots = storage.trio_snapshots(engine, [setup.trio.id], ids, round_id=round1)
    assert snapshots[setup.trio.id].version == v1.version
    assert snapshots[setup.trio.id].answers == {m.id: answered(1) for m in setup.members}
    current = storage.trio_snapshots(engine, [setup.trio.id], ids)
    assert current[setup.trio.id].answers == {m.id: answered(5) for m in setup.members}


# --- Choices and actions per round -------------------------------------------------------------


def test_influence_and_perspective_choices_are_per_round(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    round1 = setup.round1.id
    member = setup.members[0]
    storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bestuurlijk")
    storage.set_perspective_choice(engine, trio_id=setup.trio.id, perspective_id="p_een", chosen=True)
    round2 = next_round(engine, content, setup.traject).id
    assert storage.member_influence_choices(engine, member.id) == {}
    assert storage.chosen_perspectives(engine, setup.trio.id) == []

    storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bewoners")
    storage.set_perspective_choice(engine, trio_id=setup.trio.id, perspective_id="p_twee", chosen=True)
    storage.set_perspective_choice(
        engine, trio_id=setup.trio.id, perspective_id="p_een", chosen=False
    )  # not chosen in round 2: round 1 keeps it
    assert storage.member_influence_choices(engine, member.id, round_id=round1) == {"agenda": "bestuurlijk"}
    assert storage.member_influence_choices(engine, member.id) == {"agenda": "bewoners"}
    assert storage.trio_influence_choices(engine, setup.trio.id, round_id=round1)[member.id] == {"agenda": "bestuurlijk"}
    assert storage.trio_influence_choices(engine, setup.trio.id)[member.id] == {"agenda": "bewoners"}
    assert storage.werkplaats_influence_choices(engine, round1)[setup.trio.id][member.id] == {"agenda": "bestuurlijk"}
    assert storage.werkplaats_influence_choices(engine, round2)[setup.trio.id][member.id] == {"agenda": "bewoners"}
    assert [r.option_id for r in storage.werkplaats_influence_rows(engine, round1)] == ["bestuurlijk"]
    assert [r.option_id for r in storage.werkplaats_influence_rows(engine, round2)] == ["bewoners"]
    assert storage.chosen_perspectives(engine, setup.trio.id, round_id=round1) == ["p_een"]
    assert storage.chosen_perspectives(engine, setup.trio.id) == ["p_twee"]

    storage.clear_influence_choice(engine, member_id=member.id, question_id="agenda")
    assert storage.member_influence_choices(engine, member.id) == {}
    assert storage.member_influence_choices(engine, member.id, round_id=round1) == {"agenda": "bestuurlijk"}


def test_actions_are_per_round_and_followed_up_later(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    round1 = setup.round1.id
    earlier = storage.add_action(engine, trio_id=setup.trio.id, what="Wijkwandeling", who="Koen")
    round2 = next_round(engine, content, setup.traject).id
    later = storage.add_action(engine, trio_id=setup.trio.id, what="Bewonersavond")
    assert (earlier.round_id, later.round_id) == (round1, round2)
    assert (earlier.status, earlier.reflection, earlier.followed_up_at) == (None, "", None)
    assert storage.list_actions(engine, setup.trio.id, round_id=round1) == [earlier]
    assert storage.list_actions(engine, setup.trio.id) == [later]
    explicit = storage.add_action(engine, trio_id=setup.trio.id, what="Nog een", round_id=round1)
    assert [a.id for a in storage.list_actions(engine, setup.trio.id, round_id=round1)] == [earlier.id, explicit.id]


@pytest.mark.parametrize("status", storage.ACTION_STATUSES)
def test_following_up_an_action(engine: Engine, content: scoring.ContentSnapshot, status: str) -> None:
    setup = first_round(engine, content)
    action = storage.add_action(engine, trio_id=setup.trio.id, what="Wijkwandeling")
    next_round(engine, content, setup.traject)
    done = storage.follow_up_action(
        engine, trio_id=setup.trio.id, action_id=action.id, status=status, reflection="  Liep goed. "
    )
    assert (done.id, done.round_id, done.status, done.reflection) == (action.id, action.round_id, status, "Liep goed.")
    assert done.followed_up_at is not None and done.followed_up_at.tzinfo is not None
    assert storage.list_actions(engine, setup.trio.id, round_id=setup.round1.id) == [done]
    undone = storage.follow_up_action(engine, trio_id=setup.trio.id, action_id=action.id, status=None)
    assert (undone.status, undone.reflection, undone.followed_up_at) == (None, "", None)
    assert storage.list_actions(engine, setup.trio.id, round_id=setup.round1.id) == [undone]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"status": "klaar"}, storage.InputError),
        ({"status": ""}, storage.InputError),
        ({"status": "gedaan", "reflection": "x" * (storage.MAX_REFLECTION + 1)}, storage.InputError),
        ({"status": "gedaan", "other_trio": True}, storage.NotFound),
        ({"status": "gedaan", "action_id": 999_999}, storage.NotFound),
    ],
    ids=["unknown-status", "empty-status", "reflection-too-long", "other-trios-action", "gone"],
)
def test_a_wrong_follow_up_changes_nothing(
    engine: Engine, content: scoring.ContentSnapshot, change: dict[str, object], error: type[Exception]
) -> None:
    setup = first_round(engine, content)
    other = make_trio(engine, setup.round1, "Gemeente Anders")
    action = storage.add_action(engine, trio_id=setup.trio.id, what="Wijkwandeling")
    trio_id = other.id if change.get("other_trio") else setup.trio.id
    action_id = change.get("action_id", action.id)
    reflection = change.get("reflection", "")
    assert isinstance(action_id, int) and isinstance(reflection, str)
    with pytest.raises(error) as caught:
        storage.follow_up_action(
            engine, trio_id=trio_id, action_id=action_id, status=str(change["status"]), reflection=reflection
        )
    assert isinstance(caught.value, ValueError)
    assert storage.list_actions(engine, setup.trio.id) == [action]


def test_a_reflection_of_the_longest_length_is_kept(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    action = storage.add_action(engine, trio_id=setup.trio.id, what="Wijkwandeling")
    text = "é" * storage.MAX_REFLECTION
    done = storage.follow_up_action(engine, trio_id=setup.trio.id, action_id=action.id, status="bezig", reflection=text)
    assert storage.list_actions(engine, setup.trio.id)[0].reflection == text == done.reflection


# --- Writing to a round the trio took no part in --------------------------------------------------


def test_a_round_the_trio_took_no_part_in_is_refused(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    elsewhere = make_werkplaats(engine, content, "Elders")
    member = setup.members[0]
    writes = [
        lambda: storage.save_answer(
            engine, member_id=member.id, question_id="agenda", frame="nu", value=3, round_id=elsewhere.id
        ),
        lambda: storage.save_influence_choice(
            engine, member_id=member.id, question_id="agenda", option_id="bewoners", round_id=elsewhere.id
        ),
        lambda: storage.set_perspective_choice(
            engine, trio_id=setup.trio.id, perspective_id="p_een", chosen=True, round_id=elsewhere.id
        ),
        lambda: storage.add_action(engine, trio_id=setup.trio.id, what="Elders", round_id=elsewhere.id),
    ]
    for write in writes:
        with pytest.raises(storage.NotFound):
            write()
    assert storage.werkplaats_answer_rows(engine, elsewhere.id) == []
    assert storage.werkplaats_influence_rows(engine, elsewhere.id) == []
    for table in (Answer, InfluenceChoice, PerspectiveChoice, Action):
        assert row_count(engine, table, table.round_id == elsewhere.id) == 0


# --- The bestuurder --------------------------------------------------------------------------------


def test_the_bestuurder_answers_beside_the_trio_and_is_never_counted(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    setup = first_round(engine, content, value=2)
    assert storage.bestuurder_of(engine, setup.trio.id) is None
    bestuurder = storage.invite_bestuurder(engine, trio_id=setup.trio.id)
    assert storage.invite_bestuurder(engine, trio_id=setup.trio.id) == bestuurder  # the same link twice
    assert bestuurder.token == storage.invite_bestuurder(engine, trio_id=setup.trio.id).token
    assert storage.bestuurder_of(engine, setup.trio.id) == bestuurder
    assert (bestuurder.kind, bestuurder.is_bestuurder, bestuurder.trio_id) == ("bestuurder", True, setup.trio.id)
    assert not any(m.is_bestuurder for m in setup.members)
    answer_all(engine, bestuurder, 5)
    storage.save_influence_choice(engine, member_id=bestuurder.id, question_id="agenda", option_id="bestuurlijk")
    ids = [q.id for q in model.questions]
    round1 = setup.round1.id

    def check(round_id: int) -> None:
        members = list(setup.members)
        assert storage.list_members(engine, setup.trio.id) == members
        assert [e.members for e in storage.werkplaats_members(engine, round_id)] == [tuple(members)]
        assert set(storage.trio_answers(engine, setup.trio.id, round_id=round_id)) == {m.id for m in members}
        assert set(storage.werkplaats_answers(engine, round_id)[setup.trio.id]) == {m.id for m in members}
        assert bestuurder.id not in {row.member_id for row in storage.werkplaats_answer_rows(engine, round_id)}
        snapshot = storage.trio_snapshots(engine, [setup.trio.id], ids, round_id=round_id)[setup.trio.id]
        assert (snapshot.members, set(snapshot.answers)) == (tuple(members), {m.id for m in members})
        assert set(storage.trio_influence_choices(engine, setup.trio.id, round_id=round_id)) == {m.id for m in members}
        assert set(storage.werkplaats_influence_choices(engine, round_id)[setup.trio.id]) == {m.id for m in members}
        assert storage.werkplaats_influence_rows(engine, round_id) == []
        (group,) = werkplaats_groups_from(engine, ResultCache(), model, round_id)
        assert len(group.result.members) == 3

    check(round1)
    assert storage.member_answers(engine, bestuurder.id) == answered(5)
    assert storage.member_influence_choices(engine, bestuurder.id) == {"agenda": "bestuurlijk"}
    context = storage.member_context(engine, bestuurder.token)
    assert context is not None
    assert (context.member, context.trio.id, context.werkplaats.id) == (bestuurder, setup.trio.id, round1)

    # In the next round the bestuurder's link follows the trio, and still never counts.
    round2 = next_round(engine, content, setup.traject).id
    answer_all(engine, bestuurder, 4)
    check(round2)
    context = storage.member_context(engine, bestuurder.token)
    assert context is not None and context.werkplaats.id == round2 and context.member.kind == "bestuurder"
    assert storage.member_answers(engine, bestuurder.id) == answered(4)
    assert storage.member_answers(engine, bestuurder.id, round_id=round1) == answered(5)
    with pytest.raises(storage.NotFound):
        storage.invite_bestuurder(engine, trio_id=999_999)


def test_inviting_the_bestuurder_at_once_makes_one(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    made: list[storage.MemberRecord] = []

    def invite() -> None:
        made.append(storage.invite_bestuurder(engine, trio_id=setup.trio.id))

    assert run_together([invite] * 8) == []
    assert len({m.id for m in made}) == 1
    assert storage.bestuurder_of(engine, setup.trio.id) == made[0]


# --- Merging trios -----------------------------------------------------------------------------------


def test_merging_trios_keeps_every_round_and_the_leervragen(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content, value=2)  # the trio that is merged, made in round 1
    round1 = setup.round1.id
    storage.set_perspective_choice(engine, trio_id=setup.trio.id, perspective_id="p_een", chosen=True)
    old_action = storage.add_action(engine, trio_id=setup.trio.id, what="Uit ronde 1")
    theirs = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Hun een", "Hun twee"])
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=theirs[0].id, text="Notitie ronde 1")
    round2 = next_round(engine, content, setup.traject).id
    keep = storage.create_trio(engine, werkplaats_id=round2, municipality="Gemeente Blijft")
    kept_member = storage.create_member(engine, trio_id=keep.id, role="veiligheid")
    answer_all(engine, kept_member, 4)
    ours = storage.set_leervragen(engine, trio_id=keep.id, texts=["Onze een"])
    for trio_id in (keep.id, setup.trio.id):
        storage.set_perspective_choice(engine, trio_id=trio_id, perspective_id="p_twee", chosen=True)
    answer_all(engine, setup.members[0], 5)

    merged = storage.merge_trios(engine, keep.id, setup.trio.id)
    assert (merged.id, merged.werkplaats_id, merged.code) == (keep.id, round2, keep.code)
    assert storage.get_trio(engine, setup.trio.id) is None
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, keep.id)] == [round1, round2]
    assert [t.id for t in storage.list_trios(engine, round1)] == [keep.id]
    assert [t.id for t in storage.list_trios(engine, round2)] == [keep.id]
    members = [kept_member, *setup.members]
    assert [m.id for m in storage.list_members(engine, keep.id)] == sorted(m.id for m in members)
    assert storage.trio_answers(engine, keep.id, round_id=round1) == {
        kept_member.id: EMPTY, **{m.id: answered(2) for m in setup.members}
    }
    assert storage.trio_answers(engine, keep.id)[kept_member.id] == answered(4)
    assert storage.trio_answers(engine, keep.id)[setup.members[0].id] == answered(5)
    assert set(storage.werkplaats_answers(engine, round1)) == {keep.id}
    assert storage.chosen_perspectives(engine, keep.id, round_id=round1) == ["p_een"]
    assert storage.chosen_perspectives(engine, keep.id) == ["p_twee"]  # chosen by both: once
    assert storage.list_actions(engine, keep.id, round_id=round1) == [
        storage.ActionRecord(**{**old_action.__dict__, "trio_id": keep.id})
    ]
    leervragen = storage.list_leervragen(engine, keep.id)
    assert [(r.id, r.position, r.text) for r in leervragen] == [
        (ours[0].id, 1, "Onze een"),
        (theirs[0].id, 2, "Hun een"),
        (theirs[1].id, 3, "Hun twee"),
    ]
    assert [(n.round_id, n.text) for n in leervragen[1].notes] == [(round1, "Notitie ronde 1")]
    for member in setup.members:  # every personal link still works, now in the kept trio
        context = storage.member_context(engine, member.token)
        assert context is not None and (context.trio.id, context.werkplaats.id) == (keep.id, round2)


def test_merging_keeps_at_most_three_leervragen(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    keep, merge = make_trio(engine, werkplaats, "Gemeente A"), make_trio(engine, werkplaats, "Gemeente B")
    storage.set_leervragen(engine, trio_id=keep.id, texts=["A1", "A2"])
    storage.set_leervragen(engine, trio_id=merge.id, texts=["B1", "B2", "B3"])
    storage.merge_trios(engine, keep.id, merge.id)
    assert [(r.position, r.text) for r in storage.list_leervragen(engine, keep.id)] == [(1, "A1"), (2, "A2"), (3, "B1")]
    # And the kept trio can reword them as usual.
    storage.set_leervragen(engine, trio_id=keep.id, texts=["A1", "A2", "B1 anders"])
    assert [r.text for r in storage.list_leervragen(engine, keep.id)] == ["A1", "A2", "B1 anders"]


def test_trios_in_different_rounds_are_not_merged(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    round2 = next_round(engine, content, setup.traject)
    late_in_round1 = make_trio(engine, setup.round1, "Gemeente Laat")
    with pytest.raises(storage.InputError):
        storage.merge_trios(engine, late_in_round1.id, setup.trio.id)
    assert [t.id for t in storage.list_trios(engine, round2.id)] == [setup.trio.id]
    assert storage.list_members(engine, setup.trio.id) == list(setup.members)


def test_rounds_opened_at_once_get_their_own_places(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    opened: list[storage.WerkplaatsRecord] = []

    def open_round() -> None:
        opened.append(next_round(engine, content, setup.traject))

    assert run_together([open_round] * 4) == []
    assert sorted(r.position for r in opened) == [2, 3, 4, 5]
    in_order = storage.traject_round_ids(engine, setup.traject.id)
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, setup.trio.id)] == in_order
    trio = storage.get_trio(engine, setup.trio.id)
    assert trio is not None and trio.werkplaats_id == in_order[-1]
