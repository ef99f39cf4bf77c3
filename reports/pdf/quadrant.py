"""The ABCD quadrant drawn with fpdf2 primitives (no browser, no network): the square, its
labels, and the pictures of a trio, of all trios (the wall) and of the role groups.

What a picture shows comes from ``charts.scene``, as for the app's charts; this module decides
only how it looks on paper (sizes, numbered members, markers moved apart so none hides another).
As in the app, nu is a filled mark and gewenst an open one (white inside its coloured outline), and
a mark without a role is a circle at nu and a diamond at gewenst; on paper a trio's members are
numbered rather than shaped by role.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from charts.scene import GEWENST_SHAPE, NU_SHAPE, Glyph, Point, Spread, role_scene, trio_scene, wall_scene
from reports.pdf.document import ReportPDF
from reports.pdf.marks import LabelPlacer, arrow, boxed_label, marker, marker_number, overlap
from reports.pdf.style import (
    AXIS_GUTTER,
    GEWENST,
    GRID,
    GROUP,
    INK,
    MUTED,
    NU,
    QUADRANT_LABEL,
    WHITE,
    Colour,
    blend,
    tint,
)
from scoring import GroupResult, Model

# --- The quadrant ------------------------------------------------------------------------


PAD = 0.12
"""The square spans scores -1.12 .. 1.12, as the app's chart does, so a marker at -1 or 1 stays inside."""


@dataclass(frozen=True)
class Box:
    """The square of the quadrant on the page; scores in [-1, 1] map onto it (with the chart's margin)."""

    x: float
    y: float
    size: float

    def point(self, sx: float, sy: float) -> tuple[float, float]:
        sx = max(-1.0, min(1.0, sx))
        sy = max(-1.0, min(1.0, sy))
        half = self.size / 2
        return self.x + half + sx / (1 + PAD) * half, self.y + half - sy / (1 + PAD) * half

    def length(self, score_distance: float) -> float:
        return score_distance / (1 + PAD) * self.size / 2

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.right, self.bottom)

    @property
    def right(self) -> float:
        return self.x + self.size

    @property
    def bottom(self) -> float:
        return self.y + self.size

    @property
    def scale(self) -> float:
        """Marker size factor: 1.0 for the large picture of the trio report."""
        return max(0.7, min(1.0, self.size / 120))


def on_page(box: Box, p: Point | None) -> tuple[float, float] | None:
    """A scene's point on the page, in mm."""
    return None if p is None else box.point(*p)


Circle = tuple[float, float, float]
"""A marker on the page: centre x, centre y and radius, in mm."""


def draw_quadrant_base(pdf: ReportPDF, model: Model, box: Box, *, label_size: float = 8.5,
                       avoid: Sequence[Circle] = ()) -> None:
    """Tinted quarters, names in the corners, centre lines and the axis pole labels.

    A quadrant's name sits in its outer corner, unless a marker in ``avoid`` would cover it there;
    then it moves to another corner of that quadrant.
    """
    half = box.size / 2
    for quadrant in model.quadrants:
        qx = box.x + (half if quadrant.x == "high" else 0)
        qy = box.y + (0 if quadrant.y == "high" else half)
        pdf.set_fill_color(*tint(quadrant.x, quadrant.y))
        pdf.rect(qx, qy, half, half, style="F")
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.25)
    pdf.rect(box.x, box.y, box.size, box.size, style="D")
    pdf.set_line_width(0.35)
    pdf.line(box.x + half, box.y, box.x + half, box.bottom)
    pdf.line(box.x, box.y + half, box.right, box.y + half)

    pad = 2.0
    height = label_size * 0.45
    for quadrant in model.quadrants:
        name = pdf.fit(pdf.clean(quadrant.name, single_line=True), half - 2 * pad, size=label_size, style="B")
        pdf.font(label_size, "B", QUADRANT_LABEL)
        width = pdf.get_string_width(name)
        qx = box.x + (half if quadrant.x == "high" else 0)
        qy = box.y + (0 if quadrant.y == "high" else half)
        outer_x = qx + half - pad - width if quadrant.x == "high" else qx + pad
        inner_x = qx + pad if quadrant.x == "high" else qx + half - pad - width
        outer_y = qy + pad if quadrant.y == "high" else qy + half - pad - height
        inner_y = qy + half - pad - height if quadrant.y == "high" else qy + pad
        candidates = [(outer_x, outer_y), (inner_x, outer_y), (outer_x, inner_y), (inner_x, inner_y)]

        def covered(x: float, y: float, w: float = width) -> float:
            rect = (x - 1.0, y - 1.0, x + w + 1.0, y + height + 1.0)
            return sum(overlap(rect, (cx - r, cy - r, cx + r, cy + r)) for cx, cy, r in avoid)

        tx, ty = min(candidates, key=lambda c: (covered(*c) > 0, covered(*c), candidates.index(c)))
        # cell() insets text by c_margin; centring in a wider cell puts it exactly at tx .. tx + width.
        pdf.set_xy(tx - pdf.c_margin, ty)
        pdf.cell(width + 2 * pdf.c_margin, height, name, align="C")

    x_axis, y_axis = model.axes.x, model.axes.y
    axis_size = 7.5 if box.size >= 100 else 6.8
    _axis_labels(pdf, box.x, box.bottom + 1.2, box.size, x_axis.low, x_axis.name, x_axis.high, axis_size)
    with pdf.rotation(90, x=box.x, y=box.bottom):
        # Rotated about the square's bottom-left corner: the row sits left of the square.
        _axis_labels(pdf, box.x, box.bottom - 1.2 - axis_size * 0.45, box.size, y_axis.low, y_axis.name, y_axis.high,
                     axis_size)
    pdf.font()


