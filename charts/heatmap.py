"""Statement × member heatmap: where the trio's answers lie side by side.

A cell shows the answer the member chose, as the questionnaire showed the statement: 1 is the statement
on the left, and the arrows and the colour lean the same way (blue to the left, orange to the right).
For a reversed statement the left one is the axis' high pole, so every row names its two poles in the
order the member saw them ("◀ Krachten · Tekorten ▶"). Columns are numbered (1, 2, 3): long role names
do not fit side by side on a phone; the page lists who is who.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from charts.quadrant import escape_label
from scoring import Frame, GroupResult, Model
from scoring.schema import Question

# Diverging, colour-blind safe (blue = the left statement, orange = the right one); cells also carry
# arrows and numbers.
DIVERGING = ("#2166AC", "#92C5DE", "#F7F7F7", "#FDB863", "#B35806")
EMPTY_CELL = "#ECEFF3"
"""A cell without a number (not answered, or "weet ik niet"): the row and column stay visible."""
POLE_FONT = "font-size:11px;color:#4A5561"
TICK_FONT = {"size": 13, "color": "#1B1F24"}

BY_DIFFERENCE = "verschil"
BY_THEME = "thema"
ORDERS = {BY_DIFFERENCE: "Grootste verschillen eerst", BY_THEME: "Per thema"}
"""How the rows can be ordered (id -> the words on the page)."""


def lean_marker(value: int, points: int) -> str:
    """Arrows that say which side an answer leans to: ◀◀ … ● … ▶▶."""
    middle = (points + 1) / 2
    if value == middle:
        return "●"
    steps = 1 if abs(value - middle) < (points - 1) / 2 else 2
    return ("◀" if value < middle else "▶") * steps


def shown_statements(question: Question) -> tuple[str, str]:
    """The statements on the left (answer 1) and on the right, as the questionnaire showed them."""
    return (question.high, question.low) if question.reverse else (question.low, question.high)


def shown_poles(model: Model, question: Question) -> tuple[str, str]:
    """The axis poles on the left and on the right, as the questionnaire showed this statement."""
    axis = model.axis(question.axis)
    return (axis.high, axis.low) if question.reverse else (axis.low, axis.high)


def statement_order(model: Model, disagreement: Mapping[str, int | None], order: str) -> list[str]:
    """Question ids by theme (axis, then theme), or with the largest difference in ``disagreement`` first.

    Statements without a difference (fewer than two numbers) come last, in content order.
    """
    if order == BY_THEME:
        return [q.id for q in sorted(model.questions, key=lambda q: (q.axis, q.theme.lower()))]
    position = {q.id: i for i, q in enumerate(model.questions)}

    def key(qid: str) -> tuple[int, int]:
        value = disagreement.get(qid)
        return (-(value if value is not None else -1), position[qid])

    return sorted(position, key=key)


def column_labels(result: GroupResult) -> list[str]:
    """"1", "2", … in the order of ``result.members`` (the page says who is who)."""
    return [f"<b>{number}</b>" for number in range(1, len(result.members) + 1)]


def colourscale(points: int) -> list[list[float | str]]:
    """``z`` is 0 for an empty cell and 1..points for an answer (zmin 0, zmax points)."""
    edge = 0.5 / points
    first = 1 / points
    stops: list[list[float | str]] = [[0.0, EMPTY_CELL], [edge, EMPTY_CELL], [edge, DIVERGING[0]]]
    for i, colour in enumerate(DIVERGING):
        stops.append([first + (1 - first) * i / (len(DIVERGING) - 1), colour])
    return stops


def _row_label(model: Model, question: Question, dis: int | None) -> str:
    # Short, wrapped labels: the chart must also work on a 390 px phone.
    theme = "<br>".join(textwrap.wrap(escape_label(question.theme), 18, break_long_words=False))
    left, right = (escape_label(pole) for pole in shown_poles(model, question))
    poles = f"◀ {left} · {right} ▶"
    if len(poles) > 24:
        poles = f"◀ {left}<br>{right} ▶"
    label = f"{theme}<br><span style='{POLE_FONT}'>{poles}</span>"
    return label + (f"<br><i>verschil {dis}</i>" if dis else "")


def side_by_side_figure(
    model: Model,
    result: GroupResult,
    frame: Frame,
    order: Sequence[str],
    disagreement: Mapping[str, int | None],
) -> go.Figure:
    """Rows are statements (in ``order``), columns members; a cell is the answer the member chose."""
    points = model.scale.points
    middle = (points + 1) / 2
    members = list(result.members)
    z: list[list[int]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    row_labels: list[str] = []
    for qid in order:
        q = model.question(qid)
        row_labels.append(_row_label(model, q, disagreement.get(qid)))
        left_text, right_text = shown_statements(q)
        z_row: list[int] = []
        text_row: list[str] = []
        hover_row: list[str] = []
        for number, m in enumerate(members, start=1):
            who = f"{number} · {escape_label(m.label)}"
            answers = m.answers.get(frame, {})
            value = answers.get(qid)
            if value is None:
                z_row.append(0)
                text_row.append("?" if qid in answers else "–")
                state = "weet ik niet" if qid in answers else "nog niet beantwoord"
                hover_row.append(f"{who}: {state}")
                continue
            z_row.append(value)
            text_row.append(f"{lean_marker(value, points)} {value}")
            side = left_text if value < middle else right_text if value > middle else "midden"
            hover_row.append(
                f"{who}: koos {value} van {points}<br>"
                + "<br>".join(textwrap.wrap(escape_label(side), 60))
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    # Every row is as high as the tallest label needs: plotly gives all rows one height.
    lines = max((label.count("<br>") + 1 for label in row_labels), default=1)
    row_height = max(52, 8 + 16 * lines)
    heatmap = {
        "type": "heatmap",
        "z": z, "x": column_labels(result), "y": row_labels,
        "text": text, "texttemplate": "%{text}", "textfont": {"size": 14},
        "hovertext": hover, "hoverinfo": "text",
        "zmin": 0, "zmax": points, "colorscale": colourscale(points), "xgap": 3, "ygap": 3, "showscale": False,
        "meta": {"kind": "side_by_side", "frame": frame},
    }
    layout = {
        "height": 110 + len(order) * row_height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True, "tickfont": TICK_FONT},
        "xaxis": {"side": "top", "automargin": True, "fixedrange": True, "tickangle": 0,
                  "tickfont": {**TICK_FONT, "size": 15}},
        "plot_bgcolor": "white",
    }
    # Built at every rerun of the results page: skip plotly's validation (tests/test_charts.py validates).
    return go.Figure(data=[heatmap], layout=layout, _validate=False)
