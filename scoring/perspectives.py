"""Handelingsperspectieven for a trio's movement from its current to its desired quadrant."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.model import Model
from scoring.schema import Perspective, Transition


@dataclass(frozen=True)
class ActionPlan:
    current: str
    desired: str
    transition: Transition | None
    """The text for moving from current to desired; ``None`` when they are the same."""
    strengthen: str | None
    """How to strengthen the current quadrant; set only when current equals desired."""
    perspectives: tuple[Perspective, ...]
    """Perspectives for the desired quadrant, ordered by audience and then sphere as in the model."""

    @property
    def staying(self) -> bool:
        return self.current == self.desired

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
