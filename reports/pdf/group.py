"""The werkplaats' group report: the wall of all trios, the role groups, and one page per trio."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from reports.pdf.document import ReportPDF, title_block
from reports.pdf.legends import draw_legend, role_legend, trio_legend, wall_legend
from reports.pdf.quadrant import Box, draw_role_groups, draw_trio, draw_wall, quadrant_frame
from reports.pdf.sections import about_section, has_answers, write_outcome
from reports.pdf.style import AXIS_GUTTER, MUTED, dutch_date
from reports.pdf.tables import data_table, statement_table, statement_table_note
from results.numbers import percent
from results.words import NO_PLACE, agreement_words, short_place
from scoring import GroupResult, Model


@dataclass(frozen=True)
class GroupTrio:
    label: str
    """The municipality, or an anonymised letter."""
    municipality: str
    casus: str
    result: GroupResult


@dataclass(frozen=True)
class GroupReport:
    model: Model
    werkplaats_name: str
    werkplaats_date: datetime.date
    trios: Sequence[GroupTrio]
    role_groups: Sequence[tuple[str, str, GroupResult]]
    """(role id, role label, result) per role group."""
    generated_on: datetime.date


def build_group_pdf(report: GroupReport) -> bytes:
    """The group report as PDF bytes (A4 portrait, Dutch)."""
    pdf = ReportPDF(footer_context=report.werkplaats_name, title=f"Rolwijzer – {report.werkplaats_name}")
    pdf.add_page()
    _wall(pdf, report)
    pdf.add_page()
    _role_groups(pdf, report)
    for trio in report.trios:
        pdf.add_page()
        _trio_page(pdf, report.model, trio)
    about_section(pdf, report.model)
    return bytes(pdf.output())


def _progress(result: GroupResult) -> str:
    return percent(result.progress)


def _wall(pdf: ReportPDF, report: GroupReport) -> None:
    model = report.model
    title_block(
        pdf,
        kicker="Rolwijzer · Groepsverslag",
        title=report.werkplaats_name,
        subtitle_label=None,
        subtitle=None,
        facts=[
            ("Datum werkplaats", dutch_date(report.werkplaats_date)),
            ("Trio's", str(len(report.trios))),
            ("Verslag gemaakt op", dutch_date(report.generated_on)),
        ],
    )
    pdf.heading("Alle trio's op het kwadrant", space=80)
    if not report.trios:
        pdf.para("Er zijn nog geen trio's in deze werkplaats.")
        return
    pdf.para(
        "Elke pijl loopt van waar een trio de gemeente nu ziet naar waar het trio naartoe wil. Hoe groter de "
        "cirkel, hoe meer de trioleden onderling verschillen.",
        colour=MUTED, size=8.5,
    )
    legend = wall_legend()
    rows_below = 14 + 9 * min(len(report.trios), 6)
    max_size = 112.0
    legend_h = draw_legend(pdf, 0, 0, max_size + AXIS_GUTTER, legend, draw=False)
    box = quadrant_frame(pdf, max_size=max_size, min_size=70, legend_height=legend_h + rows_below)
    draw_wall(pdf, model, box, [(t.label, t.result) for t in report.trios])
    y = draw_legend(pdf, box.x - AXIS_GUTTER, box.bottom + AXIS_GUTTER + 1, box.size + AXIS_GUTTER, legend)
    pdf.set_y(y + 3)
    # The municipality gets a column of its own only when the trios are labelled otherwise (by letter).
    named = all(t.label == t.municipality for t in report.trios)
    outcome = [
        (
            short_place(model, t.result.nu, NO_PLACE),
            short_place(model, t.result.gewenst, NO_PLACE),
            _agreement(model, t.result),
            _progress(t.result),
        )
        for t in report.trios
    ]
    heads = ["Nu", "Gewenst", "Onderling verschil", "Ingevuld"]
    if named:
        rows = [(t.label, *rest) for t, rest in zip(report.trios, outcome, strict=True)]
        heads, widths = ["Trio", *heads], (48, 24, 24, 54, 16)
    else:
        rows = [(t.label, t.municipality, *rest) for t, rest in zip(report.trios, outcome, strict=True)]
        heads, widths = ["Trio", "Gemeente", *heads], (12, 38, 24, 24, 50, 16)
    aligns = ("LEFT",) * (len(heads) - 1) + ("RIGHT",)
    data_table(pdf, heads, rows, widths, aligns=aligns, size=8)


def _agreement(model: Model, result: GroupResult) -> str:
    if min(result.nu.n, result.gewenst.n) < 2:
        return agreement_words(model, result.nu if result.nu.n < result.gewenst.n else result.gewenst)
    # The larger spread of nu and gewenst: how far apart the members are at most.
    widest = result.nu if (result.nu.spread or 0) >= (result.gewenst.spread or 0) else result.gewenst
    return agreement_words(model, widest)


def _role_groups(pdf: ReportPDF, report: GroupReport) -> None:
    model = report.model
    pdf.heading("Rolgroepen naast elkaar", space=80)
    groups = [g for g in report.role_groups if g[2].members]
    if not groups:
        pdf.para("Er zijn nog geen rolgroepen met antwoorden.")
        return
    pdf.para(
        "Het gemiddelde van alle trioleden met dezelfde rol, over alle trio's heen: zien wijkambtenaren de "
        "gemeente anders dan hun collega's uit de sectoren?",
        colour=MUTED, size=8.5,
    )
    max_size = 100.0
    shapes_guess = ["circle"] * len(groups)
    legend_h = draw_legend(pdf, 0, 0, max_size + AXIS_GUTTER, role_legend(groups, shapes_guess), draw=False)
    box = quadrant_frame(pdf, max_size=max_size, min_size=70, legend_height=legend_h + 40)
    shapes = draw_role_groups(pdf, model, box, groups)
    legend = role_legend(groups, shapes)
    y = draw_legend(pdf, box.x - AXIS_GUTTER, box.bottom + AXIS_GUTTER + 1, box.size + AXIS_GUTTER, legend)
    pdf.set_y(y + 3)
    rows = [
        (
            label,
            str(len(result.members)),
            short_place(model, result.nu, NO_PLACE),
            short_place(model, result.gewenst, NO_PLACE),
            agreement_words(model, result.nu),
            agreement_words(model, result.gewenst),
        )
        for _, label, result in groups
    ]
    data_table(
        pdf,
        ["Rolgroep", "Aantal", "Nu", "Gewenst", "Onderling verschil nu", "Onderling verschil gewenst"],
        rows,
        (38, 13, 24, 24, 37.5, 37.5),
        aligns=("LEFT", "RIGHT", "LEFT", "LEFT", "LEFT", "LEFT"),
        size=7.5,
    )


def _trio_page(pdf: ReportPDF, model: Model, trio: GroupTrio) -> None:
    result = trio.result
    label = pdf.clean(trio.label, single_line=True)
    pdf.kicker("Trio" if trio.label == trio.municipality else f"Trio {label}")
    pdf.ln(1)
    pdf.font(16, "B")
    pdf.multi_cell(0, 7.5, pdf.clean(trio.municipality) or "–", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.5)
    pdf.para(f"Casus: {trio.casus}" if pdf.clean(trio.casus) else "Geen casus ingevuld.", size=9, colour=MUTED)
    pdf.ln(1)

    size = 84.0
    top = pdf.get_y()
    if top + size + AXIS_GUTTER + 60 > pdf.page_break_trigger:
        pdf.add_page()
        top = pdf.get_y()
    box = Box(pdf.l_margin + AXIS_GUTTER, top + 1, size)
    draw_trio(pdf, model, box, result)

    left = pdf.l_margin
    column_x = box.right + 7
    pdf.set_left_margin(column_x)
    pdf.set_xy(column_x, top)
    try:
        write_outcome(pdf, model, result, summaries=False, size=8.5)
        y = pdf.get_y()
        if has_answers(result):
            y = draw_legend(pdf, column_x, y + 1, pdf.epw, trio_legend(result), size=7, row_height=4.9,
                            one_per_row=True)
    finally:
        pdf.set_left_margin(left)
    pdf.set_xy(left, max(y, box.bottom + AXIS_GUTTER) + 4)
    if result.members:
        pdf.para(statement_table_note(model), size=7, colour=MUTED)
    statement_table(pdf, model, result, compact=True)
