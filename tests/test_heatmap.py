"""'Naast elkaar': the answers as each member chose them, and rows in the order of the shown moment."""

from __future__ import annotations

from typing import Any

import scoring
from charts.heatmap import BY_DIFFERENCE, BY_THEME, shown_poles, side_by_side_figure, statement_order
from scoring import MemberInput, Model, group_result


def cells(model: Model, answers: dict[str, dict[str, int | None]], frame: scoring.Frame = "nu") -> dict[str, Any]:
    result = group_result(model, [MemberInput(member_id="1", role="wijkambtenaar", label="Anna", answers=answers)])
    order = [q.id for q in model.questions]
    spec = side_by_side_figure(model, result, frame, order, scoring.disagreement(model, result.answers_by_member(frame)))
    (heatmap,) = spec.to_dict()["data"]
    return heatmap


def test_a_reversed_statement_shows_the_answer_the_member_tapped(model: Model) -> None:
    reversed_q = next(q for q in model.questions if q.reverse)
    plain_q = next(q for q in model.questions if not q.reverse)
    heatmap = cells(model, {"nu": {reversed_q.id: 4, plain_q.id: 4}})
    row = {q.id: i for i, q in enumerate(model.questions)}
    assert heatmap["text"][row[reversed_q.id]][0] == "▶ 4"
    assert heatmap["text"][row[plain_q.id]][0] == "▶ 4"
    # The colour leans the same way as the number: both 4s alike.
    assert heatmap["z"][row[reversed_q.id]][0] == heatmap["z"][row[plain_q.id]][0] == 4
    # The hover names the statement the member leaned to: for the reversed one, the low pole shown on the right.
    hover = heatmap["hovertext"][row[reversed_q.id]][0].replace("<br>", " ")
    assert hover == f"1 · Anna: koos 4 van {model.scale.points} {reversed_q.low}"
    assert heatmap["x"] == ["<b>1</b>"]


def test_every_row_names_its_poles_in_the_order_the_questionnaire_showed_them(model: Model) -> None:
    heatmap = cells(model, {"nu": {}})
    for label, q in zip(heatmap["y"], model.questions, strict=True):
        axis = model.axis(q.axis)
        left, right = (axis.high, axis.low) if q.reverse else (axis.low, axis.high)
        assert shown_poles(model, q) == (left, right)
        flat = label.replace("<br>", " ")
        assert f"◀ {left}" in flat and f"{right} ▶" in flat, label


def test_rows_follow_the_difference_of_the_given_moment_only(model: Model) -> None:
    first, second, third = (q.id for q in model.questions[:3])
    dis: dict[str, int | None] = {q.id: None for q in model.questions}
    dis.update({first: 1, second: 3, third: 0})
    order = statement_order(model, dis, BY_DIFFERENCE)
    assert order[:3] == [second, first, third]
    assert set(order) == {q.id for q in model.questions}
    by_theme = statement_order(model, dis, BY_THEME)
    assert by_theme == [q.id for q in sorted(model.questions, key=lambda q: (q.axis, q.theme.lower()))]
