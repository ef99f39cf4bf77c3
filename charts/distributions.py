"""Answer distributions per statement: nu versus gewenst, or per role group."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from charts.palette import AXIS_TEXT_COLOUR, ROLE_COLOURS
from charts.quadrant import GEWENST_COLOUR, NU_COLOUR, escape_label
from scoring import Distribution, Model
from scoring.schema import Question

# Bars also get a pattern per role group (and gewenst's bars stripes), so colour is not the only cue.
PATTERNS = ("", "/", ".", "x", "-", "|", "+", "\\")


def _categories(model: Model) -> list[str]:
    labels = [str(i) for i in range(1, model.scale.points + 1)]
    return [*labels, "weet ik niet"] if model.scale.dont_know else labels


def _layout(fig: go.Figure, model: Model, question: Question, height: int) -> None:
    fig.update_layout(
        barmode="group", height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": 1.15, "x": 0}, plot_bgcolor="white",
        xaxis={"type": "category", "fixedrange": True,  # the page names the poles above the chart
               "tickfont": {"color": AXIS_TEXT_COLOUR}},
        yaxis={"title": {"text": "aantal", "font": {"color": AXIS_TEXT_COLOUR}}, "fixedrange": True,
               "rangemode": "tozero", "dtick": 1, "tickfont": {"color": AXIS_TEXT_COLOUR}},
    )


def frame_distribution_figure(model: Model, question: Question, nu: Distribution, gewenst: Distribution) -> go.Figure:
    fig = go.Figure()
    for name, dist, colour, pattern in (("Nu", nu, NU_COLOUR, ""), ("Gewenst", gewenst, GEWENST_COLOUR, "/")):
        counts = list(dist.counts) + ([dist.dont_know] if model.scale.dont_know else [])
        fig.add_trace(go.Bar(x=_categories(model), y=counts, name=name, marker={"color": colour, "pattern": {"shape": pattern}},
                             meta={"question": question.id, "frame": dist.frame}))
    _layout(fig, model, question, 260)
    return fig


def role_distribution_figure(model: Model, question: Question, per_role: Mapping[str, Distribution]) -> go.Figure:
    fig = go.Figure()
    for index, (label, dist) in enumerate(per_role.items()):
        counts = list(dist.counts) + ([dist.dont_know] if model.scale.dont_know else [])
        fig.add_trace(go.Bar(
            x=_categories(model), y=counts, name=escape_label(label),
            marker={"color": ROLE_COLOURS[index % len(ROLE_COLOURS)], "pattern": {"shape": PATTERNS[index % len(PATTERNS)]}},
            meta={"question": question.id, "role": label},
        ))
    _layout(fig, model, question, 280)
    return fig