def _axis_labels(pdf: ReportPDF, x: float, y: float, width: float, low: str, name: str, high: str,
                 size: float) -> None:
    third = width / 3 - 1
    low_t = pdf.fit("◀ " + pdf.clean(low, single_line=True), third, size=size)
    high_t = pdf.fit(pdf.clean(high, single_line=True) + " ▶", third, size=size)
    name_t = pdf.fit(pdf.clean(name, single_line=True), third, size=size, style="B")
    h = size * 0.45
    pdf.font(size, "", MUTED)
    pdf.set_xy(x, y)
    pdf.cell(third, h, low_t, align="L")
    pdf.set_xy(x + width - third, y)
    pdf.cell(third, h, high_t, align="R")
    pdf.font(size, "B", MUTED)
    pdf.set_xy(x + third, y)
    pdf.cell(width - 2 * third, h, name_t, align="C")


SPREAD_DASH = {"nu": (0.01, 1.1), "gewenst": (1.2, 0.9)}
"""(dash, gap) in mm: dots around nu, dashes around gewenst, as in the app."""


def spread_ellipse(pdf: ReportPDF, box: Box, spread: Spread | None, colour: Colour, frame: str = "nu") -> None:
    """The spread (standard deviation per axis) as a dotted (nu) or dashed (gewenst) ellipse around the mean."""
    if spread is None:
        return
    cx, cy = box.point(*spread.centre)
    rx, ry = box.length(spread.rx), box.length(spread.ry)
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.4)
    dash, gap = SPREAD_DASH[frame]
    with pdf.local_context(stroke_cap_style="ROUND"):
        pdf.set_dash_pattern(dash=dash, gap=gap)
        pdf.ellipse(cx - rx, cy - ry, 2 * rx, 2 * ry, style="D")
        pdf.set_dash_pattern()


def draw_glyph(pdf: ReportPDF, glyph: Glyph, colour: Colour, cx: float, cy: float, r: float, *,
               edge: Colour = WHITE, edge_width: float = 0.35, open_width: float = 0.6, opacity: float = 1.0) -> None:
    """A scene's glyph: filled in ``colour`` with an ``edge``, or open (white inside a ``colour`` outline)."""
    if glyph.filled:
        marker(pdf, glyph.shape, cx, cy, r, fill=colour, stroke=edge, line_width=edge_width, opacity=opacity)
    else:
        marker(pdf, glyph.shape, cx, cy, r, fill=WHITE, stroke=colour, line_width=open_width, opacity=opacity)


# --- Pictures ---------------------------------------------------------------------------------


