"""Tables of the reports: a plain data table and the statements × members table."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import TableBordersLayout, TableCellFillMode
from fpdf.fonts import FontFace

from reports.pdf.document import ReportPDF
from reports.pdf.style import ACCENT, HIGHLIGHT, INK, PANEL, ZEBRA, Colour
from results.words import member_label
from scoring import GroupResult, Model, disagreement

# --- Tables -------------------------------------------------------------------------------------------

HEAD_FILL: Colour = (228, 234, 240)
GROUP_ROW = FontFace(emphasis="BOLD", color=ACCENT, fill_color=PANEL)
CELL_PADDING = 1.8
"""Left and right padding of a data table cell, in mm."""


def _longest_word(pdf: ReportPDF, texts: Sequence[str], size: float, style: str) -> float:
    pdf.font(size, style)
    return max((pdf.get_string_width(word) for text in texts for word in text.split()), default=0.0)


def fit_widths(
    pdf: ReportPDF, headings: Sequence[str], rows: Sequence[Sequence[str]], preferred: Sequence[float], size: float
) -> list[float]:
    """Column widths over the page width, near ``preferred``, in which no word has to be split.

    A column too narrow for its longest word (a heading in bold, or a cell) gets what it needs, taken from
    the columns with room to spare. Only a word wider than all spare room together is still split.
    """
    scale = pdf.epw / sum(preferred)
    widths = [w * scale for w in preferred]
    need = [
        max(
            _longest_word(pdf, [headings[i]], size - 0.5, "B"),
            _longest_word(pdf, [row[i] for row in rows], size, ""),
        )
        + 2 * CELL_PADDING + 0.6
        for i in range(len(widths))
    ]
    pdf.font()
    short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
    spare = [max(0.0, w - n) for n, w in zip(need, widths, strict=True)]
    if short == 0 or sum(spare) == 0:
        return widths
    give = min(1.0, sum(spare) / short)  # the share of each shortfall that can be made up
    take = min(1.0, short / sum(spare))  # the share of each column's spare room that is needed
    return [
        w + (n - w) * give if n > w else w - room * take for w, n, room in zip(widths, need, spare, strict=True)
    ]


def data_table(
    pdf: ReportPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    *,
    aligns: Sequence[str] | None = None,
    size: float = 8.5,
) -> None:
    """A plain-text table with a repeated heading row, light rules and zebra rows.

    ``col_widths`` are relative; they are widened where a word would not fit (:func:`fit_widths`).
    """
    headings = [pdf.clean(text) for text in headings]
    cells = [[pdf.clean(value) or "–" for value in values] for values in rows]
    widths = fit_widths(pdf, headings, cells, col_widths, size)
    pdf.table_defaults(size)
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align=tuple(aligns) if aligns else "LEFT",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=ZEBRA,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
        headings_style=FontFace(emphasis="BOLD", color=INK, fill_color=HEAD_FILL, size_pt=size - 0.5),
        line_height=size * 0.5,
        padding=(1.4, CELL_PADDING, 1.4, CELL_PADDING),
        v_align="TOP",
        repeat_headings=1,
    ) as table:
        head = table.row()
        for text in headings:
            head.cell(text)
        for values in cells:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.font()
    pdf.ln(2)


REVERSED = "⇄"
"""Marks a statement the questionnaire showed the other way round (its high pole on the left)."""


def answer_cell(answers: dict[str, int | None] | object, question_id: str) -> str:
    """The answer as the member chose it (1 = the statement on the left), "?" or "–"."""
    if not isinstance(answers, dict) or question_id not in answers:
        return "–"
    value = answers[question_id]
    return "?" if value is None else str(value)


def statement_table(pdf: ReportPDF, model: Model, result: GroupResult, *, compact: bool = False) -> None:
    """Statements × members, nu and gewenst as each member chose them, plus the difference per statement."""
    members = result.members
    if not members:
        pdf.para("Er zijn nog geen trioleden, dus er valt nog niets naast elkaar te zetten.")
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
                pdf.clean(f"{axis.name}: 1 = {axis.low}, {points} = {axis.high} ({REVERSED}: andersom)",
                          single_line=True),
                colspan=n_cols + 1, align="LEFT", style=GROUP_ROW,
            )
            for q in model.questions_on(axis_id):
                row = table.row()
                theme = pdf.clean(q.theme, single_line=True)
                row.cell(f"{REVERSED} {theme}" if q.reverse else theme, align="LEFT")
                for member_answers in answers:
                    row.cell(answer_cell(member_answers["nu"], q.id))
                    row.cell(answer_cell(member_answers["gewenst"], q.id))
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
    x, y = model.axes.x, model.axes.y
    return (
        f"Het getal is wat ieder triolid koos in de vragenlijst: 1 = de linkerstelling, {points} = de "
        f"rechterstelling. {REVERSED} = de stelling stond andersom: daar is 1 = {x.high} of {y.high} en "
        f"{points} = {x.low} of {y.low}. ? = weet ik niet, – = niet beantwoord. "
        f"Verschil = hoogste min laagste antwoord binnen het trio; vet en gekleurd vanaf {wide}."
    )
