"""The trio's take-home report: where the trio stands, where it wants to go, and what it will do."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from reports.pdf.document import ReportPDF, title_block
from reports.pdf.influence import influence_section
from reports.pdf.legends import draw_legend, trio_legend
from reports.pdf.quadrant import draw_trio, quadrant_frame
from reports.pdf.sections import about_section, has_answers, write_outcome
from reports.pdf.series import bestuur_section, followed_actions_section, leervragen_section, movement_section
from reports.pdf.starters import draw_starters, measure_starters
from reports.pdf.style import ACCENT, AXIS_GUTTER, BODY_SIZE, INK, MUTED, dutch_date
from reports.pdf.tables import data_table, statement_table, statement_table_note
from results.actions import FollowedAction
from results.influence import InfluenceScene, first_heading, focus_sentence, numbered_member
from results.leervragen import Leervraag
from results.rounds import TrioMovement
from results.words import ABCD, perspectives_missing, route, starters_missing, staying_in
from scoring import ActionPlan, GroupResult, MemberResult, Model, Starter
from scoring.schema import Perspective

INSPIRATION_SPHERE = "eigen_handelen"
MIN_SIZE = 85.0
"""The smallest quadrant on page 1 (mm); with less room it moves to the next page."""


@dataclass(frozen=True)
class TrioReport:
    model: Model
    werkplaats_name: str
    werkplaats_date: datetime.date
    municipality: str
    casus: str
    result: GroupResult
    """Members and the trio's nu and gewenst."""
    starters: Sequence[Starter]
    plan: ActionPlan | None
    """``None`` when the trio has no quadrant yet."""
    chosen_perspective_ids: Sequence[str]
    actions: Sequence[tuple[str, str, str]]
    """Own actions as (what, who, when)."""
    generated_on: datetime.date
    influence: InfluenceScene | None = None
    """The invloedskaart; ``None`` when the content asks no influence question (no section then)."""
    member_levels: Sequence[str] = field(default_factory=tuple)
    """Each member's level name, in the order of ``result.members`` ("" when not given); empty: no levels."""
    # A leertraject: each section below is shown only when it has content.
    round_name: str = ""
    """This round's name in the traject ("Werkplaats 2"); empty for a single werkplaats."""
    leervragen: Sequence[Leervraag] = ()
    followed_actions: Sequence[FollowedAction] = ()
    """The previous round's actions with their status and reflection."""
    movement: TrioMovement | None = None
    """The trio's rounds so far, this one last (``results.rounds.trio_movement``)."""
    bestuur: MemberResult | None = None
    """The bestuurder's answers (``results.bestuur_result``), shown beside the trio, never in its mean."""
    previous: GroupResult | None = None
    """The trio's result at the round before, drawn faded in the quadrant."""


def build_trio_pdf(report: TrioReport) -> bytes:
    """The trio report as PDF bytes (A4 portrait, Dutch)."""
    pdf = ReportPDF(footer_context=report.municipality, title=f"Rolwijzer – {report.municipality}")
    pdf.add_page()
    _title(pdf, report)
    _picture(pdf, report)
    _outcome(pdf, report)
    movement_section(pdf, report.model, report.movement)
    bestuur_section(pdf, report.model, report.result, report.bestuur)
    _side_by_side(pdf, report)
    if report.influence is not None:
        influence_section(pdf, report.influence)
    _starters(pdf, report)
    _perspectives(pdf, report)
    followed_actions_section(pdf, report.followed_actions)
    _actions(pdf, report)
    leervragen_section(pdf, report.leervragen)
    about_section(pdf, report.model)
    return bytes(pdf.output())


