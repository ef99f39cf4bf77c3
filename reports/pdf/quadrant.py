"""The pictures on the ABCD quadrant, drawn with fpdf2 primitives (no browser, no network): a trio,
all trios (the wall) and the role groups, on the square of ``reports.pdf.canvas``.

What a picture shows comes from ``charts.scene``, as for the app's charts; this module decides
only how it looks on paper (sizes, numbered members, markers moved apart so none hides another).
As in the app, nu is a filled mark and gewenst an open one (white inside its coloured outline), and
a mark without a role is a circle at nu and a diamond at gewenst; on paper a trio's members are
numbered rather than shaped by role. The bestuurder is a dark hexagon beside the trio; the previous
round is faded, with a dotted line to where the trio stands now.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from charts.scene import (
    GEWENST_SHAPE,
    NU_SHAPE,
    Glyph,
    Mark,
    Point,
    Spread,
    Trail,
    role_scene,
    trio_scene,
    wall_scene,
    wall_trails,
)
from reports.pdf.canvas import Box, Circle, draw_quadrant_base, on_page, quadrant_frame
from reports.pdf.document import ReportPDF
from reports.pdf.marks import LabelPlacer, arrow, boxed_label, dodge, marker, marker_number
from reports.pdf.style import (
    GEWENST,
    GRID,
    GROUP,
    INK,
    NU,
    WHITE,
    Colour,
    blend,
)
from scoring import GroupResult, MemberResult, Model

# The square the pictures are drawn on, for their callers as well.
__all__ = ["Box", "draw_quadrant_base", "on_page", "quadrant_frame"]

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


FADED = 0.35
"""The opacity of the previous round, as in the app."""
DOTS = (0.01, 0.9)
"""(dash, gap) in mm of a dotted line (round caps make the dots)."""


@contextmanager
def dotted(pdf: ReportPDF, dash: tuple[float, float] = DOTS, opacity: float = 1.0) -> Iterator[None]:
    """Lines drawn inside are dotted (or dashed), at ``opacity``."""
    with pdf.local_context(stroke_cap_style="ROUND", stroke_opacity=opacity, fill_opacity=opacity):
        pdf.set_dash_pattern(dash=dash[0], gap=dash[1])
        yield
        pdf.set_dash_pattern()


def link_line(pdf: ReportPDF, box: Box, way: tuple[Point, Point] | None, *, width: float = 0.35) -> None:
    """A dotted grey line from where a trio stood at the previous round to where it stands now."""
    if way is not None:
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(width)
        with dotted(pdf):
            pdf.line(*box.point(*way[0]), *box.point(*way[1]))


def draw_previous(pdf: ReportPDF, box: Box, trail: Trail, r: float, *, arrow_between: bool = True) -> None:
    """The trio's mean at the previous round, faded: circle at nu, open diamond at gewenst."""
    nu, gew = on_page(box, trail.before.nu), on_page(box, trail.before.gewenst)
    if arrow_between and nu and gew:
        with dotted(pdf, (0.8, 0.8), FADED):
            arrow(pdf, nu, gew, colour=GROUP, width=0.6, head=2.4 * box.scale, start_gap=r + 0.4,
                  end_gap=r * 1.25 + 0.4)
    if nu:
        draw_glyph(pdf, trail.before.glyph("nu"), blend(NU, 0.3), *nu, r, edge=GROUP, edge_width=0.5, opacity=FADED)
    if gew:
        draw_glyph(pdf, trail.before.glyph("gewenst"), GEWENST, *gew, r, open_width=0.7, opacity=FADED)


def draw_bestuur(pdf: ReportPDF, box: Box, mark: Mark, r: float) -> None:
    """The bestuurder: a dark hexagon, filled at nu and open at gewenst, with its own arrow."""
    nu, gew = on_page(box, mark.nu), on_page(box, mark.gewenst)
    if nu and gew:
        arrow(pdf, nu, gew, colour=GROUP, width=0.5, head=2.2 * box.scale, start_gap=r + 0.3,
              end_gap=r * 1.1 + 0.3)
    if nu:
        draw_glyph(pdf, mark.glyph("nu"), GROUP, *nu, r)
    if gew:
        draw_glyph(pdf, mark.glyph("gewenst"), GROUP, *gew, r, open_width=0.6)


# --- Pictures ---------------------------------------------------------------------------------


