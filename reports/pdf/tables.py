"""Tables of the reports: a plain data table and the statements × members table."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import TableBordersLayout, TableCellFillMode
from fpdf.fonts import FontFace

from reports.pdf.document import ReportPDF
from reports.pdf.style import ACCENT, HIGHLIGHT, INK, PANEL, ZEBRA, Colour
from results.words import member_label
from scoring import GroupResult, Model, disagreement
from scoring.engine import oriented

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