def _dodge(points: list[tuple[float, float] | None], r: float,
           bounds: tuple[float, float, float, float]) -> list[tuple[float, float] | None]:
    """Move markers that would hide each other a little apart (within ``bounds``), deterministically."""
    placed: list[tuple[float, float]] = []
    result: list[tuple[float, float] | None] = []
    min_dist = r * 1.7
    edge = r * 1.3

    def inside(c: tuple[float, float]) -> bool:
        return bounds[0] + edge <= c[0] <= bounds[2] - edge and bounds[1] + edge <= c[1] <= bounds[3] - edge

    for p in points:
        if p is None:
            result.append(None)
            continue
        chosen = p
        if any(math.dist(p, q) < min_dist for q in placed):
            for step in range(1, 4):
                found = False
                for k in range(8):
                    angle = -math.pi / 4 + k * math.pi / 4
                    c = (p[0] + math.cos(angle) * min_dist * step, p[1] + math.sin(angle) * min_dist * step)
                    if inside(c) and all(math.dist(c, q) >= min_dist for q in placed):
                        chosen, found = c, True
                        break
                if found:
                    break
        placed.append(chosen)
        result.append(chosen)
    return result


def draw_trio(pdf: ReportPDF, model: Model, box: Box, result: GroupResult) -> None:
    """Every member's nu (filled circle) → gewenst (open diamond), numbered; the trio's mean arrow and spread."""
    s = box.scale
    r = 2.1 * s
    trio_r = 3.7 * s
    scene = trio_scene(model, result)
    members = scene.members
    dodged = _dodge([on_page(box, p) for m in members for p in (m.nu, m.gewenst)], r, box.bounds)
    nu_pts = dodged[0::2]
    gew_pts = dodged[1::2]
    trio_nu, trio_gew = on_page(box, scene.trio.nu), on_page(box, scene.trio.gewenst)
    avoid = [(p[0], p[1], r * 1.3) for p in dodged if p]
    avoid += [(p[0], p[1], trio_r * 1.3) for p in (trio_nu, trio_gew) if p]
    draw_quadrant_base(pdf, model, box, label_size=8.5 if box.size >= 100 else 7.5, avoid=avoid)

    if scene.several:
        spread_ellipse(pdf, box, scene.nu_spread, NU, "nu")
        spread_ellipse(pdf, box, scene.gewenst_spread, GEWENST, "gewenst")
    if trio_nu and trio_gew:
        arrow(pdf, trio_nu, trio_gew, colour=GROUP, width=1.0 * s, head=3.4 * s,
              start_gap=trio_r + 0.4, end_gap=trio_r * 1.25 + 0.4)
    for nu_p, gew_p in zip(nu_pts, gew_pts, strict=True):
        if nu_p and gew_p:
            arrow(pdf, nu_p, gew_p, colour=GRID, width=0.3, head=1.8 * s, start_gap=r + 0.3, end_gap=r * 1.25 + 0.3)
    if trio_nu:
        draw_glyph(pdf, scene.trio.glyph("nu"), blend(NU, 0.3), *trio_nu, trio_r, edge=GROUP, edge_width=0.6)
    if trio_gew:
        draw_glyph(pdf, scene.trio.glyph("gewenst"), GEWENST, *trio_gew, trio_r, open_width=0.9)
    nu_glyph, gewenst_glyph = Glyph(NU_SHAPE, filled=True), Glyph(GEWENST_SHAPE, filled=False)
    for number, (m, nu_p, gew_p) in enumerate(zip(members, nu_pts, gew_pts, strict=True), start=1):
        opacity = 1.0 if m.complete else 0.6
        if nu_p:
            draw_glyph(pdf, nu_glyph, NU, *nu_p, r, opacity=opacity)
            marker_number(pdf, number, *nu_p, r)
        if gew_p:
            draw_glyph(pdf, gewenst_glyph, GEWENST, *gew_p, r, open_width=0.45, opacity=opacity)
            marker_number(pdf, number, *gew_p, r, colour=INK)
    pdf.font()


def spread_radius(box: Box, spread: float) -> float:
    return (1.8 + 7.0 * min(spread, 1.0)) * box.scale


