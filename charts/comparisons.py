"""What a trio's picture is compared with: its bestuurder and its own previous round (plotly traces).

The bestuurder stands beside the trio in a dark hexagon and is not in the trio's mean; the previous
round is drawn faded (opacity below one half) with a dotted line to where the trio stands now. The
lines and words stay at full strength. Where things stand comes from ``charts.scene``, as in the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from charts.labels import escape_label, label_position
from charts.palette import AXIS_TEXT_COLOUR, GRID_COLOUR, GROUP_COLOUR
from charts.scene import BESTUUR_LABEL, PREVIOUS_LABEL, Glyph, Mark, Point, Trail
from charts.traces import (
    COLOURS,
    Style,
    Trace,
    arrows,
    glyph_marker,
    legend_key,
    scatter,
    segments,
    static,
    xy,
)
from scoring import Frame

FADED = 0.35
"""The opacity of the previous round: there, but behind what the trio shows now."""
BESTUUR_LEGEND = f"{BESTUUR_LABEL} (telt niet mee in het trio)"
PREVIOUS_LEGEND = f"{PREVIOUS_LABEL} (vaag)"
WALL_PREVIOUS_LEGEND = "Vorige ronde (vaag)"


def _hover(name: str, frame: Frame) -> str:
    return f"{name} · {frame}<br>x %{{x:.2f}}, y %{{y:.2f}}<extra></extra>"


def bestuur_traces(mark: Mark, shown: Sequence[Frame], style: Style) -> list[Trace]:
    """The bestuurder: a dark hexagon, filled at nu and open at gewenst, named once beside it."""
    data: list[Trace] = []
    if len(shown) == 2:
        data.append(arrows([mark], GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 5))
    data.append(legend_key(BESTUUR_LEGEND, {"size": style.marker_size + 2, "color": GROUP_COLOUR, "symbol": mark.shape},
                           meta={"kind": "legend", "bestuur": True}, legendgroup="bestuur"))
    named = next((frame for frame in shown if mark.at(frame) is not None), None)
    for frame in shown:
        at = mark.at(frame)
        xs, ys = xy(at)
        data.append(scatter(
            x=xs, y=ys, mode="markers+text", name=BESTUUR_LABEL, meta={"kind": "bestuur", "frame": frame},
            text=[BESTUUR_LABEL if frame == named else ""] * len(xs),
            textposition=label_position(at) if at else "top center",
            textfont={"size": style.font_size, "color": GROUP_COLOUR},
            marker=glyph_marker(mark.glyph(frame), GROUP_COLOUR, style.marker_size + 6, open_width=3),
            hovertemplate=_hover(BESTUUR_LABEL, frame), legendgroup="bestuur", showlegend=False,
        ))
    return data


def _away(at: Point, towards: Point) -> str:
    """Text beside ``at`` on the side away from the line to ``towards``, kept inside the plot."""
    vertical = "bottom" if towards[1] > at[1] else "top"
    horizontal = "left" if towards[0] > at[0] else "right"
    if (vertical == "bottom" and at[1] < -0.8) or (vertical == "top" and at[1] > 0.8):
        vertical = "middle"
    if horizontal == "left" and at[0] < -0.6:
        horizontal = "right"
    elif horizontal == "right" and at[0] > 0.6:
        horizontal = "left"
    return f"{vertical} {horizontal}"


def previous_traces(trail: Trail, shown: Sequence[Frame], style: Style) -> list[Trace]:
    """The trio's mean at the previous round, faded, and a dotted line from there to where it stands now."""
    before = trail.before
    data: list[Trace] = []
    if len(shown) == 2:
        data.append({**arrows([before], GROUP_COLOUR, style.arrow_width, style.marker_size, style.marker_size / 2 + 4,
                              dash="dot"), "opacity": FADED})
    for frame in shown:
        xs, ys = xy(before.at(frame))
        data.append(scatter(
            x=xs, y=ys, mode="markers", name=PREVIOUS_LEGEND, opacity=FADED, meta={"kind": "previous", "frame": frame},
            marker=glyph_marker(before.glyph(frame), COLOURS[frame], style.marker_size + 4, edge=GROUP_COLOUR,
                                edge_width=2, open_width=3),
            hovertemplate=_hover(f"{PREVIOUS_LABEL} · trio", frame), legendgroup="previous",
            showlegend=frame == shown[0],
        ))
    # The way from then to now and the words stay at full strength, so they read on every background.
    frame = shown[0] if shown else "nu"
    if (start := before.at(frame)) is not None:
        link = trail.link(frame)
        way = link or (start, start)
        data.append(static(
            x=[p[0] for p in way], y=[p[1] for p in way], mode="lines+text", text=[PREVIOUS_LABEL, ""],
            textposition=_away(start, link[1]) if link else label_position(start),
            meta={"kind": "previous-link"},
            textfont={"size": style.font_size - 1, "color": AXIS_TEXT_COLOUR},
            line={"color": GRID_COLOUR, "width": 1.5, "dash": "dot"},
        ))
    return data


def wall_trail_traces(trails: Sequence[Trail], style: Style) -> list[Trace]:
    """Every trio's previous nu and gewenst, faded, and thin dotted lines to its current places."""
    xs, ys = segments(trail.link(frame) for trail in trails for frame in ("nu", "gewenst"))
    data = [static(x=xs, y=ys, mode="lines", line={"color": GRID_COLOUR, "width": 1, "dash": "dot"},
                   meta={"kind": "wall-previous-link"})]
    frame: Frame
    for frame in ("nu", "gewenst"):
        placed = [(t.now.label, p) for t in trails if (p := t.before.at(frame)) is not None]
        data.append(scatter(
            x=[p[0] for _, p in placed], y=[p[1] for _, p in placed], mode="markers", name=WALL_PREVIOUS_LEGEND,
            opacity=FADED, meta={"kind": "wall-previous", "frame": frame}, legendgroup="previous",
            showlegend=frame == "nu",
            marker=glyph_marker(Glyph(*(("circle", True) if frame == "nu" else ("diamond", False))), COLOURS[frame],
                                style.marker_size, edge=GROUP_COLOUR),
            hovertext=[f"{escape_label(label)} · vorige ronde · {frame}" for label, _ in placed], hoverinfo="text",
        ))
    return data
