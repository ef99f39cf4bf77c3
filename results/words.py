"""The sentences that a page and a PDF report both show, written once.

Everything here is plain text. A :class:`Sentence` is a lead (set in bold), the text after it and
an optional aside (set in italics on a page); words that a page sets in bold inside a sentence
go through an ``emphasis`` function, which a page passes and the PDF leaves out. Pages turn the
parts into Markdown (``ui.explain``), the PDF sets them in its own fonts (``reports.pdf``).

The words come from here and from the content pack (quadrant names and summaries, agreement
levels), which pages show as Markdown, as they always have. A member's label is user text: a page
escapes it with ``ui.text.md`` before it reaches Markdown, and the PDF sanitises every string.

No Streamlit, no SQL, no plotly, no fpdf.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from results.numbers import decimal
from results.rounds import Shift, Step, TrioStep
from scoring import (
    FRAMES,
    Frame,
    GroupResult,
    GroupScore,
    MemberResult,
    Model,
    Placement,
    Score,
    agreement_text,
    placement,
)

Emphasis = Callable[[str], str]
"""How a page marks a word inside a sentence (``**bold**``); the PDF writes the word as it is."""

TOO_FEW = "nog te weinig antwoorden voor een plek op beide assen."
ABCD = (
    "ABCD staat voor Asset Based Community Development: een wijk versterken vanuit wat bewoners en de buurt "
    "al hebben en kunnen, in plaats van vanuit wat er ontbreekt."
)
"""Said once, where a participant first meets "ABCD" (the start page; the trio report's introduction)."""
NO_PLACE = "Nog geen plek"
PLACES_LEAD = "Trioleden op een grens of in het midden:"
"""Above :func:`member_places` on the results page and in the reports."""


def plain(word: str) -> str:
    return word


def join_words(parts: list[str]) -> str:
    """"a", "a en b", "a, b en c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def count_words(n: int, one: str, many: str) -> str:
    """``count_words(1, "antwoord", "antwoorden")`` -> "1 antwoord"; 3 -> "3 antwoorden"."""
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Sentence:
    lead: str
    """Set in bold; may be empty."""
    text: str = ""
    aside: str = ""
    """A side note after the text, set in italics on a page."""


@dataclass(frozen=True)
class Attribution:
    """What the quadrant model is freely based on: a sentence and the title of the work."""

    text: str
    work: str


MODEL_BASIS = Attribution(
    text="Het kwadrantenmodel is vrij naar Huygen & Fortuin",
    work="ABCD: Naar veerkrachtige gemeenschappen",
)
"""Shown on the start page (with the title in italics) and in every report ("Over het model")."""


# --- Where a member or a trio stands ------------------------------------------------------------


def quadrant_name(model: Model, quadrant_id: str | None, missing: str = NO_PLACE) -> str:
    if quadrant_id is None:
        return missing
    try:
        return model.quadrant(quadrant_id).name
    except KeyError:
        return quadrant_id


def place_text(model: Model, place: Placement) -> str:
    """"Buurtmaken", "op de grens van Zorgen voor en Doen met" (own quadrant first) or "in het midden"."""
    if place.kind == "middle":
        return "in het midden"
    names = [quadrant_name(model, q) for q in place.quadrant_ids]
    if place.kind == "border":
        return f"op de grens van {names[0]} en {names[1]}"
    return names[0]


def place_words(model: Model, position: Score | GroupScore, missing: str = NO_PLACE) -> str:
    """:func:`place_text` of a position, or ``missing`` when it has no quadrant yet."""
    place = placement(model, position)
    return missing if place is None else place_text(model, place)


def border_text(model: Model, position: Score | GroupScore) -> str:
    """A member's own dot (:class:`Score`) or the trio's mean (:class:`GroupScore`) on a border or in the
    middle, said so: "Je stip ligt op de grens van Zorgen voor en Doen met: …". Empty inside a quadrant."""
    place = placement(model, position)
    if place is None or place.kind == "quadrant":
        return ""
    own = quadrant_name(model, place.quadrant)
    if isinstance(position, Score):
        who, it, answers = "Je stip ligt", "hem", "je antwoorden wijzen"
        points = "Op het kwadrant valt hij"
    else:
        who, it, answers = "Jullie trio staat", "het trio", "jullie antwoorden wijzen samen"
        points = "Op het kwadrant valt het"
    if place.kind == "border":
        return (
            f"{who} {place_text(model, place)}: een paar antwoorden kunnen {it} naar de andere kant "
            "van die grens brengen."
        )
    return f"{who} in het midden: {answers} nog geen duidelijke kant op. {points} net in {own}."


def frame_sentence(model: Model, label: str, position: Score | GroupScore) -> Sentence:
    """"<label>: <quadrant>." with the quadrant's summary, and :func:`border_text` as the aside.

    In the middle the lead says so and the summary is left out: no quadrant describes that place."""
    if position.quadrant is None:
        return Sentence(f"{label}:", TOO_FEW)
    place = placement(model, position)
    quadrant = model.quadrant(position.quadrant)
    aside = border_text(model, position)
    if place is not None and place.kind == "middle":
        return Sentence(f"{label}: in het midden.", "", aside)
    return Sentence(f"{label}: {quadrant.name}.", quadrant.summary, aside)


def short_place(model: Model, position: Score | GroupScore, missing: str = TOO_FEW) -> str:
    """The place in a few words, for a table cell or a short line: "Buurtmaken",
    "op de grens van Buurtmaken en Doen met", "in het midden (net in Buurtmaken)"."""
    place = placement(model, position)
    if place is None:
        return missing
    if place.kind == "middle":
        return f"in het midden (net in {quadrant_name(model, place.quadrant)})"
    return place_text(model, place)


def member_places(model: Model, result: GroupResult) -> list[Sentence]:
    """One line per member whose dot lies on a border or in the middle, the label as lead (user text):
    "Anna:" "nu op de grens van Zorgen voor en Doen met, gewenst in het midden."."""
    notes: list[Sentence] = []
    for member in result.members:
        parts = []
        for frame in FRAMES:
            place = placement(model, member.frame(frame))
            if place is not None and place.kind != "quadrant":
                parts.append(f"{frame} {place_text(model, place)}")
        if parts:
            notes.append(Sentence(f"{member.label}:", f"{', '.join(parts)}."))
    return notes


def staying_text(*, trio: bool) -> str:
    """Said when nu and gewenst lie in one quadrant: to a member on the questionnaire, or to the trio."""
    who, which = ("Jullie willen", "dit") if trio else ("Je wilt", "hetzelfde")
    return f"{who} in {which} kwadrant blijven, maar misschien wel verschuiven: kijk naar de pijl."


def position_sentences(model: Model, nu: Score, gewenst: Score) -> list[Sentence]:
    """A member's own nu and gewenst, in words (the questionnaire)."""
    sentences = [frame_sentence(model, "Nu", nu), frame_sentence(model, "Gewenst", gewenst)]
    if nu.quadrant and gewenst.quadrant and nu.quadrant == gewenst.quadrant:
        sentences.append(Sentence("", staying_text(trio=False)))
    return sentences


def agreement_words(model: Model, group: GroupScore) -> str:
    if group.n < 2:
        return "Nog niet te zeggen: daarvoor zijn plekken van minstens twee trioleden nodig."
    return agreement_text(model, group.spread) or "Nog niet te zeggen."


def outcome_sentences(model: Model, result: GroupResult, *, summaries: bool = True) -> list[Sentence]:
    """The trio's outcome; short (quadrant names only) without the quadrant summaries."""
    if result.answered == 0:
        return [Sentence("Nog geen antwoorden.", "Zodra de trioleden de stellingen hebben beantwoord, staat "
                         "hier waar jullie de gemeente nu zien en waar jullie naartoe willen.")]
    nu_q, gew_q = result.nu.quadrant, result.gewenst.quadrant
    sentences: list[Sentence] = []
    if summaries:
        sentences.append(frame_sentence(model, "Waar jullie nu staan", result.nu))
        gewenst_place = placement(model, result.gewenst)
        if gew_q and gew_q == nu_q and gewenst_place is not None and gewenst_place.kind != "middle":
            name = model.quadrant(gew_q).name
            sentences.append(Sentence(f"Waar jullie naartoe willen: ook {name}.", staying_text(trio=True),
                                      border_text(model, result.gewenst)))
        else:
            sentences.append(frame_sentence(model, "Waar jullie naartoe willen", result.gewenst))
    else:
        sentences.append(Sentence("Nu:", f"{short_place(model, result.nu)}." if nu_q else TOO_FEW))
        gewenst_place = placement(model, result.gewenst)
        clear = gewenst_place is not None and gewenst_place.kind == "quadrant"
        same = " (hetzelfde kwadrant)" if clear and gew_q == nu_q else ""
        sentences.append(Sentence("Gewenst:", f"{short_place(model, result.gewenst)}{same}." if gew_q else TOO_FEW))
    sentences.append(Sentence("Onderling verschil over nu:", agreement_words(model, result.nu)))
    sentences.append(Sentence("Onderling verschil over gewenst:", agreement_words(model, result.gewenst)))
    return sentences


def has_numbers(result: GroupResult, frame: Frame | None = None) -> bool:
    """Whether any member gave an answer other than "weet ik niet" (in ``frame``, or in either)."""
    frames = FRAMES if frame is None else (frame,)
    return any(v is not None for m in result.members for f in frames for v in m.answers.get(f, {}).values())


def no_numbers_yet(frame: Frame) -> str:
    """Why "Naast elkaar" has only empty cells for a moment."""
    return (
        f"Nog niemand heeft voor {frame} een antwoord gegeven (‘weet ik niet’ telt hier niet mee). "
        "Zodra dat gebeurt, vullen de vakjes zich."
    )


def starters_missing(result: GroupResult) -> str:
    """Why there are no conversation starters (yet), for the page and the report alike."""
    if not has_numbers(result):
        return "Er zijn nog geen gespreksstarters: daarvoor zijn eerst antwoorden op de stellingen nodig."
    return (
        "Er zijn nog geen gespreksstarters: daarvoor zijn antwoorden nodig van minstens twee trioleden op "
        "dezelfde stelling, of antwoorden voor nu én gewenst."
    )


def perspectives_missing(result: GroupResult) -> str:
    """Why there are no handelingsperspectieven (yet): they follow the trio's place for nu and gewenst."""
    nu, gewenst = result.nu.quadrant, result.gewenst.quadrant
    if nu is None and gewenst is None:
        return (
            "Jullie trio heeft nog geen plek op het kwadrant, dus er zijn nog geen handelingsperspectieven. "
            "Vul eerst de stellingen in voor nu en gewenst."
        )
    have, lack = ("nu", "gewenst") if nu is not None else ("gewenst", "nu")
    return (
        f"Jullie trio heeft al een plek voor {have}, maar nog niet voor {lack}. De handelingsperspectieven "
        f"komen er zodra jullie ook voor {lack} een plek hebben: daarvoor zijn antwoorden op beide assen nodig."
    )


# --- Members ---------------------------------------------------------------------------------------


def member_label(member: MemberResult) -> str:
    """The member's label, with how far they are while not done: "Anna (5/12)" (user text)."""
    if member.complete:
        return member.label
    return f"{member.label} ({member.answered}/{member.total})"


def member_notes(result: GroupResult) -> list[str]:
    """One sentence per member who is not done or has no place on the quadrant (user text inside)."""
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


# --- Handelingsperspectieven ---------------------------------------------------------------------------


def staying_in(quadrant: str, emphasis: Emphasis = plain) -> str:
    """The trio wants to stay in its quadrant."""
    return f"Jullie willen in {emphasis(quadrant)} blijven."


def route(current: str, desired: str, emphasis: Emphasis = plain) -> str:
    """From the quadrant the trio is in to the one it wants (without a full stop: the PDF's subheading)."""
    return f"Van {emphasis(current)} naar {emphasis(desired)}"


# --- Movement between rounds (leertraject) ---------------------------------------------------------
# How a trio and its members moved from one werkplaats to the next (results.rounds): shown on the
# results page and in the trio's PDF; the organisers' report says it per trio.

STILL = 0.05
"""A change on an axis smaller than this (in score units, -1..1) is "vrijwel dezelfde plek": less than
one answer a point further on a six-statement axis."""


def _towards(model: Model, shift: Shift) -> list[str]:
    """"0,40 richting Krachten" per axis that moved at least :data:`STILL`."""
    moves = []
    for axis, delta in ((model.axes.x, shift.dx), (model.axes.y, shift.dy)):
        if delta is not None and abs(delta) >= STILL:
            moves.append(f"{decimal(abs(delta))} richting {axis.high if delta > 0 else axis.low}")
    return moves


def shift_words(model: Model, step: Step, frame: Frame) -> str:
    """What one frame did between two rounds, without a subject, as a sentence's end:
    "schoof van Zorgen voor naar Doen met: 0,40 richting Krachten." (see :func:`trio_step_sentences`)."""
    shift = step.shift(frame)
    if shift.before is None or shift.after is None:
        missing = [label for label, place in ((step.before, shift.before), (step.after, shift.after)) if place is None]
        return f"is niet te vergelijken: in {join_words(missing)} was er nog geen plek."
    before = quadrant_name(model, shift.before.quadrant)
    after = quadrant_name(model, shift.after.quadrant)
    moves = _towards(model, shift)
    if shift.quadrant_changed:
        if not moves:
            return f"schoof net over de grens van {before} naar {after}."
        return f"schoof van {before} naar {after}: {join_words(moves)}."
    if not moves:
        return f"bleef vrijwel op dezelfde plek, in {before}."
    return f"bleef in {before}, maar schoof {join_words(moves)}."


def trio_step_sentences(model: Model, trio_step: TrioStep, who: str = "Jullie") -> list[Sentence]:
    """"Jullie ‘nu’ schoof van Zorgen voor naar Doen met: …" and the same for gewenst; a note when the trio
    was not the same people in both rounds. ``who`` is the subject ("Trio A" in the organisers' report)."""
    step = trio_step.step
    sentences = [Sentence(f"{who} ‘{frame}’", shift_words(model, step, frame)) for frame in FRAMES]
    changes = []
    if trio_step.joined:
        changes.append(f"in {step.after} deed {join_words(list(trio_step.joined))} voor het eerst mee")
    if trio_step.left:
        changes.append(f"{join_words(list(trio_step.left))} deed in {step.after} niet mee")
    if changes:
        sentences.append(Sentence("Let op:", f"{join_words(changes)}. Een deel van de verschuiving komt daardoor."))
    return sentences


def member_step_sentence(model: Model, label: str, step: Step) -> Sentence:
    """One member's step in one sentence: "Anna: ‘nu’ schoof van … ‘Gewenst’ bleef in …" (user text inside)."""
    return Sentence(f"{label}:", f"‘nu’ {shift_words(model, step, 'nu')} ‘Gewenst’ {shift_words(model, step, 'gewenst')}")


def absent_sentence(label: str, rounds: tuple[str, ...]) -> str:
    """A member who missed rounds: "Anna deed niet mee in Werkplaats 2." (user text inside)."""
    return f"{label} deed niet mee in {join_words(list(rounds))}."
