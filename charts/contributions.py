"""A small bar chart: which statements pull a member's dot which way."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from charts.palette import AXIS_TEXT_COLOUR
from charts.quadrant import GEWENST_COLOUR, GRID_COLOUR, NU_COLOUR
from scoring import Contribution, Model


def contribution_figure(
    model: Model, nu: Sequence[Contribution], gewenst: Sequence[Contribution]
) -> go.Figure | None:
    """Horizontal bars per statement, nu and gewenst side by side, grouped by axis; None without answers."""
    if not nu and not gewenst:
        return None
    order = [q for axis in ("x", "y") for q in model.questions_on(axis)]
    labels = [f"{model.axis(q.axis).name}: {q.theme}" for q in order]
    fig = go.Figure()
    for name, items, colour, pattern in (("Nu", nu, NU_COLOUR, ""), ("Gewenst", gewenst, GEWENST_COLOUR, "/")):
        pull = {c.question_id: c.pull for c in items}
        fig.add_trace(go.Bar(
            y=labels, x=[pull.get(q.id, 0.0) for q in order], name=name, orientation="h",
            marker={"color": colour, "pattern": {"shape": pattern}},
            hovertemplate="%{y}<br>trek %{x:.2f}<extra>" + name + "</extra>",
        ))
    x_axis, y_axis = model.axes.x, model.axes.y
    fig.update_layout(
        barmode="group", height=80 + 34 * len(order), margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.08, "x": 0}, plot_bgcolor="white",
        xaxis={"range": [-1.05, 1.05], "zeroline": True, "zerolinecolor": GRID_COLOUR, "fixedrange": True,
               "title": {"text": f"◀ {x_axis.low} / {y_axis.low}   ·   {x_axis.high} / {y_axis.high} ▶",
                         "font": {"color": AXIS_TEXT_COLOUR}},
               "tickfont": {"color": AXIS_TEXT_COLOUR}},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True,
               "tickfont": {"color": AXIS_TEXT_COLOUR}},
    )
    return fig
