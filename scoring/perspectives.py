"""Handelingsperspectieven for a trio's movement from its current to its desired quadrant.

:func:`action_plan` picks the cards of the desired quadrant. :func:`focused_plan` orders them for
one member: first the cards that help with the trio's largest desired changes (the card's
``themes``), in the spheres where the trio places the lever (the influence choices), for the
member's own audience; the rest after.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scoring.engine import desired_changes
from scoring.groups import GroupResult
from scoring.influence import InfluenceChoices, clean_choices, lever_spheres
from scoring.model import Model
from scoring.schema import Perspective, Transition

FOCUS_SIZE = 3
"""How many of the largest desired changes the first cards follow (ties at the cut-off included)."""
FOCUS_SHARE = 0.5
"""A statement in focus changes by at least this share of the trio's largest change."""


@dataclass(frozen=True)
class ActionPlan:
    current: str
    desired: str
    transition: Transition | None
    """The text for moving from current to desired; ``None`` when they are the same."""
    strengthen: str | None
    """How to strengthen the current quadrant; set only when current equals desired."""
    perspectives: tuple[Perspective, ...]
    """Perspectives for the desired quadrant. From :func:`action_plan`: by audience and then sphere as
    in the model. From :func:`focused_plan`: ``first``, then the rest in the order described there."""
    first: tuple[Perspective, ...] = ()
    """The cards to show first (:func:`focused_plan`); empty from :func:`action_plan`."""
    focus: tuple[str, ...] = ()
    """The question ids of the trio's largest desired changes, largest first (:func:`focused_plan`)."""

    @property
    def staying(self) -> bool:
        return self.current == self.desired

    @property
    def rest(self) -> tuple[Perspective, ...]:
        """The perspectives after ``first``, in plan order: one click away."""
        shown = {p.id for p in self.first}
        return tuple(p for p in self.perspectives if p.id not in shown)

    def grouped(self, model: Model) -> dict[str, dict[str, list[Perspective]]]:
        """audience id -> sphere id -> perspectives, every audience and sphere present."""
        groups: dict[str, dict[str, list[Perspective]]] = {
            a.id: {s.id: [] for s in model.spheres} for a in model.audiences
        }
        for p in self.perspectives:
            groups[p.audience][p.sphere].append(p)
        return groups


def action_plan(model: Model, current: str, desired: str) -> ActionPlan:
    """Select what the trio reads: raises ``KeyError`` for an unknown quadrant id."""
    model.quadrant(current)
    target = model.quadrant(desired)
    audience_rank = {a.id: i for i, a in enumerate(model.audiences)}
    sphere_rank = {s.id: i for i, s in enumerate(model.spheres)}
    selected = sorted(
        (p for p in model.perspectives if p.quadrant == desired),
        key=lambda p: (audience_rank[p.audience], sphere_rank[p.sphere]),
    )
    staying = current == desired
    return ActionPlan(
        current=current,
        desired=desired,
        transition=None if staying else model.transition(current, desired),
        strengthen=target.strengthen if staying else None,
        perspectives=tuple(selected),
    )


def focus_statements(
    model: Model, changes: Mapping[str, float | None], size: int = FOCUS_SIZE
) -> tuple[str, ...]:
    """The statements with the trio's largest desired changes (in either direction), largest first.

    The ``size`` largest, plus any that tie with the last of them, but only those that change by at
    least ``FOCUS_SHARE`` of the largest change: one big wish is not diluted by many small ones.
    Statements without a change are never in focus. Ties are ordered as in the content.
    """
    order = {q.id: i for i, q in enumerate(model.questions)}
    moved = sorted(
        ((qid, abs(c)) for qid, c in changes.items() if c),
        key=lambda item: (-item[1], order[item[0]]),
    )
    if not moved or size < 1:
        return ()
    cut = max(moved[min(size, len(moved)) - 1][1], FOCUS_SHARE * moved[0][1])
    return tuple(qid for qid, magnitude in moved if magnitude >= cut)


def focused_plan(
    model: Model,
    result: GroupResult,
    choices: InfluenceChoices,
    audience: str | None = None,
    *,
    focus_size: int = FOCUS_SIZE,
) -> ActionPlan | None:
    """The trio's plan, ordered for one member; ``None`` until the trio has a nu and a gewenst quadrant.

    ``first`` holds the cards of the desired quadrant that

    1. name in ``themes`` a statement in focus (the trio's largest desired changes, see
       :func:`focus_statements`),
    2. lie in a sphere where at least one member placed the lever for that statement (when
       nobody chose for it, every sphere counts), and
    3. are for ``audience`` (the member's level, :meth:`Model.audience_for_level`; ``None`` or an
       unknown id: every audience).

    When no card meets 2 (say, the trio sees only residents aan zet), 2 is dropped. Cards in
    ``first`` go by the total change they help with, then by how many members chose their sphere.
    The rest follow: the member's audience first, then by the change their themes help with, then
    audience and sphere as in the model. Ties keep content order, so the result is deterministic.
    """
    current, desired = result.nu.quadrant, result.gewenst.quadrant
    if current is None or desired is None:
        return None
    base = action_plan(model, current, desired)
    changes = desired_changes(model, result.answers_by_member("nu"), result.answers_by_member("gewenst"))
    focus = focus_statements(model, changes, focus_size)
    size = {qid: abs(c) for qid, c in changes.items() if c}
    clean = clean_choices(model, choices)
    levers = {
        qid: lever_spheres(model, (by_q[qid] for by_q in clean.values() if qid in by_q)) for qid in focus
    }
    chose = {qid for by_q in clean.values() for qid in by_q}
    known_audiences = {a.id for a in model.audiences}
    wanted_audience = audience if audience in known_audiences else None
    audience_rank = {a.id: i for i, a in enumerate(model.audiences)}
    sphere_rank = {s.id: i for i, s in enumerate(model.spheres)}
    content_rank = {p.id: i for i, p in enumerate(model.perspectives)}

    def for_member(p: Perspective) -> bool:
        return wanted_audience is None or p.audience == wanted_audience

    def matching(p: Perspective, use_lever: bool) -> list[str]:
        """The focus statements this card helps with, in a sphere where the trio places the lever."""
        return [
            qid
            for qid in p.themes
            if qid in focus and (not use_lever or qid not in chose or levers[qid][p.sphere] > 0)
        ]

    def first_cards(use_lever: bool) -> list[Perspective]:
        return [p for p in base.perspectives if for_member(p) and matching(p, use_lever)]

    use_lever = bool(first_cards(use_lever=True))
    first = first_cards(use_lever)

    def first_key(p: Perspective) -> tuple[float, int, int, int, int]:
        hits = matching(p, use_lever)
        votes = sum(levers[qid][p.sphere] for qid in hits)
        return (
            -sum(size[qid] for qid in hits),
            -votes,
            audience_rank[p.audience],
            sphere_rank[p.sphere],
            content_rank[p.id],
        )

    def rest_key(p: Perspective) -> tuple[bool, float, int, int, int]:
        return (
            not for_member(p),
            -sum(size.get(qid, 0.0) for qid in p.themes),
            audience_rank[p.audience],
            sphere_rank[p.sphere],
            content_rank[p.id],
        )

    first.sort(key=first_key)
    shown = {p.id for p in first}
    rest = sorted((p for p in base.perspectives if p.id not in shown), key=rest_key)
    return ActionPlan(
        current=base.current,
        desired=base.desired,
        transition=base.transition,
        strengthen=base.strengthen,
        perspectives=(*first, *rest),
        first=tuple(first),
        focus=focus,
    )