def _title(pdf: ReportPDF, report: TrioReport) -> None:
    round_shown = bool(report.round_name.strip()) and report.round_name.strip() != report.werkplaats_name.strip()
    title_block(
        pdf,
        kicker="Rolwijzer · Werkplaatsen Wijkgericht Werken",
        title=report.municipality,
        subtitle_label="Casus",
        subtitle=report.casus,
        facts=[
            ("Werkplaats", report.werkplaats_name),
            *([("Ronde", report.round_name)] if round_shown else []),
            ("Datum werkplaats", dutch_date(report.werkplaats_date)),
            ("Verslag gemaakt op", dutch_date(report.generated_on)),
        ],
        fact_widths=(1.5, 1, 1.25, 1.25) if round_shown else (2, 1, 1),
    )
    members = report.result.members
    if members:
        levels = [*report.member_levels, *[""] * len(members)]
        pdf.para("Trioleden", size=9, style="B", after=0.4)
        for number, (m, level) in enumerate(zip(members, levels, strict=False), start=1):
            pdf.para(numbered_member(number, m.label, level), size=9, after=0.4)
        pdf.ln(1.5)
    pdf.para(
        "Dit verslag laat zien waar jullie trio de rol van de gemeente nu ziet in het ABCD-kwadrantenmodel, "
        "waar jullie naartoe willen, waarover het gesprek kan gaan en welke acties jullie hebben afgesproken. "
        + ABCD,
        colour=MUTED,
    )


def _picture(pdf: ReportPDF, report: TrioReport) -> None:
    result = report.result
    pdf.heading("Jullie plek op het kwadrant", space=90)
    # Beside the trio only when they answered: an empty mark would be drawn nowhere.
    bestuur = report.bestuur if report.bestuur is not None and report.bestuur.answered else None
    previous = report.previous if report.previous is not None and has_answers(report.previous) else None
    legend = trio_legend(result, bestuur=bestuur is not None, previous=previous is not None)
    max_size = 130.0
    legend_h = draw_legend(pdf, 0, 0, max_size + AXIS_GUTTER, legend, draw=False)
    # A smaller quadrant has a narrower legend, which may need more lines: measure it at the size it gets.
    for _ in range(3):
        size = min(max_size, pdf.epw - AXIS_GUTTER, pdf.page_break_trigger - pdf.get_y() - AXIS_GUTTER - legend_h - 8)
        if size >= max_size or size < MIN_SIZE:
            break
        narrower = draw_legend(pdf, 0, 0, size + AXIS_GUTTER, legend, draw=False) + 1
        if narrower <= legend_h:
            break
        legend_h = narrower
    box = quadrant_frame(pdf, max_size=max_size, min_size=MIN_SIZE, legend_height=legend_h + 6)
    draw_trio(pdf, report.model, box, result, bestuur=bestuur, previous=previous)
    if has_answers(result):
        y = draw_legend(pdf, box.x - AXIS_GUTTER, box.bottom + AXIS_GUTTER + 1.5, box.size + AXIS_GUTTER, legend)
        pdf.set_y(y + 1)
    else:
        pdf.set_y(box.bottom + AXIS_GUTTER + 2)
        pdf.para("Er zijn nog geen antwoorden, dus er staan nog geen punten op het kwadrant.", colour=MUTED,
                 size=8.5)


def _outcome(pdf: ReportPDF, report: TrioReport) -> None:
    pdf.heading("De uitkomst in woorden", space=35)
    write_outcome(pdf, report.model, report.result)


def _side_by_side(pdf: ReportPDF, report: TrioReport) -> None:
    pdf.heading("Naast elkaar", space=70)
    if report.result.members:
        pdf.para(
            "Per stelling jullie antwoorden voor nu en gewenst, naast elkaar. " + statement_table_note(report.model),
            size=8.5, colour=MUTED,
        )
    statement_table(pdf, report.model, report.result)


def _starters(pdf: ReportPDF, report: TrioReport) -> None:
    cards = measure_starters(pdf, report.model, report.starters)
    # Keep the heading with the introduction and the first card.
    pdf.heading("Gespreksstarters", space=(cards[0].needed if cards else 0) + 30)
    if not cards:
        pdf.para(starters_missing(report.result))
        return
    pdf.para("De stellingen die het meeste gesprek waard zijn, met een vraag om het gesprek mee te beginnen.",
             colour=MUTED)
    draw_starters(pdf, cards)


