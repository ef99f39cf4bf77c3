"""Shared building blocks of Rolwijzer's PDF reports.

Fonts, plain-text sanitising, the page footer, headings and paragraphs, the
ABCD quadrant drawn with fpdf2 primitives (no browser, no network), arrows,
spread ellipses, legends and tables. The trio and group reports are built from
these pieces only, so both look the same.

Every string that reaches the page goes through :meth:`ReportPDF.clean`: user
text is written as plain text (never markdown or HTML), and characters the
embedded font cannot draw are replaced instead of crashing or leaving holes.
"""

from __future__ import annotations

import datetime
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

from charts.palette import GEWENST_COLOUR, GRID_COLOUR, GROUP_COLOUR, NU_COLOUR, QUADRANT_TINTS, ROLE_SYMBOLS
from scoring import GroupResult, GroupScore, MemberResult, Model, Score, agreement_text, disagreement
from scoring.engine import oriented

# --- Fonts -------------------------------------------------------------------------

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"
FONT_FILES: dict[str, str] = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
REPLACEMENT = "□"
"""Drawn instead of a character the font lacks (an emoji, say)."""

# --- Colours -----------------------------------------------------------------------

Colour = tuple[int, int, int]

PRINT_TINT_BOOST = 1.6
"""Paper needs a little more tint than a screen to show the quadrants at all."""

INK: Colour = (27, 31, 36)
MUTED: Colour = (82, 96, 109)
QUADRANT_LABEL: Colour = (62, 76, 89)
RULE: Colour = (208, 215, 222)
PANEL: Colour = (243, 245, 247)
ZEBRA: Colour = (248, 249, 250)
ACCENT: Colour = (0, 84, 130)
WHITE: Colour = (255, 255, 255)
HIGHLIGHT: Colour = (252, 228, 214)


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def blend(colour: Colour, alpha: float, onto: Colour = WHITE) -> Colour:
    """``colour`` at ``alpha`` opacity on ``onto``, as an opaque colour."""
    return (
        round(onto[0] + (colour[0] - onto[0]) * alpha),
        round(onto[1] + (colour[1] - onto[1]) * alpha),
        round(onto[2] + (colour[2] - onto[2]) * alpha),
    )


def _rgba(value: str) -> tuple[Colour, float]:
    inner = value[value.index("(") + 1 : value.index(")")]
    r, g, b, a = (part.strip() for part in inner.split(","))
    return (int(r), int(g), int(b)), float(a)


def tint(side_x: str, side_y: str) -> Colour:
    colour, alpha = _rgba(QUADRANT_TINTS[(side_x, side_y)])
    return blend(colour, min(1.0, alpha * PRINT_TINT_BOOST))


NU: Colour = hex_colour(NU_COLOUR)
GEWENST: Colour = hex_colour(GEWENST_COLOUR)
GROUP: Colour = hex_colour(GROUP_COLOUR)
GRID: Colour = hex_colour(GRID_COLOUR)

# --- Sizes (mm and pt) ---------------------------------------------------------------

MARGIN = 18.0
BODY_SIZE = 9.5
SMALL_SIZE = 8.0
LINE = 4.9
"""Body line height in mm."""
AXIS_GUTTER = 7.0
"""Room left of and below a quadrant for the axis labels."""

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- Text sanitising -------------------------------------------------------------------

# Joiners, variation selectors, skin tones and tag characters: parts of an emoji
# sequence that would each become a replacement box otherwise.
_DROP = frozenset(
    (
        0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x20E3,
        *range(0xFE00, 0xFE10),
        *range(0x1F3FB, 0x1F400),
        *range(0xE0000, 0xE0080),
        *range(0xE0100, 0xE01F0),
    )
)
_supported_cache: dict[str, frozenset[int]] = {}


def sanitise(text: object, supported: frozenset[int], *, single_line: bool = False) -> str:
    """Plain text the font can draw: unknown characters become one box per run, controls go."""
    raw = unicodedata.normalize("NFC", "" if text is None else str(text))
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    replaced = False
    for ch in raw:
        code = ord(ch)
        if ch == "\n" or ch in "\u2028\u2029\x85":
            out.append(" " if single_line else "\n")
            replaced = False
            continue
        if ch in "\t\v\f":
            ch = " "
        if code in _DROP:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf"):
            continue
        if category == "Zs":
            ch = " "
        elif code not in supported:
            if not replaced:
                out.append(REPLACEMENT)
            replaced = True
            continue
        replaced = False
        out.append(ch)
    result = "".join(out)
    if single_line:
        result = " ".join(result.split())
    else:
        result = "\n".join(" ".join(line.split()) for line in result.split("\n")).strip("\n")
    return result


