"""Fonts, colours, sizes, dates and plain-text sanitising of the PDF reports.

Every string that reaches the page goes through :func:`sanitise` (by way of
:meth:`reports.pdf.document.ReportPDF.clean`): user text is written as plain text (never
markdown or HTML), and characters the embedded font cannot draw are replaced instead of
crashing or leaving holes.
"""

from __future__ import annotations

import datetime
import unicodedata
from pathlib import Path

from charts.palette import GEWENST_COLOUR, GRID_COLOUR, GROUP_COLOUR, NU_COLOUR, QUADRANT_TINTS, ROLE_SYMBOLS

__all__ = ["GEWENST_COLOUR", "GRID_COLOUR", "GROUP_COLOUR", "NU_COLOUR", "QUADRANT_TINTS", "ROLE_SYMBOLS"]


# --- Fonts -------------------------------------------------------------------------

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu"
FONT_FILES: dict[str, str] = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
}
REPLACEMENT = "□"
"""Drawn instead of a character the font lacks (an emoji, say)."""

# --- Colours -----------------------------------------------------------------------

Colour = tuple[int, int, int]

PRINT_TINT_BOOST = 1.6
"""Paper needs a little more tint than a screen to show the quadrants at all."""

INK: Colour = (27, 31, 36)
MUTED: Colour = (82, 96, 109)
QUADRANT_LABEL: Colour = (62, 76, 89)
RULE: Colour = (208, 215, 222)
PANEL: Colour = (243, 245, 247)
ZEBRA: Colour = (248, 249, 250)
ACCENT: Colour = (0, 84, 130)
WHITE: Colour = (255, 255, 255)
HIGHLIGHT: Colour = (252, 228, 214)


def hex_colour(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def blend(colour: Colour, alpha: float, onto: Colour = WHITE) -> Colour:
    """``colour`` at ``alpha`` opacity on ``onto``, as an opaque colour."""
    return (
        round(onto[0] + (colour[0] - onto[0]) * alpha),
        round(onto[1] + (colour[1] - onto[1]) * alpha),
        round(onto[2] + (colour[2] - onto[2]) * alpha),
    )


def _rgba(value: str) -> tuple[Colour, float]:
    inner = value[value.index("(") + 1 : value.index(")")]
    r, g, b, a = (part.strip() for part in inner.split(","))
    return (int(r), int(g), int(b)), float(a)


def tint(side_x: str, side_y: str) -> Colour:
    colour, alpha = _rgba(QUADRANT_TINTS[(side_x, side_y)])
    return blend(colour, min(1.0, alpha * PRINT_TINT_BOOST))


NU: Colour = hex_colour(NU_COLOUR)
GEWENST: Colour = hex_colour(GEWENST_COLOUR)
GROUP: Colour = hex_colour(GROUP_COLOUR)
GRID: Colour = hex_colour(GRID_COLOUR)

# --- Sizes (mm and pt) ---------------------------------------------------------------

MARGIN = 18.0
BODY_SIZE = 9.5
SMALL_SIZE = 8.0
LINE = 4.9
"""Body line height in mm."""
AXIS_GUTTER = 7.0
"""Room left of and below a quadrant for the axis labels."""

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def dutch_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- Text sanitising -------------------------------------------------------------------

# Joiners, variation selectors, skin tones and tag characters: parts of an emoji
# sequence that would each become a replacement box otherwise.
_DROP = frozenset(
    (
        0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x20E3,
        *range(0xFE00, 0xFE10),
        *range(0x1F3FB, 0x1F400),
        *range(0xE0000, 0xE0080),
        *range(0xE0100, 0xE01F0),
    )
)


def sanitise(text: object, supported: frozenset[int], *, single_line: bool = False) -> str:
    """Plain text the font can draw: unknown characters become one box per run, controls go."""
    raw = unicodedata.normalize("NFC", "" if text is None else str(text))
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    replaced = False
    for ch in raw:
        code = ord(ch)
        if ch == "\n" or ch in "\u2028\u2029\x85":
            out.append(" " if single_line else "\n")
            replaced = False
            continue
        if ch in "\t\v\f":
            ch = " "
        if code in _DROP:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf"):
            continue
        if category == "Zs":
            ch = " "
        elif code not in supported:
            if not replaced:
                out.append(REPLACEMENT)
            replaced = True
            continue
        replaced = False
        out.append(ch)
    result = "".join(out)
    if single_line:
        result = " ".join(result.split())
    else:
        result = "\n".join(" ".join(line.split()) for line in result.split("\n")).strip("\n")
    return result
