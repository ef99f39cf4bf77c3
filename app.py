"""Rolwijzer: page configuration and navigation only."""

import streamlit as st

from ui import gate, pages, style
from ui.forms import dutch_fields
from ui.state import content_error, database_error
from ui.warmup import warm_imports

st.set_page_config(page_title="Rolwijzer", page_icon="🧭", layout="wide")
style.apply()  # the page's language (nl) and caption contrast, on every page
warm_imports()
dutch_fields()  # on every page: no English "Press Enter to submit form" or "Upload"

locked = None
if content_error() is not None:
    layout = pages.error_layout(pages.CONTENT_ERROR)
elif database_error() is not None:
    layout = pages.error_layout(pages.DATABASE_ERROR)
else:
    layout = pages.app_layout(facilitator=gate.is_open())
    locked = gate.login_first  # a facilitator page's address before the gate: log in first
    gate.sync_cookie()

projecting = bool(st.session_state.get("projection_mode"))
navigation = pages.streamlit_pages(layout, locked=locked)
st.navigation(navigation, position="hidden" if projecting else "sidebar").run()
