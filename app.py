"""Rolwijzer: page configuration and navigation only."""

import streamlit as st

from ui import gate
from ui.state import content_error, database_error
from ui.warmup import warm_imports

st.set_page_config(page_title="Rolwijzer", page_icon="🧭", layout="wide")
warm_imports()

if content_error() is not None:
    pages: dict[str, list[st.Page]] = {
        "Rolwijzer": [st.Page("app_pages/inhoudsfout.py", title="Inhoud klopt niet", default=True)]
    }
elif database_error() is not None:
    pages = {"Rolwijzer": [st.Page("app_pages/databasefout.py", title="Database niet bereikbaar", default=True)]}
else:
    pages = {
        "Deelnemen": [
            st.Page("app_pages/start.py", title="Start", icon=":material/home:", default=True),
            st.Page("app_pages/vragenlijst.py", title="Vragenlijst", icon=":material/edit_note:"),
            st.Page("app_pages/resultaten.py", title="Resultaten", icon=":material/groups:"),
        ],
        "Begeleider": [st.Page("app_pages/begeleider.py", title="Begeleider", icon=":material/lock:")],
    }
    if gate.is_open():
        pages["Begeleider"] += [
            st.Page("app_pages/werkplaatsen.py", title="Werkplaatsen", icon=":material/event:"),
            st.Page("app_pages/muur.py", title="Groepsmuur", icon=":material/cast:"),
            st.Page("app_pages/rolgroepen.py", title="Rolgroepen", icon=":material/compare_arrows:"),
            st.Page("app_pages/stellingen.py", title="Stellingen", icon=":material/bar_chart:"),
        ]

projecting = bool(st.session_state.get("projection_mode"))
st.navigation(pages, position="hidden" if projecting else "sidebar").run()
