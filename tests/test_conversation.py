"""Conversation starters: which statements a trio should talk about, and why.

On the shipped 5-point scale: "verschil" needs a max-min of at least 2, "samen_veranderen"
needs at most 1, and a movement counts from a mean gap of 1 point.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import REASONS, Starter, load_model, starters
from scoring.conversation import DEFAULT_PROMPT, MAX_STARTERS, MIN_STARTERS
from tests.packs import CONTENT_DIR, MINIMAL_DIR

CONTENT = load_model(CONTENT_DIR)
MEMBERS = ("ann", "bob", "cas")

Answers = dict[str, int | None]


def neutral(value: int | None = 3) -> Answers:
    return {q.id: value for q in CONTENT.questions}


def trio(**overrides: tuple[int | None, int | None, int | None]) -> dict[str, Answers]:
    """Three members answering 3 everywhere, except ``question_id=(ann, bob, cas)``."""
    members = {m: neutral() for m in MEMBERS}
    for qid, values in overrides.items():
        for member, value in zip(MEMBERS, values, strict=True):
            members[member][qid] = value
    return members


def ids_and_kinds(result: list[Starter]) -> list[tuple[str, str]]:
    return [(s.question_id, s.kind) for s in result]


def test_content_question_ids_used_here() -> None:
    ids = {q.id for q in CONTENT.questions}
    assert {"kennis_en_data", "agenda", "budget", "initiatief", "openbare_ruimte", "verantwoording"} <= ids
    assert CONTENT.question("budget").reverse
    assert not CONTENT.question("agenda").reverse
    assert CONTENT.scale.points == 5


def test_biggest_disagreements_come_first() -> None:
    # budget (later in the content) differs more than initiatief, which differs more than kennis_en_data.
    nu = trio(budget=(1, 5, 3), initiatief=(2, 5, 3), kennis_en_data=(2, 4, 3))
    result = starters(CONTENT, nu, nu)
    assert ids_and_kinds(result)[:2] == [("budget", "verschil"), ("initiatief", "verschil")]
    assert [s.disagreement for s in result[:2]] == [4, 3]
    assert len(result) == MIN_STARTERS
    assert result[2].question_id == "kennis_en_data"
    assert all(s.gap == 0 for s in result)


def test_disagreement_in_gewenst_counts_too() -> None:
    nu = trio()
    gewenst = trio(verantwoording=(1, 5, 5))
    result = starters(CONTENT, nu, gewenst)
    assert (result[0].question_id, result[0].kind, result[0].disagreement) == (
        "verantwoording",
        "verschil",
        4,
    )


def test_all_three_kinds_in_order() -> None:
    nu = trio(
        agenda=(1, 5, 3),  # members differ: 4
        openbare_ruimte=(1, 4, 3),  # members differ: 3
        kennis_en_data=(1, 1, 1),  # all want to move 4 points
        budget=(5, 5, 5),  # reversed: raw 5 -> 2 is a move of 3 towards the high pole
        initiatief=(2, 2, 2),  # all agree, want 2 points of change
        verantwoording=(3, 3, 3),  # a small move: not picked
    )
    gewenst = trio(
        agenda=(1, 5, 3),
        openbare_ruimte=(1, 4, 3),
        kennis_en_data=(5, 5, 5),
        budget=(2, 2, 2),
        initiatief=(4, 4, 4),
        verantwoording=(4, 4, 3),
    )
    result = starters(CONTENT, nu, gewenst)
    assert ids_and_kinds(result) == [
        ("agenda", "verschil"),
        ("openbare_ruimte", "verschil"),
        ("kennis_en_data", "samen_veranderen"),
        ("budget", "beweging"),
        ("initiatief", "beweging"),
    ]
    assert len(result) == MAX_STARTERS
    assert [s.gap for s in result] == [0.0, 0.0, 4.0, 3.0, 2.0]
    assert [s.disagreement for s in result] == [4, 3, 0, 0, 0]


def test_agreed_change_is_samen_veranderen() -> None:
    # Members differ on two statements and all want the same change on a third.
    nu = trio(kennis_en_data=(1, 5, 1), budget=(5, 1, 5), agenda=(2, 2, 2))
    gewenst = trio(kennis_en_data=(1, 5, 1), budget=(5, 1, 5), agenda=(4, 4, 4))
    result = starters(CONTENT, nu, gewenst)
    agreed = next(s for s in result if s.question_id == "agenda")
    assert agreed.kind == "samen_veranderen"
    assert agreed.disagreement == 0
    assert agreed.gap == 2.0


def test_prompts_come_from_content() -> None:
    nu = trio(budget=(1, 5, 3), initiatief=(2, 5, 3))
    gewenst = trio(budget=(1, 5, 3), initiatief=(2, 5, 3), kennis_en_data=(5, 5, 5))
    result = starters(CONTENT, nu, gewenst)
    assert result
    for s in result:
        prompt = CONTENT.question(s.question_id).prompt
        assert prompt
        assert s.prompt == prompt


def test_default_prompt_without_content_prompt() -> None:
    model = load_model(MINIMAL_DIR)
    assert all(q.prompt is None for q in model.questions)
    result = starters(model, {"ann": {"agenda": 1, "kennis": 1}, "bob": {"agenda": 5, "kennis": 2}}, {})
    assert [s.question_id for s in result] == ["agenda", "kennis"]
    assert all(s.prompt == DEFAULT_PROMPT for s in result)


def test_one_member_ranks_by_gap() -> None:
    nu = {"ann": neutral()}
    gewenst = {"ann": {**neutral(), "kennis_en_data": 5, "agenda": 5, "budget": 2}}
    result = starters(CONTENT, nu, gewenst)
    assert len(result) == MIN_STARTERS
    assert ids_and_kinds(result) == [
        ("kennis_en_data", "beweging"),
        ("agenda", "beweging"),
        ("budget", "beweging"),  # reversed: raw 3 -> 2 is one point towards the high pole
    ]
    assert [s.gap for s in result] == [2.0, 2.0, 1.0]
    assert all(s.disagreement is None for s in result)


def test_one_member_without_movement_still_gets_three() -> None:
    result = starters(CONTENT, {"ann": neutral()}, {"ann": neutral()})
    assert len(result) == MIN_STARTERS
    assert all(s.disagreement is None and s.gap == 0 for s in result)
    assert len({s.question_id for s in result}) == MIN_STARTERS


def test_member_with_only_dont_know_changes_nothing() -> None:
    nu = trio(budget=(1, 5, 3), initiatief=(2, 5, 3), kennis_en_data=(2, 4, 3))
    gewenst = trio(agenda=(2, 2, 2), initiatief=(2, 5, 3))
    without = starters(CONTENT, nu, gewenst)
    with_silent = starters(CONTENT, {**nu, "dirk": neutral(None)}, {**gewenst, "dirk": neutral(None)})
    assert with_silent == without
    assert without


def test_only_dont_know_answers_give_nothing() -> None:
    members = {m: neutral(None) for m in MEMBERS}
    assert starters(CONTENT, members, members) == []


def test_three_identical_members_never_differ() -> None:
    same_nu = {**neutral(), "kennis_en_data": 1, "agenda": 2, "budget": 4}
    same_gewenst = {**neutral(), "kennis_en_data": 4, "agenda": 4, "budget": 2, "initiatief": 4}
    result = starters(CONTENT, {m: dict(same_nu) for m in MEMBERS}, {m: dict(same_gewenst) for m in MEMBERS})
    assert ids_and_kinds(result) == [
        ("kennis_en_data", "samen_veranderen"),
        ("agenda", "beweging"),
        ("budget", "beweging"),
    ]
    assert all(s.disagreement == 0 for s in result)


def test_three_identical_members_without_movement() -> None:
    members = {m: neutral(4) for m in MEMBERS}
    result = starters(CONTENT, members, members)
    assert len(result) == MIN_STARTERS
    assert all(s.disagreement == 0 and s.gap == 0 for s in result)
    assert all(s.kind == "eens_en_tevreden" for s in result)


@pytest.mark.parametrize(
    ("nu", "gewenst"),
    [
        pytest.param({}, {}, id="no-members"),
        pytest.param({"ann": {}, "bob": {}}, {"ann": {}, "bob": {}}, id="members-without-answers"),
        pytest.param({"ann": {}}, {}, id="one-empty-frame"),
    ],
)
def test_empty_answers_give_no_starters(nu: dict[str, Answers], gewenst: dict[str, Answers]) -> None:
    assert starters(CONTENT, nu, gewenst) == []


def test_fewer_answered_statements_give_fewer_starters() -> None:
    # A statement is a candidate once it has a disagreement (two answers in a frame) or a gap
    # (answers in both frames); initiatief has neither.
    nu = {"ann": {"agenda": 2, "budget": 4, "initiatief": 1}, "bob": {"agenda": 3, "budget": 4}}
    result = starters(CONTENT, nu, {})
    assert [s.question_id for s in result] == ["agenda", "budget"]
    assert [s.disagreement for s in result] == [1, 0]
    assert all(s.gap is None for s in result)


def test_invalid_answers_raise() -> None:
    with pytest.raises(ValueError):
        starters(CONTENT, {"ann": {"agenda": 6}}, {})
    with pytest.raises(ValueError):
        starters(CONTENT, {}, {"ann": {"onbekend": 3}})


# --- ander_aan_zet: members see someone else aan zet --------------------------------------------


def test_someone_else_aan_zet_reason_lives_with_the_others() -> None:
    assert REASONS["ander_aan_zet"] == "Hier zien jullie iemand anders aan zet."
    assert set(REASONS) == {"verschil", "ander_aan_zet", "beweging", "samen_veranderen", "eens_en_tevreden",
                            "bestuur"}


def test_different_levers_give_an_ander_aan_zet_starter() -> None:
    nu = trio(agenda=(1, 5, 3), openbare_ruimte=(1, 4, 3), kennis_en_data=(1, 1, 1), budget=(5, 5, 5))
    gewenst = trio(agenda=(1, 5, 3), openbare_ruimte=(1, 4, 3), kennis_en_data=(5, 5, 5), budget=(2, 2, 2))
    choices = {
        "ann": {"budget": "eigen_handelen", "kennis_en_data": "bestuurlijk"},
        "bob": {"budget": "bestuurlijk", "kennis_en_data": "bestuurlijk"},
        "cas": {"budget": "bestuurlijk", "kennis_en_data": "bestuurlijk"},
    }
    result = starters(CONTENT, nu, gewenst, choices)
    assert ids_and_kinds(result) == [
        ("agenda", "verschil"),
        ("openbare_ruimte", "verschil"),
        ("budget", "ander_aan_zet"),  # the trio agrees on kennis_en_data's lever
        ("kennis_en_data", "samen_veranderen"),
    ]
    aan_zet = result[2]
    assert aan_zet.reason == "Hier zien jullie iemand anders aan zet."
    assert aan_zet.levers == ("bestuurlijk", "eigen_handelen")  # most chosen first
    assert result[3].levers == ("bestuurlijk",)
    assert result[0].levers == ()
    # Without choices the same answers give the same starters as before.
    assert ids_and_kinds(starters(CONTENT, nu, gewenst)) == [
        ("agenda", "verschil"),
        ("openbare_ruimte", "verschil"),
        ("kennis_en_data", "samen_veranderen"),
        ("budget", "beweging"),
    ]


def test_largest_change_wins_among_lever_disagreements() -> None:
    nu = trio(initiatief=(2, 2, 2), verantwoording=(1, 1, 1))
    gewenst = trio(initiatief=(3, 3, 3), verantwoording=(5, 5, 5))
    split = {"ann": "eigen_handelen", "bob": "bewoners"}
    choices = {m: {"initiatief": o, "verantwoording": o} for m, o in split.items()}
    result = starters(CONTENT, nu, gewenst, choices)
    assert result[0].question_id == "verantwoording"
    assert result[0].kind == "ander_aan_zet"
    assert result[0].levers == ("eigen_handelen", "bewoners")  # a tie: content order of the options


def test_one_choice_or_unknown_options_are_no_disagreement() -> None:
    nu = trio(budget=(5, 5, 5))
    gewenst = trio(budget=(2, 2, 2))
    lone = {"ann": {"budget": "bestuurlijk"}}
    unknown = {"ann": {"budget": "bestuurlijk"}, "bob": {"budget": "de_wethouder"}}
    for choices in (lone, unknown):
        result = starters(CONTENT, nu, gewenst, choices)
        assert all(s.kind != "ander_aan_zet" for s in result)
        assert result[0].question_id == "budget" and result[0].levers == ("bestuurlijk",)


@st.composite
def member_answers(draw: st.DrawFn) -> dict[str, Answers]:
    value: Any = st.one_of(st.none(), st.integers(min_value=1, max_value=CONTENT.scale.points))
    ids = [q.id for q in CONTENT.questions]
    count = draw(st.integers(min_value=0, max_value=4))
    return {f"lid{i}": draw(st.dictionaries(st.sampled_from(ids), value)) for i in range(count)}


@pytest.mark.property
@settings(max_examples=200, deadline=None)
@given(member_answers(), member_answers())
def test_starters_count_and_shape(nu: dict[str, Answers], gewenst: dict[str, Answers]) -> None:
    result = starters(CONTENT, nu, gewenst)

    def answered_in(frame: dict[str, Answers], qid: str) -> int:
        return sum(1 for answers in frame.values() if answers.get(qid) is not None)

    # Candidates: statements with a disagreement (two answers in a frame) or a gap (answers in both).
    answered = {
        q.id
        for q in CONTENT.questions
        if max(answered_in(nu, q.id), answered_in(gewenst, q.id)) >= 2
        or (answered_in(nu, q.id) and answered_in(gewenst, q.id))
    }
    assert len(result) <= MAX_STARTERS
    assert len(result) >= min(MIN_STARTERS, len(answered))
    assert len({s.question_id for s in result}) == len(result)
    assert {s.question_id for s in result} <= answered
    for s in result:
        assert s.kind in ("verschil", "beweging", "samen_veranderen", "eens_en_tevreden")
        assert s.levers == ()
        assert s.disagreement is None or 0 <= s.disagreement <= CONTENT.scale.points - 1
        assert s.gap is None or abs(s.gap) <= CONTENT.scale.points - 1
        assert s.prompt
