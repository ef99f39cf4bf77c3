"""Statement × member heatmap: where the trio's answers lie side by side."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from charts.palette import AXIS_TEXT_COLOUR
from charts.quadrant import escape_label
from scoring import Frame, GroupResult, Model
from scoring.engine import oriented

# Diverging, colour-blind safe (blue = low pole, orange = high pole); cells also carry arrows.
COLOURSCALE = [[0.0, "#2166AC"], [0.25, "#92C5DE"], [0.5, "#F7F7F7"], [0.75, "#FDB863"], [1.0, "#B35806"]]


def lean_marker(position: int, points: int) -> str:
    """Arrows that say which pole an answer leans to: ◀◀ … ● … ▶▶."""
    middle = (points + 1) / 2
    if position == middle:
        return "●"
    steps = 1 if abs(position - middle) < (points - 1) / 2 else 2
    return ("◀" if position < middle else "▶") * steps


def side_by_side_figure(
    model: Model,
    result: GroupResult,
    frame: Frame,
    order: Sequence[str],
    disagreement: Mapping[str, int | None],
) -> go.Figure:
    """Rows are statements (in ``order``), columns members; values on the axis direction."""
    points = model.scale.points
    members = list(result.members)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[str]] = []
    row_labels: list[str] = []
    for qid in order:
        q = model.question(qid)
        axis = model.axis(q.axis)
        dis = disagreement.get(qid)
        # Short, wrapped labels: the chart must also work on a 390 px phone.
        label = "<br>".join(textwrap.wrap(escape_label(q.theme), 18, break_long_words=False))
        row_labels.append(label + (f"<br><i>verschil {dis}</i>" if dis else "") + f" <sup>{axis.name[0]}</sup>")
        z_row: list[float | None] = []
        text_row: list[str] = []
        hover_row: list[str] = []
        for m in members:
            answers = m.answers.get(frame, {})
            if qid not in answers:
                z_row.append(None)
                text_row.append("–")
                hover_row.append(f"{escape_label(m.label)}: nog niet beantwoord")
            elif answers[qid] is None:
                z_row.append(None)
                text_row.append("?")
                hover_row.append(f"{escape_label(m.label)}: weet ik niet")
            else:
                value = answers[qid]
                assert value is not None
                position = oriented(q, value, points)
                z_row.append(position)
                text_row.append(f"{lean_marker(position, points)} {position}")
                pole = q.low if position < (points + 1) / 2 else q.high if position > (points + 1) / 2 else "midden"
                hover_row.append(
                    f"{escape_label(m.label)}: {position} van {points}<br>"
                    + "<br>".join(textwrap.wrap(escape_label(pole), 60))
                )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    heatmap = {
        "type": "heatmap",
        "z": z, "x": ["<br>".join(textwrap.wrap(escape_label(m.label), 12, break_long_words=False)) for m in members], "y": row_labels,
        "text": text, "texttemplate": "%{text}", "textfont": {"size": 14},
        "hovertext": hover, "hoverinfo": "text",
        "zmin": 1, "zmax": points, "colorscale": COLOURSCALE, "xgap": 3, "ygap": 3, "showscale": False,
        "meta": {"kind": "side_by_side", "frame": frame},
    }
    layout = {
        "height": 140 + 52 * len(order),
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "yaxis": {"autorange": "reversed", "automargin": True, "fixedrange": True,
                  "tickfont": {"color": AXIS_TEXT_COLOUR}},
        "xaxis": {"side": "top", "automargin": True, "fixedrange": True, "tickangle": 0,
                  "tickfont": {"color": AXIS_TEXT_COLOUR}},
        "plot_bgcolor": "white",
    }
    # Built at every rerun of the results page: skip plotly's validation (tests/test_charts.py validates).
    return go.Figure(data=[heatmap], layout=layout, _validate=False)
