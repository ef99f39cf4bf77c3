"""Properties of the scoring engine, checked with hypothesis on the shipped content and on generated packs."""

from __future__ import annotations

import functools
import math
import statistics
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import Model, Score, aggregate, contributions, disagreement, load_model, score
from scoring.engine import Answers
from scoring.schema import Side
from tests.packs import CONTENT_DIR, QUADRANTS, build_model, question

CONTENT = load_model(CONTENT_DIR)
SETTINGS = settings(max_examples=200, deadline=None)


@st.composite
def generated_models(draw: st.DrawFn) -> Model:
    """A small valid pack with a random scale, random reversals and random weights."""
    points = draw(st.integers(min_value=3, max_value=11))
    dont_know = draw(st.booleans())
    min_answers = draw(st.integers(min_value=1, max_value=3))
    weights = st.floats(min_value=0.001, max_value=1000.0, allow_nan=False, allow_infinity=False)
    questions: list[dict[str, Any]] = []
    for axis in ("x", "y"):
        count = draw(st.integers(min_value=min_answers, max_value=6))
        for i in range(count):
            questions.append(question(f"{axis}{i}", axis, reverse=draw(st.booleans()), weight=draw(weights)))
    return build_model(questions, points=points, dont_know=dont_know, min_answers=min_answers)


models = st.one_of(st.just(CONTENT), generated_models())


@st.composite
def answers_for(draw: st.DrawFn, model: Model) -> dict[str, int | None]:
    """Valid answers: each statement answered, "weet ik niet" (if allowed), or left out."""
    values: st.SearchStrategy[int | None] = st.integers(min_value=1, max_value=model.scale.points)
    if model.scale.dont_know:
        values = st.one_of(st.none(), values)
    result: dict[str, int | None] = {}
    for q in model.questions:
        if draw(st.booleans()):
            result[q.id] = draw(values)
    return result


@st.composite
def model_and_answers(draw: st.DrawFn) -> tuple[Model, dict[str, int | None]]:
    model = draw(models)
    return model, draw(answers_for(model))


@st.composite
def model_and_members(draw: st.DrawFn, max_members: int = 5) -> tuple[Model, list[dict[str, int | None]]]:
    model = draw(models)
    members = draw(st.lists(answers_for(model), min_size=0, max_size=max_members))
    return model, members


def flipped(answers: Answers, points: int) -> dict[str, int | None]:
    return {qid: None if v is None else points + 1 - v for qid, v in answers.items()}


@pytest.mark.property
@SETTINGS
@given(model_and_answers())
def test_scores_stay_in_range(case: tuple[Model, dict[str, int | None]]) -> None:
    model, answers = case
    result = score(model, answers)
    for value in (result.x, result.y):
        assert value is None or -1.0 <= value <= 1.0
    if result.x is not None and result.y is not None:
        x_side: Side = "high" if result.x >= 0 else "low"
        y_side: Side = "high" if result.y >= 0 else "low"
        assert result.quadrant == model.quadrant_table[(x_side, y_side)] == QUADRANTS[(x_side, y_side)]
    else:
        assert result.quadrant is None
        assert result.near_border is False


@pytest.mark.property
@SETTINGS
@given(model_and_answers())
def test_flipping_every_answer_negates_exactly(case: tuple[Model, dict[str, int | None]]) -> None:
    # Exact equality, no tolerance: item scores of v and P+1-v are exact opposites and the
    # engine's fsum-based weighted mean is symmetric under negation.
    model, answers = case
    before = score(model, answers)
    after = score(model, flipped(answers, model.scale.points))
    assert (before.x is None) == (after.x is None)
    assert (before.y is None) == (after.y is None)
    if before.x is not None:
        assert after.x == -before.x
    if before.y is not None:
        assert after.y == -before.y
    assert after.near_border == before.near_border
    assert after.answered == before.answered


@pytest.mark.property
@SETTINGS
@given(model_and_answers())
def test_contributions_sum_to_axis_scores(case: tuple[Model, dict[str, int | None]]) -> None:
    model, answers = case
    result = score(model, answers)
    parts = contributions(model, answers)
    for axis, axis_score in (("x", result.x), ("y", result.y)):
        if axis_score is not None:
            total = math.fsum(c.pull for c in parts if c.axis == axis)
            assert math.isclose(total, axis_score, rel_tol=0, abs_tol=1e-9)


@pytest.mark.property
@SETTINGS
@given(st.data())
def test_aggregate_ignores_member_order(data: st.DataObject) -> None:
    model, members = data.draw(model_and_members(max_members=6))
    scores = [score(model, answers) for answers in members]
    shuffled: list[Score] = data.draw(st.permutations(scores))
    assert aggregate(shuffled) == aggregate(scores)
    assert aggregate(shuffled, model) == aggregate(scores)


@pytest.mark.property
@SETTINGS
@given(model_and_answers(), st.integers(min_value=1, max_value=6))
def test_aggregate_of_identical_scores_has_no_spread(
    case: tuple[Model, dict[str, int | None]], copies: int
) -> None:
    model, answers = case
    one = score(model, answers)
    group = aggregate([one] * copies)
    for mean, spread, value in ((group.x, group.spread_x, one.x), (group.y, group.spread_y, one.y)):
        if value is None:
            assert mean is None and spread is None
        else:
            assert spread == 0.0
            assert mean is not None and math.isclose(mean, value, rel_tol=1e-15, abs_tol=1e-15)
    assert group.n == (copies if one.x is not None or one.y is not None else 0)


