"""Import the heavy libraries once per process, before any page needs them.

When a workshop starts, dozens of sessions run their first script at the same
moment, each in its own thread. Importing pandas from several threads at once
failed under load ("partially initialized module 'pandas'", see
bench/RESULTS.md). ``st.cache_resource`` computes a value once under a lock, so
the first session imports everything and the others wait for it.
"""

from __future__ import annotations

import gc
import importlib

import streamlit as st

from settings import configure_logging

# The libraries seen failing when imported by several sessions at once, and what pulls them in.
# (The PDF and backup modules load when a results or facilitator page first needs them.)
MODULES = (
    "numpy",
    "pandas",
    "plotly.graph_objects",
    "plotly.io",
    "charts.quadrant",
    "charts.heatmap",
)


@st.cache_resource(show_spinner=False)
def warm_imports() -> tuple[str, ...]:
    configure_logging()  # once per process, like the imports
    for name in MODULES:
        importlib.import_module(name)
    # The modules just loaded live as long as the process. Freezing them keeps the cyclic
    # garbage collector from scanning them again and again; with 500 trios on the wall that
    # scanning made a refresh grow faster than the number of trios (bench/RESULTS.md).
    gc.collect()
    gc.freeze()
    return MODULES
