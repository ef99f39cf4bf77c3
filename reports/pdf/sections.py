"""Sections both reports share: the outcome in words and 'Over het model'."""

from __future__ import annotations

from reports.pdf.document import ReportPDF
from reports.pdf.style import BODY_SIZE, LINE, MUTED
from results.words import MODEL_BASIS, PLACES_LEAD, member_notes, member_places, outcome_sentences
from scoring import GroupResult, Model

# --- Words --------------------------------------------------------------------------------------


def has_answers(result: GroupResult) -> bool:
    return result.answered > 0


def write_outcome(pdf: ReportPDF, model: Model, result: GroupResult, *, summaries: bool = True,
                  size: float = BODY_SIZE) -> None:
    for sentence in outcome_sentences(model, result, summaries=summaries):
        pdf.lead_para(sentence.lead, sentence.text, size=size)
        if sentence.aside:
            pdf.para(sentence.aside, size=size - 0.5, style="I")
    places = member_places(model, result)
    if places:
        pdf.ln(0.5)
        pdf.para(PLACES_LEAD, size=size - 0.5, style="B", after=0.4)
        for place in places:
            pdf.lead_para(place.lead, place.text, size=size - 0.5, after=0.8)
    notes = member_notes(result)
    if notes:
        pdf.ln(0.5)
        for note in notes:
            pdf.para(note, size=size - 0.5, colour=MUTED, after=0.8)


# --- Shared sections ------------------------------------------------------------------------------------

MODEL_NOTE = (
    f"{MODEL_BASIS.text}. De teksten zijn bewerkt voor de Werkplaatsen Wijkgericht Werken en zijn geen "
    "letterlijke weergave van het oorspronkelijke model."
)
"""The work's title is left out: the sources below name it."""


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
