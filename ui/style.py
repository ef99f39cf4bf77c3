"""What every page shares in the browser: the page's language and a few contrast fixes.

``apply()`` runs once per script run, from ``app.py`` (page configuration), before the page itself.
Everything here is static (no user text), so it may go through ``st.html``.
"""

from __future__ import annotations

import streamlit as st

from ui.forms import UPLOAD_NAME_SCRIPT

LANGUAGE = "nl"
CAPTION_COLOUR = "#4F555D"
"""7.5:1 on white and 6.7:1 on Streamlit's grey panels. Streamlit draws captions (and image captions and
input hints) in its text colour at 60 % opacity: 4.37:1 on white, below the 4.5:1 WCAG 2.1 AA asks for text."""

LANGUAGE_KEY = "page_language"

CSS = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stImageCaption"], [data-testid="stImageCaption"] *,
[data-testid="InputInstructions"] {{color: {CAPTION_COLOUR}; opacity: 1;}}
.st-key-{LANGUAGE_KEY}, [data-testid="stLayoutWrapper"]:has(> .st-key-{LANGUAGE_KEY}) {{display: none;}}
</style>"""

# Streamlit serves <html lang="en">; a screen reader would read the Dutch pages with an English voice.
LANGUAGE_SCRIPT = f"<script>document.documentElement.lang = '{LANGUAGE}';</script>"


def apply() -> None:
    """Set the page's language to Dutch (and the file field's button name) and correct Streamlit's caption colour."""
    st.html(CSS)  # style only: Streamlit puts it in its event container, where it takes no room
    with st.container(key=LANGUAGE_KEY):  # hidden by the CSS above, so the script leaves no gap
        st.html(LANGUAGE_SCRIPT + UPLOAD_NAME_SCRIPT, unsafe_allow_javascript=True)
