"""Near a border, as data: in a quadrant, on the border between two quadrants, or in the middle.

On the 5-point scale an answer scores 1 -> -1, 2 -> -0.5, 3 -> 0, 4 -> 0.5, 5 -> 1; statements a and
b are on x, d and e on y, all with weight 1, so a mean of two answers can be 0.25.
"""

from __future__ import annotations

import pytest

from scoring import Model, aggregate, score
from scoring.placement import Placement, placement
from tests.packs import BUURTMAKEN, DOEN_MET, VRAGEN_EN_CLAIMEN, ZORGEN_VOOR, build_model, question

QUESTIONS = [question("a", "x"), question("b", "x"), question("d", "y"), question("e", "y")]
# The four quadrants in content order (tests.packs.QUADRANTS).
CONTENT_ORDER = (ZORGEN_VOOR, DOEN_MET, VRAGEN_EN_CLAIMEN, BUURTMAKEN)
_MODELS: dict[float, Model] = {}


def model(band: float) -> Model:
    if band not in _MODELS:
        _MODELS[band] = build_model(QUESTIONS, neutral_band=band)
    return _MODELS[band]


def others(own: str) -> tuple[str, ...]:
    return (own, *(q for q in CONTENT_ORDER if q != own))


@pytest.mark.parametrize(
    ("band", "answers", "expected"),
    [
        pytest.param(0.5, {"a": 1, "d": 1}, Placement("quadrant", (ZORGEN_VOOR,)), id="deep-in-a-quadrant"),
        pytest.param(0.5, {"a": 4, "d": 2}, Placement("quadrant", (DOEN_MET,)), id="at-the-band-edge-is-inside"),
        pytest.param(
            0.5, {"a": 4, "b": 3, "d": 5}, Placement("border", (BUURTMAKEN, VRAGEN_EN_CLAIMEN), "x"),
            id="x-near-0-high-side",
        ),
        pytest.param(
            0.5, {"a": 2, "b": 3, "d": 5}, Placement("border", (VRAGEN_EN_CLAIMEN, BUURTMAKEN), "x"),
            id="x-near-0-low-side",
        ),
        pytest.param(
            0.5, {"a": 1, "d": 2, "e": 3}, Placement("border", (ZORGEN_VOOR, VRAGEN_EN_CLAIMEN), "y"),
            id="y-near-0-low-side",
        ),
        pytest.param(
            0.5, {"a": 5, "d": 4, "e": 3}, Placement("border", (BUURTMAKEN, DOEN_MET), "y"),
            id="y-near-0-high-side",
        ),
        pytest.param(
            0.1, {"a": 3, "d": 1}, Placement("border", (DOEN_MET, ZORGEN_VOOR), "x"),
            id="exact-0-is-high-and-on-the-border",
        ),
        pytest.param(0.1, {"a": 3, "d": 3}, Placement("middle", others(BUURTMAKEN)), id="middle-everywhere"),
        pytest.param(
            0.5, {"a": 2, "b": 3, "d": 2, "e": 3}, Placement("middle", others(ZORGEN_VOOR)),
            id="middle-both-low",
        ),
        pytest.param(0.0, {"a": 3, "d": 3}, Placement("quadrant", (BUURTMAKEN,)), id="band-0-never-a-border"),
    ],
)
def test_placement_table(band: float, answers: dict[str, int | None], expected: Placement) -> None:
    position = score(model(band), answers)
    result = placement(model(band), position)
    assert result == expected
    assert result is not None and result.quadrant == position.quadrant


@pytest.mark.parametrize(
    "answers", [pytest.param({}, id="nothing"), pytest.param({"a": 3}, id="x-only"), pytest.param({"d": None}, id="dont-know")]
)
def test_no_quadrant_no_placement(answers: dict[str, int | None]) -> None:
    assert placement(model(0.1), score(model(0.1), answers)) is None


def test_group_placement_uses_the_trio_mean() -> None:
    # Each member is deep in a quadrant, but the trio's mean lies on the x border.
    m = model(0.1)
    members = [score(m, {"a": 5, "d": 1}), score(m, {"a": 1, "d": 1}), score(m, {"a": 3, "d": 1})]
    assert [placement(m, s) for s in members[:2]] == [
        Placement("quadrant", (DOEN_MET,)), Placement("quadrant", (ZORGEN_VOOR,))
    ]
    group = aggregate(members, m)
    assert group.x == 0.0
    assert placement(m, group) == Placement("border", (DOEN_MET, ZORGEN_VOOR), "x")


def test_group_in_the_middle() -> None:
    m = model(0.1)
    group = aggregate([score(m, {"a": 4, "d": 2}), score(m, {"a": 2, "d": 4})], m)
    assert (group.x, group.y) == (0.0, 0.0)
    result = placement(m, group)
    assert result is not None
    assert (result.kind, result.quadrant, result.axis) == ("middle", BUURTMAKEN, None)
    assert set(result.quadrant_ids) == set(CONTENT_ORDER)
