"""The scoring contract, as tables: item scores, axis scores, quadrants, and the helpers around them.

Contract (see scoring/engine.py): for an answer v in 1..P, s = 2*(v-1)/(P-1) - 1, negated for a
reversed statement; an axis score is the weighted mean over answered statements ("weet ik niet"
and unanswered left out), None below min_answers_per_axis; >= 0 is the high side.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any

import pytest

from scoring import (
    GroupScore,
    Model,
    Score,
    action_plan,
    aggregate,
    agreement_text,
    contributions,
    disagreement,
    item_score,
    load_model,
    score,
)
from scoring.engine import oriented
from scoring.model import DEFAULT_AGREEMENT_LEVELS
from tests.packs import (
    BUURTMAKEN,
    CONTENT_DIR,
    DOEN_MET,
    MINIMAL_DIR,
    VALID_DIR,
    VRAGEN_EN_CLAIMEN,
    ZORGEN_VOOR,
    build_model,
    question,
)

# a, b, c on x (b reversed, c weighs 3); d, e on y (e reversed).
QUESTIONS = [
    question("a", "x"),
    question("b", "x", reverse=True),
    question("c", "x", weight=3),
    question("d", "y"),
    question("e", "y", reverse=True),
]

_MODELS: dict[tuple[Any, ...], Model] = {}


def small_model(points: int = 5, min_answers: int = 1, band: float = 0.1, dont_know: bool = True) -> Model:
    key = (points, min_answers, band, dont_know)
    if key not in _MODELS:
        _MODELS[key] = build_model(
            QUESTIONS, points=points, min_answers=min_answers, neutral_band=band, dont_know=dont_know
        )
    return _MODELS[key]


def close(actual: float | None, expected: float | None) -> bool:
    if expected is None or actual is None:
        return actual is expected
    return math.isclose(actual, expected, rel_tol=0, abs_tol=1e-12)


@pytest.fixture(scope="module")
def content() -> Model:
    return load_model(CONTENT_DIR)


# ---------------------------------------------------------------------------------------------
# The formula table: (P, min_answers_per_axis, neutral_band, answers) -> (x, y, quadrant, near_border)
# On P=5 an answer scores 1 -> -1, 2 -> -0.5, 3 -> 0, 4 -> 0.5, 5 -> 1.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "min_answers", "band", "answers", "x", "y", "quadrant", "near"),
    [
        # Plain statements.
        pytest.param(5, 1, 0.1, {"a": 5, "d": 5}, 1.0, 1.0, BUURTMAKEN, False, id="plain-both-high-poles"),
        pytest.param(5, 1, 0.1, {"a": 1, "d": 1}, -1.0, -1.0, ZORGEN_VOOR, False, id="plain-both-low-poles"),
        pytest.param(
            5, 1, 0.1, {"a": 2, "d": 4}, -0.5, 0.5, VRAGEN_EN_CLAIMEN, False, id="plain-inner-answers"
        ),
        pytest.param(5, 1, 0.1, {"a": 4, "d": 2}, 0.5, -0.5, DOEN_MET, False, id="plain-doen-met"),
        # Reversed statements: the score is negated.
        pytest.param(5, 1, 0.1, {"b": 5, "e": 1}, -1.0, 1.0, VRAGEN_EN_CLAIMEN, False, id="reversed-poles"),
        pytest.param(5, 1, 0.1, {"b": 2, "e": 4}, 0.5, -0.5, DOEN_MET, False, id="reversed-inner"),
        pytest.param(5, 1, 0.1, {"b": 3, "e": 3}, 0.0, 0.0, BUURTMAKEN, True, id="reversed-middle-is-zero"),
        pytest.param(
            5,
            1,
            0.1,
            {"a": 5, "b": 5, "d": 4, "e": 2},
            0.0,
            0.5,
            BUURTMAKEN,
            True,
            id="reversed-cancels-plain",
        ),
        # Weights: weighted mean sum(w*s)/sum(w).
        pytest.param(
            5, 1, 0.1, {"a": 5, "c": 1, "d": 5}, -0.5, 1.0, VRAGEN_EN_CLAIMEN, False, id="weight-3-wins"
        ),
        pytest.param(
            5, 1, 0.1, {"a": 1, "c": 5, "d": 5}, 0.5, 1.0, BUURTMAKEN, False, id="weight-3-wins-high"
        ),
        pytest.param(
            5,
            1,
            0.1,
            {"a": 5, "b": 5, "c": 4, "d": 3, "e": 3},
            0.3,
            0.0,
            BUURTMAKEN,
            True,
            id="weights-mixed",
        ),
        pytest.param(
            5, 1, 0.1, {"a": 2, "b": 4, "c": 2, "d": 1}, -0.5, -1.0, ZORGEN_VOOR, False, id="weights-equal-s"
        ),
        # "Weet ik niet" (None) and unanswered statements are left out.
        pytest.param(
            5,
            1,
            0.1,
            {"a": 5, "b": None, "c": None, "d": 1, "e": None},
            1.0,
            -1.0,
            DOEN_MET,
            False,
            id="none-left-out",
        ),
        pytest.param(5, 1, 0.1, {"a": None, "b": None, "d": 5}, None, 1.0, None, False, id="only-none-on-x"),
        pytest.param(5, 1, 0.1, {"d": 2}, None, -0.5, None, False, id="x-unanswered"),
        pytest.param(5, 1, 0.1, {"a": 4}, 0.5, None, None, False, id="y-unanswered"),
        pytest.param(5, 1, 0.1, {}, None, None, None, False, id="nothing-answered"),
        pytest.param(5, 1, 0.1, dict.fromkeys("abcde"), None, None, None, False, id="all-dont-know"),
        # min_answers_per_axis.
        pytest.param(5, 2, 0.1, {"a": 5, "d": 5, "e": 1}, None, 1.0, None, False, id="min2-one-answer-on-x"),
        pytest.param(
            5, 2, 0.1, {"a": 5, "b": None, "d": 5, "e": 1}, None, 1.0, None, False, id="min2-none-not-counted"
        ),
        pytest.param(5, 2, 0.1, {"a": 5, "b": 3, "d": 4, "e": 2}, 0.5, 0.5, BUURTMAKEN, False, id="min2-met"),
        # Exactly zero is the high side.
        pytest.param(5, 1, 0.1, {"a": 3, "d": 3}, 0.0, 0.0, BUURTMAKEN, True, id="zero-zero-is-high-high"),
        pytest.param(5, 1, 0.1, {"a": 3, "d": 1}, 0.0, -1.0, DOEN_MET, True, id="x-zero-is-high"),
        pytest.param(5, 1, 0.1, {"a": 1, "d": 3}, -1.0, 0.0, VRAGEN_EN_CLAIMEN, True, id="y-zero-is-high"),
        # near_border: |x| or |y| strictly below neutral_band.
        pytest.param(5, 1, 0.5, {"a": 4, "d": 1}, 0.5, -1.0, DOEN_MET, False, id="band-edge-x-is-off"),
        pytest.param(
            5, 1, 0.5, {"a": 2, "d": 5}, -0.5, 1.0, VRAGEN_EN_CLAIMEN, False, id="band-edge-neg-x-off"
        ),
        pytest.param(5, 1, 0.5, {"a": 5, "d": 2}, 1.0, -0.5, DOEN_MET, False, id="band-edge-y-is-off"),
        pytest.param(
            5, 1, 0.5, {"a": 4, "b": 3, "d": 5}, 0.25, 1.0, BUURTMAKEN, True, id="band-just-inside-x"
        ),
        pytest.param(
            5, 1, 0.5, {"a": 5, "d": 4, "e": 3}, 1.0, 0.25, BUURTMAKEN, True, id="band-just-inside-y"
        ),
        pytest.param(5, 1, 0.0, {"a": 3, "d": 3}, 0.0, 0.0, BUURTMAKEN, False, id="band-zero-never-near"),
        pytest.param(5, 1, 0.5, {"a": 3}, 0.0, None, None, False, id="near-needs-a-quadrant"),
        # Other scales.
        pytest.param(3, 1, 0.1, {"a": 1, "d": 2}, -1.0, 0.0, VRAGEN_EN_CLAIMEN, True, id="P3-plain"),
        pytest.param(3, 1, 0.1, {"a": 3, "d": 3}, 1.0, 1.0, BUURTMAKEN, False, id="P3-top"),
        pytest.param(
            3,
            1,
            0.1,
            {"b": 1, "c": 2, "d": 3, "e": 2},
            0.25,
            0.5,
            BUURTMAKEN,
            False,
            id="P3-reversed-weighted",
        ),
        pytest.param(11, 1, 0.1, {"a": 7, "d": 2}, 0.2, -0.8, DOEN_MET, False, id="P11-plain"),
        pytest.param(
            11, 1, 0.1, {"a": 1, "b": 7, "e": 11}, -0.6, -1.0, ZORGEN_VOOR, False, id="P11-reversed"
        ),
        pytest.param(11, 1, 0.1, {"a": 6, "d": 6}, 0.0, 0.0, BUURTMAKEN, True, id="P11-middle"),
        pytest.param(11, 1, 0.1, {"a": 11, "d": 1}, 1.0, -1.0, DOEN_MET, False, id="P11-poles"),
        pytest.param(7, 1, 0.1, {"a": 2, "d": 6}, -2 / 3, 2 / 3, VRAGEN_EN_CLAIMEN, False, id="P7-thirds"),
        pytest.param(4, 1, 0.1, {"a": 2, "c": 3, "d": 4}, 1 / 6, 1.0, BUURTMAKEN, False, id="P4-even-scale"),
    ],
)
def test_score_table(
    points: int,
    min_answers: int,
    band: float,
    answers: dict[str, int | None],
    x: float | None,
    y: float | None,
    quadrant: str | None,
    near: bool,
) -> None:
    result = score(small_model(points, min_answers, band), answers)
    assert close(result.x, x), result
    assert close(result.y, y), result
    assert result.quadrant == quadrant
    assert result.near_border is near


# ---------------------------------------------------------------------------------------------
# Exact ties: an axis whose exact score is 0 is the high side, whatever floats would round to.
# Each case below came out at -1e-17 (low) when the mean was computed in floats.
# ---------------------------------------------------------------------------------------------

_TIE_MODELS: dict[tuple[int, tuple[float, ...]], Model] = {}


def tie_model(points: int, weights: tuple[float, ...]) -> Model:
    """x0.. on x with these weights, one plain statement d on y."""
    key = (points, weights)
    if key not in _TIE_MODELS:
        questions = [question(f"x{i}", "x", weight=w) for i, w in enumerate(weights)]
        _TIE_MODELS[key] = build_model([*questions, question("d", "y")], points=points)
    return _TIE_MODELS[key]


def exact_axis(model: Model, answers: dict[str, int]) -> Fraction:
    """The contract in Fractions, independent of the engine: sum(w*s) / sum(w), weights as written."""
    points = model.scale.points
    total = Fraction(0)
    weights = Fraction(0)
    for qid, value in answers.items():
        q = model.question(qid)
        s = Fraction(2 * (value - 1), points - 1) - 1
        w = Fraction(str(q.weight))
        total += w * (-s if q.reverse else s)
        weights += w
    return total / weights


@pytest.mark.parametrize(
    ("points", "weights", "values"),
    [
        pytest.param(7, (1, 1.5, 1, 1.5), (5, 1, 6, 5), id="P7-weights-1-and-1.5"),
        pytest.param(7, (1.5, 1, 1, 1.5), (1, 5, 6, 5), id="P7-weights-1.5-and-1-other-order"),
        pytest.param(7, (0.5, 1.5, 1), (3, 3, 6), id="P7-weights-0.5-and-1.5"),
        pytest.param(7, (0.5, 1.5, 1, 2.5), (1, 1, 5, 6), id="P7-weights-0.5-1.5-2.5"),
        pytest.param(5, (0.1, 0.2, 0.3), (1, 1, 5), id="P5-decimal-weights-0.1-0.2-0.3"),
        pytest.param(11, (0.3, 0.7, 1), (1, 11, 4), id="P11-decimal-weights"),
    ],
)
def test_exact_tie_is_the_high_side(points: int, weights: tuple[float, ...], values: tuple[int, ...]) -> None:
    model = tie_model(points, tuple(float(w) for w in weights))
    answers = {f"x{i}": v for i, v in enumerate(values)}
    assert exact_axis(model, answers) == 0  # the case really is an exact tie ...
    float_mean = math.fsum(
        w * ((2 * v - points - 1) / (points - 1)) for w, v in zip(weights, values, strict=True)
    ) / math.fsum(weights)
    assert float_mean < 0  # ... that a float mean puts on the low side
    result = score(model, {**answers, "d": 1})
    assert result.x == 0.0
    assert result.exact_x == 0
    assert result.quadrant == DOEN_MET  # x high, y low
    assert result.near_border is True


@pytest.mark.parametrize(
    ("points", "weights", "values", "quadrant"),
    [
        # Just off the tie, either way: the sign of the exact value decides.
        pytest.param(7, (1, 1.5, 1, 1.5), (6, 5, 4, 1), ZORGEN_VOOR, id="P7-just-below"),
        pytest.param(7, (1, 1.5, 1, 1.5), (6, 5, 6, 1), DOEN_MET, id="P7-just-above"),
        pytest.param(5, (0.1, 0.2, 0.3), (1, 2, 5), DOEN_MET, id="P5-decimal-just-above"),
    ],
)
def test_near_tie_follows_the_exact_sign(
    points: int, weights: tuple[float, ...], values: tuple[int, ...], quadrant: str
) -> None:
    model = tie_model(points, tuple(float(w) for w in weights))
    answers = {f"x{i}": v for i, v in enumerate(values)}
    exact = exact_axis(model, answers)
    result = score(model, {**answers, "d": 1})
    assert exact != 0
    assert result.x == float(exact)
    assert result.quadrant == quadrant


def test_every_tie_on_a_weighted_seven_point_pack_is_high() -> None:
    """All 2,401 answer sets of a 7-point pack with weights 1 and 1.5 (the issue's example)."""
    model = tie_model(7, (1.0, 1.5, 1.0, 1.5))
    ties = 0
    for values in itertools.product(range(1, 8), repeat=4):
        answers = {f"x{i}": v for i, v in enumerate(values)}
        exact = exact_axis(model, answers)
        result = score(model, {**answers, "d": 4})
        assert result.x == float(exact), values
        assert result.quadrant == (BUURTMAKEN if exact >= 0 else VRAGEN_EN_CLAIMEN), values
        ties += exact == 0
    assert ties > 50  # the loop really met many exact ties (95; floats put 10 of them low)


def test_trio_mean_of_an_exact_tie_is_high() -> None:
    # 0.6 - 0.2 - 0.4 is exactly 0, but the floats sum to -5.6e-17.
    model = build_model([question("a", "x"), question("d", "y")], points=11)
    members = [score(model, {"a": v, "d": 1}) for v in (9, 5, 4)]
    assert [m.x for m in members] == [0.6, -0.2, -0.4]
    assert math.fsum(m.x or 0.0 for m in members) < 0  # what float arithmetic says
    group = aggregate(members)
    assert group.x == 0.0
    assert group.quadrant == DOEN_MET
    assert aggregate(members, model).quadrant == DOEN_MET


def test_trio_mean_without_exact_scores_falls_back_to_floats() -> None:
    # Scores built by hand (no exact ratio kept) are averaged as floats, as before.
    model = small_model()
    member = score(model, {"a": 4, "d": 2})
    by_hand = Score(x=member.x, y=member.y, quadrant=member.quadrant, near_border=False, answered=2)
    assert by_hand.exact_x is None
    group = aggregate([by_hand, by_hand], model)
    assert (group.x, group.y, group.quadrant) == (0.5, -0.5, DOEN_MET)


def test_answered_counts_dont_know_but_not_unanswered() -> None:
    result = score(small_model(), {"a": 5, "b": None, "d": 2})
    assert result.answered == 2 + 1
    assert score(small_model(), {}).answered == 0


# ---------------------------------------------------------------------------------------------
# Item scores on every scale
# ---------------------------------------------------------------------------------------------

ALL_ANSWERS = [(p, v) for p in range(3, 12) for v in range(1, p + 1)]


@pytest.mark.parametrize(("points", "value"), ALL_ANSWERS, ids=[f"P{p}-v{v}" for p, v in ALL_ANSWERS])
def test_item_score_matches_formula(points: int, value: int) -> None:
    model = small_model(points)
    expected = Fraction(2 * (value - 1), points - 1) - 1
    plain = item_score(model.question("a"), value, points)
    reversed_ = item_score(model.question("b"), value, points)
    assert math.isclose(plain, float(expected), rel_tol=0, abs_tol=1e-15)
    assert reversed_ == -plain
    # Opposite answers give exactly opposite scores: this is what makes the flip property exact.
    assert item_score(model.question("a"), points + 1 - value, points) == -plain
    assert -1.0 <= plain <= 1.0


@pytest.mark.parametrize("points", range(3, 12))
def test_item_score_poles_and_middle(points: int) -> None:
    q = small_model(points).question("a")
    assert item_score(q, 1, points) == -1.0
    assert item_score(q, points, points) == 1.0
    if points % 2:
        assert item_score(q, (points + 1) // 2, points) == 0.0


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "dont_know", "answers"),
    [
        pytest.param(5, True, {"onbekend": 3}, id="unknown-id"),
        pytest.param(5, True, {"a": 3, "zz": None}, id="unknown-id-with-none"),
        pytest.param(5, True, {"a": 0}, id="zero"),
        pytest.param(5, True, {"a": 6}, id="P-plus-one"),
        pytest.param(5, True, {"a": -1}, id="negative"),
        pytest.param(5, True, {"a": True}, id="bool-true"),
        pytest.param(5, True, {"a": False}, id="bool-false"),
        pytest.param(5, True, {"a": 2.5}, id="float"),
        pytest.param(5, True, {"a": 3.0}, id="integral-float"),
        pytest.param(5, True, {"a": "3"}, id="string"),
        pytest.param(5, False, {"a": None}, id="none-without-dont-know"),
        pytest.param(5, True, {"a": 3, "d": 9}, id="one-bad-among-good"),
        pytest.param(3, True, {"a": 4}, id="P3-four"),
        pytest.param(11, True, {"a": 12}, id="P11-twelve"),
        pytest.param(11, True, {"a": 0}, id="P11-zero"),
    ],
)
def test_invalid_answers_raise_value_error(points: int, dont_know: bool, answers: dict[str, Any]) -> None:
    model = small_model(points, dont_know=dont_know)
    with pytest.raises(ValueError):
        score(model, answers)
    with pytest.raises(ValueError):
        contributions(model, answers)
    with pytest.raises(ValueError):
        disagreement(model, {"lid": answers})


