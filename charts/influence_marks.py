"""How the invloedskaart marks a choice, shared by the page's plotly chart and the PDF: colours, sizes,
the text inside a mark. No plotly here, so the PDF does not load it."""

from __future__ import annotations

from charts.palette import AXIS_TEXT_COLOUR, GEWENST_TEXT_COLOUR
from results.influence import InfluenceMark

AGREE_COLOUR = AXIS_TEXT_COLOUR
"""Marks where the members agree (white numbers on it: 8.8:1)."""
DISAGREE_COLOUR = GEWENST_TEXT_COLOUR
"""Marks where they see someone else aan zet (white numbers on it: 6.3:1)."""
DISAGREE_BAND = "rgba(213,94,0,0.08)"
MIN_MARK = 30
"""Diameter in px of the mark of the smallest change: room for "1 2 3" inside."""
MAX_MARK = 52
OPEN_COLOUR = "#4A5561"
"""The outline and numbers of an open mark on white (7:1)."""
DISAGREE_MARK = "≠"
UNDECIDED = "Nog niet gekozen"


def mark_size(scale: float) -> float:
    """Diameter in px, growing with the change (``scale`` 0..1) from :data:`MIN_MARK` to :data:`MAX_MARK`."""
    return MIN_MARK + (MAX_MARK - MIN_MARK) * max(0.0, min(scale, 1.0))


def mark_text(mark: InfluenceMark, numbers: bool) -> str:
    return " ".join(str(n) for n in mark.members) if numbers else str(mark.count)