def draw_trio(pdf: ReportPDF, model: Model, box: Box, result: GroupResult, *, bestuur: MemberResult | None = None,
              previous: GroupResult | None = None) -> None:
    """Every member's nu (filled circle) → gewenst (open diamond), numbered; the trio's mean arrow and spread.

    With ``bestuur``, the bestuurder beside the trio (not in its mean); with ``previous``, the trio's mean
    at the previous round, faded, with a dotted line to its mean now.
    """
    s = box.scale
    r = 2.1 * s
    trio_r = 3.7 * s
    bestuur_r = 2.8 * s
    scene = trio_scene(model, result, bestuur=bestuur, previous=previous)
    members = scene.members
    dodged = dodge([on_page(box, p) for m in members for p in (m.nu, m.gewenst)], r, box.bounds)
    nu_pts = dodged[0::2]
    gew_pts = dodged[1::2]
    trio_nu, trio_gew = on_page(box, scene.trio.nu), on_page(box, scene.trio.gewenst)
    avoid = [(p[0], p[1], r * 1.3) for p in dodged if p]
    avoid += [(p[0], p[1], trio_r * 1.3) for p in (trio_nu, trio_gew) if p]
    extras = [(m, radius) for m, radius in ((scene.bestuur, bestuur_r),
                                            (scene.previous.before if scene.previous else None, trio_r)) if m is not None]
    avoid += [(*p, radius * 1.3) for m, radius in extras for p in (on_page(box, m.nu), on_page(box, m.gewenst)) if p]
    draw_quadrant_base(pdf, model, box, label_size=8.5 if box.size >= 100 else 7.5, avoid=avoid)
    if scene.previous is not None:
        link_line(pdf, box, scene.previous.link("nu"), width=0.45)
        draw_previous(pdf, box, scene.previous, trio_r)

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
    if scene.bestuur is not None:
        draw_bestuur(pdf, box, scene.bestuur, bestuur_r)
    nu_glyph, gewenst_glyph = Glyph(NU_SHAPE, filled=True), Glyph(GEWENST_SHAPE, filled=False)
    for number, (m, nu_p, gew_p) in enumerate(zip(members, nu_pts, gew_pts, strict=True), start=1):
        opacity = 1.0 if m.complete else 0.6
        if nu_p:
            draw_glyph(pdf, nu_glyph, NU, *nu_p, r, opacity=opacity)
            marker_number(pdf, number, *nu_p, r)
        if gew_p:
            draw_glyph(pdf, gewenst_glyph, GEWENST, *gew_p, r, open_width=0.45, opacity=opacity)
            marker_number(pdf, number, *gew_p, r, colour=INK)
    if extras:
        placer = LabelPlacer(box.bounds)
        for cx, cy, radius in avoid:
            placer.block(cx, cy, radius)
        for m, radius in extras:
            if (anchor := on_page(box, m.anchor)) is not None:
                boxed_label(pdf, placer, m.label, *anchor, radius, size=6.5)
    pdf.font()


def spread_radius(box: Box, spread: float) -> float:
    return (1.8 + 7.0 * min(spread, 1.0)) * box.scale


def draw_wall(pdf: ReportPDF, model: Model, box: Box, trios: Sequence[tuple[str, GroupResult]],
              previous: Sequence[GroupResult | None] = ()) -> None:
    """Every trio's nu → gewenst; the nu circle grows with the trio's internal spread; labelled.

    ``previous``, when given, holds per trio (in the same order) its result at the previous round or
    ``None``: drawn faded below, with thin dotted lines to where the trio stands now.
    """
    s = box.scale
    gew_r = 2.0 * s
    marks = wall_scene(trios)
    trails = wall_trails([(label, result, before) for (label, result), before in zip(trios, previous, strict=True)]
                         if previous else [])
    points = [(on_page(box, m.nu), on_page(box, m.gewenst), spread_radius(box, m.spread)) for m in marks]
    avoid: list[Circle] = []
    for nu, gew, radius in points:
        if nu:
            avoid.append((*nu, radius))
        if gew:
            avoid.append((*gew, gew_r * 1.3))
    draw_quadrant_base(pdf, model, box, avoid=avoid)
    for trail in trails:
        link_line(pdf, box, trail.link("nu"), width=0.25)
        link_line(pdf, box, trail.link("gewenst"), width=0.25)
        draw_previous(pdf, box, trail, gew_r, arrow_between=False)
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