def test_none_allowed_when_dont_know_is_on() -> None:
    assert score(small_model(dont_know=True), {"a": None, "d": 4}).x is None


def test_valid_extremes_accepted() -> None:
    for points in (3, 5, 11):
        model = small_model(points)
        assert score(model, {"a": 1, "d": points}).quadrant == VRAGEN_EN_CLAIMEN


# ---------------------------------------------------------------------------------------------
# contributions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param({"a": 5, "b": 2, "c": 4, "d": 1, "e": 5}, id="all"),
        pytest.param({"a": 1, "b": None, "c": 5, "d": 3}, id="with-none"),
        pytest.param({"c": 2, "e": 4}, id="one-per-axis"),
        pytest.param({"a": 5, "b": 5}, id="cancelling"),
    ],
)
def test_contribution_pulls_sum_to_axis_score(answers: dict[str, int | None]) -> None:
    model = small_model()
    result = score(model, answers)
    parts = contributions(model, answers)
    for axis, axis_score in (("x", result.x), ("y", result.y)):
        pulls = [c.pull for c in parts if c.axis == axis]
        if axis_score is None:
            assert pulls == []
        else:
            assert math.isclose(math.fsum(pulls), axis_score, rel_tol=0, abs_tol=1e-12)


def test_contribution_fields() -> None:
    model = small_model()
    parts = contributions(model, {"e": 2, "a": 5, "b": None, "c": 2, "d": 4})
    # Content order, "weet ik niet" left out.
    assert [c.question_id for c in parts] == ["a", "c", "d", "e"]
    by_id = {c.question_id: c for c in parts}
    assert (by_id["a"].axis, by_id["a"].item_score, by_id["a"].weight) == ("x", 1.0, 1.0)
    assert (by_id["c"].item_score, by_id["c"].weight) == (-0.5, 3.0)
    assert math.isclose(by_id["a"].pull, 1 / 4)
    assert math.isclose(by_id["c"].pull, 3 * -0.5 / 4)
    assert by_id["e"].item_score == 0.5  # reversed: answer 2 pulls towards the high pole
    assert math.isclose(by_id["d"].pull, 0.25)
    assert math.isclose(by_id["e"].pull, 0.25)
    assert contributions(model, {}) == []


