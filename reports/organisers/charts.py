"""The pictures of the organisers' report, drawn with fpdf2 on the shared quadrant and marks:
the trios' movement between rounds, and horizontal stacked bars (influence, action status)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from reports.pdf.document import ReportPDF
from reports.pdf.legends import LegendItem, draw_legend, glyph_arrow, glyph_marker
from reports.pdf.marks import LabelPlacer, arrow, boxed_label, marker
from reports.pdf.quadrant import Box, draw_quadrant_base
from reports.pdf.style import AXIS_GUTTER, GEWENST, GRID, INK, MUTED, NU, RULE, WHITE, Colour, hex_colour
from results.rounds import Place
from scoring import FRAMES, Frame, Model

OKABE_ITO: tuple[Colour, ...] = tuple(
    hex_colour(c) for c in ("#009E73", "#0072B2", "#CC79A7", "#E69F00", "#56B4E9", "#D55E00", "#F0E442", "#999999")
)
"""Colour-blind safe colours for the parts of a bar, in order."""
STATUS_COLOURS: dict[str, Colour] = {
    "gedaan": hex_colour("#009E73"),
    "bezig": hex_colour("#56B4E9"),
    "niet_gelukt": hex_colour("#D55E00"),
    "losgelaten": hex_colour("#999999"),
    "open": RULE,
}


# --- Movement between rounds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Track:
    """One trio's places in one frame, one per round it took part in (``None`` without a place)."""

    label: str
    places: tuple[Place | None, ...]


LABEL_SIZE = 6.5


def _placer(box: Box, paths: Sequence[Sequence[tuple[float, float]]], r: float) -> LabelPlacer:
    placer = LabelPlacer(box.bounds)
    for path in paths:
        for x, y in path:
            placer.block(x, y, r * 1.3)
    return placer


def _label_circles(pdf: ReportPDF, placer: LabelPlacer, text: str, x: float, y: float,
                   r: float) -> list[tuple[float, float, float]]:
    """Where :func:`boxed_label` will put ``text``, as a row of circles (what the quadrant names avoid)."""
    pdf.font(LABEL_SIZE, "B")
    w, h = pdf.get_string_width(text) + 1.2, LABEL_SIZE * 0.42 + 0.8
    left, top = placer.place(x, y, r, w, h)
    steps = max(1, round(w / h))
    return [(left + (i + 0.5) * w / steps, top + h / 2, max(h, w / steps) / 2) for i in range(steps)]


def draw_tracks(pdf: ReportPDF, model: Model, box: Box, frame: Frame, tracks: Sequence[Track]) -> None:
    """Every trio's path through the rounds: open markers for earlier rounds, a filled and labelled one
    for the last, arrows in between (blue circles for nu, vermillion diamonds for gewenst)."""
    colour = NU if frame == "nu" else GEWENST
    shape = "circle" if frame == "nu" else "diamond"
    r = 1.9 * box.scale
    paths = [[box.point(p.x, p.y) for p in track.places if p is not None] for track in tracks]
    labels = [(pdf.fit(pdf.clean(t.label, single_line=True), 28, size=LABEL_SIZE, style="B"), path[-1])
              for t, path in zip(tracks, paths, strict=True) if path]
    # Where the labels will go (the placer is deterministic), so that the quadrant names keep clear of them.
    probe = _placer(box, paths, r)
    avoid = [(x, y, r * 1.4) for path in paths for x, y in path]
    for text, (x, y) in labels:
        avoid += _label_circles(pdf, probe, text, x, y, r * 1.3)
    draw_quadrant_base(pdf, model, box, label_size=7.0, avoid=avoid)
    for path in paths:
        for start, end in pairwise(path):
            arrow(pdf, start, end, colour=colour, width=0.45, head=2.2, start_gap=r + 0.3, end_gap=r * 1.25 + 0.3)
    # Earlier rounds first, so that no open marker hides where another trio is now.
    for path in paths:
        for x, y in path[:-1]:
            marker(pdf, shape, x, y, r * 0.85, fill=WHITE, stroke=colour, line_width=0.5)
    for path in paths:
        if path:
            marker(pdf, shape, *path[-1], r, fill=colour, stroke=WHITE, line_width=0.35)
    placer = _placer(box, paths, r)
    for text, (x, y) in labels:
        boxed_label(pdf, placer, text, x, y, r * 1.3, size=LABEL_SIZE)
    pdf.font()


