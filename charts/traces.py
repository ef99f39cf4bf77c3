"""The plotly building blocks of the quadrant figures: sizes, plain trace specs, markers and arrows.

Traces are plain dicts (``charts.quadrant`` builds the figure without validation, for speed); the
tests check every figure with validation on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from charts.palette import GEWENST_COLOUR, NU_COLOUR
from charts.scene import Glyph, Mark, Point, Spread
from scoring import Frame

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


DEFAULT_STYLE = Style()

Trace = dict[str, Any]


def scatter(**kwargs: Any) -> Trace:
    return {"type": "scatter", **kwargs}


def static(**kwargs: Any) -> Trace:
    """A trace that is part of the drawing, not of the data: no legend, no hover."""
    return scatter(hoverinfo="skip", showlegend=False, **kwargs)


def glyph_marker(glyph: Glyph, colour: str, size: float, *, edge: str = "white", edge_width: float = 1.5,
                 open_width: float = 2.5) -> dict[str, Any]:
    """A plotly marker for a glyph: filled with an ``edge``, or open (its outline in ``colour``)."""
    line = {"width": edge_width, "color": edge} if glyph.filled else {"width": open_width, "color": colour}
    return {"size": size, "color": colour, "symbol": glyph.plotly_symbol, "line": line}


def xy(p: Point | None) -> tuple[list[float], list[float]]:
    if p is None:
        return [], []
    return [p[0]], [p[1]]


def segments(pairs: Iterable[tuple[Point, Point] | None]) -> tuple[list[float | None], list[float | None]]:
    """Line segments as one trace's x and y: each pair, separated by a gap."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for pair in pairs:
        if pair is not None:
            (ax, ay), (bx, by) = pair
            xs += [ax, bx, None]
            ys += [ay, by, None]
    return xs, ys


def arrows(marks: Iterable[Mark], colour: str, width: float, head: float, standoff: float, *,
           dash: str | None = None) -> Trace:
    """All arrows of one kind as one trace: segments separated by gaps, an arrow head at each end."""
    xs, ys = segments(mark.arrow for mark in marks)
    count = len(xs) // 3
    return static(
        x=xs, y=ys, mode="lines+markers", line={"color": colour, "width": width, **({"dash": dash} if dash else {})},
        marker={"size": [0, head, 0] * count, "symbol": ["circle", "arrow", "circle"] * count, "color": colour,
                "angleref": "previous", "standoff": standoff},
    )


def ellipse(spread: Spread, frame: Frame) -> Trace:
    (cx, cy), rx, ry = spread.centre, spread.rx, spread.ry
    steps = [2 * math.pi * i / 48 for i in range(49)]
    return static(
        x=[cx + rx * math.cos(t) for t in steps], y=[cy + ry * math.sin(t) for t in steps],
        mode="lines", line={"color": COLOURS[frame], "width": 1.5, "dash": SPREAD_DASH[frame]},
    )


def legend_key(name: str, marker: dict[str, Any], **kwargs: Any) -> Trace:
    """A legend entry without data: what a shape or a fill means."""
    return scatter(x=[None], y=[None], mode="markers", name=name, marker=marker, hoverinfo="skip", **kwargs)
