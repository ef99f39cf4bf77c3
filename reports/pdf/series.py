"""The trio report's sections for a leertraject: movement since the previous round, the bestuurder
beside the trio, the previous round's actions followed up, and the leervragen.

Every sentence comes from ``results`` (the results page shows the same ones); each section is
drawn only when it has something to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from reports.pdf.document import ReportPDF
from reports.pdf.starters import draw_starters, measure_starters
from reports.pdf.style import ACCENT, MUTED
from results.actions import FOLLOW_UP_TITLE, FollowedAction, action_line, followed_sentence
from results.bestuur import (
    BESTUUR_CLOSE,
    BESTUUR_STARTERS_LEAD,
    BESTUUR_TITLE,
    bestuur_sentences,
    bestuur_starters,
)
from results.leervragen import LEERVRAAG_PROMPT, LEERVRAGEN_TITLE, Leervraag, note_sentence, written_notes
from results.rounds import TrioMovement
from results.words import Sentence, absent_sentence, member_step_sentence, trio_step_sentences
from scoring import GroupResult, MemberResult, Model

INDENT = 5.0


def _sentences(pdf: ReportPDF, sentences: Sequence[Sentence], *, size: float = 9.5, indent: float = 0.0) -> None:
    for sentence in sentences:
        if sentence.lead:
            pdf.lead_para(sentence.lead, sentence.text, size=size, indent=indent, after=1.0)
        else:
            pdf.para(sentence.text, size=size, indent=indent, after=1.0)


# --- Beweging sinds de vorige ronde -----------------------------------------------------------------------


def movement_heading(movement: TrioMovement) -> str:
    return f"Beweging sinds {movement.steps[-1].step.before}" if movement.steps else ""


def movement_section(pdf: ReportPDF, model: Model, movement: TrioMovement | None) -> None:
    """The trio's step from the previous round to this one, then each member's; nothing before a second round."""
    if movement is None or not movement.steps:
        return
    last = movement.steps[-1]
    pdf.heading(movement_heading(movement), space=45)
    _sentences(pdf, trio_step_sentences(model, last))
    current = movement.rounds[-1]
    members = [(m, m.steps[-1]) for m in movement.members if m.steps and m.steps[-1].after == current]
    absent = [m for m in movement.members if m.missing]
    if members or absent:
        pdf.ln(1)
        pdf.subheading("Per triolid", size=10, colour=ACCENT, space=20)
    _sentences(pdf, [member_step_sentence(model, m.label, step) for m, step in members], size=9)
    for m in absent:
        pdf.para(absent_sentence(m.label, m.missing), size=9, colour=MUTED, after=1.0)


# --- Jullie bestuurder -------------------------------------------------------------------------------------


def bestuur_section(pdf: ReportPDF, model: Model, trio: GroupResult, bestuur: MemberResult | None) -> None:
    """Where the bestuurder places the gemeente beside the trio, and the starters on the gap."""
    if bestuur is None:
        return
    pdf.heading(BESTUUR_TITLE, space=45)
    _sentences(pdf, bestuur_sentences(model, trio, bestuur))
    if not bestuur.answered:
        return
    cards = measure_starters(pdf, model, bestuur_starters(model, trio, bestuur))
    pdf.ln(1)
    if not cards:
        pdf.para(BESTUUR_CLOSE)
        return
    pdf.ensure_space(cards[0].needed + 10)
    pdf.para(BESTUUR_STARTERS_LEAD, colour=MUTED)
    draw_starters(pdf, cards)


# --- De acties van de vorige keer ----------------------------------------------------------------------------


def followed_actions_section(pdf: ReportPDF, actions: Sequence[FollowedAction]) -> None:
    """Each action of the previous round with its status and the trio's one line about it."""
    shown = [a for a in actions if pdf.clean(a.what)]
    if not shown:
        return
    pdf.heading(FOLLOW_UP_TITLE, space=40)
    for action in shown:
        pdf.ensure_space(14)
        pdf.para(action_line(action), style="B", size=9.5, after=0.6)
        _sentences(pdf, [followed_sentence(action)], size=9, indent=INDENT)
        pdf.ln(1.2)


# --- Jullie leervragen --------------------------------------------------------------------------------------


def leervragen_section(pdf: ReportPDF, leervragen: Sequence[Leervraag]) -> None:
    """The leervragen, numbered, each with what the trio wrote about it per round (or the prompt)."""
    shown = [q for q in leervragen if pdf.clean(q.text)]
    if not shown:
        return
    pdf.heading(LEERVRAGEN_TITLE, space=40)
    for number, leervraag in enumerate(shown, start=1):
        pdf.ensure_space(14)
        pdf.para(f"{number}. {leervraag.text}", style="B", size=10, after=0.8)
        notes = written_notes(leervraag)
        if notes:
            _sentences(pdf, [note_sentence(n) for n in notes], size=9, indent=INDENT)
        else:
            pdf.para(LEERVRAAG_PROMPT, size=9, style="I", colour=MUTED, indent=INDENT, after=1.0)
        pdf.ln(1.5)
