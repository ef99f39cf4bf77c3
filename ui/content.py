"""The content pack new werkplaatsen are created with."""

from __future__ import annotations

import streamlit as st

from scoring import ContentSnapshot, snapshot
from ui.state import CONTENT_DIR


@st.cache_resource(show_spinner=False)
def current_snapshot() -> ContentSnapshot:
    """Texts and hash of ``content/``, stored with every new werkplaats."""
    return snapshot(CONTENT_DIR)
