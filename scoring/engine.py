"""Scoring: answers to positions on the quadrant, and trios to group positions.

The formulas are a public contract (see the README), so keep them exact:

* item score ``s = 2*(v-1)/(P-1) - 1``, negated for reversed statements;
* axis score is the weighted mean of item scores over answered statements,
  ``None`` below ``min_answers_per_axis`` answers;
* a score ``>= 0`` is the high side of an axis, ``< 0`` the low side. The side is decided
  in exact arithmetic: the weights as written (``1.5`` is 3/2, see
  :func:`scoring.model.exact_weight`) and the integer answers give the axis score as a
  fraction of two integers, so an exact 0 is always the high side, never ``-1e-17``.
  A trio's mean is decided the same way. The float scores are for display: each is the
  exact value correctly rounded, so its sign always agrees with the exact rule.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from scoring.model import Model, QuadrantTable
from scoring.schema import AxisId, Question, Side

Answers = Mapping[str, int | None]
Ratio = tuple[int, int]
"""An exact axis score as (numerator, denominator), the denominator positive."""

TIE_ZONE = 1e-9
"""A float mean closer to 0 than this is recomputed exactly before its side is decided.

Float errors in a mean of scores in -1..1 are about 1e-16, so outside this zone the
float's sign is the exact sign."""


@dataclass(frozen=True)
class Score:
    """One member's position for one frame (nu or gewenst)."""

    x: float | None
    y: float | None
    quadrant: str | None
    near_border: bool
    answered: int
    """Statements with an answer, "weet ik niet" included."""
    quadrant_table: QuadrantTable = field(default_factory=dict, repr=False, compare=False)
    ratio_x: Ratio | None = field(default=None, repr=False, compare=False)
    ratio_y: Ratio | None = field(default=None, repr=False, compare=False)

    @property
    def exact_x(self) -> Fraction | None:
        """The x score in exact arithmetic (``None`` when there is no x score or it was not kept)."""
        return Fraction(*self.ratio_x) if self.ratio_x else None

    @property
    def exact_y(self) -> Fraction | None:
        return Fraction(*self.ratio_y) if self.ratio_y else None


@dataclass(frozen=True)
class GroupScore:
    """The mean position of a group, with its spread (population standard deviation)."""

    x: float | None
    y: float | None
    spread_x: float | None
    spread_y: float | None
    n: int
    """Members that count towards at least one axis."""
    quadrant: str | None
    n_x: int = 0
    n_y: int = 0

    @property
    def spread(self) -> float | None:
        """The larger of the two spreads: how far apart the members are at most, per axis."""
        values = [s for s in (self.spread_x, self.spread_y) if s is not None]
        return max(values) if values else None


@dataclass(frozen=True)
class Contribution:
    """How one answered statement pulls its axis."""

    question_id: str
    axis: AxisId
    item_score: float
    weight: float
    pull: float
    """``weight * item_score / total weight on the axis``: the share of the axis score."""


def side(value: float) -> Side:
    """The side of an axis. Scores from :func:`score` and :func:`aggregate` carry the exact sign."""
    return "high" if value >= 0 else "low"


def quadrant_at(table: QuadrantTable, x: float | None, y: float | None) -> str | None:
    if x is None or y is None:
        return None
    return table.get((side(x), side(y)))


def item_score(question: Question, value: int, points: int) -> float:
    # 2*(v-1)/(P-1) - 1 written over one division: the same number, but rounded
    # once, so that answer v and answer P+1-v give exactly opposite scores.
    s = (2 * value - points - 1) / (points - 1)
    return -s if question.reverse else s


def _check_answers(model: Model, answers: Answers) -> None:
    points = model.scale.points
    known = {q.id for q in model.questions}
    for question_id, value in answers.items():
        if question_id not in known:
            raise ValueError(f"unknown question id: {question_id!r}")
        if value is None:
            if not model.scale.dont_know:
                raise ValueError(f"{question_id}: 'weet ik niet' is not allowed by this model")
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= points:
            raise ValueError(f"{question_id}: answer {value!r} is outside 1..{points}")


def contributions(model: Model, answers: Answers) -> list[Contribution]:
    """The pull of every answered statement on its axis, in content order."""
    _check_answers(model, answers)
    points = model.scale.points
    total_weight: dict[AxisId, float] = {"x": 0.0, "y": 0.0}
    for q in model.questions:
        if answers.get(q.id) is not None:
            total_weight[q.axis] += q.weight
    result: list[Contribution] = []
    for q in model.questions:
        value = answers.get(q.id)
        if value is None:
            continue
        s = item_score(q, value, points)
        result.append(
            Contribution(
                question_id=q.id,
                axis=q.axis,
                item_score=s,
                weight=q.weight,
                pull=q.weight * s / total_weight[q.axis],
            )
        )
    return result


def _axis_ratio(model: Model, answers: Answers, axis: AxisId) -> Ratio | None:
    """The exact axis score ``sum(w*s) / sum(w)`` as two integers.

    With whole-number weights ``W`` (:attr:`Model.integer_weights`) and ``s = t/(P-1)`` where
    ``t = 2v-P-1``, the mean is ``sum(W*t) / (sum(W)*(P-1))``: integers only, nothing rounded.
    """
    points = model.scale.points
    weights = model.integer_weights
    numerator = 0
    total_weight = 0
    count = 0
    for q in model.questions_on(axis):
        value = answers.get(q.id)
        if value is None:
            continue
        t = 2 * value - points - 1
        numerator += weights[q.id] * (-t if q.reverse else t)
        total_weight += weights[q.id]
        count += 1
    if count < model.min_answers_per_axis or count == 0:
        return None
    return numerator, total_weight * (points - 1)


