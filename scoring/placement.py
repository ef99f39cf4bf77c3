"""Where a position lies relative to the borders: in a quadrant, on a border, or in the middle.

Data, not sentences: the words live with the pages (``results/words.py``). The intended wording,
with the quadrant names from the content:

* ``quadrant``: "in Buurtmaken"
* ``border``: "op de grens van Zorgen voor en Doen met" (the two ``quadrant_ids``, own quadrant first)
* ``middle``: "in het midden"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scoring.engine import GroupScore, Score, side
from scoring.model import Model
from scoring.schema import AxisId, Side

PlacementKind = Literal["quadrant", "border", "middle"]

_OTHER: dict[Side, Side] = {"low": "high", "high": "low"}


@dataclass(frozen=True)
class Placement:
    """A position against the model's ``neutral_band``.

    * ``quadrant``: both ``|x|`` and ``|y|`` are at least the band; ``quadrant_ids`` is the one quadrant.
    * ``border``: exactly one of them is below the band; ``quadrant_ids`` holds the two quadrants on
      either side of that border, the position's own quadrant first, and ``axis`` names the axis
      whose score is close to 0 (on x, the border runs between low-x and high-x quadrants).
    * ``middle``: both are below the band; ``quadrant_ids`` holds all four, own quadrant first,
      then the others in content order.

    The own quadrant is always decided by the exact rule (``>= 0`` is high), so it equals the
    position's ``quadrant``.
    """

    kind: PlacementKind
    quadrant_ids: tuple[str, ...]
    axis: AxisId | None = None
    """The axis near 0, for a border; ``None`` otherwise."""

    @property
    def quadrant(self) -> str:
        """The position's own quadrant."""
        return self.quadrant_ids[0]


def placement(model: Model, position: Score | GroupScore) -> Placement | None:
    """Classify a member's or a group's position; ``None`` when it has no quadrant yet.

    A band of 0 never gives a border or the middle: ``|x| < 0`` is never true.
    """
    x, y = position.x, position.y
    if x is None or y is None or position.quadrant is None:
        return None
    band = model.neutral_band
    table = model.quadrant_table
    x_side, y_side = side(x), side(y)
    own = table[(x_side, y_side)]
    near_x, near_y = abs(x) < band, abs(y) < band
    if near_x and near_y:
        others = tuple(q.id for q in model.quadrants if q.id != own)
        return Placement(kind="middle", quadrant_ids=(own, *others))
    if near_x:
        return Placement(kind="border", quadrant_ids=(own, table[(_OTHER[x_side], y_side)]), axis="x")
    if near_y:
        return Placement(kind="border", quadrant_ids=(own, table[(x_side, _OTHER[y_side])]), axis="y")
    return Placement(kind="quadrant", quadrant_ids=(own,))
