"""Text beside a point in a plotly chart: escaped, wrapped and kept inside the plot."""

from __future__ import annotations

from charts.scene import Point


def escape_label(text: str) -> str:
    """Plotly renders a subset of HTML in labels; user text must stay plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


WALL_LABEL_WIDTH = 18
"""Characters per line of a trio's name on the wall; a name gets at most two lines."""


def fit_label(text: str, width: int = WALL_LABEL_WIDTH, lines: int = 2) -> list[str]:
    """A name as it fits beside a point: wrapped at spaces onto at most ``lines`` lines of at most
    ``width`` characters, shortened with "…" where it does not fit (the hover shows it in full)."""
    wrapped: list[str] = []
    for word in text.split():
        if wrapped and len(wrapped[-1]) + 1 + len(word) <= width:
            wrapped[-1] += " " + word
        else:
            wrapped.append(word)
    shown = [line if len(line) <= width else line[: width - 1] + "…" for line in wrapped[:lines]]
    if len(wrapped) > lines and not shown[-1].endswith("…"):
        last = shown[-1]
        shown[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return shown


def label_position(at: Point, below: bool = False) -> str:
    """Text beside a point that stays inside the plot: towards the middle near an edge."""
    vertical = "bottom" if below or at[1] > 0.8 else "top"
    horizontal = "left" if at[0] > 0.5 else "right" if at[0] < -0.5 else "center"
    return f"{vertical} {horizontal}"
