"""Shared by the facilitator pages: the gate, and which werkplaats is open."""

from __future__ import annotations

import re

import streamlit as st

import storage
from scoring import Model
from storage import WerkplaatsRecord
from ui import gate, pages
from ui.state import engine, werkplaats_model

OPEN_KEY = "fac_werkplaats_id"
OPEN_PARAM = "werkplaats"
"""The open werkplaats in the address of the wall, role groups and statements, so that a reload keeps it."""


def open_werkplaats(werkplaats_id: int) -> None:
    st.session_state[OPEN_KEY] = werkplaats_id


def require_werkplaats() -> tuple[WerkplaatsRecord, Model]:
    """Gate first, then the open werkplaats (or a picker, and stop)."""
    gate.require()
    werkplaats_id = st.session_state.get(OPEN_KEY)
    if werkplaats_id is None and re.fullmatch(r"[0-9]{1,9}", raw := st.query_params.get(OPEN_PARAM, "")):
        werkplaats_id = int(raw)  # a reload: the session is new, the address still names the werkplaats
    werkplaats = storage.get_werkplaats(engine(), werkplaats_id) if werkplaats_id is not None else None
    if werkplaats is None:
        summaries = [w for w in storage.list_werkplaatsen(engine()) if not w.standalone]
        if not summaries:
            st.info("Er is nog geen werkplaats. Maak er een aan op de pagina Werkplaatsen.")
            st.page_link(pages.WERKPLAATSEN.path, label="Naar Werkplaatsen", icon=pages.WERKPLAATSEN.icon)
            st.stop()
        chosen = st.selectbox(
            "Kies een werkplaats", summaries,
            format_func=lambda w: f"{w.name} · {w.held_on:%d-%m-%Y} · {w.trio_count} trio's",
            key="fac_pick",
        )
        if st.button("Openen", type="primary", key="fac_pick_open"):
            open_werkplaats(chosen.id)
            st.rerun()
        st.stop()
    open_werkplaats(werkplaats.id)
    st.query_params[OPEN_PARAM] = str(werkplaats.id)
    return werkplaats, werkplaats_model(werkplaats)