# ---------------------------------------------------------------------------------------------
# aggregate
# ---------------------------------------------------------------------------------------------


def test_aggregate_mean_spread_and_quadrant() -> None:
    model = small_model()
    scores = [
        score(model, {"a": 5, "d": 1}),  # x 1, y -1
        score(model, {"a": 2, "d": 2}),  # x -0.5, y -0.5
        score(model, {"a": 4, "d": 3}),  # x 0.5, y 0
    ]
    group = aggregate(scores)
    assert math.isclose(group.x or 0.0, 1 / 3)
    assert math.isclose(group.y or 0.0, -0.5)
    xs, ys = [1.0, -0.5, 0.5], [-1.0, -0.5, 0.0]
    mean_x, mean_y = sum(xs) / 3, sum(ys) / 3
    assert math.isclose(group.spread_x or 0.0, math.sqrt(sum((v - mean_x) ** 2 for v in xs) / 3))
    assert math.isclose(group.spread_y or 0.0, math.sqrt(sum((v - mean_y) ** 2 for v in ys) / 3))
    assert group.spread == max(group.spread_x or 0.0, group.spread_y or 0.0)
    assert group.n == 3
    assert (group.n_x, group.n_y) == (3, 3)
    assert group.quadrant == DOEN_MET
    # The quadrant comes from the table each Score carries; passing the model gives the same.
    assert aggregate(scores, model) == group


