"""Rolwijzer: page configuration and navigation only."""

import streamlit as st

from ui import gate, pages
from ui.forms import hide_enter_hint
from ui.state import content_error, database_error
from ui.warmup import warm_imports

st.set_page_config(page_title="Rolwijzer", page_icon="🧭", layout="wide")
warm_imports()
hide_enter_hint()  # on every page: Streamlit's English "Press Enter to submit form"

if content_error() is not None:
    layout = pages.error_layout(pages.CONTENT_ERROR)
elif database_error() is not None:
    layout = pages.error_layout(pages.DATABASE_ERROR)
else:
    layout = pages.app_layout(facilitator=gate.is_open())

projecting = bool(st.session_state.get("projection_mode"))
st.navigation(pages.streamlit_pages(layout), position="hidden" if projecting else "sidebar").run()
