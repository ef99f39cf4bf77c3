"""A werkplaats or a leertraject as the organisers see it: every round's trios and the figures of
the organisers' report (participation, movement, gaps, wijk and sector, influence, perspectives,
actions, leervragen).

The input is plain frozen records that storage (or a test) fills: a :class:`Programme` holds
:class:`ProgrammeRound` s in order, each with its :class:`RoundTrio` s. The figures are computed
here once, for the PDF and the Excel workbook alike (``reports.organisers``). No Streamlit, no SQL.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from results.actions import ACTION_STATUSES as ACTION_STATUSES
from results.actions import STATUS_NAMES as STATUS_NAMES
from results.actions import ActionStatus as ActionStatus
from results.actions import FollowedAction as FollowedAction
from results.bestuur import BestuurComparison, bestuur_comparison
from results.groups import wijk_and_sector
from results.leervragen import Leervraag, LeervraagNote
from results.rounds import TrioMovement, trio_movement
from results.wall import TrioGroup
from scoring import (
    FRAMES,
    Answers,
    Frame,
    GroupResult,
    InfluenceChoices,
    MemberResult,
    Model,
    desired_changes,
    disagreement,
    distribution,
    influence_map,
)
from scoring.schema import InfluenceOption

Kind = Literal["werkplaats", "traject"]


# --- Input records -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundTrio:
    """One trio in one round. Satisfies :class:`results.wall.Trio`."""

    id: int
    """The trio's id: the same in every round of a traject (trios carry over)."""
    municipality: str
    casus: str
    result: GroupResult
    """The trio's result in this round (``results.trio_result``); member ids match across rounds."""
    letter: str
    """The anonymous label (A, B, …): keep it the same for a trio in every round."""
    leervragen: tuple[str, ...] = ()
    leervraag_notes: tuple[tuple[str, str], ...] = ()
    """(leervraag, what the trio wrote about it in this round): only leervragen with a note."""
    perspective_ids: tuple[str, ...] = ()
    """The handelingsperspectieven the trio chose in this round."""
    actions: tuple[FollowedAction, ...] = ()
    """The actions the trio wrote down in this round, each with its latest status."""
    influence: InfluenceChoices = field(default_factory=dict)
    """member id -> question id -> influence option id (``scoring.influence``)."""
    bestuur: MemberResult | None = None
    """The trio's bestuurder in this round (``results.bestuur_result``), if invited; never part of ``result``."""

    def label(self, named: bool) -> str:
        """"Trio A", or named "Gemeente Zwolle (A)": the letter stays, as the pictures show it."""
        return f"{self.municipality} ({self.letter})" if named else f"Trio {self.letter}"


@dataclass(frozen=True)
class ProgrammeRound:
    label: str
    """"Werkplaats 2", "Terugkomdag": how the report names the round."""
    held_on: date
    trios: tuple[RoundTrio, ...]


@dataclass(frozen=True)
class Programme:
    model: Model
    name: str
    """The werkplaats' or the traject's name."""
    kind: Kind
    rounds: tuple[ProgrammeRound, ...]
    """In order; a single werkplaats is one round."""
    generated_on: date

    @property
    def latest(self) -> ProgrammeRound | None:
        """The last round with at least one answer (else the last round); ``None`` without rounds."""
        for round_ in reversed(self.rounds):
            if any(t.result.answered for t in round_.trios):
                return round_
        return self.rounds[-1] if self.rounds else None

    def trios(self) -> list[tuple[RoundTrio, list[tuple[ProgrammeRound, RoundTrio]]]]:
        """Every trio once (its record in the last round it took part in) with its rounds, in order of
        first appearance."""
        found: dict[int, list[tuple[ProgrammeRound, RoundTrio]]] = {}
        for round_ in self.rounds:
            for trio in round_.trios:
                found.setdefault(trio.id, []).append((round_, trio))
        return [(appearances[-1][1], appearances) for appearances in found.values()]


# --- Participation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    round: str
    held_on: date
    trios: int
    trios_started: int
    """Trios with at least one answer."""
    members: int
    members_started: int
    members_complete: int
    """Members who answered every statement, nu and gewenst."""
    answered: int
    total: int

    @property
    def progress(self) -> float:
        return self.answered / self.total if self.total else 0.0


def participation(round_: ProgrammeRound) -> Participation:
    members = [m for t in round_.trios for m in t.result.members]
    return Participation(
        round=round_.label,
        held_on=round_.held_on,
        trios=len(round_.trios),
        trios_started=sum(1 for t in round_.trios if t.result.answered),
        members=len(members),
        members_started=sum(1 for m in members if m.answered),
        members_complete=sum(1 for m in members if m.complete),
        answered=sum(m.answered for m in members),
        total=sum(m.total for m in members),
    )


