"""Redrawing only the parts of a page that an answer changed.

A page marks those parts as fragments with a key (``st.fragment(key=...)``). A widget callback
then calls :func:`rerun_only` with the keys it changed, and Streamlit (1.67 and later) reruns just
those fragments instead of the whole page. That is what keeps an answer on the questionnaire
cheap: one statement card, the progress and the quadrant, not 24 answer controls.

AppTest (``streamlit.testing``) honours such a rerun too, but its element tree then holds only
what that run drew: a test could no longer find the other statements after an answer. So under
AppTest the callback leaves the rerun to the interaction's default, which AppTest runs as the
whole page. The browser tests see the fragment reruns, and an AppTest that switches
``WHOLE_PAGE_IN_APPTEST`` off checks what such a rerun draws.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit import config

WHOLE_PAGE_IN_APPTEST = True


def rerun_only(fragment_keys: Sequence[str]) -> None:
    """From a widget callback: rerun only these fragments (under AppTest: return, see above)."""
    if WHOLE_PAGE_IN_APPTEST and config.get_option("global.appTest"):
        return
    st.rerun(list(fragment_keys))
