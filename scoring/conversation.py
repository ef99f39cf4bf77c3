"""Conversation starters: the statements that most deserve a trio's talk.

Four kinds, in this order of preference: where members differ most
(``verschil``), where members see someone else aan zet (``ander_aan_zet``: they
chose different answers to "who can change this?"; only when influence choices
are given), where members agree yet want change (``samen_veranderen``), and where
the wanted movement from nu to gewenst is largest (``beweging``).
When fewer than three qualify, the list is filled up with the most telling
remaining statements, labelled by what they show (``eens_en_tevreden`` where
members agree and want no change: worth checking that this is really so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from scoring.engine import Answers, desired_changes, disagreement
from scoring.influence import InfluenceChoices, clean_choices, ranked_options
from scoring.model import Model

StarterKind = Literal["verschil", "ander_aan_zet", "beweging", "samen_veranderen", "eens_en_tevreden", "bestuur"]

DEFAULT_PROMPT = "Waar komen jullie verschillende antwoorden vandaan, en wat zou helpen?"
REASONS: dict[str, str] = {
    "verschil": "Hier verschillen jullie het meest.",
    "ander_aan_zet": "Hier zien jullie iemand anders aan zet.",
    "beweging": "Hier willen jullie de grootste stap zetten.",
    "samen_veranderen": "Hier zijn jullie het eens, en willen jullie samen verandering.",
    "eens_en_tevreden": "Hier zijn jullie het eens en tevreden. Klopt dat echt?",
    "bestuur": "Hier kijkt jullie bestuurder anders dan jullie.",
}
"""Why a statement was picked, in the words the page and the report show. ``bestuur``: picked by
``results.bestuur`` (the trio beside its bestuurder), never by :func:`starters`."""
MIN_STARTERS = 3
MAX_STARTERS = 5


@dataclass(frozen=True)
class Starter:
    question_id: str
    kind: StarterKind
    disagreement: int | None
    """Largest max-minus-min over the two frames."""
    gap: float | None
    """Mean answer gewenst minus mean answer nu, on the axis direction (positive: towards the high pole)."""
    prompt: str
    levers: tuple[str, ...] = ()
    """The influence options the members chose for this statement, most chosen first (empty without choices)."""

    @property
    def reason(self) -> str:
        return REASONS[self.kind]


def starters(
    model: Model,
    nu_by_member: Mapping[str, Answers],
    gewenst_by_member: Mapping[str, Answers],
    choices: InfluenceChoices | None = None,
) -> list[Starter]:
    """Three to five statements to talk about, best first; fewer only if fewer were answered.

    ``choices`` (member id -> question id -> option id) adds ``ander_aan_zet``: the statement where
    members chose different options, the one with the largest desired change first.
    """
    points = model.scale.points
    dis_nu = disagreement(model, nu_by_member)
    dis_gewenst = disagreement(model, gewenst_by_member)
    gaps = desired_changes(model, nu_by_member, gewenst_by_member)
    clean = clean_choices(model, choices or {})
    levers = {
        q.id: ranked_options((by_q[q.id] for by_q in clean.values() if q.id in by_q), model)
        for q in model.questions
    }
    wide = max(1, (points - 1) // 2)
    narrow = max(0, (points - 1) // 4)
    big_move = (points - 1) / 4

    info: dict[str, tuple[int | None, float | None]] = {}
    for q in model.questions:
        dis_values = [d for d in (dis_nu[q.id], dis_gewenst[q.id]) if d is not None]
        dis = max(dis_values) if dis_values else None
        gap = gaps[q.id]
        if dis is not None or gap is not None:
            info[q.id] = (dis, gap)

    order = {q.id: i for i, q in enumerate(model.questions)}
    chosen: dict[str, StarterKind] = {}

    def pick(candidates: list[str], kind: StarterKind, limit: int) -> None:
        for qid in candidates:
            if limit == 0 or len(chosen) >= MAX_STARTERS:
                return
            if qid not in chosen:
                chosen[qid] = kind
                limit -= 1

    def agreed(qid: str) -> bool:
        dis = info[qid][0]
        return dis is None or dis <= narrow  # one member alone cannot disagree

    def kind_of(qid: str) -> StarterKind:
        """What a statement picked to fill up is about, judged by its own numbers."""
        dis, gap = info[qid]
        if dis is not None and dis > narrow:
            return "verschil"
        if gap is not None and abs(gap) > 0:
            return "samen_veranderen" if dis is not None else "beweging"
        return "eens_en_tevreden"

    by_dis = sorted(
        (qid for qid, (d, _) in info.items() if d is not None and d >= wide),
        key=lambda qid: (-(info[qid][0] or 0), order[qid]),
    )
    pick(by_dis, "verschil", 2)
    someone_else = sorted(
        (qid for qid in info if len(levers[qid]) > 1),
        key=lambda qid: (-abs(info[qid][1] or 0.0), -len(levers[qid]), order[qid]),
    )
    pick(someone_else, "ander_aan_zet", 1)
    by_gap = sorted(
        (qid for qid, (_, g) in info.items() if g is not None and abs(g) >= big_move),
        key=lambda qid: (-abs(info[qid][1] or 0.0), order[qid]),
    )
    # Agreement with a wish to change is its own conversation: give it a place before plain movement.
    pick([qid for qid in by_gap if info[qid][0] is not None and agreed(qid)], "samen_veranderen", 1)
    pick(by_gap, "beweging", 2)
    if len(chosen) < MIN_STARTERS:
        rest = sorted(
            info,
            key=lambda qid: (-((info[qid][0] or 0) + abs(info[qid][1] or 0.0)), order[qid]),
        )
        for qid in rest:
            if len(chosen) >= MIN_STARTERS:
                break
            if qid not in chosen:
                chosen[qid] = kind_of(qid)

    result: list[Starter] = []
    for qid, kind in chosen.items():
        dis, gap = info[qid]
        prompt = model.question(qid).prompt or DEFAULT_PROMPT
        result.append(
            Starter(question_id=qid, kind=kind, disagreement=dis, gap=gap, prompt=prompt, levers=levers[qid])
        )
    return result
