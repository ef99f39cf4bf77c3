"""Markers, arrows and labels that avoid each other, drawn with fpdf2 primitives."""

from __future__ import annotations

import math

from reports.pdf.document import ReportPDF
from reports.pdf.style import INK, ROLE_SYMBOLS, WHITE, Colour

# --- Markers, arrows, ellipses --------------------------------------------------------------


def _polygon_points(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    def ring(n: int, radius: float, start: float) -> list[tuple[float, float]]:
        return [
            (cx + radius * math.cos(start + 2 * math.pi * i / n), cy + radius * math.sin(start + 2 * math.pi * i / n))
            for i in range(n)
        ]

    if shape == "square":
        s = r * 0.88
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "diamond":
        return ring(4, r * 1.25, -math.pi / 2)
    if shape == "triangle-up":
        return ring(3, r * 1.3, -math.pi / 2)
    if shape == "hexagon":
        return ring(6, r * 1.08, 0)
    if shape == "star":
        outer = ring(5, r * 1.35, -math.pi / 2)
        inner = ring(5, r * 0.6, -math.pi / 2 + math.pi / 5)
        return [p for pair in zip(outer, inner, strict=True) for p in pair]
    if shape in ("cross", "x"):
        a, b = r * 1.1, r * 0.38
        pts = [(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a), (-b, a), (-b, b), (-a, b), (-a, -b),
               (-b, -b)]
        angle = math.pi / 4 if shape == "x" else 0.0
        cos, sin = math.cos(angle), math.sin(angle)
        return [(cx + px * cos - py * sin, cy + px * sin + py * cos) for px, py in pts]
    return []


def marker(
    pdf: ReportPDF,
    shape: str,
    cx: float,
    cy: float,
    r: float,
    *,
    fill: Colour | None,
    stroke: Colour | None = WHITE,
    line_width: float = 0.35,
    opacity: float = 1.0,
) -> None:
    """A filled and/or outlined marker of ``shape`` (see ROLE_SYMBOLS) centred at (cx, cy)."""
    style = ("F" if fill else "") + ("D" if stroke else "")
    if not style:
        return
    if fill:
        pdf.set_fill_color(*fill)
    if stroke:
        pdf.set_draw_color(*stroke)
    pdf.set_line_width(line_width)
    with pdf.local_context(fill_opacity=opacity, stroke_opacity=opacity):
        if shape == "circle" or shape not in ROLE_SYMBOLS:
            pdf.circle(cx, cy, r, style=style)
        else:
            pdf.polygon(_polygon_points(shape, cx, cy, r), style=style)


def marker_number(pdf: ReportPDF, number: int, cx: float, cy: float, r: float, colour: Colour = WHITE) -> None:
    size = max(5.0, r * 2.9)
    pdf.font(size, "B", colour)
    text = str(number)
    w = pdf.get_string_width(text)
    pdf.set_xy(cx - w / 2 - 0.3, cy - size * 0.18)
    pdf.cell(w + 0.6, size * 0.36, text, align="C")
    pdf.font()


def arrow(
    pdf: ReportPDF,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    colour: Colour,
    width: float,
    head: float,
    start_gap: float = 0.0,
    end_gap: float = 0.0,
) -> None:
    """A straight arrow from ``start`` to ``end``, kept ``*_gap`` mm clear of the markers it joins."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    if length <= start_gap + end_gap + head * 0.6:
        return
    ux, uy = dx / length, dy / length
    sx, sy = start[0] + ux * start_gap, start[1] + uy * start_gap
    tx, ty = end[0] - ux * end_gap, end[1] - uy * end_gap
    bx, by = tx - ux * head, ty - uy * head
    pdf.set_draw_color(*colour)
    pdf.set_fill_color(*colour)
    pdf.set_line_width(width)
    with pdf.local_context(stroke_cap_style="BUTT"):
        pdf.line(sx, sy, bx + ux * 0.2, by + uy * 0.2)
    half = head * 0.45
    pdf.set_line_width(0.1)
    pdf.polygon([(tx, ty), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)], style="DF")


def dodge(points: list[tuple[float, float] | None], r: float,
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


# --- Labels that avoid each other ------------------------------------------------------------

Rect = tuple[float, float, float, float]


def overlap(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


class LabelPlacer:
    """Puts short labels next to markers where they cover the fewest other labels and markers."""

    def __init__(self, bounds: Rect) -> None:
        self.bounds = bounds
        self.taken: list[Rect] = []

    def block(self, cx: float, cy: float, r: float) -> None:
        self.taken.append((cx - r, cy - r, cx + r, cy + r))

    def place(self, cx: float, cy: float, r: float, w: float, h: float) -> tuple[float, float]:
        gap = r + 0.8
        candidates = [
            (cx + gap, cy - h / 2), (cx - gap - w, cy - h / 2), (cx - w / 2, cy - gap - h), (cx - w / 2, cy + gap),
            (cx + gap * 0.75, cy - gap * 0.75 - h), (cx - gap * 0.75 - w, cy - gap * 0.75 - h),
            (cx + gap * 0.75, cy + gap * 0.75), (cx - gap * 0.75 - w, cy + gap * 0.75),
        ]
        best: tuple[float, float] | None = None
        best_cost = math.inf
        for x, y in candidates:
            x = min(max(x, self.bounds[0] + 0.5), self.bounds[2] - w - 0.5)
            y = min(max(y, self.bounds[1] + 0.5), self.bounds[3] - h - 0.5)
            rect = (x, y, x + w, y + h)
            cost = sum(overlap(rect, other) for other in self.taken)
            if cost < best_cost - 1e-9:
                best, best_cost = (x, y), cost
            if cost == 0:
                break
        assert best is not None
        self.taken.append((best[0], best[1], best[0] + w, best[1] + h))
        return best


def boxed_label(pdf: ReportPDF, placer: LabelPlacer, text: str, cx: float, cy: float, r: float, *,
                size: float = 7.0, colour: Colour = INK) -> None:
    """A short label with a soft white backing, placed clear of other labels and markers."""
    pdf.font(size, "B", colour)
    w = pdf.get_string_width(text) + 1.2
    h = size * 0.42 + 0.8
    x, y = placer.place(cx, cy, r, w, h)
    pdf.set_fill_color(*WHITE)
    with pdf.local_context(fill_opacity=0.82):
        pdf.rect(x, y, w, h, style="F", round_corners=True, corner_radius=0.8)
    pdf.set_xy(x, y)
    pdf.cell(w, h, text, align="C")
    pdf.font()
