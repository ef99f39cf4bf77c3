"""Form fields without Streamlit's English keyboard hint.

Under a focused field Streamlit writes "Press Enter to submit form" (in a form) or "Press Enter
to apply", followed by a character counter ("12/80") when the field has a limit. The hint is
English on a Dutch page; the counter is useful. :func:`hide_enter_hint` hides the hint and keeps
the counter, for every field on every page: ``app.py`` calls it once per run. Pressing Enter
still submits, as before.
"""

from __future__ import annotations

import streamlit as st

# The hint is always the first span of the instructions. In a form it is there whenever Enter may
# submit, so there a first span is always the hint (a counter alone is first only while the submit
# button is disabled). Outside a form the hint comes and goes with typing: only a first span that
# is followed by the counter is surely the hint. The dot Streamlit puts before the counter goes too.
HIDE_ENTER_HINT_CSS = """<style>
[data-testid="stForm"] [data-testid="InputInstructions"] > span:first-child,
[data-testid="InputInstructions"] > span:first-child:not(:last-child) {display: none;}
[data-testid="InputInstructions"] > span + span::before {content: none; margin: 0;}
</style>"""


def hide_enter_hint() -> None:
    """Static CSS (no user text): hide "Press Enter to submit form" under every field, keep the counter."""
    st.html(HIDE_ENTER_HINT_CSS)