@pytest.mark.property
@SETTINGS
@given(model_and_members())
def test_aggregate_mean_within_member_range(case: tuple[Model, list[dict[str, int | None]]]) -> None:
    model, members = case
    scores = [score(model, a) for a in members]
    group = aggregate(scores)
    for mean, spread, values in (
        (group.x, group.spread_x, [s.x for s in scores if s.x is not None]),
        (group.y, group.spread_y, [s.y for s in scores if s.y is not None]),
    ):
        if not values:
            assert mean is None and spread is None
        else:
            assert mean is not None and spread is not None
            assert min(values) - 1e-12 <= mean <= max(values) + 1e-12
            assert 0.0 <= spread <= 1.0 + 1e-12


@pytest.mark.property
@SETTINGS
@given(model_and_members())
def test_disagreement_within_scale(case: tuple[Model, list[dict[str, int | None]]]) -> None:
    model, members = case
    by_member = {f"lid{i}": answers for i, answers in enumerate(members)}
    result = disagreement(model, by_member)
    assert list(result) == [q.id for q in model.questions]
    for qid, value in result.items():
        answered = [v for a in members if (v := a.get(qid)) is not None]
        if len(answered) < 2:
            assert value is None
        else:
            assert value is not None
            assert 0 <= value <= model.scale.points - 1
            # Raw spread equals oriented spread: mapping v -> P+1-v keeps max - min.
            assert value == max(answered) - min(answered)


@pytest.mark.property
@SETTINGS
@given(model_and_members())
def test_disagreement_unchanged_when_everyone_flips(case: tuple[Model, list[dict[str, int | None]]]) -> None:
    model, members = case
    by_member = {f"lid{i}": answers for i, answers in enumerate(members)}
    flipped_members = {k: flipped(v, model.scale.points) for k, v in by_member.items()}
    assert disagreement(model, flipped_members) == disagreement(model, by_member)


@pytest.mark.property
@SETTINGS
@given(model_and_members())
def test_spread_is_the_population_standard_deviation(case: tuple[Model, list[dict[str, int | None]]]) -> None:
    model, members = case
    scores = [score(model, answers) for answers in members]
    group = aggregate(scores)
    for spread, values in ((group.spread_x, [s.x for s in scores]), (group.spread_y, [s.y for s in scores])):
        present = [v for v in values if v is not None]
        if not present:
            assert spread is None
        else:
            assert spread is not None
            assert math.isclose(spread, statistics.pstdev(present), rel_tol=1e-9, abs_tol=1e-12)


# --- exact ties -----------------------------------------------------------------------------------

TIE_WEIGHTS = (0.5, 1.0, 1.5, 2.5, 0.1, 0.2, 0.3, 3.0)


@functools.cache
def tie_model(points: int, weights: tuple[float, ...]) -> Model:
    questions = [question(f"x{i}", "x", weight=w, reverse=i % 3 == 2) for i, w in enumerate(weights)]
    return build_model([*questions, question("d", "y")], points=points)


def exact_x(model: Model, answers: Answers) -> Fraction | None:
    """The contract in Fractions, independent of the engine: weights as written, ``None`` if unanswered."""
    points = model.scale.points
    total, weights = Fraction(0), Fraction(0)
    for q in model.questions_on("x"):
        value = answers.get(q.id)
        if value is None:
            continue
        s = Fraction(2 * (value - 1), points - 1) - 1
        w = Fraction(str(q.weight))
        total += w * (-s if q.reverse else s)
        weights += w
    return total / weights if weights else None


@st.composite
def near_ties(draw: st.DrawFn) -> tuple[Model, dict[str, int | None]]:
    """Weighted answers that often sum to exactly 0: the last answer is chosen to cancel the others."""
    points = draw(st.sampled_from([3, 4, 5, 7, 11]))
    weights = tuple(draw(st.lists(st.sampled_from(TIE_WEIGHTS), min_size=2, max_size=5)))
    model = tie_model(points, weights)
    questions = model.questions_on("x")
    answers: dict[str, int | None] = {q.id: draw(st.integers(1, points)) for q in questions[:-1]}
    last = questions[-1]
    # Try every answer to the last statement and keep the one closest to an exact 0.
    answers[last.id] = min(
        range(1, points + 1), key=lambda v: abs(exact_x(model, {**answers, last.id: v}) or 0)
    )
    answers["d"] = draw(st.integers(1, points))
    return model, answers


@pytest.mark.property
@SETTINGS
@given(near_ties())
def test_side_is_decided_exactly(case: tuple[Model, dict[str, int | None]]) -> None:
    model, answers = case
    exact = exact_x(model, answers)
    assert exact is not None
    result = score(model, answers)
    assert result.exact_x == exact
    assert result.x == float(exact)  # the display value is the exact value, correctly rounded
    x_side: Side = "high" if exact >= 0 else "low"
    assert result.y is not None
    assert result.quadrant == QUADRANTS[(x_side, "high" if result.y >= 0 else "low")]


@pytest.mark.property
@SETTINGS
@given(st.data())
def test_group_side_is_decided_exactly(data: st.DataObject) -> None:
    model, first = data.draw(near_ties())
    points = model.scale.points
    # Two more members on the same pack; the third often cancels the first two exactly.
    second = {q.id: data.draw(st.integers(1, points)) for q in model.questions}
    members = [score(model, first), score(model, second)]
    third = min(
        (score(model, {**second, "x0": v}) for v in range(1, points + 1)),
        key=lambda s: abs((members[0].exact_x or 0) + (members[1].exact_x or 0) + (s.exact_x or 0)),
    )
    members.append(third)
    exact_mean = sum((m.exact_x or Fraction(0) for m in members), Fraction(0)) / 3
    group = aggregate(members, model)
    assert group.x is not None
    assert (group.x >= 0) == (exact_mean >= 0)
    if exact_mean == 0:
        assert group.x == 0.0
    assert group.quadrant == aggregate(members).quadrant
