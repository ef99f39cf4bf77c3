"""A small map of the quadrant with the member's two dots, for a phone's sticky progress panel.

On a phone the big quadrant is at the bottom of a long page; this map stays in view while the
member answers. It is static markup for ``st.html``: shapes and numbers only, never text from a
user or from the content pack (the quadrant names stand beside it, in the caption). ``st.html``
drops ``<svg>``, so the map is made of positioned ``<span>``s, with the same orientation, colours
and shapes as the big chart: nu a circle, gewenst a diamond, an arrow line from nu to gewenst.
"""

from __future__ import annotations

import math

from charts.palette import GEWENST_COLOUR, GROUP_COLOUR, NU_COLOUR, QUADRANT_TINTS
from scoring import Score

SIZE = 72  # px
DOT = 12  # px, the nu circle; the gewenst diamond is a square of DOT - 3 turned 45 degrees
TINT_ALPHA = "0.22"  # stronger than the big chart's tints: the quarters must show at this size
LINE_COLOUR = "#6B7785"  # axes and frame: 4.6:1 on white, 3.9:1 on the tints


def _tint(x: str, y: str) -> str:
    rgb = QUADRANT_TINTS[(x, y)].rsplit(",", 1)[0]
    return f"{rgb},{TINT_ALPHA})"


def _at(score: Score, size: int) -> tuple[float, float] | None:
    """The dot's centre in pixels from the map's top left corner (y grows downwards).

    -1 and 1 lie half a dot inside the edges, so a dot at an extreme stays whole.
    """
    if score.x is None or score.y is None:
        return None
    inset = DOT / 2 + 1
    span = size - 2 * inset
    return inset + (score.x + 1) / 2 * span, inset + (1 - score.y) / 2 * span


def _span(css: str, cls: str = "") -> str:
    class_attr = f' class="{cls}"' if cls else ""
    return f'<span{class_attr} style="position:absolute;{css}"></span>'


def mini_quadrant_html(nu: Score, gewenst: Score, size: int = SIZE) -> str:
    """The map as one ``<div class="rw-mini">``; hidden from screen readers (the caption says it in words)."""
    half = size / 2
    parts = [
        _span(f"left:{0 if x == 'low' else half}px;top:{half if y == 'low' else 0}px;"
              f"width:{half}px;height:{half}px;background:{_tint(x, y)}")
        for x in ("low", "high") for y in ("low", "high")
    ]
    parts.append(_span(f"left:0;top:{half - 0.5}px;width:{size}px;height:1px;background:{LINE_COLOUR}"))
    parts.append(_span(f"left:{half - 0.5}px;top:0;width:1px;height:{size}px;background:{LINE_COLOUR}"))
    start, end = _at(nu, size), _at(gewenst, size)
    if start is not None and end is not None:
        length = math.hypot(end[0] - start[0], end[1] - start[1])
        angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
        parts.append(_span(
            f"left:{start[0]:.1f}px;top:{start[1] - 1:.1f}px;width:{length:.1f}px;height:2px;"
            f"background:{GROUP_COLOUR};transform-origin:0 50%;transform:rotate({angle:.1f}deg)",
            "rw-arrow",
        ))
    if end is not None:
        side = DOT - 3
        parts.append(_span(
            f"left:{end[0] - side / 2:.1f}px;top:{end[1] - side / 2:.1f}px;width:{side}px;height:{side}px;"
            f"background:{GEWENST_COLOUR};border:1.5px solid white;box-sizing:border-box;transform:rotate(45deg)",
            "rw-gewenst",
        ))
    if start is not None:
        parts.append(_span(
            f"left:{start[0] - DOT / 2:.1f}px;top:{start[1] - DOT / 2:.1f}px;width:{DOT}px;height:{DOT}px;"
            f"background:{NU_COLOUR};border:2px solid white;box-sizing:border-box;border-radius:50%",
            "rw-nu",
        ))
    return (
        f'<div class="rw-mini" aria-hidden="true" style="position:relative;width:{size}px;height:{size}px;'
        f'border:1px solid {LINE_COLOUR};border-radius:4px;overflow:hidden;background:white">'
        + "".join(parts) + "</div>"
    )