def _perspective_item(pdf: ReportPDF, perspective: Perspective, label: str) -> None:
    title = pdf.clean(perspective.title)
    text = pdf.clean(perspective.text)
    inner = pdf.epw - 5
    needed = pdf.text_height(title, inner, 5.0, size=10, style="B") + pdf.text_height(text, inner, 4.9) + 9
    pdf.ensure_space(needed)
    y = pdf.get_y()
    pdf.set_x(pdf.l_margin + 5)
    pdf.kicker(label, colour=MUTED, size=6.8)
    pdf.set_x(pdf.l_margin + 5)
    pdf.font(10, "B", INK)
    pdf.multi_cell(inner, 5.0, title, align="L", new_x="LEFT", new_y="NEXT")
    pdf.font(BODY_SIZE, "", INK)
    pdf.multi_cell(inner, 4.9, text, align="L", new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    if bottom > y:  # not split over a page: draw the bar beside the item
        pdf.set_fill_color(*ACCENT)
        pdf.rect(pdf.l_margin, y + 0.5, 0.9, bottom - y - 0.5, style="F")
    pdf.ln(3.5)


def _perspectives(pdf: ReportPDF, report: TrioReport) -> None:
    model = report.model
    plan = report.plan
    pdf.heading("Handelingsperspectieven", space=60)
    if plan is None:
        pdf.para(perspectives_missing(report.result))
        return
    current = model.quadrant(plan.current)
    desired = model.quadrant(plan.desired)
    if plan.staying:
        pdf.subheading(f"{desired.name} versterken")
        pdf.para(f"{staying_in(desired.name)} Zo versterken jullie dat:")
        pdf.para(plan.strengthen or desired.government_role)
    else:
        pdf.subheading(route(current.name, desired.name))
        pdf.para(plan.transition.text if plan.transition else desired.government_role)

    audiences = {a.id: a.name for a in model.audiences}
    spheres = {s.id: s.name for s in model.spheres}
    pdf.ln(2)
    wanted = set(report.chosen_perspective_ids)
    chosen = [p for p in model.perspectives if p.id in wanted]
    if chosen:
        pdf.subheading("Wat jullie kiezen", space=40)
        _by_audience(pdf, model, chosen)
    first = [p for p in plan.first if p.id not in wanted]
    if first:
        pdf.ln(1)
        pdf.subheading(first_heading(model, None), space=40)
        pdf.para(focus_sentence(model, plan), colour=MUTED)
        _by_audience(pdf, model, first)
    if chosen or plan.first:
        return
    sphere_id = INSPIRATION_SPHERE if INSPIRATION_SPHERE in spheres else model.spheres[0].id
    goal = f"om {desired.name} te versterken" if plan.staying else f"op weg naar {desired.name}"
    pdf.para(
        f"Jullie hebben nog geen handelingsperspectieven gekozen. Ter inspiratie: wat je {goal} zelf kunt doen "
        f"({spheres[sphere_id].lower()}).",
        colour=MUTED,
    )
    for perspective in plan.perspectives:
        if perspective.sphere == sphere_id:
            label = f"{audiences.get(perspective.audience, perspective.audience)} · {spheres[sphere_id]}"
            _perspective_item(pdf, perspective, label)


def _by_audience(pdf: ReportPDF, model: Model, perspectives: Sequence[Perspective]) -> None:
    """Cards under a small heading per audience, audiences and then spheres as in the model."""
    audience_rank = {a.id: i for i, a in enumerate(model.audiences)}
    sphere_rank = {s.id: i for i, s in enumerate(model.spheres)}
    audiences = {a.id: a.name for a in model.audiences}
    spheres = {s.id: s.name for s in model.spheres}
    ordered = sorted(
        perspectives, key=lambda p: (audience_rank.get(p.audience, 99), sphere_rank.get(p.sphere, 99))
    )
    current_audience: str | None = None
    for perspective in ordered:
        if perspective.audience != current_audience:
            current_audience = perspective.audience
            pdf.ln(1)
            pdf.subheading(f"Voor {audiences.get(current_audience, current_audience).lower()}", size=10,
                           colour=ACCENT, space=35)
        _perspective_item(pdf, perspective, spheres.get(perspective.sphere, perspective.sphere))


def _actions(pdf: ReportPDF, report: TrioReport) -> None:
    pdf.heading("Onze acties", space=40)
    rows = [
        (what, who, when)
        for what, who, when in report.actions
        if any(pdf.clean(v) for v in (what, who, when))
    ]
    if not rows:
        pdf.para("Nog geen eigen acties vastgelegd.")
        return
    data_table(pdf, ["Wat", "Wie", "Wanneer"], rows, (96, 44, 34), size=9)
