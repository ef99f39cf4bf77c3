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

st.markdown(
    "Hier beheer je werkplaatsen en projecteer je de resultaten van alle trio's. "
    "Vul de begeleiderscode in die je van de beheerder van deze Rolwijzer hebt gekregen."
)
wait = gate.seconds_to_wait()
with st.form("gate_form", clear_on_submit=True):
    attempt = st.text_input("Begeleiderscode", type="password", key="gate_passcode", max_chars=200)
    submitted = st.form_submit_button("Aanmelden", type="primary", disabled=bool(wait))
if wait:
    st.warning(f"Te veel onjuiste pogingen. Wacht {wait} seconden en probeer het dan opnieuw.")
elif submitted:
    if gate.try_passcode(attempt):
        st.rerun()
    else:
        wait = gate.seconds_to_wait()
        if wait:
            st.error(f"Onjuiste code. Te veel pogingen: wacht {wait} seconden.")
        else:
            st.error("Onjuiste code.")