def test_aggregate_skips_missing_axes_per_axis() -> None:
    model = small_model()
    scores = [
        score(model, {"a": 5, "d": 5}),  # 1, 1
        score(model, {"a": 1}),  # -1, None
        score(model, {"b": None}),  # None, None: does not count at all
        score(model, {"d": 1}),  # None, -1
    ]
    group = aggregate(scores)
    assert group.x == 0.0
    assert group.y == 0.0
    assert group.spread_x == 1.0
    assert group.spread_y == 1.0
    assert group.n == 3
    assert (group.n_x, group.n_y) == (2, 2)
    assert group.quadrant == BUURTMAKEN  # the mean (0, 0) is on the high side of both axes


def test_aggregate_one_axis_only_has_no_quadrant() -> None:
    model = small_model()
    group = aggregate([score(model, {"a": 5}), score(model, {"a": 4})])
    assert group.x == 0.75
    assert group.y is None
    assert group.spread_y is None
    assert group.quadrant is None
    assert group.n == 2


def test_aggregate_empty() -> None:
    assert aggregate([]) == GroupScore(
        x=None, y=None, spread_x=None, spread_y=None, n=0, quadrant=None, n_x=0, n_y=0
    )
    assert aggregate([]).spread is None


def test_aggregate_single_member() -> None:
    model = small_model()
    group = aggregate([score(model, {"a": 2, "d": 4})])
    assert (group.x, group.y, group.spread_x, group.spread_y) == (-0.5, 0.5, 0.0, 0.0)
    assert group.quadrant == VRAGEN_EN_CLAIMEN


