"""Shown instead of the app when the database cannot be opened."""

from __future__ import annotations

import streamlit as st

from ui.state import database_error

st.title("De database van Rolwijzer is niet bereikbaar")
error = database_error()
if error is None:
    st.success("De database is weer bereikbaar. Herlaad de pagina.")
else:
    st.markdown(
        "Rolwijzer kan de opgeslagen antwoorden nu niet lezen of schrijven. Er gaat niets verloren dat al "
        "is opgeslagen. Vraag de beheerder om de database te controleren, en herlaad daarna deze pagina."
    )
    with st.expander("Voor de beheerder", expanded=True):
        # Plain text: the message names the file or server, and is written by the storage layer.
        st.text(str(error))
