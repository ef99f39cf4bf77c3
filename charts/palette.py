"""Colours and marker shapes shared by the plotly charts and the PDF reports (no plotly import).

Okabe-Ito colours are safe for colour-blind readers; every distinction also has a shape.
WCAG 2.1 AA on white and on the quadrant tints (checked in tests/test_palette.py): marks,
arrows and lines at least 3:1 (non-text contrast), text at least 4.5:1. Every chart sets its axis text
colour itself: Streamlit's plotly theme would draw it in a light grey (#808495, 3.8:1).
"""

from __future__ import annotations

NU_COLOUR = "#0072B2"  # blue: 5.2:1 on white, also as text
GEWENST_COLOUR = "#D55E00"  # vermillion: 3.9:1 on white, for marks only
GEWENST_TEXT_COLOUR = "#A63F00"  # a darker vermillion for words in gewenst's colour: 6.3:1 on white
GROUP_COLOUR = "#1B1F24"
GRID_COLOUR = "#6B7785"  # the centre lines and the members' arrows: 4.6:1 on white, 4.1:1 on a tint
AXIS_TEXT_COLOUR = "#3E4C59"  # axis titles and tick labels: 8.8:1 on white
QUADRANT_TEXT_COLOUR = AXIS_TEXT_COLOUR
QUADRANT_TINTS = {  # very light, so labels and points stay readable
    ("low", "low"): "rgba(0,114,178,0.06)",
    ("high", "low"): "rgba(0,158,115,0.06)",
    ("low", "high"): "rgba(230,159,0,0.07)",
    ("high", "high"): "rgba(204,121,167,0.07)",
}
ROLE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "star", "hexagon", "cross", "x")
ROLE_COLOURS = ("#0072B2", "#9A6A00", "#009E73", "#B0528A", "#6A3D9A", "#D55E00", "#5A5A5A", "#000000")
"""Bars per role group: Okabe-Ito where it reaches 3:1 on white, darker kin where it does not (the
orange, sky blue and yellow); the bars also carry a pattern each."""
