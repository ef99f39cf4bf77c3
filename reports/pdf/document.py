"""The report document: an A4 page with the Rolwijzer footer, text helpers that always sanitise,
and the title block."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

from reports.pdf.style import (
    ACCENT,
    BODY_SIZE,
    FONT_DIR,
    FONT_FAMILY,
    FONT_FILES,
    INK,
    MARGIN,
    MUTED,
    PANEL,
    RULE,
    SMALL_SIZE,
    WHITE,
    Colour,
    sanitise,
)

# --- The document ----------------------------------------------------------------------

PAGE_ALIAS = "{nb}"
_supported_cache: dict[str, frozenset[int]] = {}


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
