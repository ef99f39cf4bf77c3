"""The invloedskaart in a PDF: the same scene as the page's chart (``charts.influence``), drawn with fpdf2.

A grid with a row per statement and a column per option (and "Nog niet gekozen" when someone chose
nothing): a circle where members chose that option, larger for a larger desired change, with the
members' numbers inside. Rows where members see someone else aan zet get "≠", a tinted band and
darker orange circles, as on the page.
"""

from __future__ import annotations

from charts.influence_marks import (
    AGREE_COLOUR,
    DISAGREE_BAND,
    DISAGREE_COLOUR,
    DISAGREE_MARK,
    MAX_MARK,
    MIN_MARK,
    OPEN_COLOUR,
    UNDECIDED,
    mark_size,
    mark_text,
)
from reports.pdf.document import ReportPDF
from reports.pdf.style import INK, MUTED, RULE, WHITE, blend, hex_colour
from results.influence import (
    INFLUENCE_HEADING,
    INFLUENCE_INTRO,
    NO_CHANGE,
    NOTHING_CHOSEN,
    InfluenceLine,
    InfluenceMark,
    InfluenceScene,
    change_words,
    disagreement_sentence,
    disagreement_summary,
    member_key,
)

LABEL_WIDTH = 52.0
"""The statements' column, in mm."""
MM_PER_PX = 12.0 / MAX_MARK
"""The largest circle is 12 mm across, the smallest :data:`MIN_MARK` px in proportion."""
PAD = 1.6


def _band_colour() -> tuple[int, int, int]:
    rgba = DISAGREE_BAND.removeprefix("rgba(").rstrip(")").split(",")
    return blend((int(rgba[0]), int(rgba[1]), int(rgba[2])), float(rgba[3]) * 1.6)


def _columns(scene: InfluenceScene) -> list[str]:
    names = [name for _, name in scene.options]
    if any(line.undecided for line in scene.lines):
        names.append(UNDECIDED)
    return names


def _header(pdf: ReportPDF, columns: list[str], width: float) -> None:
    y = pdf.get_y()
    pdf.font(7.8, "B", INK)
    height = max(pdf.exact_height(pdf.clean(name), width - 2, 3.6) for name in columns) + 2 * PAD
    for i, name in enumerate(columns):
        pdf.set_xy(pdf.l_margin + LABEL_WIDTH + i * width + 1, y + PAD)
        pdf.multi_cell(width - 2, 3.6, pdf.clean(name), align="C")
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, y + height, pdf.l_margin + pdf.epw, y + height)
    pdf.set_y(y + height)


def _circle(pdf: ReportPDF, cx: float, cy: float, diameter: float, text: str, *, fill: str | None) -> None:
    r = diameter / 2
    if fill:
        pdf.set_fill_color(*hex_colour(fill))
        pdf.circle(x=cx, y=cy, radius=r, style="F")
        colour = WHITE
    else:
        pdf.set_fill_color(*WHITE)
        pdf.set_draw_color(*hex_colour(OPEN_COLOUR))
        pdf.set_line_width(0.35)
        pdf.circle(x=cx, y=cy, radius=r, style="FD")
        colour = hex_colour(OPEN_COLOUR)
    pdf.font(8, "B" if fill else "", colour)
    text = pdf.fit(text, diameter - 0.8)
    pdf.set_xy(cx - r, cy - 1.8)
    pdf.cell(diameter, 3.6, text, align="C")


def _row(pdf: ReportPDF, scene: InfluenceScene, line: InfluenceLine, width: float, numbers: bool) -> None:
    column = {option_id: i for i, (option_id, _) in enumerate(scene.options)}
    theme = pdf.clean(f"{DISAGREE_MARK} {line.theme}" if line.disagree else line.theme)
    note = pdf.clean(change_words(line))
    text_w = LABEL_WIDTH - 2
    pdf.font(8.5, "B")
    label_h = pdf.exact_height(theme, text_w, 4.0)
    pdf.font(7.5)
    label_h += pdf.exact_height(note, text_w, 3.6)
    diameter = mark_size(line.scale) * MM_PER_PX
    height = max(label_h, diameter) + 2 * PAD
    y = pdf.get_y()
    if line.disagree:
        pdf.set_fill_color(*_band_colour())
        pdf.rect(pdf.l_margin, y, pdf.epw, height, style="F")
    pdf.set_xy(pdf.l_margin, y + PAD)
    pdf.font(8.5, "B", INK)
    pdf.multi_cell(text_w, 4.0, theme, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.font(7.5, "", MUTED)
    pdf.multi_cell(text_w, 3.6, note, align="L", new_x="LMARGIN", new_y="NEXT")
    cy = y + height / 2
    colour = DISAGREE_COLOUR if line.disagree else AGREE_COLOUR
    for mark in line.marks:
        cx = pdf.l_margin + LABEL_WIDTH + (column[mark.option_id] + 0.5) * width
        _circle(pdf, cx, cy, diameter, mark_text(mark, numbers), fill=colour)
    if line.undecided:
        cx = pdf.l_margin + LABEL_WIDTH + (len(scene.options) + 0.5) * width
        _circle(pdf, cx, cy, diameter, mark_text(InfluenceMark("", line.undecided), numbers), fill=None)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + height, pdf.l_margin + pdf.epw, y + height)
    pdf.set_y(y + height)
    pdf.font()


def draw_influence(pdf: ReportPDF, scene: InfluenceScene, *, numbers: bool = True) -> None:
    """The grid of ``scene.lines``, from the current position; the header is repeated after a page break."""
    columns = _columns(scene)
    width = (pdf.epw - LABEL_WIDTH) / len(columns)
    smallest = MIN_MARK * MM_PER_PX + 2 * PAD
    pdf.ensure_space(22 + 2 * smallest)
    _header(pdf, columns, width)
    for line in scene.lines:
        needed = max(14.0, mark_size(line.scale) * MM_PER_PX + 2 * PAD)
        if pdf.get_y() + needed > pdf.page_break_trigger:
            pdf.add_page()
            _header(pdf, columns, width)
        _row(pdf, scene, line, width, numbers)
    pdf.ln(2)


def influence_section(pdf: ReportPDF, scene: InfluenceScene) -> None:
    """The invloedskaart with its key and where the members disagree."""
    pdf.heading(INFLUENCE_HEADING, space=70)
    if not scene.lines:
        pdf.para(NO_CHANGE)
        return
    pdf.para(INFLUENCE_INTRO, size=8.5, colour=MUTED)
    if not scene.chosen:
        pdf.para(NOTHING_CHOSEN, size=8.5)
    pdf.para(" · ".join(member_key(scene)), size=8, colour=MUTED)
    draw_influence(pdf, scene)
    if summary := disagreement_summary(scene):
        pdf.para(summary, style="B", after=0.8)
    for line in scene.disagreements:
        sentence = disagreement_sentence(scene, line)
        pdf.lead_para(sentence.lead, sentence.text, size=9)
