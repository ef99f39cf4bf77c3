"""Colours and marker shapes shared by the plotly charts and the PDF reports (no plotly import).

Okabe-Ito colours are safe for colour-blind readers; every distinction also has a shape.
"""

from __future__ import annotations

NU_COLOUR = "#0072B2"  # blue
GEWENST_COLOUR = "#D55E00"  # vermillion
GROUP_COLOUR = "#1B1F24"
GRID_COLOUR = "#9AA5B1"
QUADRANT_TINTS = {  # very light, so labels and points stay readable
    ("low", "low"): "rgba(0,114,178,0.06)",
    ("high", "low"): "rgba(0,158,115,0.06)",
    ("low", "high"): "rgba(230,159,0,0.07)",
    ("high", "high"): "rgba(204,121,167,0.07)",
}
ROLE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "cross", "x")