def score(model: Model, answers: Answers) -> Score:
    """Place one member's answers on the quadrant.

    Raises ``ValueError`` for an unknown question id or an answer out of range.
    """
    _check_answers(model, answers)
    ratio_x = _axis_ratio(model, answers, "x")
    ratio_y = _axis_ratio(model, answers, "y")
    # int / int is correctly rounded in Python: the float has the exact value's sign, and
    # opposite answers give exactly opposite floats.
    x = ratio_x[0] / ratio_x[1] if ratio_x else None
    y = ratio_y[0] / ratio_y[1] if ratio_y else None
    quadrant = quadrant_at(model.quadrant_table, x, y)
    near = (
        quadrant is not None
        and x is not None
        and y is not None
        and (abs(x) < model.neutral_band or abs(y) < model.neutral_band)
    )
    answered = sum(1 for q in model.questions if q.id in answers)
    return Score(
        x=x,
        y=y,
        quadrant=quadrant,
        near_border=near,
        answered=answered,
        quadrant_table=model.quadrant_table,
        ratio_x=ratio_x,
        ratio_y=ratio_y,
    )


def _pstdev(values: list[float], mean: float | None) -> float | None:
    """Population standard deviation in floats.

    ``statistics.pstdev`` computes in exact fractions, which was a fifth of a 500-trio wall
    refresh. ``math.fsum`` is exactly rounded, so the result still does not depend on order.
    """
    if not values or mean is None:
        return None
    if all(v == values[0] for v in values):
        return 0.0  # exactly: a rounded mean would leave a residue of 1e-17
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def _mean(values: list[float], ratios: list[Ratio | None]) -> float | None:
    """The mean of member scores, with the exact sign when it is close to 0.

    Near 0 the mean is recomputed from the members' exact scores and rounded once, so a
    trio whose exact mean is 0 sits at 0.0 (the high side), not at -2.8e-17.
    """
    if not values:
        return None
    mean = statistics.fmean(values)
    if abs(mean) < TIE_ZONE and all(r is not None for r in ratios):
        exact = sum((Fraction(*r) for r in ratios if r is not None), Fraction(0)) / len(ratios)
        mean = float(exact)
    return mean


def aggregate(scores: Iterable[Score], model: Model | None = None) -> GroupScore:
    """The mean position of a group and its spread, ignoring axes that have no score.

    The quadrant of the mean is looked up in ``model`` when given, otherwise in
    the quadrant table that every :class:`Score` carries.
    """
    score_list = list(scores)
    xs = [s.x for s in score_list if s.x is not None]
    ys = [s.y for s in score_list if s.y is not None]
    mean_x = _mean(xs, [s.ratio_x for s in score_list if s.x is not None])
    mean_y = _mean(ys, [s.ratio_y for s in score_list if s.y is not None])
    table: QuadrantTable = {}
    if model is not None:
        table = model.quadrant_table
    else:
        for s in score_list:
            if s.quadrant_table:
                table = s.quadrant_table
                break
    n = sum(1 for s in score_list if s.x is not None or s.y is not None)
    return GroupScore(
        x=mean_x,
        y=mean_y,
        spread_x=_pstdev(xs, mean_x),
        spread_y=_pstdev(ys, mean_y),
        n=n,
        quadrant=quadrant_at(table, mean_x, mean_y),
        n_x=len(xs),
        n_y=len(ys),
    )


def oriented(question: Question, value: int, points: int) -> int:
    """An answer mapped onto the axis direction: 1 is always the low pole."""
    return points + 1 - value if question.reverse else value


def disagreement(model: Model, answers_by_member: Mapping[str, Answers]) -> dict[str, int | None]:
    """Per statement, max minus min of the members' answers (on the axis direction).

    ``None`` where fewer than two members gave an answer other than "weet ik niet".
    """
    for answers in answers_by_member.values():
        _check_answers(model, answers)
    points = model.scale.points
    result: dict[str, int | None] = {}
    for q in model.questions:
        values = [
            oriented(q, v, points)
            for answers in answers_by_member.values()
            if (v := answers.get(q.id)) is not None
        ]
        result[q.id] = max(values) - min(values) if len(values) >= 2 else None
    return result


def desired_changes(
    model: Model, nu_by_member: Mapping[str, Answers], gewenst_by_member: Mapping[str, Answers]
) -> dict[str, float | None]:
    """Per statement, the mean answer gewenst minus the mean answer nu, on the axis direction.

    In answer points (at most ``P-1`` either way), positive towards the high pole. ``None`` where
    a frame has no answer other than "weet ik niet". Computed exactly, so no change is exactly 0.
    """
    for answers in (*nu_by_member.values(), *gewenst_by_member.values()):
        _check_answers(model, answers)
    points = model.scale.points

    def mean(q: Question, by_member: Mapping[str, Answers]) -> Fraction | None:
        values = [oriented(q, v, points) for answers in by_member.values() if (v := answers.get(q.id)) is not None]
        return Fraction(sum(values), len(values)) if values else None

    result: dict[str, float | None] = {}
    for q in model.questions:
        nu, gewenst = mean(q, nu_by_member), mean(q, gewenst_by_member)
        result[q.id] = float(gewenst - nu) if nu is not None and gewenst is not None else None
    return result


def agreement_text(model: Model, spread: float | None) -> str | None:
    """Plain Dutch for a spread, from the model's agreement levels."""
    if spread is None:
        return None
    for level in model.agreement_levels:
        if spread <= level.max_spread:
            return level.text
    return model.agreement_levels[-1].text