# ---------------------------------------------------------------------------------------------
# disagreement
# ---------------------------------------------------------------------------------------------


def test_oriented_maps_reversed_answers_onto_the_axis() -> None:
    model = small_model()
    assert [oriented(model.question("a"), v, 5) for v in range(1, 6)] == [1, 2, 3, 4, 5]
    assert [oriented(model.question("b"), v, 5) for v in range(1, 6)] == [5, 4, 3, 2, 1]


def test_disagreement_max_minus_min() -> None:
    model = small_model()
    result = disagreement(
        model,
        {
            "ann": {"a": 1, "b": 2, "c": 3, "d": 4},
            "bob": {"a": 5, "b": 2, "c": None, "d": 2},
            "cas": {"a": 3, "b": 5, "c": 4},
        },
    )
    assert result == {"a": 4, "b": 3, "c": 1, "d": 2, "e": None}


def test_disagreement_reversed_items_on_axis_direction() -> None:
    # On a reversed item, raw answers 1 and 4 are 5 and 2 on the axis: still 3 apart.
    model = small_model()
    result = disagreement(model, {"ann": {"b": 1, "e": 5}, "bob": {"b": 4, "e": 5}})
    assert result["b"] == 3
    assert result["e"] == 0


@pytest.mark.parametrize(
    ("members", "expected_a"),
    [
        pytest.param({"ann": {"a": 1}}, None, id="one-member"),
        pytest.param({"ann": {"a": 1}, "bob": {"a": None}}, None, id="second-said-dont-know"),
        pytest.param({"ann": {"a": 1}, "bob": {}}, None, id="second-did-not-answer"),
        pytest.param({"ann": {"a": None}, "bob": {"a": None}, "cas": {"a": None}}, None, id="all-dont-know"),
        pytest.param({"ann": {"a": 1}, "bob": {"a": None}, "cas": {"a": 5}}, 4, id="none-ignored"),
        pytest.param({"ann": {"a": 3}, "bob": {"a": 3}}, 0, id="agree"),
        pytest.param({}, None, id="no-members"),
    ],
)
def test_disagreement_needs_two_answers(
    members: dict[str, dict[str, int | None]], expected_a: int | None
) -> None:
    assert disagreement(small_model(), members)["a"] == expected_a


