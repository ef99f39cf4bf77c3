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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

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
from charts.scene import Glyph, Mark, Point, Spread, moment_mark, point, role_scene, trio_scene, wall_scene
from results.numbers import decimal
from results.wall import difference
from scoring import Frame, GroupResult, Model, Score

__all__ = ["GEWENST_COLOUR", "GRID_COLOUR", "GROUP_COLOUR", "NU_COLOUR", "ROLE_SYMBOLS"]

LIMIT = 1.0
PAD = 0.12
EDGE = LIMIT + PAD
CONFIG = {"displayModeBar": False, "staticPlot": False, "responsive": True}
COLOURS: dict[Frame, str] = {"nu": NU_COLOUR, "gewenst": GEWENST_COLOUR}
SPREAD_DASH: dict[Frame, str] = {"nu": "dot", "gewenst": "dash"}
"""The spread ellipses differ by line as well as by colour: dotted around nu, dashed around gewenst."""


@dataclass(frozen=True)
class Style:
    """Sizes for a table screen, or bigger for a projector."""

    height: int = 480
    font_size: int = 13
    quadrant_font_size: int = 14
    marker_size: int = 14
    arrow_width: float = 2.0

    @classmethod
    def projector(cls) -> Style:
        return cls(height=760, font_size=22, quadrant_font_size=32, marker_size=22, arrow_width=3.5)


Trace = dict[str, Any]


def _scatter(**kwargs: Any) -> Trace:
    return {"type": "scatter", **kwargs}


def _static(**kwargs: Any) -> Trace:
    """A trace that is part of the drawing, not of the data: no legend, no hover."""
    return _scatter(hoverinfo="skip", showlegend=False, **kwargs)


