"""Shown instead of the app when the content pack in content/ is invalid."""

from __future__ import annotations

import streamlit as st

from results.words import count_words
from ui.state import content_error

st.title("De inhoud van Rolwijzer klopt niet")
error = content_error()
if error is None:
    st.success("De inhoud is weer in orde. Herlaad de pagina.")
else:
    st.markdown(
        "Rolwijzer kan nu niet starten, omdat de teksten van de vragenlijst fouten bevatten. "
        "Vraag de beheerder om ze te herstellen, en herlaad daarna deze pagina."
    )
    with st.expander("Voor de beheerder", expanded=True):
        st.markdown(
            "De inhoudsbestanden in de map `content/` bevatten fouten. Herstel ze en herlaad deze pagina. "
            "Dezelfde controle draai je met `python -m scoring validate content/`."
        )
        st.markdown(f"**{count_words(len(error.problems), 'probleem', 'problemen')}:**")
        for problem in error.problems:
            # Plain text on purpose: problems can quote content written by anyone.
            st.text(f"• {problem}")