def test_disagreement_covers_every_question() -> None:
    model = small_model()
    assert list(disagreement(model, {"ann": {"a": 1}})) == ["a", "b", "c", "d", "e"]


# ---------------------------------------------------------------------------------------------
# agreement_text
# ---------------------------------------------------------------------------------------------

DEFAULT_TEXTS = [level.text for level in DEFAULT_AGREEMENT_LEVELS]


@pytest.mark.parametrize(
    ("spread", "level"),
    [
        pytest.param(0.0, 0, id="zero"),
        pytest.param(0.15, 0, id="at-first-threshold"),
        pytest.param(0.150001, 1, id="just-above-first"),
        pytest.param(0.35, 1, id="at-second-threshold"),
        pytest.param(0.5, 2, id="between"),
        pytest.param(0.6, 2, id="at-third-threshold"),
        pytest.param(0.61, 3, id="just-above-third"),
        pytest.param(2.0, 3, id="at-last-threshold"),
        pytest.param(7.5, 3, id="beyond-last-uses-last"),
    ],
)
def test_agreement_text_default_levels(spread: float, level: int) -> None:
    model = load_model(MINIMAL_DIR)  # no agreement_levels: the defaults apply
    assert agreement_text(model, spread) == DEFAULT_TEXTS[level]


def test_agreement_text_none() -> None:
    assert agreement_text(load_model(MINIMAL_DIR), None) is None


