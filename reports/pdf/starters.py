"""Conversation starter cards: the trio's own starters and those on the gap with its bestuurder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reports.pdf.document import ReportPDF
from reports.pdf.style import ACCENT, BODY_SIZE, INK, PANEL
from results.influence import LEVERS_LEAD, levers_words
from scoring import Model, Starter
from scoring.schema import Axis


@dataclass(frozen=True)
class Card:
    model: Model
    starter: Starter
    axis: Axis
    theme: str
    low: str
    high: str
    prompt: str
    needed: float
    """The card's height: kept whole on a page."""


def measure_starters(pdf: ReportPDF, model: Model, starters: Sequence[Starter]) -> list[Card]:
    """A card per starter whose statement the content still has, its texts cleaned and its height measured."""
    cards = []
    inner = pdf.epw - 8
    for starter in starters:
        try:
            question = model.question(starter.question_id)
        except KeyError:
            continue
        axis = model.axis(question.axis)
        theme, low, high = pdf.clean(question.theme), pdf.clean(question.low), pdf.clean(question.high)
        prompt = pdf.clean(starter.prompt, italic=True)
        needed = (
            24
            + pdf.text_height(f"{axis.low}: {low}", inner, 4.7, size=9)
            + pdf.text_height(f"{axis.high}: {high}", inner, 4.7, size=9)
            + pdf.text_height(prompt, inner - 6, 4.9, size=BODY_SIZE, style="I")
            + (4.7 if starter.levers else 0)
        )
        cards.append(Card(model, starter, axis, theme, low, high, prompt, needed))
    return cards


def draw_starters(pdf: ReportPDF, cards: Sequence[Card]) -> None:
    """The cards, numbered from 1: the reason, the statement's theme and poles, and the prompt in a panel."""
    inner = pdf.epw - 8
    for number, card in enumerate(cards, start=1):
        starter = card.starter
        reason = starter.reason.rstrip(".")
        pdf.ensure_space(card.needed)
        pdf.kicker(f"{number}  ·  {reason}", colour=ACCENT)
        pdf.ln(0.8)
        pdf.font(11, "B", INK)
        pdf.multi_cell(0, 5.6, card.theme, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
        pdf.lead_para(f"{card.axis.low}:", card.low, size=9)
        pdf.lead_para(f"{card.axis.high}:", card.high, size=9)
        if starter.levers:
            pdf.lead_para(LEVERS_LEAD, levers_words(card.model, starter.levers), size=9)
        y = pdf.get_y()
        pdf.font(BODY_SIZE, "I", INK)
        height = pdf.exact_height(card.prompt, inner - 2, 4.9) + 4
        pdf.set_fill_color(*PANEL)
        pdf.rect(pdf.l_margin, y, pdf.epw, height, style="F")
        pdf.set_fill_color(*ACCENT)
        pdf.rect(pdf.l_margin, y, 0.9, height, style="F")
        pdf.set_xy(pdf.l_margin + 5, y + 2)
        pdf.multi_cell(inner - 2, 4.9, card.prompt, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(y + height + 5)
        pdf.font()
