"""Plotly figures of the ABCD quadrant.

Pure plotly, no Streamlit: the pages, the benchmarks and the tests build the
same figures. Colours are Okabe-Ito (colour-blind safe) and every distinction
also has a shape, a line style or a label, so nothing relies on colour alone.
Every trace has a stable ``name`` and ``meta`` so tests can find points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from charts.palette import GEWENST_COLOUR, GRID_COLOUR, GROUP_COLOUR, NU_COLOUR, QUADRANT_TINTS, ROLE_SYMBOLS
from scoring import GroupResult, GroupScore, Model, Score

__all__ = ["GEWENST_COLOUR", "GRID_COLOUR", "GROUP_COLOUR", "NU_COLOUR"]

LIMIT = 1.0
PAD = 0.12
CONFIG = {"displayModeBar": False, "staticPlot": False, "responsive": True}


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
        return cls(height=820, font_size=22, quadrant_font_size=26, marker_size=22, arrow_width=3.5)


def role_symbol(model: Model, role_id: str) -> str:
    ids = [r.id for r in model.roles]
    index = ids.index(role_id) if role_id in ids else len(ids)
    return ROLE_SYMBOLS[index % len(ROLE_SYMBOLS)]


def base_figure(model: Model, style: Style = Style()) -> go.Figure:
    """The empty quadrant: tinted quarters, names in the corners, pole labels on the axes."""
    fig = go.Figure()
    edge = LIMIT + PAD
    for quadrant in model.quadrants:
        x0, x1 = (0.0, edge) if quadrant.x == "high" else (-edge, 0.0)
        y0, y1 = (0.0, edge) if quadrant.y == "high" else (-edge, 0.0)
        fig.add_shape(
            type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line_width=0,
            fillcolor=QUADRANT_TINTS[(quadrant.x, quadrant.y)], layer="below",
        )
        fig.add_annotation(
            x=x1 - 0.03 if quadrant.x == "high" else x0 + 0.03,
            y=y1 - 0.03 if quadrant.y == "high" else y0 + 0.03,
            xanchor="right" if quadrant.x == "high" else "left",
            yanchor="top" if quadrant.y == "high" else "bottom",
            text=f"<b>{escape_label(quadrant.name)}</b>",
            showarrow=False,
            font={"size": style.quadrant_font_size, "color": "#3E4C59"},
        )
    for axis_line in ({"x0": -edge, "x1": edge, "y0": 0, "y1": 0}, {"x0": 0, "x1": 0, "y0": -edge, "y1": edge}):
        fig.add_shape(type="line", line={"color": GRID_COLOUR, "width": 1.5}, layer="below", **axis_line)
    x_axis, y_axis = model.axes.x, model.axes.y
    fig.update_layout(
        height=style.height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        font={"size": style.font_size, "color": "#1B1F24"},
        showlegend=True,
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0, "font": {"size": style.font_size}},
        dragmode=False,
        hovermode="closest",
        xaxis={
            "range": [-edge, edge], "showgrid": False, "zeroline": False, "showticklabels": False,
            "fixedrange": True, "constrain": "domain",
            "title": {"text": f"◀ {escape_label(x_axis.low)}   ·   {escape_label(x_axis.name)}   ·   {escape_label(x_axis.high)} ▶",
                      "font": {"size": style.font_size}, "standoff": 4},
        },
        yaxis={
            "range": [-edge, edge], "showgrid": False, "zeroline": False, "showticklabels": False,
            "fixedrange": True, "scaleanchor": "x", "scaleratio": 1, "constrain": "domain",
            "title": {"text": f"◀ {escape_label(y_axis.low)}   ·   {escape_label(y_axis.name)}   ·   {escape_label(y_axis.high)} ▶",
                      "font": {"size": style.font_size}, "standoff": 4},
        },
    )
    return fig


def escape_label(text: str) -> str:
    """Plotly renders a subset of HTML in labels; user text must stay plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xy(score: Score | GroupScore | None) -> tuple[list[float], list[float]]:
    if score is None or score.x is None or score.y is None:
        return [], []
    return [score.x], [score.y]