@pytest.mark.parametrize(
    ("spread", "text"),
    [
        (0.0, "Eensgezind."),
        (0.2, "Eensgezind."),
        (0.2001, "Wat verschil."),
        (0.5, "Wat verschil."),
        (1.9, "Ver uit elkaar."),
        (3.0, "Ver uit elkaar."),
    ],
)
def test_agreement_text_custom_levels(spread: float, text: str) -> None:
    model = load_model(VALID_DIR / "optional_fields")
    assert agreement_text(model, spread) == text


def test_agreement_text_shipped_content(content: Model) -> None:
    assert agreement_text(content, 0.1) == content.agreement_levels[0].text
    assert agreement_text(content, 0.4) == content.agreement_levels[2].text


# ---------------------------------------------------------------------------------------------
# action_plan
# ---------------------------------------------------------------------------------------------


def _quadrant_ids(model: Model) -> list[str]:
    return [q.id for q in model.quadrants]


def test_action_plan_moving_has_transition_not_strengthen(content: Model) -> None:
    audience_rank = {a.id: i for i, a in enumerate(content.audiences)}
    sphere_rank = {s.id: i for i, s in enumerate(content.spheres)}
    for current in _quadrant_ids(content):
        for desired in _quadrant_ids(content):
            if current == desired:
                continue
            plan = action_plan(content, current, desired)
            assert not plan.staying
            assert plan.transition is not None
            assert (plan.transition.from_, plan.transition.to) == (current, desired)
            assert plan.transition.text
            assert plan.strengthen is None
            assert plan.perspectives
            assert {p.quadrant for p in plan.perspectives} == {desired}
            keys = [(audience_rank[p.audience], sphere_rank[p.sphere]) for p in plan.perspectives]
            assert keys == sorted(keys)