def draw_movement(pdf: ReportPDF, model: Model, tracks: dict[Frame, list[Track]]) -> None:
    """Nu and gewenst side by side below the cursor, with titles and one legend; moves the cursor below."""
    gap = 8.0
    size = (pdf.epw - 2 * AXIS_GUTTER - gap) / 2
    legend = [
        LegendItem(glyph_marker("circle", WHITE, NU, line_width=0.5), "Nu, eerdere ronde"),
        LegendItem(glyph_marker("circle", NU), "Nu, laatste ronde"),
        LegendItem(glyph_marker("diamond", WHITE, GEWENST, line_width=0.5), "Gewenst, eerdere ronde"),
        LegendItem(glyph_marker("diamond", GEWENST), "Gewenst, laatste ronde"),
        LegendItem(glyph_arrow(GRID, 0.45, 2.0), "Verschuiving"),
    ]
    legend_h = draw_legend(pdf, 0, 0, pdf.epw, legend, draw=False)
    pdf.ensure_space(6 + size + AXIS_GUTTER + legend_h + 4)
    top = pdf.get_y()
    for index, frame in enumerate(FRAMES):
        left = pdf.l_margin + index * (size + AXIS_GUTTER + gap)
        pdf.font(9.5, "B", INK)
        pdf.set_xy(left + AXIS_GUTTER, top)
        pdf.cell(size, 5, "Nu" if frame == "nu" else "Gewenst", align="C")
        draw_tracks(pdf, model, Box(left + AXIS_GUTTER, top + 6, size), frame, tracks[frame])
    y = draw_legend(pdf, pdf.l_margin, top + 6 + size + AXIS_GUTTER, pdf.epw, legend)
    pdf.set_xy(pdf.l_margin, y + 2)
    pdf.font()


# --- Stacked bars ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[int, ...]
    """Counts per series, in the order of the series' names and colours."""


def _text_colour(fill: Colour) -> Colour:
    luminance = 0.299 * fill[0] + 0.587 * fill[1] + 0.114 * fill[2]
    return INK if luminance > 150 else WHITE


def draw_bars(pdf: ReportPDF, bars: Sequence[Bar], series: Sequence[tuple[str, Colour]], *,
              label_width: float = 62.0, row: float = 6.2) -> None:
    """Horizontal stacked bars with the count in each part and the total at the end; the legend on top."""
    legend = [LegendItem(glyph_marker("square", colour, None), name) for name, colour in series]
    legend_h = draw_legend(pdf, 0, 0, pdf.epw, legend, draw=False)
    pdf.ensure_space(legend_h + 2 + min(len(bars), 6) * row)
    y = draw_legend(pdf, pdf.l_margin, pdf.get_y(), pdf.epw, legend) + 1.5
    longest = max((sum(b.parts) for b in bars), default=0) or 1
    area = pdf.epw - label_width - 10
    for bar in bars:
        if y + row > pdf.page_break_trigger:
            pdf.add_page()
            y = pdf.get_y()
        text = pdf.fit(pdf.clean(bar.label, single_line=True), label_width - 2, size=8)
        pdf.font(8, "", INK)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_width - 2, row, text)
        x = pdf.l_margin + label_width
        height = row - 1.8
        for n, (_, colour) in zip(bar.parts, series, strict=True):
            if not n:
                continue
            width = area * n / longest
            pdf.set_fill_color(*colour)
            pdf.rect(x, y + 0.9, width, height, style="F")
            if width >= 4:
                pdf.font(7, "B", _text_colour(colour))
                pdf.set_xy(x, y + 0.9)
                pdf.cell(width, height, str(n), align="C")
            x += width
        pdf.font(7.5, "B", MUTED)
        pdf.set_xy(x + 1, y)
        pdf.cell(9, row, str(sum(bar.parts)))
        y += row
    pdf.set_xy(pdf.l_margin, y + 2)
    pdf.font()
