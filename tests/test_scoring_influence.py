"""Who can change what: the invloedskaart and the perspective plan that follows the trio's gaps.

Trios are built on the shipped content. Every member answers 2 (nu) and 3 (gewenst) on the axis
direction, a change of 1 everywhere that puts nu in Zorgen voor and gewenst in Buurtmaken; some
statements then get a big change (1 -> 5, a change of 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pytest

from scoring import (
    GroupResult,
    MemberInput,
    Model,
    clean_choices,
    focus_statements,
    focused_plan,
    group_result,
    influence_map,
    load_model,
    regroup,
)
from scoring.schema import Perspective
from tests.packs import BUURTMAKEN, CONTENT_DIR, MINIMAL_DIR, VALID_DIR, ZORGEN_VOOR, build_model, question

CONTENT = load_model(CONTENT_DIR)
MEMBERS = ("ann", "bob", "cas")
Choices = dict[str, dict[str, str]]


def answers(model: Model, value: int, **overrides: int | None) -> dict[str, int | None]:
    """Every statement answered ``value`` on the axis direction (1 = low pole), reversed ones flipped."""
    points = model.scale.points
    result: dict[str, int | None] = {}
    for q in model.questions:
        v = overrides.get(q.id, value)
        result[q.id] = None if v is None else (points + 1 - v if q.reverse else v)
    return result


def trio(*big_changes: str, model: Model = CONTENT, members: tuple[str, ...] = MEMBERS) -> GroupResult:
    """Three members moving 2 -> 3 everywhere, and 1 -> 5 on ``big_changes``."""
    nu = answers(model, 2, **dict.fromkeys(big_changes, 1))
    gewenst = answers(model, 3, **dict.fromkeys(big_changes, 5))
    return group_result(
        model,
        [MemberInput(member_id=m, role="wijkambtenaar", label=m, answers={"nu": nu, "gewenst": gewenst}) for m in members],
    )


def everyone(option: str, *question_ids: str) -> Choices:
    return {m: dict.fromkeys(question_ids, option) for m in MEMBERS}


def ids(perspectives: Iterable[Perspective]) -> list[str]:
    return [p.id for p in perspectives]


# --- focus -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"a": 4.0, "b": -3.0, "c": 1.0, "d": 0.5}, ("a", "b"), id="half-of-the-largest"),
        pytest.param({"a": 2.0, "b": 2.0, "c": 2.0, "d": 2.0}, ("a", "b", "c", "d"), id="ties-at-the-cut-included"),
        pytest.param({"a": 1.0, "b": 4.0, "c": 3.0, "d": 3.0, "e": 2.5}, ("b", "c", "d"), id="largest-first"),
        pytest.param({"a": 0.0, "b": None, "c": -1.0}, ("c",), id="no-change-never-in-focus"),
        pytest.param({"a": 0.0, "b": None}, (), id="nothing-moved"),
    ],
)
def test_focus_statements(changes: Mapping[str, float | None], expected: tuple[str, ...]) -> None:
    assert focus_statements(LETTERS, changes) == expected


LETTERS = build_model([question(q, "x" if q in "ace" else "y") for q in "abcde"])


# --- the plan ----------------------------------------------------------------------------------------


def test_same_quadrants_different_gaps_give_different_first_cards() -> None:
    regie = trio("budget", "mandaat_professional")
    krachten = trio("kennis_en_data", "relaties_en_netwerken")
    assert (regie.nu.quadrant, regie.gewenst.quadrant) == (ZORGEN_VOOR, BUURTMAKEN)
    assert (krachten.nu.quadrant, krachten.gewenst.quadrant) == (ZORGEN_VOOR, BUURTMAKEN)
    first_regie = focused_plan(CONTENT, regie, {}, "strategen")
    first_krachten = focused_plan(CONTENT, krachten, {}, "strategen")
    assert first_regie is not None and first_krachten is not None
    assert first_regie.focus == ("budget", "mandaat_professional")
    assert first_krachten.focus == ("kennis_en_data", "relaties_en_netwerken")
    assert ids(first_regie.first) == ["bm_strat_wijkbudget", "bm_strat_uitdaagrecht"]
    assert ids(first_krachten.first) == ["bm_strat_krachtenkaart"]


def test_first_cards_follow_the_lever() -> None:
    result = trio("budget", "mandaat_professional")
    # Without choices every sphere counts: the card on both gaps comes first.
    open_plan = focused_plan(CONTENT, result, {})
    assert open_plan is not None
    assert ids(open_plan.first) == [
        "bm_best_mandaat_professionals",  # budget and mandaat: a change of 8 in all
        "bm_strat_wijkbudget",
        "bm_strat_uitdaagrecht",
        "bm_best_stap_terug",
    ]
    # The trio places the lever with the administrators: only bestuurlijk cards come first.
    plan = focused_plan(CONTENT, result, everyone("bestuurlijk", "budget", "mandaat_professional"))
    assert plan is not None
    assert ids(plan.first) == ["bm_strat_wijkbudget", "bm_strat_uitdaagrecht"]
    assert all(p.sphere == "bestuurlijk" for p in plan.first)


def test_lever_of_the_whole_trio_counts_and_votes_order() -> None:
    result = trio("budget", "mandaat_professional")
    choices: Choices = {
        "ann": {"mandaat_professional": "eigen_organisatie", "budget": "eigen_organisatie"},
        "bob": {"mandaat_professional": "eigen_handelen"},
        "cas": {"mandaat_professional": "eigen_organisatie"},
    }
    plan = focused_plan(CONTENT, result, choices)
    assert plan is not None
    # eigen_organisatie for both (3 votes) before eigen_handelen for one (1 vote).
    assert ids(plan.first) == ["bm_best_mandaat_professionals", "bm_best_stap_terug"]


def test_member_level_picks_the_audience() -> None:
    result = trio("budget", "mandaat_professional")
    audience = CONTENT.audience_for_level("bestuur")
    assert audience == "bestuurders"
    plan = focused_plan(CONTENT, result, {}, audience)
    assert plan is not None
    assert ids(plan.first) == ["bm_best_mandaat_professionals", "bm_best_stap_terug"]
    # The rest starts with the member's own audience.
    rest_audiences = [p.audience for p in plan.rest]
    assert rest_audiences == sorted(rest_audiences, key=lambda a: a != "bestuurders")


def test_residents_aan_zet_drops_the_lever_condition() -> None:
    result = trio("budget", "mandaat_professional")
    plan = focused_plan(CONTENT, result, everyone("bewoners", "budget", "mandaat_professional"))
    without = focused_plan(CONTENT, result, {})
    assert plan is not None and without is not None
    assert plan.first == without.first


def test_plan_keeps_every_card_once_and_the_texts_of_action_plan() -> None:
    result = trio("verantwoording")
    # No professionals' card on verantwoording is in eigen_handelen, so the lever condition is
    # dropped rather than leaving the member without first cards.
    plan = focused_plan(CONTENT, result, everyone("eigen_handelen", "verantwoording"), "professionals")
    assert plan is not None
    buurtmaken = [p.id for p in CONTENT.perspectives if p.quadrant == BUURTMAKEN]
    assert sorted(ids(plan.perspectives)) == sorted(buurtmaken)
    assert plan.perspectives == (*plan.first, *plan.rest)
    assert ids(plan.first) == ["bm_prof_bewoners_vertellen"]
    assert plan.transition is not None and (plan.transition.from_, plan.transition.to) == (ZORGEN_VOOR, BUURTMAKEN)
    assert not plan.staying


def test_plan_is_deterministic_and_ignores_member_order() -> None:
    choices: Choices = {"ann": {"budget": "bestuurlijk"}, "bob": {"budget": "eigen_handelen"}}
    one = focused_plan(CONTENT, trio("budget", "agenda"), choices, "strategen")
    again = focused_plan(CONTENT, trio("budget", "agenda", members=("cas", "bob", "ann")), choices, "strategen")
    assert one == again


@pytest.mark.parametrize("audience", [None, "onbekend"])
def test_no_or_unknown_audience_means_every_audience(audience: str | None) -> None:
    plan = focused_plan(CONTENT, trio("budget"), {}, audience)
    assert plan is not None
    assert {p.audience for p in plan.first} == {"strategen", "bestuurders"}


def test_no_change_no_first_cards() -> None:
    nu = answers(CONTENT, 4)
    result = group_result(CONTENT, [MemberInput("ann", "wijkambtenaar", "A", {"nu": nu, "gewenst": nu})])
    plan = focused_plan(CONTENT, result, {}, "professionals")
    assert plan is not None
    assert plan.staying and plan.strengthen
    assert (plan.first, plan.focus) == ((), ())
    assert plan.perspectives[0].audience == "professionals"


def test_no_quadrant_no_plan() -> None:
    result = group_result(CONTENT, [MemberInput("ann", "wijkambtenaar", "A", {"nu": {"agenda": 3}, "gewenst": {}})])
    assert focused_plan(CONTENT, result, {}) is None


def test_pack_without_themes_or_influence_still_plans() -> None:
    model = load_model(MINIMAL_DIR)
    result = trio("agenda", model=model)
    plan = focused_plan(model, result, everyone("eigen_handelen", "agenda"), "professionals")
    assert plan is not None
    assert plan.first == ()
    assert ids(plan.perspectives) == ["p1"]


# --- the invloedskaart -------------------------------------------------------------------------------


def test_influence_map_rows_sizes_and_choices() -> None:
    result = trio("budget", "agenda")
    choices: Choices = {
        "ann": {"budget": "bestuurlijk", "agenda": "bewoners"},
        "bob": {"budget": "eigen_organisatie", "agenda": "bewoners"},
        "cas": {"agenda": "bewoners"},
    }
    kaart = influence_map(CONTENT, result, choices)
    assert [o.id for o in kaart.options] == ["eigen_handelen", "eigen_organisatie", "bestuurlijk", "bewoners"]
    # Every statement moved; the two big ones first, in content order.
    assert [r.question_id for r in kaart.rows][:2] == ["agenda", "budget"]
    assert len(kaart.rows) == len(CONTENT.questions)
    agenda, budget = kaart.rows[0], kaart.rows[1]
    assert (agenda.change, agenda.size) == (4.0, 4.0)
    assert dict(budget.choices) == {"ann": "bestuurlijk", "bob": "eigen_organisatie", "cas": None}
    assert budget.disagree and not agenda.disagree
    assert (agenda.count("bewoners"), budget.count("bestuurlijk"), budget.count("bewoners")) == (3, 1, 0)
    assert [r.question_id for r in kaart.disagreements] == ["budget"]
    assert all(r.size == 1.0 and set(r.choices.values()) == {None} for r in kaart.rows[2:])


def test_influence_map_leaves_out_statements_without_change() -> None:
    nu = answers(CONTENT, 2, agenda=1)
    gewenst = answers(CONTENT, 2, agenda=4, budget=None)
    result = group_result(CONTENT, [MemberInput("ann", "wijkambtenaar", "A", {"nu": nu, "gewenst": gewenst})])
    kaart = influence_map(CONTENT, result, {"ann": {"agenda": "eigen_handelen"}})
    assert [(r.question_id, r.change) for r in kaart.rows] == [("agenda", 3.0)]
    assert not kaart.rows[0].disagree  # one member cannot disagree


def test_influence_map_towards_the_low_pole_is_negative() -> None:
    nu = answers(CONTENT, 3, budget=5)
    gewenst = answers(CONTENT, 3, budget=2)
    result = group_result(CONTENT, [MemberInput("ann", "wijkambtenaar", "A", {"nu": nu, "gewenst": gewenst})])
    (row,) = influence_map(CONTENT, result, {}).rows
    assert (row.question_id, row.change, row.size) == ("budget", -3.0, 3.0)


def test_influence_map_per_role_group() -> None:
    result = trio("budget")
    wijk = regroup(CONTENT, [m for m in result.members if m.member_id == "ann"])
    choices: Choices = {"ann": {"budget": "eigen_handelen"}, "bob": {"budget": "bestuurlijk"}}
    (first, *_) = influence_map(CONTENT, wijk, choices).rows
    assert dict(first.choices) == {"ann": "eigen_handelen"}


def test_choices_the_model_cannot_place_are_dropped() -> None:
    choices = {"ann": {"budget": "wethouder", "weg": "bestuurlijk", "agenda": "bewoners"}}
    assert clean_choices(CONTENT, choices) == {"ann": {"agenda": "bewoners"}}
    # A pack without the influence question ignores every choice.
    model = load_model(VALID_DIR / "optional_fields")
    assert model.influence is None
    assert clean_choices(model, {"ann": {"agenda": "eigen_handelen"}}) == {}
    kaart = influence_map(CONTENT, trio("budget"), choices)
    assert kaart.rows[0].question_id == "budget"
    assert kaart.rows[0].choices == {"ann": None, "bob": None, "cas": None}
