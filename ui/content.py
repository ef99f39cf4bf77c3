"""The content pack new werkplaatsen are created with."""

from __future__ import annotations

import streamlit as st

from scoring import ContentSnapshot, snapshot
from ui.state import content_dir


@st.cache_resource(show_spinner=False)
def _snapshot(directory: str) -> ContentSnapshot:
    return snapshot(directory)


def current_snapshot() -> ContentSnapshot:
    """Texts and hash of the content folder, stored with every new werkplaats."""
    return _snapshot(str(content_dir()))