# --- The document ----------------------------------------------------------------------

PAGE_ALIAS = "{nb}"


class ReportPDF(FPDF):
    """A4 portrait with the Rolwijzer footer; text helpers that always sanitise."""

    def __init__(self, footer_context: str, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(MARGIN, 16, MARGIN)
        self.set_auto_page_break(True, margin=20)
        for style, name in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(FONT_DIR / name))
        # User text is set upright (regular or bold); only content text (prompts) is set in italics.
        self.supported = self._supported_codepoints(("", "B"))
        self.supported_italic = self._supported_codepoints(("", "B", "I"))
        self.set_font(FONT_FAMILY, size=BODY_SIZE)
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)
        # The total-pages alias is only active while the footer is written, so that
        # user text containing "{nb}" stays literal text (see header/footer).
        self.alias_nb_pages(None)  # type: ignore[arg-type]
        self.footer_context = self.fit(self.clean(footer_context, single_line=True), 95, size=7.5)
        self.set_title(self.clean(title, single_line=True))
        self.set_author("Rolwijzer")
        self.set_creator("Rolwijzer")
        self.set_lang("nl-NL")

    def _supported_codepoints(self, styles: Sequence[str]) -> frozenset[int]:
        """Code points every font of ``styles`` can draw (computed once per process)."""
        key = f"{FONT_DIR}|{','.join(styles)}"
        if key not in _supported_cache:
            maps = []
            for style in styles:
                font = self.fonts.get(f"{FONT_FAMILY.lower()}{style}")
                if isinstance(font, TTFFont):
                    maps.append(set(font.cmap))
            common = set.intersection(*maps) if maps else set()
            _supported_cache[key] = frozenset(c for c in common if c >= 0x20)
        return _supported_cache[key]

    # -- page furniture --

    def header(self) -> None:
        self.alias_nb_pages(None)  # type: ignore[arg-type]

    def footer(self) -> None:
        y = self.h - 13
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)
        self.line(self.l_margin, y - 1.5, self.w - self.r_margin, y - 1.5)
        self.set_font(FONT_FAMILY, "", 7.5)
        self.set_text_color(*MUTED)
        lead = f"Rolwijzer · {self.footer_context} · " if self.footer_context else "Rolwijzer · "
        self.set_xy(self.l_margin, y)
        self.cell(self.get_string_width(lead), 5, lead)
        self.alias_nb_pages(PAGE_ALIAS)
        self.cell(0, 5, f"pagina {self.page_no()} van {PAGE_ALIAS}")
        self.set_text_color(*INK)

    # -- text --

    def clean(self, text: object, *, single_line: bool = False, italic: bool = False) -> str:
        """Plain text that the regular and bold fonts (and the italic one, if asked) can draw."""
        return sanitise(text, self.supported_italic if italic else self.supported, single_line=single_line)

    def fit(self, text: str, width: float, *, size: float | None = None, style: str = "") -> str:
        """``text`` cut with an ellipsis to fit ``width`` mm in the given font (already clean)."""
        previous = (self.font_style, self.font_size_pt)
        self.set_font(FONT_FAMILY, style, size or self.font_size_pt)
        try:
            if self.get_string_width(text) <= width:
                return text
            cut = text
            while cut and self.get_string_width(cut + "…") > width:
                cut = cut[: max(0, len(cut) - max(1, len(cut) // 12))]
            return cut.rstrip() + "…"
        finally:
            self.set_font(FONT_FAMILY, previous[0], previous[1])

    def font(self, size: float = BODY_SIZE, style: str = "", colour: Colour = INK) -> None:
        self.set_font(FONT_FAMILY, style, size)
        self.set_text_color(*colour)

    def text_height(self, text: str, width: float, line: float, *, size: float | None = None,
                    style: str = "") -> float:
        """About the height of already clean ``text`` wrapped in ``width`` mm (for keeping blocks whole).

        An estimate from the string width, much cheaper than a dry-run line break; it errs on the high side.
        """
        if not text:
            return 0.0
        previous = (self.font_style, self.font_size_pt)
        self.set_font(FONT_FAMILY, style, size or self.font_size_pt)
        try:
            lines = 0
            for part in text.split("\n"):
                lines += max(1, math.ceil(self.get_string_width(part) / (width * 0.9)))
            return lines * line
        finally:
            self.set_font(FONT_FAMILY, previous[0], previous[1])

    def exact_height(self, text: str, width: float, line: float) -> float:
        """The exact height of already clean ``text`` in a multi_cell, in the current font (a dry run)."""
        if not text:
            return 0.0
        height = self.multi_cell(width, line, text, dry_run=True, output="HEIGHT", align="L")
        return float(height)  # type: ignore[arg-type]

    def table_defaults(self, size: float) -> None:
        """Reset what fpdf2's table() takes from the current state (it fills every cell with the fill colour)."""
        self.font(size)
        self.set_fill_color(*WHITE)
        self.set_draw_color(*RULE)
        self.set_line_width(0.2)

    def ensure_space(self, height: float) -> None:
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def para(
        self,
        text: object,
        *,
        size: float = BODY_SIZE,
        style: str = "",
        colour: Colour = INK,
        line: float | None = None,
        indent: float = 0.0,
        width: float | None = None,
        after: float = 1.6,
        keep: bool = False,
    ) -> None:
        """A wrapped paragraph of plain text. ``keep`` moves it whole to the next page if needed."""
        clean = self.clean(text)
        if not clean:
            return
        self.font(size, style, colour)
        line = line or size * 0.52
        w = width if width is not None else self.epw - indent
        if keep:
            self.ensure_space(self.text_height(clean, w, line))
        self.set_x(self.l_margin + indent)
        self.multi_cell(w, line, clean, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)
        self.font()

    def lead_para(self, lead: str, text: object, *, size: float = BODY_SIZE, indent: float = 0.0,
                  after: float = 1.6) -> None:
        """A paragraph that starts with a bold lead-in ("Nu: Zorgen voor.") followed by plain text."""
        lead_clean = self.clean(lead, single_line=True)
        body = self.clean(text)
        line = size * 0.52
        self.ensure_space(2 * line)
        left = self.l_margin
        # write() wraps at the right margin and continues at the (temporarily indented) left margin.
        self.set_left_margin(left + indent)
        self.set_x(left + indent)
        self.font(size, "B")
        self.write(line, lead_clean + (" " if body else ""))
        self.font(size)
        if body:
            self.write(line, body)
        self.set_left_margin(left)
        self.ln(line + after)

    def heading(self, text: str, *, space: float = 40.0) -> None:
        """A section heading; starts a new page when fewer than ``space`` mm are left."""
        if self.get_y() > self.t_margin + 1:
            self.ln(4)
        self.ensure_space(space)
        self.font(14, "B", ACCENT)
        self.multi_cell(0, 7, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        y = self.get_y() + 0.8
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        self.line(self.l_margin, y, self.l_margin + 14, y)
        self.set_line_width(0.2)
        self.set_draw_color(*RULE)
        self.line(self.l_margin + 14, y, self.w - self.r_margin, y)
        self.set_y(y + 3.2)
        self.font()

    def subheading(self, text: str, *, size: float = 11.0, colour: Colour = INK, space: float = 25.0) -> None:
        self.ensure_space(space)
        self.font(size, "B", colour)
        self.multi_cell(0, size * 0.5, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.2)
        self.font()

    def kicker(self, text: str, *, colour: Colour = ACCENT, size: float = 7.5) -> None:
        """A small spaced-out capital label above a title or card."""
        self.font(size, "B", colour)
        self.set_char_spacing(0.6)
        self.cell(0, size * 0.5, self.clean(text, single_line=True).upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_char_spacing(0)
        self.font()

    def bullets(self, items: Iterable[object], *, size: float = BODY_SIZE, indent: float = 0.0) -> None:
        line = size * 0.52
        for item in items:
            text = self.clean(item)
            if not text:
                continue
            self.font(size)
            width = self.epw - indent - 5
            self.ensure_space(self.text_height(text, width, line))
            y = self.get_y()
            self.set_fill_color(*ACCENT)
            self.circle(self.l_margin + indent + 1.4, y + line / 2, 0.7, style="F")
            self.set_xy(self.l_margin + indent + 5, y)
            self.multi_cell(width, line, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1.2)


# --- Title block ----------------------------------------------------------------------


def title_block(
    pdf: ReportPDF,
    *,
    kicker: str,
    title: str,
    subtitle_label: str | None,
    subtitle: str | None,
    facts: Sequence[tuple[str, str]],
    fact_widths: Sequence[float] | None = None,
) -> None:
    """Kicker, a large title, an optional labelled subtitle (the casus) and a panel of facts."""
    pdf.set_y(pdf.t_margin)
    pdf.kicker(kicker)
    pdf.ln(1.5)
    pdf.font(21, "B", INK)
    pdf.multi_cell(0, 9.5, pdf.clean(title) or "–", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    if subtitle_label:
        sub = pdf.clean(subtitle)
        pdf.font(SMALL_SIZE, "B", MUTED)
        pdf.cell(0, 4.5, pdf.clean(subtitle_label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.font(12, "", INK)
        pdf.multi_cell(0, 6, sub or "Geen casus ingevuld.", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2.5)
    if facts:
        pdf.table_defaults(BODY_SIZE)
        with pdf.table(
            borders_layout=TableBordersLayout.NONE,
            cell_fill_color=PANEL,
            cell_fill_mode=TableCellFillMode.ALL,
            headings_style=FontFace(emphasis="BOLD", size_pt=7, color=MUTED, fill_color=PANEL),
            line_height=4.6,
            padding=(1.6, 3, 1.6, 3),
            text_align="LEFT",
            first_row_as_headings=True,
            col_widths=tuple(fact_widths) if fact_widths else None,
        ) as table:
            head = table.row()
            for label, _ in facts:
                head.cell(pdf.clean(label, single_line=True).upper())
            values = table.row()
            for _, value in facts:
                values.cell(pdf.clean(value) or "–", style=FontFace(emphasis="BOLD", size_pt=BODY_SIZE))
        pdf.ln(3)
    pdf.font()


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


def position(box: Box, score: Score | GroupScore | None) -> tuple[float, float] | None:
    if score is None or score.x is None or score.y is None:
        return None
    return box.point(score.x, score.y)


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
            return sum(_overlap(rect, (cx - r, cy - r, cx + r, cy + r)) for cx, cy, r in avoid)

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


def spread_ellipse(pdf: ReportPDF, box: Box, group: GroupScore, colour: Colour) -> None:
    """The spread (standard deviation per axis) as a dotted ellipse around the group's mean."""
    if group.x is None or group.y is None or group.spread_x is None or group.spread_y is None:
        return
    cx, cy = box.point(group.x, group.y)
    rx, ry = box.length(max(group.spread_x, 0.02)), box.length(max(group.spread_y, 0.02))
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.4)
    with pdf.local_context(stroke_cap_style="ROUND"):
        pdf.set_dash_pattern(dash=0.01, gap=1.1)
        pdf.ellipse(cx - rx, cy - ry, 2 * rx, 2 * ry, style="D")
        pdf.set_dash_pattern()


# --- Labels that avoid each other ------------------------------------------------------------

Rect = tuple[float, float, float, float]


def _overlap(a: Rect, b: Rect) -> float:
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
            cost = sum(_overlap(rect, other) for other in self.taken)
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


# --- Pictures ---------------------------------------------------------------------------------


def member_label(member: MemberResult) -> str:
    if member.complete:
        return member.label
    return f"{member.label} ({member.answered}/{member.total})"


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
    """Every member's nu (circle) → gewenst (diamond), numbered; the trio's mean arrow and spread."""
    s = box.scale
    r = 2.1 * s
    trio_r = 3.7 * s
    members = result.members
    raw: list[tuple[float, float] | None] = []
    for m in members:
        raw.append(position(box, m.nu))
        raw.append(position(box, m.gewenst))
    dodged = _dodge(raw, r, box.bounds)
    nu_pts = dodged[0::2]
    gew_pts = dodged[1::2]
    avoid = [(p[0], p[1], r * 1.3) for p in dodged if p]
    avoid += [(p[0], p[1], trio_r * 1.3) for p in (position(box, result.nu), position(box, result.gewenst)) if p]
    draw_quadrant_base(pdf, model, box, label_size=8.5 if box.size >= 100 else 7.5, avoid=avoid)

    several = min(result.nu.n, result.gewenst.n) >= 2
    if several:
        spread_ellipse(pdf, box, result.nu, NU)
        spread_ellipse(pdf, box, result.gewenst, GEWENST)
    trio_nu, trio_gew = position(box, result.nu), position(box, result.gewenst)
    if trio_nu and trio_gew:
        arrow(pdf, trio_nu, trio_gew, colour=GROUP, width=1.0 * s, head=3.4 * s,
              start_gap=trio_r + 0.4, end_gap=trio_r * 1.25 + 0.4)
    for nu_p, gew_p in zip(nu_pts, gew_pts, strict=True):
        if nu_p and gew_p:
            arrow(pdf, nu_p, gew_p, colour=GRID, width=0.3, head=1.8 * s, start_gap=r + 0.3, end_gap=r * 1.25 + 0.3)
    if trio_nu:
        marker(pdf, "circle", *trio_nu, trio_r, fill=blend(NU, 0.3), stroke=GROUP, line_width=0.6)
    if trio_gew:
        marker(pdf, "diamond", *trio_gew, trio_r, fill=blend(GEWENST, 0.3), stroke=GROUP, line_width=0.6)
    for number, (m, nu_p, gew_p) in enumerate(zip(members, nu_pts, gew_pts, strict=True), start=1):
        opacity = 1.0 if m.complete else 0.6
        if nu_p:
            marker(pdf, "circle", *nu_p, r, fill=NU, opacity=opacity)
            marker_number(pdf, number, *nu_p, r)
        if gew_p:
            marker(pdf, "diamond", *gew_p, r, fill=GEWENST, opacity=opacity)
            marker_number(pdf, number, *gew_p, r)
    pdf.font()


def spread_radius(box: Box, spread: float | None) -> float:
    return (1.8 + 7.0 * min(spread or 0.0, 1.0)) * box.scale


def draw_wall(pdf: ReportPDF, model: Model, box: Box, trios: Sequence[tuple[str, GroupResult]]) -> None:
    """Every trio's nu → gewenst; the nu circle grows with the trio's internal spread; labelled."""
    s = box.scale
    gew_r = 2.0 * s
    avoid: list[Circle] = []
    for _label, result in trios:
        if nu := position(box, result.nu):
            avoid.append((*nu, spread_radius(box, result.spread)))
        if gew := position(box, result.gewenst):
            avoid.append((*gew, gew_r * 1.3))
    draw_quadrant_base(pdf, model, box, avoid=avoid)
    placer = LabelPlacer((box.x, box.y, box.right, box.bottom))
    shown: list[tuple[str, tuple[float, float], float]] = []
    for _label, result in trios:
        nu, gew = position(box, result.nu), position(box, result.gewenst)
        radius = spread_radius(box, result.spread)
        if nu:
            placer.block(*nu, radius)
        if gew:
            placer.block(*gew, gew_r * 1.25)
        if nu and gew:
            arrow(pdf, nu, gew, colour=GROUP, width=0.6 * s, head=2.6 * s, start_gap=radius + 0.3,
                  end_gap=gew_r * 1.25 + 0.3)
    for label, result in trios:
        nu, gew = position(box, result.nu), position(box, result.gewenst)
        if nu:
            radius = spread_radius(box, result.spread)
            marker(pdf, "circle", *nu, radius, fill=NU, stroke=GROUP, line_width=0.35, opacity=0.78)
            shown.append((label, nu, radius))
        if gew:
            marker(pdf, "diamond", *gew, gew_r, fill=GEWENST, stroke=WHITE, line_width=0.35)
            if not nu:
                shown.append((label, gew, gew_r))
    for label, point, radius in shown:
        text = pdf.fit(pdf.clean(label, single_line=True), 30, size=7, style="B")
        boxed_label(pdf, placer, text, *point, radius)


def role_shapes(model: Model, role_ids: Sequence[str]) -> list[str]:
    """The chart's shape per role; by position when the ids are not distinct known roles."""
    known = [r.id for r in model.roles]
    if len(set(role_ids)) == len(role_ids) and all(i in known for i in role_ids):
        return [ROLE_SYMBOLS[known.index(i) % len(ROLE_SYMBOLS)] for i in role_ids]
    return [ROLE_SYMBOLS[i % len(ROLE_SYMBOLS)] for i in range(len(role_ids))]


def draw_role_groups(pdf: ReportPDF, model: Model, box: Box,
                     groups: Sequence[tuple[str, str, GroupResult]]) -> list[str]:
    """Mean nu (filled blue) → gewenst (open, vermillion outline) per role group; returns the shapes."""
    s = box.scale
    r = 2.6 * s
    avoid = [
        (*p, r * 1.35)
        for _, _, result in groups
        for p in (position(box, result.nu), position(box, result.gewenst))
        if p
    ]
    draw_quadrant_base(pdf, model, box, avoid=avoid)
    shapes = role_shapes(model, [g[0] for g in groups])
    placer = LabelPlacer((box.x, box.y, box.right, box.bottom))
    points = []
    for (_, _, result), _shape in zip(groups, shapes, strict=True):
        nu, gew = position(box, result.nu), position(box, result.gewenst)
        points.append((nu, gew))
        for p in (nu, gew):
            if p:
                placer.block(*p, r * 1.3)
        if nu and gew:
            arrow(pdf, nu, gew, colour=GRID, width=0.5 * s, head=2.4 * s, start_gap=r * 1.3, end_gap=r * 1.3 + 0.3)
    for (nu, gew), shape in zip(points, shapes, strict=True):
        if nu:
            marker(pdf, shape, *nu, r, fill=NU, stroke=WHITE, line_width=0.35)
        if gew:
            marker(pdf, shape, *gew, r, fill=WHITE, stroke=GEWENST, line_width=0.7)
    for (_, label, _), (nu, gew) in zip(groups, points, strict=True):
        anchor = nu or gew
        if anchor:
            text = pdf.fit(pdf.clean(label, single_line=True), 38, size=6.8, style="B")
            boxed_label(pdf, placer, text, *anchor, r * 1.3, size=6.8)
    return shapes


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


def glyph_ellipse(colour: Colour) -> Glyph:
    def draw(pdf: ReportPDF, x: float, y: float) -> None:
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.4)
        with pdf.local_context(stroke_cap_style="ROUND"):
            pdf.set_dash_pattern(dash=0.01, gap=1.0)
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


def trio_legend(result: GroupResult, *, members: bool = True) -> list[LegendItem]:
    items = [
        LegendItem(glyph_marker("circle", NU), "Nu (per lid)"),
        LegendItem(glyph_marker("diamond", GEWENST), "Gewenst (per lid)"),
        LegendItem(glyph_arrow(GRID, 0.3, 1.8), "Beweging van een lid"),
        LegendItem(glyph_marker("circle", blend(NU, 0.3), GROUP, r=2.4, line_width=0.5), "Trio nu (gemiddelde)"),
        LegendItem(glyph_marker("diamond", blend(GEWENST, 0.3), GROUP, r=2.2, line_width=0.5),
                   "Trio gewenst (gemiddelde)"),
        LegendItem(glyph_arrow(GROUP, 0.9, 2.6), "Beweging van het trio"),
    ]
    if min(result.nu.n, result.gewenst.n) >= 2:
        items.append(LegendItem(glyph_ellipse(MUTED), "Spreiding binnen het trio (stippellijn)"))
    if members:
        for number, member in enumerate(result.members, start=1):
            items.append(LegendItem(glyph_marker("circle", MUTED, number=number), member_label(member)))
    return items


def wall_legend() -> list[LegendItem]:
    return [
        LegendItem(glyph_marker("circle", NU, GROUP, r=1.5), "Trio nu: weinig onderling verschil"),
        LegendItem(glyph_marker("circle", NU, GROUP, r=2.6), "Trio nu: veel onderling verschil"),
        LegendItem(glyph_marker("diamond", GEWENST), "Trio gewenst"),
        LegendItem(glyph_arrow(GROUP, 0.6, 2.2), "Beweging van nu naar gewenst"),
    ]


def role_legend(groups: Sequence[tuple[str, str, GroupResult]], shapes: Sequence[str]) -> list[LegendItem]:
    items = [
        LegendItem(glyph_marker("circle", NU), "Nu: gevuld, blauw"),
        LegendItem(glyph_marker("circle", WHITE, GEWENST, line_width=0.6), "Gewenst: open, oranjerood"),
        LegendItem(glyph_arrow(GRID, 0.5, 2.0), "Beweging"),
    ]
    for (_, label, result), shape in zip(groups, shapes, strict=True):
        items.append(LegendItem(glyph_marker(shape, MUTED), f"{label} (n={len(result.members)})"))
    return items


# --- Words --------------------------------------------------------------------------------------


def has_answers(result: GroupResult) -> bool:
    return result.answered > 0


def agreement_words(model: Model, group: GroupScore) -> str:
    if group.n < 2:
        return "Nog niet te zeggen: daarvoor zijn plekken van minstens twee leden nodig."
    return agreement_text(model, group.spread) or "Nog niet te zeggen."


def quadrant_name(model: Model, quadrant_id: str | None) -> str:
    if quadrant_id is None:
        return "Nog geen plek"
    try:
        return model.quadrant(quadrant_id).name
    except KeyError:
        return quadrant_id


def outcome_paragraphs(model: Model, result: GroupResult, *, summaries: bool = True) -> list[tuple[str, str]]:
    """The trio's outcome in plain Dutch as (bold lead, text) pairs; short without the quadrant summaries."""
    if not has_answers(result):
        return [("Nog geen antwoorden.", "Zodra de leden van het trio de stellingen hebben beantwoord, staat hier "
                 "waar jullie de gemeente nu zien en waar jullie naartoe willen.")]
    too_few = "nog te weinig antwoorden voor een plek op beide assen."
    nu_q, gew_q = result.nu.quadrant, result.gewenst.quadrant
    paragraphs: list[tuple[str, str]] = []
    if summaries:
        if nu_q:
            q = model.quadrant(nu_q)
            paragraphs.append((f"Waar jullie nu staan: {q.name}.", q.summary))
        else:
            paragraphs.append(("Waar jullie nu staan:", too_few))
        if gew_q and gew_q == nu_q:
            q = model.quadrant(gew_q)
            paragraphs.append((f"Waar jullie naartoe willen: ook {q.name}.",
                               "Jullie willen in dit kwadrant blijven, maar misschien wel verschuiven: kijk naar "
                               "de pijl."))
        elif gew_q:
            q = model.quadrant(gew_q)
            paragraphs.append((f"Waar jullie naartoe willen: {q.name}.", q.summary))
        else:
            paragraphs.append(("Waar jullie naartoe willen:", too_few))
    else:
        paragraphs.append(("Nu:", f"{quadrant_name(model, nu_q)}." if nu_q else too_few))
        same = " (hetzelfde kwadrant)" if gew_q and gew_q == nu_q else ""
        paragraphs.append(("Gewenst:", f"{quadrant_name(model, gew_q)}{same}." if gew_q else too_few))
    paragraphs.append(("Overeenstemming over nu:", agreement_words(model, result.nu)))
    paragraphs.append(("Overeenstemming over gewenst:", agreement_words(model, result.gewenst)))
    return paragraphs


def member_notes(result: GroupResult) -> list[str]:
    """One sentence per member who is not done or has no place on the quadrant."""
    notes: list[str] = []
    for member in result.members:
        if member.answered == 0:
            notes.append(f"{member.label} heeft nog geen stellingen beantwoord.")
            continue
        if not member.complete:
            notes.append(f"{member.label} heeft {member.answered} van {member.total} stellingen beantwoord.")
        if member.nu.quadrant is None or member.gewenst.quadrant is None:
            missing = [f for f, sc in (("nu", member.nu), ("gewenst", member.gewenst)) if sc.quadrant is None]
            notes.append(
                f"{member.label} heeft voor {' en '.join(missing)} nog geen plek op het kwadrant: daarvoor zijn "
                "antwoorden op beide assen nodig (‘weet ik niet’ telt niet mee)."
            )
    return notes


def write_outcome(pdf: ReportPDF, model: Model, result: GroupResult, *, summaries: bool = True,
                  size: float = BODY_SIZE) -> None:
    for lead, text in outcome_paragraphs(model, result, summaries=summaries):
        pdf.lead_para(lead, text, size=size)
    notes = member_notes(result)
    if notes:
        pdf.ln(0.5)
        for note in notes:
            pdf.para(note, size=size - 0.5, colour=MUTED, after=0.8)


# --- Tables -------------------------------------------------------------------------------------------

HEAD_FILL: Colour = (228, 234, 240)
GROUP_ROW = FontFace(emphasis="BOLD", color=ACCENT, fill_color=PANEL)


def data_table(
    pdf: ReportPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    *,
    aligns: Sequence[str] | None = None,
    size: float = 8.5,
) -> None:
    """A plain-text table with a repeated heading row, light rules and zebra rows."""
    pdf.table_defaults(size)
    with pdf.table(
        col_widths=tuple(col_widths),
        width=pdf.epw,
        text_align=tuple(aligns) if aligns else "LEFT",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
        headings_style=FontFace(emphasis="BOLD", color=INK, fill_color=HEAD_FILL, size_pt=size - 0.5),
        line_height=size * 0.5,
        padding=(1.4, 1.8, 1.4, 1.8),
        v_align="TOP",
        repeat_headings=1,
    ) as table:
        head = table.row()
        for text in headings:
            head.cell(pdf.clean(text))
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(pdf.clean(value) or "–")
    pdf.font()
    pdf.ln(2)


def answer_cell(model: Model, question_id: str, answers: dict[str, int | None] | object) -> str:
    if not isinstance(answers, dict) or question_id not in answers:
        return "–"
    value = answers[question_id]
    if value is None:
        return "?"
    return str(oriented(model.question(question_id), value, model.scale.points))


def statement_table(pdf: ReportPDF, model: Model, result: GroupResult, *, compact: bool = False) -> None:
    """Statements × members, nu and gewenst on the axis direction, plus the spread per statement."""
    members = result.members
    if not members:
        pdf.para("Er zijn nog geen leden met antwoorden, dus er valt nog niets naast elkaar te zetten.")
        return
    points = model.scale.points
    wide = max(1, (points - 1) // 2)
    size = 7.0 if compact else 8.0
    theme_w = 42.0 if compact else 48.0
    n_cols = 2 * len(members) + 2
    value_w = (pdf.epw - theme_w) / n_cols
    short = value_w < 12
    nu_head, gew_head = ("nu", "gew.") if short else ("nu", "gewenst")
    dis = {frame: disagreement(model, result.answers_by_member(frame)) for frame in ("nu", "gewenst")}
    answers = [{f: dict(m.answers.get(f, {})) for f in ("nu", "gewenst")} for m in members]

    pdf.table_defaults(size)
    line = size * 0.48
    heading_style = FontFace(emphasis="BOLD", color=INK, fill_color=HEAD_FILL, size_pt=size - 0.3)
    with pdf.table(
        col_widths=(theme_w, *([value_w] * n_cols)),
        width=pdf.epw,
        text_align="CENTER",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.NONE,
        headings_style=heading_style,
        line_height=line,
        padding=(0.9 if compact else 1.2, 1.0, 0.9 if compact else 1.2, 1.0),
        v_align="MIDDLE",
        num_heading_rows=2,
        repeat_headings=1,
    ) as table:
        head = table.row()
        head.cell("Stelling", rowspan=2, align="LEFT")
        for number, member in enumerate(members, start=1):
            head.cell(f"{number} · {pdf.clean(member_label(member), single_line=True)}", colspan=2)
        head.cell("Verschil", colspan=2)
        sub = table.row()
        for _ in range(len(members) + 1):
            sub.cell(nu_head)
            sub.cell(gew_head)
        for axis_id in ("x", "y"):
            axis = model.axis(axis_id)
            row = table.row()
            row.cell(
                pdf.clean(f"{axis.name}: 1 = {axis.low}, {points} = {axis.high}", single_line=True),
                colspan=n_cols + 1, align="LEFT", style=GROUP_ROW,
            )
            for q in model.questions_on(axis_id):
                row = table.row()
                row.cell(pdf.clean(q.theme, single_line=True), align="LEFT")
                for member_answers in answers:
                    row.cell(answer_cell(model, q.id, member_answers["nu"]))
                    row.cell(answer_cell(model, q.id, member_answers["gewenst"]))
                for frame in ("nu", "gewenst"):
                    value = dis[frame][q.id]
                    if value is None:
                        row.cell("–")
                    elif value >= wide:
                        row.cell(str(value), style=FontFace(emphasis="BOLD", fill_color=HIGHLIGHT))
                    else:
                        row.cell(str(value))
    pdf.font()
    pdf.ln(1.5)


def statement_table_note(model: Model) -> str:
    points = model.scale.points
    wide = max(1, (points - 1) // 2)
    return (
        f"De cijfers volgen de richting van de as: 1 is de linker- of onderpool "
        f"({model.axes.x.low}, {model.axes.y.low}), {points} de rechter- of bovenpool "
        f"({model.axes.x.high}, {model.axes.y.high}). ? = weet ik niet, – = niet beantwoord. "
        f"Verschil = hoogste min laagste antwoord binnen het trio; vet en gekleurd vanaf {wide}."
    )


# --- Shared sections ------------------------------------------------------------------------------------

MODEL_NOTE = (
    "Het kwadrantenmodel in Rolwijzer is vrij naar Huygen & Fortuin. De teksten zijn bewerkt voor de "
    "Werkplaatsen Wijkgericht Werken en zijn geen letterlijke weergave van het oorspronkelijke model."
)


def about_section(pdf: ReportPDF, model: Model) -> None:
    """'Over het model': the two axes, the sources and the 'vrij naar' note."""
    x, y = model.axes.x, model.axes.y
    pdf.heading("Over het model", space=45)
    pdf.para(
        f"Rolwijzer zet antwoorden op stellingen om in een plek op twee assen. De horizontale as ({x.name}) "
        f"loopt van {x.low} naar {x.high}. {x.description} De verticale as ({y.name}) loopt van {y.low} naar "
        f"{y.high}. {y.description}"
    )
    pdf.para(MODEL_NOTE)
    if model.sources:
        sources = [pdf.clean(t) for t in model.sources]
        needed = 10 + sum(pdf.text_height(t, pdf.epw - 5, LINE, size=BODY_SIZE) + 1.2 for t in sources)
        pdf.subheading("Bronnen", size=10, space=min(needed, 120))
        pdf.bullets(sources)


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
