"""Shared by the facilitator pages: the gate, and which werkplaats is open."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import streamlit as st

import storage
from scoring import Model
from storage import WerkplaatsRecord
from ui import gate, pages
from ui.state import engine, werkplaats_model

OPEN_KEY = "fac_werkplaats_id"
OPEN_PARAM = "werkplaats"
"""The open werkplaats in the address of the wall, role groups and statements, so that a reload keeps it."""
CREATED_KEY = "fac_werkplaats_created"
"""The werkplaats this facilitator just made: its entry says so, above its code."""
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def open_werkplaats(werkplaats_id: int) -> None:
    st.session_state[OPEN_KEY] = werkplaats_id
    if st.session_state.get(CREATED_KEY) != werkplaats_id:
        st.session_state.pop(CREATED_KEY, None)


def close_werkplaats() -> None:
    st.session_state.pop(OPEN_KEY, None)
    st.session_state.pop(CREATED_KEY, None)


def local_time(moment: dt.datetime) -> str:
    """A stored moment (UTC) as the clock in the room shows it: "02-11-2026 14:05"."""
    return f"{moment.astimezone(LOCAL_TIME):%d-%m-%Y %H:%M}"


def big_code(code: str, font_size: str, align: str = "left") -> None:
    """A join code in large letters: a styled block, no heading (the page's heading levels stay in order)."""
    shown = storage.format_code(code)
    # The code comes from our own code alphabet (never user text), so it may be styled as HTML.
    assert all(c.isalnum() or c == "-" for c in shown)
    st.html(
        f"<div style='text-align:{align};font-weight:700;letter-spacing:0.06em;font-size:{font_size};white-space:nowrap;"
        f"line-height:1.1'>{shown}</div>"
    )


def trio_count(count: int) -> str:
    return "1 trio" if count == 1 else f"{count} trio's"


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
            format_func=lambda w: f"{w.name} · {w.held_on:%d-%m-%Y} · {trio_count(w.trio_count)}",
            key="fac_pick",
        )
        if st.button("Openen", type="primary", key="fac_pick_open"):
            open_werkplaats(chosen.id)
            st.rerun()
        st.stop()
    open_werkplaats(werkplaats.id)
    st.query_params[OPEN_PARAM] = str(werkplaats.id)
    return werkplaats, werkplaats_model(werkplaats)