def draw_wall(pdf: ReportPDF, model: Model, box: Box, trios: Sequence[tuple[str, GroupResult]]) -> None:
    """Every trio's nu → gewenst; the nu circle grows with the trio's internal spread; labelled."""
    s = box.scale
    gew_r = 2.0 * s
    marks = wall_scene(trios)
    points = [(on_page(box, m.nu), on_page(box, m.gewenst), spread_radius(box, m.spread)) for m in marks]
    avoid: list[Circle] = []
    for nu, gew, radius in points:
        if nu:
            avoid.append((*nu, radius))
        if gew:
            avoid.append((*gew, gew_r * 1.3))
    draw_quadrant_base(pdf, model, box, avoid=avoid)
    placer = LabelPlacer((box.x, box.y, box.right, box.bottom))
    shown: list[tuple[str, tuple[float, float], float]] = []
    for nu, gew, radius in points:
        if nu:
            placer.block(*nu, radius)
        if gew:
            placer.block(*gew, gew_r * 1.25)
        if nu and gew:
            arrow(pdf, nu, gew, colour=GROUP, width=0.6 * s, head=2.6 * s, start_gap=radius + 0.3,
                  end_gap=gew_r * 1.25 + 0.3)
    for mark, (nu, gew, radius) in zip(marks, points, strict=True):
        if nu:
            draw_glyph(pdf, mark.glyph("nu"), NU, *nu, radius, edge=GROUP, opacity=0.78)
            shown.append((mark.label, nu, radius))
        if gew:
            draw_glyph(pdf, mark.glyph("gewenst"), GEWENST, *gew, gew_r, open_width=0.5)
            if not nu:
                shown.append((mark.label, gew, gew_r))
    for label, point, radius in shown:
        text = pdf.fit(pdf.clean(label, single_line=True), 30, size=7, style="B")
        boxed_label(pdf, placer, text, *point, radius)


def draw_role_groups(pdf: ReportPDF, model: Model, box: Box,
                     groups: Sequence[tuple[str, str, GroupResult]]) -> list[str]:
    """Mean nu (filled blue) → gewenst (open, vermillion outline) per role group, in the role's shape;
    returns the shapes."""
    s = box.scale
    r = 2.6 * s
    marks = role_scene(model, groups)
    points = [(on_page(box, m.nu), on_page(box, m.gewenst)) for m in marks]
    avoid = [(*p, r * 1.35) for pair in points for p in pair if p]
    draw_quadrant_base(pdf, model, box, avoid=avoid)
    shapes = [m.shape for m in marks]
    placer = LabelPlacer((box.x, box.y, box.right, box.bottom))
    for nu, gew in points:
        for p in (nu, gew):
            if p:
                placer.block(*p, r * 1.3)
        if nu and gew:
            arrow(pdf, nu, gew, colour=GRID, width=0.5 * s, head=2.4 * s, start_gap=r * 1.3, end_gap=r * 1.3 + 0.3)
    for mark, (nu, gew) in zip(marks, points, strict=True):
        if nu:
            draw_glyph(pdf, mark.glyph("nu"), NU, *nu, r)
        if gew:
            draw_glyph(pdf, mark.glyph("gewenst"), GEWENST, *gew, r, open_width=0.7)
    for mark, (nu, gew) in zip(marks, points, strict=True):
        anchor = nu or gew
        if anchor:
            text = pdf.fit(pdf.clean(mark.label, single_line=True), 38, size=6.8, style="B")
            boxed_label(pdf, placer, text, *anchor, r * 1.3, size=6.8)
    return shapes


def quadrant_frame(pdf: ReportPDF, *, max_size: float, min_size: float, legend_height: float,
                   x: float | None = None, width: float | None = None) -> Box:
    """Room for a quadrant with its axis labels and legend below the cursor; a new page if it does not fit."""
    width = pdf.epw if width is None else width
    left = pdf.l_margin if x is None else x

    def fitting() -> float:
        room = pdf.page_break_trigger - pdf.get_y() - AXIS_GUTTER - legend_height - 2
        return min(max_size, width - AXIS_GUTTER, room)

    size = fitting()
    if size < min_size:
        pdf.add_page()
        size = fitting()
    total = AXIS_GUTTER + size
    box_x = left + (width - total) / 2 + AXIS_GUTTER
    return Box(box_x, pdf.get_y() + 1, size)
