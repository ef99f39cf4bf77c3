"""Plotly figures of the ABCD quadrant.

Pure plotly, no Streamlit: the pages, the benchmarks and the tests build the
same figures. Colours are Okabe-Ito (colour-blind safe) and every distinction
also has a shape, a line style or a label, so nothing relies on colour alone.
Traces that carry data have a stable ``name`` and a ``meta`` dict, so tests can
find points; the static parts of the quadrant have neither.

Everything is drawn with a handful of traces and a fixed layout, never with
layout shapes or annotations added one by one: plotly validates the whole
layout again for every ``add_shape``/``add_annotation``, which made a wall of
500 trios take a minute (see ``bench/RESULTS.md``). Arrows are one trace of
line segments with an arrow marker at each end point.

What a picture shows (points, arrows, spreads, shapes and labels) comes from
``charts.scene``, which the PDF reports draw as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from charts.comparisons import bestuur_traces, previous_traces, wall_trail_traces
from charts.labels import escape_label, fit_label, label_position
from charts.palette import (
    AXIS_TEXT_COLOUR,
    GEWENST_COLOUR,
    GEWENST_TEXT_COLOUR,
    GRID_COLOUR,
    GROUP_COLOUR,
    NU_COLOUR,
    QUADRANT_TEXT_COLOUR,
    QUADRANT_TINTS,
    ROLE_SYMBOLS,
)
from charts.scene import Glyph, moment_mark, point, role_scene, trio_scene, wall_scene, wall_trails
from charts.traces import (
    COLOURS,
    DEFAULT_STYLE,
    Style,
    Trace,
    arrows,
    ellipse,
    glyph_marker,
    legend_key,
    scatter,
    static,
    xy,
)
from results.numbers import decimal
from results.wall import difference
from scoring import Frame, GroupResult, MemberResult, Model, Score

__all__ = ["GEWENST_COLOUR", "GRID_COLOUR", "GROUP_COLOUR", "NU_COLOUR", "ROLE_SYMBOLS", "Style", "escape_label"]

LIMIT = 1.0
PAD = 0.12
EDGE = LIMIT + PAD
CONFIG = {"displayModeBar": False, "staticPlot": False, "responsive": True}


def _quadrant_traces(model: Model, style: Style) -> list[Trace]:
    traces: list[Trace] = []
    for quadrant in model.quadrants:
        x0, x1 = (0.0, EDGE) if quadrant.x == "high" else (-EDGE, 0.0)
        y0, y1 = (0.0, EDGE) if quadrant.y == "high" else (-EDGE, 0.0)
        traces.append(static(
            x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], mode="lines", fill="toself",
            fillcolor=QUADRANT_TINTS[(quadrant.x, quadrant.y)], line={"width": 0},
        ))
    traces.append(static(
        x=[-EDGE, EDGE, None, 0, 0], y=[0, 0, None, -EDGE, EDGE], mode="lines",
        line={"color": GRID_COLOUR, "width": 1.5},
    ))
    inset = 0.03
    traces.append(static(
        x=[EDGE - inset if q.x == "high" else -EDGE + inset for q in model.quadrants],
        y=[EDGE - inset if q.y == "high" else -EDGE + inset for q in model.quadrants],
        text=[f"<b>{escape_label(q.name)}</b>" for q in model.quadrants],
        textposition=[
            f"{'bottom' if q.y == 'high' else 'top'} {'left' if q.x == 'high' else 'right'}" for q in model.quadrants
        ],
        mode="text", textfont={"size": style.quadrant_font_size, "color": QUADRANT_TEXT_COLOUR},
    ))
    return traces


def _layout(model: Model, style: Style, *, legend: bool) -> dict[str, Any]:
    x_axis, y_axis = model.axes.x, model.axes.y
    axis_common = {
        "range": [-EDGE, EDGE], "showgrid": False, "zeroline": False, "showticklabels": False,
        "fixedrange": True, "constrain": "domain",
    }
    return {
        "height": style.height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"size": style.font_size, "color": "#1B1F24"},
        "separators": ",.",  # Dutch numbers in hover texts: "0,34"
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0, "font": {"size": style.font_size}},
        "dragmode": False,
        "hovermode": "closest",
        "xaxis": {
            **axis_common,
            "title": {"text": f"◀ {escape_label(x_axis.low)}   ·   {escape_label(x_axis.name)}   ·   "
                              f"{escape_label(x_axis.high)} ▶", "standoff": 4,
                      "font": {"size": style.font_size, "color": AXIS_TEXT_COLOUR}},
        },
        "yaxis": {
            **axis_common, "scaleanchor": "x", "scaleratio": 1,
            "title": {"text": f"◀ {escape_label(y_axis.low)}   ·   {escape_label(y_axis.name)}   ·   "
                              f"{escape_label(y_axis.high)} ▶", "standoff": 4,
                      "font": {"size": style.font_size, "color": AXIS_TEXT_COLOUR}},
        },
    }


def _figure(model: Model, style: Style, data: Iterable[Trace], *, legend: bool = True) -> go.Figure:
    # Plotly's validation of every property is most of the cost of a figure (about 10 ms of a
    # 12 ms member figure), and the questionnaire builds one at every answer. The specs here are
    # fixed by this module and checked with validation on in tests/test_charts.py.
    return go.Figure(
        data=[*_quadrant_traces(model, style), *data], layout=_layout(model, style, legend=legend), _validate=False
    )


def base_figure(model: Model, style: Style = DEFAULT_STYLE) -> go.Figure:
    """The empty quadrant: tinted quarters, names in the corners, pole labels on the axes."""
    return _figure(model, style, [])


def member_figure(model: Model, nu: Score, gewenst: Score, style: Style = DEFAULT_STYLE) -> go.Figure:
    """One member's nu (filled circle) and gewenst (open diamond) with an arrow between them."""
    mark = moment_mark("member", "", point(nu), point(gewenst))
    data = [arrows([mark], GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 3)]
    # Labels on opposite sides, so they stay readable when both dots are in one place.
    frame: Frame
    for frame, name, at, text_colour, text_side in (
        ("nu", "Nu", mark.nu, NU_COLOUR, "top center"),
        ("gewenst", "Gewenst", mark.gewenst, GEWENST_TEXT_COLOUR, "bottom center"),
    ):
        xs, ys = xy(at)
        data.append(scatter(
            x=xs, y=ys, mode="markers+text", name=name, meta={"kind": "member", "frame": frame},
            text=[name] * len(xs), textposition=text_side,
            textfont={"size": style.font_size, "color": text_colour},
            marker=glyph_marker(mark.glyph(frame), COLOURS[frame], style.marker_size + 4, edge_width=2, open_width=3),
            hovertemplate=f"{name}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    return _figure(model, style, data, legend=False)  # the two dots carry their own labels


def trio_figure(
    model: Model,
    result: GroupResult,
    *,
    frames: Sequence[Frame] = ("nu", "gewenst"),
    style: Style = DEFAULT_STYLE,
    bestuur: MemberResult | None = None,
    previous: GroupResult | None = None,
) -> go.Figure:
    """Each member's nu → gewenst, the trio's mean as a bold arrow, and the spread as ellipses.

    A member's shape is its role; nu is filled and gewenst open, so colour is never the only cue.
    The legend names the members by shape (in neutral ink) and the moments by fill.
    With ``bestuur``, the bestuurder stands beside the trio in a dark hexagon (not in the trio's mean);
    with ``previous``, the trio's mean at the previous round is drawn faded, with a dotted line to now.
    """
    shown: list[Frame] = [f for f in ("nu", "gewenst") if f in frames]
    scene = trio_scene(model, result, bestuur=bestuur, previous=previous)
    data: list[Trace] = [] if scene.previous is None else previous_traces(scene.previous, shown, style)
    if len(shown) == 2:
        data.append(arrows(
            scene.members, GRID_COLOUR, max(1.0, style.arrow_width - 0.8), style.marker_size - 2,
            style.marker_size / 2 + 2,
        ))
    for member in scene.members:
        label = escape_label(member.label)
        data.append(legend_key(label, {"size": style.marker_size, "color": GROUP_COLOUR, "symbol": member.shape},
                         meta={"kind": "legend", "member_id": member.key}, legendgroup=member.key))
        for frame in shown:
            xs, ys = xy(member.at(frame))
            data.append(scatter(
                x=xs, y=ys, mode="markers", name=label,
                meta={"kind": "member", "member_id": member.key, "frame": frame},
                marker=glyph_marker(member.glyph(frame), COLOURS[frame], style.marker_size),
                hovertemplate=f"{label} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
                legendgroup=member.key, showlegend=False,
            ))
    for frame, spread in (("nu", scene.nu_spread), ("gewenst", scene.gewenst_spread)):
        if frame in shown and spread is not None:
            data.append(ellipse(spread, frame))
    if len(shown) == 2:
        data.append(arrows(
            [scene.trio], GROUP_COLOUR, style.arrow_width + 2, style.marker_size + 4, style.marker_size / 2 + 6,
        ))
    for frame in shown:
        xs, ys = xy(scene.trio.at(frame))
        data.append(scatter(
            x=xs, y=ys, mode="markers", name=f"Trio · {frame}", meta={"kind": "trio", "frame": frame},
            marker=glyph_marker(scene.trio.glyph(frame), COLOURS[frame], style.marker_size + 8, edge=GROUP_COLOUR,
                           edge_width=3, open_width=4),
            hovertemplate=f"Trio · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    if scene.bestuur is not None:
        data += bestuur_traces(scene.bestuur, shown, style)
    for frame in shown:
        glyph = Glyph("circle", filled=frame == "nu")
        name = "Nu: gevulde vorm" if frame == "nu" else "Gewenst: open vorm"
        data.append(legend_key(name, glyph_marker(glyph, COLOURS[frame], style.marker_size), meta={"kind": "legend"}))
    return _figure(model, style, data)


@dataclass(frozen=True)
class WallEntry:
    label: str
    result: GroupResult
    previous: GroupResult | None = None
    """The same trio at the previous round: drawn faded, with a dotted line to where it stands now."""


def wall_figure(model: Model, entries: Sequence[WallEntry], style: Style = DEFAULT_STYLE) -> go.Figure:
    """Every trio's nu (filled circle) → gewenst (open diamond); the nu circle grows with the trio's
    onderling verschil (bigger circles are drawn first, below the smaller ones).

    Long names are wrapped and shortened inside the plot; hovering a point shows the full name.
    """
    nu_x: list[float] = []
    nu_y: list[float] = []
    nu_size: list[float] = []
    nu_text: list[str] = []
    nu_text_position: list[str] = []
    nu_text_colour: list[str] = []
    nu_hover: list[str] = []
    gew_x: list[float] = []
    gew_y: list[float] = []
    gew_text: list[str] = []
    gew_text_position: list[str] = []
    gew_hover: list[str] = []
    marks = wall_scene([(e.label, e.result) for e in entries])
    # Looked up by label and spread, not by position: the scene may put the marks in drawing order.
    differences = {(e.label, e.result.spread or 0.0): decimal(difference(e.result)) for e in entries}
    for mark in marks:
        full = escape_label(mark.label)
        short = "<br>".join(escape_label(line) for line in fit_label(mark.label))
        # A letter fits inside its circle; a municipality's name goes beside it, in dark ink.
        inside = len(mark.label) <= 2
        if mark.nu is not None:
            nu_x.append(mark.nu[0])
            nu_y.append(mark.nu[1])
            nu_size.append(style.marker_size + 40 * min(mark.spread, 1.0) * (style.marker_size / 14))
            nu_text.append(short)
            nu_text_position.append("middle center" if inside else label_position(mark.nu))
            nu_text_colour.append("white" if inside else GROUP_COLOUR)
            shown = differences.get((mark.label, mark.spread), decimal(None))
            nu_hover.append(f"{full} · nu<br>onderling verschil {shown}")
        if mark.gewenst is not None:
            gew_x.append(mark.gewenst[0])
            gew_y.append(mark.gewenst[1])
            # A letter at both ends; a name once, at nu (the arrow leads to gewenst), so names do not pile up.
            gew_text.append(short if inside or mark.nu is None else "")
            gew_text_position.append(label_position(mark.gewenst))
            gew_hover.append(f"{full} · gewenst")
    trails = wall_trails([(e.label, e.result, e.previous) for e in entries])
    quiet = {"showlegend": False} if trails else {}  # with a legend, it names only the previous round
    nu_marker = glyph_marker(Glyph("circle", filled=True), NU_COLOUR, style.marker_size, edge=GROUP_COLOUR, edge_width=2)
    data = [
        *(wall_trail_traces(trails, style) if trails else []),
        arrows(marks, GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 2),
        scatter(
            x=nu_x, y=nu_y, mode="markers+text", name="Nu (groter = meer onderling verschil)",
            meta={"kind": "wall", "frame": "nu"}, text=nu_text, textposition=nu_text_position,
            textfont={"size": style.font_size + 3, "color": nu_text_colour},
            # Opaque (plotly makes markers of varying size 70 % opaque by default), for the white letters.
            marker={**nu_marker, "size": nu_size, "opacity": 1}, hovertext=nu_hover, hoverinfo="text",
            **quiet,
        ),
        scatter(
            x=gew_x, y=gew_y, mode="markers+text", name="Gewenst", meta={"kind": "wall", "frame": "gewenst"},
            text=gew_text, textposition=gew_text_position,
            textfont={"size": style.font_size + 5, "color": GROUP_COLOUR, "weight": "bold"},
            marker=glyph_marker(Glyph("diamond", filled=False), GEWENST_COLOUR, style.marker_size,
                           open_width=max(2.5, style.marker_size / 7)),
            hoverinfo="text", hovertext=gew_hover, **quiet,
        ),
    ]
    # The page explains circle, diamond and arrow in words; the legend names only the previous round.
    return _figure(model, style, data, legend=bool(trails))


@dataclass(frozen=True)
class RoleGroupEntry:
    role_id: str
    label: str
    result: GroupResult


def role_groups_figure(model: Model, entries: Sequence[RoleGroupEntry], style: Style = DEFAULT_STYLE) -> go.Figure:
    """The mean position per role group, nu (filled) and gewenst (open) in the role's shape, with an arrow."""
    marks = role_scene(model, [(e.role_id, e.label, e.result) for e in entries])
    data = [arrows(marks, GRID_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 4)]
    frame: Frame
    for entry, mark in zip(entries, marks, strict=True):
        for frame, group, at in (("nu", entry.result.nu, mark.nu), ("gewenst", entry.result.gewenst, mark.gewenst)):
            xs, ys = xy(at)
            # No text on the points: role names are long and the groups lie close; the legend names them.
            data.append(scatter(
                x=xs, y=ys, mode="markers", name=f"{escape_label(entry.label)} · {frame} (n={group.n})",
                meta={"kind": "role", "role": entry.role_id, "frame": frame},
                marker=glyph_marker(mark.glyph(frame), COLOURS[frame], style.marker_size + 4),
                hovertemplate=f"{escape_label(entry.label)} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
            ))
    return _figure(model, style, data)
