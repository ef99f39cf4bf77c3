"""The square of the ABCD quadrant on a PDF page: where a score lands (:class:`Box`), the tinted
quarters with their names and axis labels, and the room a picture takes below the cursor.

The pictures on it (a trio, the wall, the role groups) are in ``reports.pdf.quadrant``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from charts.scene import Point
from reports.pdf.document import ReportPDF
from reports.pdf.marks import overlap
from reports.pdf.style import AXIS_GUTTER, GRID, MUTED, QUADRANT_LABEL, tint
from scoring import Model

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
