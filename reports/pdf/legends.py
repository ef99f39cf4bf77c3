"""Legends below the quadrant pictures: a small glyph and its words per item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reports.pdf.document import ReportPDF
from reports.pdf.marks import arrow, marker, marker_number
from reports.pdf.quadrant import DOTS, FADED, SPREAD_DASH, dotted
from reports.pdf.style import GEWENST, GRID, GROUP, INK, MUTED, NU, WHITE, Colour, blend
from results.words import count_words, member_label
from scoring import GroupResult

# --- Legends ---------------------------------------------------------------------------------

Glyph = Callable[[ReportPDF, float, float], None]


@dataclass(frozen=True)
class LegendItem:
    glyph: Glyph
    text: str


def glyph_marker(shape: str, fill: Colour | None, stroke: Colour | None = WHITE, *, r: float = 1.8,
                 line_width: float = 0.3, number: int | None = None) -> Glyph:
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        marker(pdf, shape, x, y, r, fill=fill, stroke=stroke, line_width=line_width)
        if number is not None:
            marker_number(pdf, number, x, y, r)

    return draw


def glyph_arrow(colour: Colour, width: float, head: float) -> Glyph:
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        arrow(pdf, (x - 3.2, y), (x + 3.2, y), colour=colour, width=width, head=head)

    return draw


def glyph_open(shape: str, colour: Colour, *, r: float = 1.8, line_width: float = 0.45,
               number: int | None = None) -> Glyph:
    """An open marker (gewenst): white inside a coloured outline, as the pictures draw it."""
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        marker(pdf, shape, x, y, r, fill=WHITE, stroke=colour, line_width=line_width)
        if number is not None:
            marker_number(pdf, number, x, y, r, colour=INK)

    return draw


def glyph_previous(*, r: float = 1.8) -> Glyph:
    """The previous round: a faded circle with a dotted line to where the trio stands now."""
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.35)
        with dotted(pdf, DOTS):
            pdf.line(x - 1.0, y, x + 3.4, y)
        marker(pdf, "circle", x - 1.6, y, r, fill=blend(NU, 0.3), stroke=GROUP, line_width=0.4, opacity=FADED)

    return draw


def glyph_ellipse(colour: Colour, dash: tuple[float, float] = (0.01, 1.0)) -> Glyph:
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.4)
        with pdf.local_context(stroke_cap_style="ROUND"):
            pdf.set_dash_pattern(dash=dash[0], gap=dash[1])
            pdf.ellipse(x - 3.2, y - 1.8, 6.4, 3.6, style="D")
            pdf.set_dash_pattern()

    return draw


def draw_legend(pdf: ReportPDF, x: float, y: float, width: float, items: Sequence[LegendItem], *,
                size: float = 7.5, row_height: float = 5.2, draw: bool = True,
                one_per_row: bool = False) -> float:
    """Glyph + text items flowing left to right; returns the y below the legend.

    With ``draw=False`` nothing is drawn: the return value tells how much room the legend needs.
    """
    glyph_w = 8.0
    gap = 4.5
    cx, cy = x, y
    pdf.font(size, "", INK)
    for item in items:
        text = pdf.fit(pdf.clean(item.text, single_line=True), width - glyph_w, size=size)
        pdf.font(size, "", INK)
        w = glyph_w + pdf.get_string_width(text)
        if cx > x and (one_per_row or cx + w > x + width):
            cx, cy = x, cy + row_height
        if draw:
            item.glyph(pdf, cx + glyph_w / 2 - 0.6, cy + row_height / 2)
            pdf.font(size, "", INK)
            pdf.set_xy(cx + glyph_w, cy)
            pdf.cell(pdf.get_string_width(text) + 0.5, row_height, text)
        cx += w + gap
    pdf.font()
    return cy + row_height


BESTUUR_TEXT = "Bestuurder (telt niet mee in het trio)"


def trio_legend(result: GroupResult, *, members: bool = True, bestuur: bool = False,
                previous: bool = False) -> list[LegendItem]:
    """What the trio picture shows; ``bestuur`` and ``previous`` when it was drawn with them."""
    items = [
        LegendItem(glyph_marker("circle", NU), "Nu per lid: gevuld rondje"),
        LegendItem(glyph_open("diamond", GEWENST), "Gewenst per lid: open ruit"),
        LegendItem(glyph_arrow(GRID, 0.3, 1.8), "Beweging van een lid"),
        LegendItem(glyph_marker("circle", blend(NU, 0.3), GROUP, r=2.4, line_width=0.5), "Trio nu (gemiddelde)"),
        LegendItem(glyph_open("diamond", GEWENST, r=2.2, line_width=0.7), "Trio gewenst (gemiddelde)"),
        LegendItem(glyph_arrow(GROUP, 0.9, 2.6), "Beweging van het trio"),
    ]
    if min(result.nu.n, result.gewenst.n) >= 2:
        items.append(LegendItem(glyph_ellipse(NU, SPREAD_DASH["nu"]), "Onderling verschil nu (stippels)"))
        items.append(LegendItem(glyph_ellipse(GEWENST, SPREAD_DASH["gewenst"]), "Onderling verschil gewenst (streepjes)"))
    if bestuur:
        items.append(LegendItem(glyph_marker("hexagon", GROUP, r=2.0), BESTUUR_TEXT))
    if previous:
        items.append(LegendItem(glyph_previous(r=2.2), "Vorige keer: trio (vaag), stippellijn naar nu"))
    if members:
        for number, member in enumerate(result.members, start=1):
            items.append(LegendItem(glyph_marker("circle", MUTED, number=number), member_label(member)))
    return items


def wall_legend(*, previous: bool = False) -> list[LegendItem]:
    """What the wall shows; ``previous`` when it was drawn with the previous round."""
    items = [
        LegendItem(glyph_marker("circle", NU, GROUP, r=1.5), "Trio nu: weinig onderling verschil"),
        LegendItem(glyph_marker("circle", NU, GROUP, r=2.6), "Trio nu: veel onderling verschil"),
        LegendItem(glyph_open("diamond", GEWENST), "Trio gewenst: open ruit"),
        LegendItem(glyph_arrow(GROUP, 0.6, 2.2), "Beweging van nu naar gewenst"),
    ]
    if previous:
        items.append(LegendItem(glyph_previous(r=1.5), "Vorige ronde (vaag), stippellijn naar nu"))
    return items


def role_legend(groups: Sequence[tuple[str, str, GroupResult]], shapes: Sequence[str]) -> list[LegendItem]:
    items = [
        LegendItem(glyph_marker("circle", NU), "Nu: gevuld, blauw"),
        LegendItem(glyph_open("circle", GEWENST, line_width=0.6), "Gewenst: open, oranjerood"),
        LegendItem(glyph_arrow(GRID, 0.5, 2.0), "Beweging"),
    ]
    for (_, label, result), shape in zip(groups, shapes, strict=True):
        count = count_words(len(result.members), "triolid", "trioleden")
        items.append(LegendItem(glyph_marker(shape, MUTED), f"{label} ({count})"))
    return items
