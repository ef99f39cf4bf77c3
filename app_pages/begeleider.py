"""Begeleider: the passcode gate in front of the facilitator pages."""

from __future__ import annotations

import streamlit as st

from ui import gate, pages

st.title("Begeleider")

if gate.is_open():
    st.success("Je bent aangemeld als begeleider.")
    st.page_link(pages.WERKPLAATSEN.path, label="Werkplaatsen beheren", icon=pages.WERKPLAATSEN.icon)
    st.page_link(pages.WALL.path, label="Groepsmuur voor de beamer", icon=pages.WALL.icon)
    if st.button("Afmelden", key="gate_logout"):
        gate.close()
        st.rerun()
    st.stop()

if gate.logged_out():
    st.success("Je bent afgemeld.")
st.markdown(
    "Hier beheer je werkplaatsen en projecteer je de resultaten van alle trio's. "
    "Vul de begeleiderscode in die je van de beheerder van deze Rolwijzer hebt gekregen."
)
gate.login_form()