def _quadrant_traces(model: Model, style: Style) -> list[Trace]:
    traces: list[Trace] = []
    for quadrant in model.quadrants:
        x0, x1 = (0.0, EDGE) if quadrant.x == "high" else (-EDGE, 0.0)
        y0, y1 = (0.0, EDGE) if quadrant.y == "high" else (-EDGE, 0.0)
        traces.append(_static(
            x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0], mode="lines", fill="toself",
            fillcolor=QUADRANT_TINTS[(quadrant.x, quadrant.y)], line={"width": 0},
        ))
    traces.append(_static(
        x=[-EDGE, EDGE, None, 0, 0], y=[0, 0, None, -EDGE, EDGE], mode="lines",
        line={"color": GRID_COLOUR, "width": 1.5},
    ))
    inset = 0.03
    traces.append(_static(
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


def base_figure(model: Model, style: Style = Style()) -> go.Figure:
    """The empty quadrant: tinted quarters, names in the corners, pole labels on the axes."""
    return _figure(model, style, [])


def _marker(glyph: Glyph, colour: str, size: float, *, edge: str = "white", edge_width: float = 1.5,
            open_width: float = 2.5) -> dict[str, Any]:
    """A plotly marker for a glyph: filled with an ``edge``, or open (its outline in ``colour``)."""
    line = {"width": edge_width, "color": edge} if glyph.filled else {"width": open_width, "color": colour}
    return {"size": size, "color": colour, "symbol": glyph.plotly_symbol, "line": line}


def _xy(p: Point | None) -> tuple[list[float], list[float]]:
    if p is None:
        return [], []
    return [p[0]], [p[1]]


def _arrows(marks: Iterable[Mark], colour: str, width: float, head: float, standoff: float) -> Trace:
    """All arrows of one kind as one trace: segments separated by gaps, an arrow head at each end."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    sizes: list[float] = []
    symbols: list[str] = []
    for mark in marks:
        if (arrow := mark.arrow) is None:
            continue
        a, b = arrow
        xs += [a[0], b[0], None]
        ys += [a[1], b[1], None]
        sizes += [0, head, 0]
        symbols += ["circle", "arrow", "circle"]
    return _static(
        x=xs, y=ys, mode="lines+markers", line={"color": colour, "width": width},
        marker={"size": sizes, "symbol": symbols, "color": colour, "angleref": "previous", "standoff": standoff},
    )


def member_figure(model: Model, nu: Score, gewenst: Score, style: Style = Style()) -> go.Figure:
    """One member's nu (filled circle) and gewenst (open diamond) with an arrow between them."""
    mark = moment_mark("member", "", point(nu), point(gewenst))
    data = [_arrows([mark], GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 3)]
    # Labels on opposite sides, so they stay readable when both dots are in one place.
    frame: Frame
    for frame, name, at, text_colour, text_side in (
        ("nu", "Nu", mark.nu, NU_COLOUR, "top center"),
        ("gewenst", "Gewenst", mark.gewenst, GEWENST_TEXT_COLOUR, "bottom center"),
    ):
        xs, ys = _xy(at)
        data.append(_scatter(
            x=xs, y=ys, mode="markers+text", name=name, meta={"kind": "member", "frame": frame},
            text=[name] * len(xs), textposition=text_side,
            textfont={"size": style.font_size, "color": text_colour},
            marker=_marker(mark.glyph(frame), COLOURS[frame], style.marker_size + 4, edge_width=2, open_width=3),
            hovertemplate=f"{name}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    return _figure(model, style, data, legend=False)  # the two dots carry their own labels


def _ellipse(spread: Spread, frame: Frame) -> Trace:
    (cx, cy), rx, ry = spread.centre, spread.rx, spread.ry
    steps = [2 * math.pi * i / 48 for i in range(49)]
    return _static(
        x=[cx + rx * math.cos(t) for t in steps], y=[cy + ry * math.sin(t) for t in steps],
        mode="lines", line={"color": COLOURS[frame], "width": 1.5, "dash": SPREAD_DASH[frame]},
    )


def _key(name: str, marker: dict[str, Any], **kwargs: Any) -> Trace:
    """A legend entry without data: what a shape or a fill means."""
    return _scatter(x=[None], y=[None], mode="markers", name=name, marker=marker, hoverinfo="skip", **kwargs)


def trio_figure(
    model: Model,
    result: GroupResult,
    *,
    frames: Sequence[Frame] = ("nu", "gewenst"),
    style: Style = Style(),
) -> go.Figure:
    """Each member's nu → gewenst, the trio's mean as a bold arrow, and the spread as ellipses.

    A member's shape is its role; nu is filled and gewenst open, so colour is never the only cue.
    The legend names the members by shape (in neutral ink) and the moments by fill.
    """
    shown: list[Frame] = [f for f in ("nu", "gewenst") if f in frames]
    scene = trio_scene(model, result)
    data: list[Trace] = []
    if len(shown) == 2:
        data.append(_arrows(
            scene.members, GRID_COLOUR, max(1.0, style.arrow_width - 0.8), style.marker_size - 2,
            style.marker_size / 2 + 2,
        ))
    for member in scene.members:
        label = escape_label(member.label)
        data.append(_key(label, {"size": style.marker_size, "color": GROUP_COLOUR, "symbol": member.shape},
                         meta={"kind": "legend", "member_id": member.key}, legendgroup=member.key))
        for frame in shown:
            xs, ys = _xy(member.nu if frame == "nu" else member.gewenst)
            data.append(_scatter(
                x=xs, y=ys, mode="markers", name=label,
                meta={"kind": "member", "member_id": member.key, "frame": frame},
                marker=_marker(member.glyph(frame), COLOURS[frame], style.marker_size),
                hovertemplate=f"{label} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
                legendgroup=member.key, showlegend=False,
            ))
    for frame, spread in (("nu", scene.nu_spread), ("gewenst", scene.gewenst_spread)):
        if frame in shown and spread is not None:
            data.append(_ellipse(spread, frame))
    if len(shown) == 2:
        data.append(_arrows(
            [scene.trio], GROUP_COLOUR, style.arrow_width + 2, style.marker_size + 4, style.marker_size / 2 + 6,
        ))
    for frame in shown:
        xs, ys = _xy(scene.trio.nu if frame == "nu" else scene.trio.gewenst)
        data.append(_scatter(
            x=xs, y=ys, mode="markers", name=f"Trio · {frame}", meta={"kind": "trio", "frame": frame},
            marker=_marker(scene.trio.glyph(frame), COLOURS[frame], style.marker_size + 8, edge=GROUP_COLOUR,
                           edge_width=3, open_width=4),
            hovertemplate=f"Trio · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    for frame in shown:
        glyph = Glyph("circle", filled=frame == "nu")
        name = "Nu: gevulde vorm" if frame == "nu" else "Gewenst: open vorm"
        data.append(_key(name, _marker(glyph, COLOURS[frame], style.marker_size), meta={"kind": "legend"}))
    return _figure(model, style, data)


@dataclass(frozen=True)
class WallEntry:
    label: str
    result: GroupResult


def wall_figure(model: Model, entries: Sequence[WallEntry], style: Style = Style()) -> go.Figure:
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
    arrows = _arrows(marks, GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 2)
    nu_marker = _marker(Glyph("circle", filled=True), NU_COLOUR, style.marker_size, edge=GROUP_COLOUR, edge_width=2)
    data = [
        arrows,
        _scatter(
            x=nu_x, y=nu_y, mode="markers+text", name="Nu (groter = meer onderling verschil)",
            meta={"kind": "wall", "frame": "nu"}, text=nu_text, textposition=nu_text_position,
            textfont={"size": style.font_size + 3, "color": nu_text_colour},
            # Opaque (plotly makes markers of varying size 70 % opaque by default), for the white letters.
            marker={**nu_marker, "size": nu_size, "opacity": 1}, hovertext=nu_hover, hoverinfo="text",
        ),
        _scatter(
            x=gew_x, y=gew_y, mode="markers+text", name="Gewenst", meta={"kind": "wall", "frame": "gewenst"},
            text=gew_text, textposition=gew_text_position,
            textfont={"size": style.font_size + 5, "color": GROUP_COLOUR, "weight": "bold"},
            marker=_marker(Glyph("diamond", filled=False), GEWENST_COLOUR, style.marker_size,
                           open_width=max(2.5, style.marker_size / 7)),
            hoverinfo="text", hovertext=gew_hover,
        ),
    ]
    return _figure(model, style, data, legend=False)  # the page explains circle, diamond and arrow in words


@dataclass(frozen=True)
class RoleGroupEntry:
    role_id: str
    label: str
    result: GroupResult


def role_groups_figure(model: Model, entries: Sequence[RoleGroupEntry], style: Style = Style()) -> go.Figure:
    """The mean position per role group, nu (filled) and gewenst (open) in the role's shape, with an arrow."""
    marks = role_scene(model, [(e.role_id, e.label, e.result) for e in entries])
    data = [_arrows(marks, GRID_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 4)]
    frame: Frame
    for entry, mark in zip(entries, marks, strict=True):
        for frame, group, at in (("nu", entry.result.nu, mark.nu), ("gewenst", entry.result.gewenst, mark.gewenst)):
            xs, ys = _xy(at)
            # No text on the points: role names are long and the groups lie close; the legend names them.
            data.append(_scatter(
                x=xs, y=ys, mode="markers", name=f"{escape_label(entry.label)} · {frame} (n={group.n})",
                meta={"kind": "role", "role": entry.role_id, "frame": frame},
                marker=_marker(mark.glyph(frame), COLOURS[frame], style.marker_size + 4),
                hovertemplate=f"{escape_label(entry.label)} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
            ))
    return _figure(model, style, data)