def test_action_plan_staying_has_strengthen_not_transition(content: Model) -> None:
    for quadrant in _quadrant_ids(content):
        plan = action_plan(content, quadrant, quadrant)
        assert plan.staying
        assert plan.transition is None
        assert plan.strengthen == content.quadrant(quadrant).strengthen
        assert plan.strengthen
        assert {p.quadrant for p in plan.perspectives} == {quadrant}


def test_action_plan_perspectives_only_for_desired(content: Model) -> None:
    plan = action_plan(content, ZORGEN_VOOR, BUURTMAKEN)
    expected = {p.id for p in content.perspectives if p.quadrant == BUURTMAKEN}
    assert {p.id for p in plan.perspectives} == expected


def test_action_plan_grouped_has_every_audience_and_sphere(content: Model) -> None:
    audiences = [a.id for a in content.audiences]
    spheres = [s.id for s in content.spheres]
    for desired in _quadrant_ids(content):
        plan = action_plan(content, DOEN_MET, desired)
        groups = plan.grouped(content)
        assert list(groups) == audiences
        for audience in audiences:
            assert list(groups[audience]) == spheres
            for sphere in spheres:
                cell = groups[audience][sphere]
                assert all(p.audience == audience and p.sphere == sphere for p in cell)
        assert sum(len(c) for g in groups.values() for c in g.values()) == len(plan.perspectives)


def test_action_plan_grouped_keeps_empty_cells() -> None:
    model = load_model(VALID_DIR / "optional_fields")
    groups = action_plan(model, ZORGEN_VOOR, DOEN_MET).grouped(model)
    assert set(groups) == {"professionals", "strategen"}
    assert all(set(g) == {"eigen_handelen", "eigen_organisatie", "bestuurlijk"} for g in groups.values())
    assert all(cell == [] for g in groups.values() for cell in g.values())


def test_action_plan_missing_transition_is_none() -> None:
    model = load_model(MINIMAL_DIR)
    plan = action_plan(model, DOEN_MET, BUURTMAKEN)
    assert plan.transition is None
    assert plan.strengthen is None
    assert [p.id for p in plan.perspectives] == ["p1"]
    assert action_plan(model, ZORGEN_VOOR, BUURTMAKEN).transition is not None


def test_action_plan_staying_without_strengthen_text() -> None:
    model = load_model(MINIMAL_DIR)
    plan = action_plan(model, BUURTMAKEN, BUURTMAKEN)
    assert plan.transition is None
    assert plan.strengthen is None


@pytest.mark.parametrize(("current", "desired"), [("nergens", BUURTMAKEN), (BUURTMAKEN, "nergens")])
def test_action_plan_unknown_quadrant(content: Model, current: str, desired: str) -> None:
    with pytest.raises(KeyError):
        action_plan(content, current, desired)