def _arrow(fig: go.Figure, start: Score | GroupScore, end: Score | GroupScore, colour: str, width: float) -> None:
    if None in (start.x, start.y, end.x, end.y):
        return
    assert start.x is not None and start.y is not None and end.x is not None and end.y is not None
    if math.isclose(start.x, end.x, abs_tol=1e-9) and math.isclose(start.y, end.y, abs_tol=1e-9):
        return
    fig.add_annotation(
        x=end.x, y=end.y, ax=start.x, ay=start.y, xref="x", yref="y", axref="x", ayref="y",
        showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=width, arrowcolor=colour, standoff=6, text="",
    )


def member_figure(model: Model, nu: Score, gewenst: Score, style: Style = Style()) -> go.Figure:
    """One member's nu and gewenst dots with an arrow between them."""
    fig = base_figure(model, style)
    fig.update_layout(showlegend=False)  # the two dots carry their own labels
    _arrow(fig, nu, gewenst, GROUP_COLOUR, style.arrow_width)
    for name, score_, colour, symbol in (
        ("Nu", nu, NU_COLOUR, "circle"),
        ("Gewenst", gewenst, GEWENST_COLOUR, "diamond"),
    ):
        xs, ys = _xy(score_)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", name=name, meta=name.lower(), text=[name] * len(xs),
            textposition="top center", textfont={"size": style.font_size, "color": colour},
            marker={"size": style.marker_size + 4, "color": colour, "symbol": symbol,
                    "line": {"width": 2, "color": "white"}},
            hovertemplate=f"{name}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    return fig


def _spread_ellipse(fig: go.Figure, group: GroupScore, colour: str, dash: str) -> None:
    if group.x is None or group.y is None or group.spread_x is None or group.spread_y is None:
        return
    rx, ry = max(group.spread_x, 0.02), max(group.spread_y, 0.02)
    fig.add_shape(
        type="circle", xref="x", yref="y", x0=group.x - rx, x1=group.x + rx, y0=group.y - ry, y1=group.y + ry,
        line={"color": colour, "width": 1.5, "dash": dash}, fillcolor="rgba(0,0,0,0)", layer="above",
    )


def trio_figure(
    model: Model,
    result: GroupResult,
    *,
    frames: Sequence[str] = ("nu", "gewenst"),
    style: Style = Style(),
) -> go.Figure:
    """Each member's nu → gewenst, the trio's mean as a bold arrow, and the spread as ellipses."""
    fig = base_figure(model, style)
    show_nu, show_gewenst = "nu" in frames, "gewenst" in frames
    for member in result.members:
        if show_nu and show_gewenst:
            _arrow(fig, member.nu, member.gewenst, GRID_COLOUR, max(1.0, style.arrow_width - 0.8))
        symbol = role_symbol(model, member.role)
        for frame, colour, shown in (("nu", NU_COLOUR, show_nu), ("gewenst", GEWENST_COLOUR, show_gewenst)):
            if not shown:
                continue
            xs, ys = _xy(member.frame(frame))  # type: ignore[arg-type]
            label = member.label if member.complete else f"{member.label} ({member.answered}/{member.total})"
            # One legend entry per member (its shape); colour says nu or gewenst, as the caption explains.
            first_shown = frame == ("nu" if show_nu else "gewenst")
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="markers", name=escape_label(label),
                meta={"kind": "member", "member_id": member.member_id, "frame": frame},
                marker={"size": style.marker_size, "color": colour, "symbol": symbol,
                        "opacity": 1.0 if member.complete else 0.55,
                        "line": {"width": 1.5, "color": "white"}},
                hovertemplate=f"{escape_label(label)} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
                legendgroup=member.member_id, showlegend=first_shown,
            ))
    if show_nu:
        _spread_ellipse(fig, result.nu, NU_COLOUR, "dot")
    if show_gewenst:
        _spread_ellipse(fig, result.gewenst, GEWENST_COLOUR, "dot")
    if show_nu and show_gewenst:
        _arrow(fig, result.nu, result.gewenst, GROUP_COLOUR, style.arrow_width + 2)
    for frame, colour, shown, group in (
        ("nu", NU_COLOUR, show_nu, result.nu),
        ("gewenst", GEWENST_COLOUR, show_gewenst, result.gewenst),
    ):
        if not shown:
            continue
        xs, ys = _xy(group)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=f"Trio · {frame}",
            meta={"kind": "trio", "frame": frame},
            marker={"size": style.marker_size + 8, "color": colour, "symbol": "circle",
                    "line": {"width": 3, "color": GROUP_COLOUR}},
            hovertemplate=f"Trio · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
        ))
    return fig


