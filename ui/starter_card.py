"""One conversation starter as a card: the trio's own starters and those on the gap with the bestuurder."""

from __future__ import annotations

import streamlit as st

from charts.heatmap import shown_statements
from results.influence import LEVERS_LEAD, levers_words
from scoring import Model, Starter


def show_starter(model: Model, number: int, starter: Starter, *, key: str) -> None:
    """Theme and why, the statement's two poles, who can change it (when chosen) and the question."""
    q = model.question(starter.question_id)
    with st.container(border=True, key=key):
        st.markdown(f"**{number}. {q.theme}** · _{starter.reason}_")
        left, right = shown_statements(q)
        st.markdown(f"◀ {left}  \n▶ {right}")
        if starter.levers:
            st.markdown(f"**{LEVERS_LEAD}** {levers_words(model, starter.levers)}")
        st.markdown(f"**Gespreksvraag:** {starter.prompt}")