# --- Movement ------------------------------------------------------------------------------------------


def movements(programme: Programme) -> list[tuple[RoundTrio, TrioMovement]]:
    """Every trio's movement over the rounds it took part in (``results.rounds``)."""
    return [
        (trio, trio_movement([(round_.label, entry.result) for round_, entry in appearances]))
        for trio, appearances in programme.trios()
    ]


# --- Statements: disagreement, desired change, wijk and sector ------------------------------------------


@dataclass(frozen=True)
class StatementFigures:
    """One statement across the trios of a round; answers in points on the axis direction."""

    question_id: str
    disagreement_nu: float | None
    """The trios' mean of max − min within the trio; ``None`` when no trio has two answers."""
    disagreement_gewenst: float | None
    wide_trios: int
    """Trios whose members lie at least half the scale apart, in nu or gewenst."""
    change: float | None
    """Everyone's mean gewenst minus mean nu (positive: towards the axis' high pole)."""
    wijk_minus_sector_nu: float | None
    """The wijkambtenaren's mean answer minus the sector colleagues' (positive: wijk is nearer the high pole)."""
    wijk_minus_sector_gewenst: float | None

    @property
    def disagreement(self) -> float | None:
        """The larger of the two frames' disagreement."""
        values = [v for v in (self.disagreement_nu, self.disagreement_gewenst) if v is not None]
        return max(values) if values else None


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def wide_disagreement(model: Model) -> int:
    """Max − min from which members are "far apart" on a statement: half the scale (2 on 1..5)."""
    return max(1, (model.scale.points - 1) // 2)


def round_groups(round_: ProgrammeRound) -> list[TrioGroup]:
    return [TrioGroup(trio=t, result=t.result, letter=t.letter) for t in round_.trios]


def statement_figures(model: Model, round_: ProgrammeRound) -> tuple[StatementFigures, ...]:
    """Every statement of the content, in content order."""
    wide = wide_disagreement(model)
    per_trio = [{frame: disagreement(model, t.result.answers_by_member(frame)) for frame in FRAMES}
                for t in round_.trios]
    # Everyone of the round as one group; member ids are unique within a trio only.
    everyone: dict[Frame, dict[str, Answers]] = {frame: {} for frame in FRAMES}
    for t in round_.trios:
        for frame in FRAMES:
            for member_id, given in t.result.answers_by_member(frame).items():
                everyone[frame][f"{t.id}:{member_id}"] = given
    changes = desired_changes(model, everyone["nu"], everyone["gewenst"])
    groups = wijk_and_sector(model, round_groups(round_))

    def role_difference(question_id: str, frame: Frame) -> float | None:
        if "wijk" not in groups or "sector" not in groups:
            return None
        wijk = distribution(model, groups["wijk"].members, question_id, frame).mean
        sector = distribution(model, groups["sector"].members, question_id, frame).mean
        return wijk - sector if wijk is not None and sector is not None else None

    figures = []
    for q in model.questions:
        nu = [float(v) for d in per_trio if (v := d["nu"][q.id]) is not None]
        gewenst = [float(v) for d in per_trio if (v := d["gewenst"][q.id]) is not None]
        figures.append(
            StatementFigures(
                question_id=q.id,
                disagreement_nu=_mean(nu),
                disagreement_gewenst=_mean(gewenst),
                wide_trios=sum(
                    1 for d in per_trio if any((v := d[f][q.id]) is not None and v >= wide for f in FRAMES)
                ),
                change=changes[q.id],
                wijk_minus_sector_nu=role_difference(q.id, "nu"),
                wijk_minus_sector_gewenst=role_difference(q.id, "gewenst"),
            )
        )
    return tuple(figures)


def most_disagreement(figures: Sequence[StatementFigures], count: int = 5) -> list[StatementFigures]:
    """The statements the trios' members disagree on most, largest first (content order on ties)."""
    ranked = [f for f in figures if f.disagreement]
    return sorted(ranked, key=lambda f: -(f.disagreement or 0.0))[:count]


def largest_changes(figures: Sequence[StatementFigures], count: int = 5) -> list[StatementFigures]:
    """The statements with the largest desired change (gewenst − nu) in either direction."""
    ranked = [f for f in figures if f.change]
    return sorted(ranked, key=lambda f: -abs(f.change or 0.0))[:count]


def wijk_sector_gaps(figures: Sequence[StatementFigures], count: int = 3) -> list[StatementFigures]:
    """The statements where wijkambtenaren and sector colleagues answer most differently (nu or gewenst)."""

    def size(f: StatementFigures) -> float:
        return max(abs(v) for v in (f.wijk_minus_sector_nu, f.wijk_minus_sector_gewenst, 0.0) if v is not None)

    return sorted((f for f in figures if size(f) > 0), key=lambda f: -size(f))[:count]


# --- Influence ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfluenceTotal:
    """One statement: over the trios that want it to change, who the members see aan zet."""

    question_id: str
    trios: int
    """Trios whose gewenst differs from nu on this statement."""
    counts: Mapping[str, int]
    """option id -> members who chose it, every option of the content present."""

    @property
    def chosen(self) -> int:
        return sum(self.counts.values())

    @property
    def leading(self) -> tuple[str, ...]:
        """The most chosen option(s); empty when nobody chose."""
        top = max(self.counts.values(), default=0)
        return tuple(option for option, n in self.counts.items() if n == top and n > 0)


def influence_totals(model: Model, round_: ProgrammeRound) -> tuple[tuple[InfluenceOption, ...], list[InfluenceTotal]]:
    """The invloedskaart of every trio (``scoring.influence_map``) summed per statement: the content's
    options, and the statements most chosen for first (then content order). Empty when the content
    asks no influence question."""
    if model.influence is None:
        return (), []
    options = tuple(model.influence.options)
    counts: dict[str, Counter[str]] = {}
    trios: Counter[str] = Counter()
    for t in round_.trios:
        for row in influence_map(model, t.result, t.influence).rows:
            trios[row.question_id] += 1
            counts.setdefault(row.question_id, Counter()).update(row.chosen)
    order = {q.id: i for i, q in enumerate(model.questions)}
    totals = [
        InfluenceTotal(question_id=qid, trios=trios[qid], counts={o.id: counts[qid][o.id] for o in options})
        for qid in counts
    ]
    totals.sort(key=lambda t: (-t.chosen, order[t.question_id]))
    return options, totals


# --- Perspectives, actions, leervragen -----------------------------------------------------------------


@dataclass(frozen=True)
class PerspectiveCount:
    perspective_id: str
    per_round: tuple[int, ...]
    """Trios that chose it, per round of the programme."""

    @property
    def total(self) -> int:
        return sum(self.per_round)


def perspective_counts(programme: Programme) -> list[PerspectiveCount]:
    """Every perspective chosen at least once: most chosen first, then content order (unknown ids last)."""
    per_round = [Counter(pid for t in r.trios for pid in dict.fromkeys(t.perspective_ids)) for r in programme.rounds]
    chosen = {pid for c in per_round for pid in c}
    order = {p.id: i for i, p in enumerate(programme.model.perspectives)}
    counts = [PerspectiveCount(pid, tuple(c[pid] for c in per_round)) for pid in chosen]
    counts.sort(key=lambda c: (-c.total, order.get(c.perspective_id, len(order)), c.perspective_id))
    return counts


def action_counts(round_: ProgrammeRound) -> dict[ActionStatus, int]:
    """status -> actions written down in this round, every status present, in :data:`ACTION_STATUSES` order."""
    found = Counter(a.status for t in round_.trios for a in t.actions)
    return {status: found[status] for status in ACTION_STATUSES}


def leervragen(programme: Programme) -> list[tuple[RoundTrio, tuple[Leervraag, ...]]]:
    """Every trio's leervragen over all rounds (each text once, first written first; ``id`` is its number),
    each with what the trio wrote about it per round (round order, round labels); trios without any left out."""
    listed = []
    for trio, appearances in programme.trios():
        texts = tuple(dict.fromkeys(q.strip() for _, t in appearances for q in t.leervragen if q.strip()))
        if not texts:
            continue
        notes: dict[str, list[LeervraagNote]] = {text: [] for text in texts}
        for round_, t in appearances:
            for text, note in t.leervraag_notes:
                if text.strip() in notes and note.strip():
                    notes[text.strip()].append(LeervraagNote(round_name=round_.label, text=note.strip()))
        listed.append((trio, tuple(Leervraag(id=number, text=text, notes=tuple(notes[text]))
                                   for number, text in enumerate(texts, start=1))))
    return listed


def bestuur_comparisons(
    model: Model, round_: ProgrammeRound
) -> list[tuple[RoundTrio, tuple[BestuurComparison, ...]]]:
    """The trios of the round whose bestuurder answered at least one statement, each with the comparison
    per frame (nu, gewenst), in round order."""
    return [(t, bestuur_comparison(model, t.result, t.bestuur)) for t in round_.trios
            if t.bestuur is not None and t.bestuur.answered]