@dataclass(frozen=True)
class WallEntry:
    label: str
    result: GroupResult


def wall_figure(model: Model, entries: Sequence[WallEntry], style: Style = Style()) -> go.Figure:
    """Every trio's nu → gewenst arrow; the nu circle grows with the trio's internal disagreement."""
    fig = base_figure(model, style)
    fig.update_layout(showlegend=False)  # the page explains circle, diamond and arrow in words
    nu_x: list[float] = []
    nu_y: list[float] = []
    nu_size: list[float] = []
    nu_text: list[str] = []
    nu_hover: list[str] = []
    gew_x: list[float] = []
    gew_y: list[float] = []
    gew_text: list[str] = []
    for entry in entries:
        nu, gewenst = entry.result.nu, entry.result.gewenst
        _arrow(fig, nu, gewenst, GROUP_COLOUR, style.arrow_width)
        spread = entry.result.spread or 0.0
        if nu.x is not None and nu.y is not None:
            nu_x.append(nu.x)
            nu_y.append(nu.y)
            nu_size.append(style.marker_size + 40 * min(spread, 1.0) * (style.marker_size / 14))
            nu_text.append(entry.label)
            nu_hover.append(f"{escape_label(entry.label)}: spreiding {spread:.2f}")
        if gewenst.x is not None and gewenst.y is not None:
            gew_x.append(gewenst.x)
            gew_y.append(gewenst.y)
            gew_text.append(entry.label)
    fig.add_trace(go.Scatter(
        x=nu_x, y=nu_y, mode="markers+text", name="Nu (groter = meer onderling verschil)", meta={"kind": "wall", "frame": "nu"},
        text=[escape_label(t) for t in nu_text], textposition="middle center",
        textfont={"size": style.font_size, "color": "white"},
        marker={"size": nu_size, "color": NU_COLOUR, "symbol": "circle", "opacity": 0.85,
                "line": {"width": 2, "color": GROUP_COLOUR}},
        hovertext=nu_hover, hoverinfo="text",
    ))
    fig.add_trace(go.Scatter(
        x=gew_x, y=gew_y, mode="markers+text", name="Gewenst", meta={"kind": "wall", "frame": "gewenst"},
        text=[escape_label(t) for t in gew_text], textposition="top center",
        textfont={"size": style.font_size, "color": GEWENST_COLOUR},
        marker={"size": style.marker_size, "color": GEWENST_COLOUR, "symbol": "diamond",
                "line": {"width": 2, "color": "white"}},
        hoverinfo="text", hovertext=[escape_label(t) for t in gew_text],
    ))
    return fig


@dataclass(frozen=True)
class RoleGroupEntry:
    role_id: str
    label: str
    result: GroupResult


def role_groups_figure(model: Model, entries: Sequence[RoleGroupEntry], style: Style = Style()) -> go.Figure:
    """The mean position per role group, nu and gewenst, with an arrow between them."""
    fig = base_figure(model, style)
    for entry in entries:
        _arrow(fig, entry.result.nu, entry.result.gewenst, GRID_COLOUR, style.arrow_width)
        symbol = role_symbol(model, entry.role_id)
        for frame, colour, group in (
            ("nu", NU_COLOUR, entry.result.nu),
            ("gewenst", GEWENST_COLOUR, entry.result.gewenst),
        ):
            xs, ys = _xy(group)
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="markers+text", name=f"{entry.label} · {frame} (n={group.n})",
                meta={"kind": "role", "role": entry.role_id, "frame": frame},
                text=[escape_label(entry.label)] * len(xs), textposition="top center",
                textfont={"size": style.font_size - 1, "color": colour},
                marker={"size": style.marker_size + 4, "color": colour, "symbol": symbol,
                        "line": {"width": 1.5, "color": "white"}},
                hovertemplate=f"{escape_label(entry.label)} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>",
            ))
    return fig
