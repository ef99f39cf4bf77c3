"""The bestuurder's view beside the trio.

A trio can send a link to its bestuurder or directeur, who answers the same statements for nu and
gewenst. The bestuurder is scored like a member (``results.trio.bestuur_result``) but never counted
in the trio's mean: here the two are compared per frame (:class:`BestuurComparison`), said in words
(:func:`bestuur_sentences`) and turned into conversation starters (:func:`bestuur_starters`). The
results page and the trio's PDF show the same words. No Streamlit, no SQL.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from results.numbers import decimal
from results.words import STILL, Sentence, join_words, place_text, short_place
from scoring import FRAMES, Frame, GroupResult, GroupScore, MemberResult, Model, Score, Starter, placement
from scoring.engine import oriented

BESTUUR_TITLE = "Jullie bestuurder"
BESTUUR_WAIT = "Je ziet de uitkomst van het trio zodra het trio die met je deelt."
"""Shown to the bestuurder after answering, until the trio shares its result."""
BESTUUR_INVITE = (
    "Stuur deze link naar jullie bestuurder of directeur. Die beantwoordt dezelfde stellingen als jullie, "
    "voor nu en gewenst. Jullie bestuurder telt niet mee in het gemiddelde van het trio en ziet jullie "
    "uitkomst pas als jullie die delen."
)
BESTUUR_NOT_COUNTED = "Jullie bestuurder telt niet mee in het gemiddelde van het trio."
BESTUUR_NO_ANSWERS = "Jullie bestuurder heeft de stellingen nog niet beantwoord."
BESTUUR_CLOSE = "Jullie bestuurder en jullie trio zien het ongeveer hetzelfde: er is geen groot verschil."
BESTUUR_STARTERS_LEAD = "Waar jullie bestuurder het anders ziet, met een vraag om het gesprek mee te beginnen."
BESTUUR_QUESTION = "Waar komt dat verschil vandaan?"
NO_PLACE_YET = "nog geen plek: daarvoor zijn antwoorden op beide assen nodig"

WIDE_GAP = 1.0
"""A statement is worth a starter when the bestuurder's answer and the trio's mean answer lie at least
this many answer points apart."""


@dataclass(frozen=True)
class StatementGap:
    """One statement in one frame: the trio's mean answer beside the bestuurder's, in answer points on
    the axis direction (1 is the axis' low pole)."""

    question_id: str
    trio: float
    bestuur: int

    @property
    def gap(self) -> float:
        """The bestuurder's answer minus the trio's mean (positive: the bestuurder is nearer the high pole)."""
        return self.bestuur - self.trio


@dataclass(frozen=True)
class BestuurComparison:
    """One frame: the trio's mean place and the bestuurder's, and the statements where they differ most."""

    frame: Frame
    trio: GroupScore
    bestuur: Score
    statements: tuple[StatementGap, ...]
    """Every statement both the bestuurder and a trio member answered (not "weet ik niet"), the largest
    difference first, in the model's statement order on ties."""

    @property
    def dx(self) -> float | None:
        """The bestuurder's x minus the trio's (positive: the bestuurder is nearer the axis' high pole)."""
        return None if self.bestuur.x is None or self.trio.x is None else self.bestuur.x - self.trio.x

    @property
    def dy(self) -> float | None:
        return None if self.bestuur.y is None or self.trio.y is None else self.bestuur.y - self.trio.y

    @property
    def distance(self) -> float | None:
        """How far apart the two places are (score units); ``None`` when one has no place."""
        if self.dx is None or self.dy is None:
            return None
        return math.hypot(self.dx, self.dy)

    def largest(self, count: int = 3) -> tuple[StatementGap, ...]:
        """The statements where the two differ most, at most ``count``, none without a difference."""
        return tuple(s for s in self.statements if s.gap)[:count]


def _statement_gaps(model: Model, trio: GroupResult, bestuur: MemberResult, frame: Frame) -> tuple[StatementGap, ...]:
    points = model.scale.points
    gaps = []
    for q in model.questions:
        own = bestuur.answers.get(frame, {}).get(q.id)
        values = [oriented(q, v, points) for m in trio.members if (v := m.answers.get(frame, {}).get(q.id)) is not None]
        if own is not None and values:
            gaps.append(StatementGap(q.id, statistics.fmean(values), oriented(q, own, points)))
    # sorted() is stable: the model's order stays on ties.
    return tuple(sorted(gaps, key=lambda g: -abs(g.gap)))


def bestuur_comparison(model: Model, trio: GroupResult, bestuur: MemberResult) -> tuple[BestuurComparison, ...]:
    """Nu and gewenst, in that order."""
    return tuple(
        BestuurComparison(frame, trio.frame(frame), bestuur.frame(frame), _statement_gaps(model, trio, bestuur, frame))
        for frame in FRAMES
    )


# --- Words ---------------------------------------------------------------------------------------------


def _where(model: Model, position: Score | GroupScore) -> str | None:
    """"in Buurtmaken", "op de grens van Buurtmaken en Doen met", "in het midden (net in Buurtmaken)"."""
    place = placement(model, position)
    if place is None:
        return None
    return f"in {place_text(model, place)}" if place.kind == "quadrant" else short_place(model, position)


def bestuur_sentences(model: Model, trio: GroupResult, bestuur: MemberResult) -> list[Sentence]:
    """Where the bestuurder and the trio place the gemeente, per frame:
    "Nu:" "jullie bestuurder ziet de gemeente in Buurtmaken, jullie trio in Zorgen voor."."""
    if bestuur.answered == 0:
        return [Sentence("", BESTUUR_NO_ANSWERS)]
    sentences = []
    for frame in FRAMES:
        own, theirs = _where(model, bestuur.frame(frame)), _where(model, trio.frame(frame))
        sees = "ziet de gemeente" if frame == "nu" else "ziet de gemeente liever"
        parts = [f"jullie bestuurder {sees} {own}" if own else f"jullie bestuurder heeft {NO_PLACE_YET}",
                 f"jullie trio {theirs}" if theirs else f"jullie trio heeft {NO_PLACE_YET}"]
        same = own is not None and bestuur.frame(frame).quadrant == trio.frame(frame).quadrant
        sentences.append(Sentence(f"{frame.capitalize()}:", ", ".join(parts) + (" (hetzelfde kwadrant)." if same else ".")))
    sentences.append(Sentence("", BESTUUR_NOT_COUNTED))
    return sentences


def _poles(model: Model, comparison: BestuurComparison) -> list[str]:
    """The axis poles the bestuurder lies further towards than the trio, by at least :data:`STILL`."""
    poles = []
    for axis, delta in ((model.axes.x, comparison.dx), (model.axes.y, comparison.dy)):
        if delta is not None and abs(delta) >= STILL:
            poles.append(axis.high if delta > 0 else axis.low)
    return poles


def place_prompt(model: Model, comparison: BestuurComparison) -> str:
    """"Jullie bestuurder ziet de gemeente nu meer richting Krachten dan jullie. Waar komt dat verschil
    vandaan?"; empty when the places are (almost) the same or one is missing."""
    poles = _poles(model, comparison)
    if not poles:
        return ""
    if comparison.frame == "nu":
        return f"Jullie bestuurder ziet de gemeente nu meer richting {join_words(poles)} dan jullie. {BESTUUR_QUESTION}"
    return f"Voor later wil jullie bestuurder meer richting {join_words(poles)} dan jullie. {BESTUUR_QUESTION}"


def points_apart(value: float) -> str:
    """How many answer points apart, as one says it: "1 punt", "3 punten", "2,7 punten"."""
    size = abs(value)
    if abs(size - round(size)) < 0.05:
        whole = round(size)
        return f"{whole} {'punt' if whole == 1 else 'punten'}"
    return f"{decimal(size, 1)} punten"


def statement_prompt(model: Model, frame: Frame, gap: StatementGap) -> str:
    """The statement where the two differ most, naming its poles (the axis' pole names, which the card
    sets before the statement's two sides)."""
    axis = model.axis(model.question(gap.question_id).axis)
    pole = axis.high if gap.gap > 0 else axis.low
    return (
        f"Tussen {axis.low} en {axis.high} kiest jullie bestuurder voor ‘{frame}’ meer de kant van {pole} dan "
        f"jullie: {points_apart(gap.gap)} verschil. Wat ziet jullie bestuurder dat jullie niet zien, "
        "en andersom?"
    )


def _starter(question_id: str, prompt: str) -> Starter:
    return Starter(question_id=question_id, kind="bestuur", disagreement=None, gap=None, prompt=prompt)


def bestuur_starters(model: Model, trio: GroupResult, bestuur: MemberResult) -> list[Starter]:
    """At most two conversation starters on the gap between the trio and its bestuurder:

    1. on the frame where their places lie furthest apart (nu on a tie), with the statement on the axis
       of the largest difference where the two differ most;
    2. on the statement where they differ most in either frame (if not the first one's), when the
       difference is at least :data:`WIDE_GAP` answer points.
    """
    comparisons = bestuur_comparison(model, trio, bestuur)
    picked: list[Starter] = []
    placed = [c for c in comparisons if c.distance is not None and place_prompt(model, c)]
    if placed:
        widest = max(placed, key=lambda c: c.distance or 0.0)  # max() keeps the first (nu) on a tie
        axis_id = "x" if abs(widest.dx or 0.0) >= abs(widest.dy or 0.0) else "y"
        on_axis = [g for g in widest.statements if model.question(g.question_id).axis == axis_id and g.gap]
        if on_axis:
            picked.append(_starter(on_axis[0].question_id, place_prompt(model, widest)))
    taken = {s.question_id for s in picked}
    gaps = [(c.frame, g) for c in comparisons for g in c.statements if g.question_id not in taken]
    order = {q.id: i for i, q in enumerate(model.questions)}
    gaps.sort(key=lambda fg: (-abs(fg[1].gap), order[fg[1].question_id]))  # nu before gewenst on a tie
    if gaps and abs(gaps[0][1].gap) >= WIDE_GAP:
        frame, gap = gaps[0]
        picked.append(_starter(gap.question_id, statement_prompt(model, frame, gap)))
    return picked
