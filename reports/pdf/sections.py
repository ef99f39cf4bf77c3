"""Sections both reports share: the outcome in words and 'Over het model'."""

from __future__ import annotations

from reports.pdf.document import ReportPDF
from reports.pdf.style import BODY_SIZE, LINE, MUTED
from scoring import GroupResult, GroupScore, Model, agreement_text

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
