"""Form fields without Streamlit's English words.

Under a focused field Streamlit writes "Press Enter to submit form" (in a form) or "Press Enter
to apply", followed by a character counter ("12/80") when the field has a limit. The hint is
English on a Dutch page; the counter is useful. A file field says "Upload" on its button and
"20MB per file • JSON" beside it. :func:`dutch_fields` hides the hint (keeping the counter) and puts
Dutch words on the file field, for every field on every page: ``app.py`` calls it once per run.
Pressing Enter still submits, as before.
"""

from __future__ import annotations

import streamlit as st

UPLOAD_BUTTON = "Kies een bestand"
UPLOAD_LIMIT = "Hoogstens 20 MB"
"""Streamlit's default ``server.maxUploadSize`` (200 MB) is not used here: ``.streamlit/config.toml`` sets 20."""

# The hint is always the first span of the instructions. In a form it is there whenever Enter may
# submit, so there a first span is always the hint (a counter alone is first only while the submit
# button is disabled). Outside a form the hint comes and goes with typing: only a first span that
# is followed by the counter is surely the hint. The dot Streamlit puts before the counter goes too.
# The file field's English words are hidden with display: none and the Dutch ones drawn with ::after.
# Generated content does not count as a button's name everywhere (axe-core ignores it), so
# UPLOAD_NAME_SCRIPT also gives the button the same words as its aria-label.
DUTCH_FIELDS_CSS = f"""<style>
[data-testid="stForm"] [data-testid="InputInstructions"] > span:first-child,
[data-testid="InputInstructions"] > span:first-child:not(:last-child) {{display: none;}}
[data-testid="InputInstructions"] > span + span::before {{content: none; margin: 0;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{display: none;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{content: "{UPLOAD_BUTTON}";}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{content: "{UPLOAD_LIMIT}"; font-size: 0.875rem;}}
</style>"""


UPLOAD_NAME_SCRIPT = (
    "<script>(() => {"
    "if (window.rolwijzerUploadNames) return; window.rolwijzerUploadNames = true;"
    "const name = () => document.querySelectorAll('[data-testid=\"stFileUploaderDropzone\"] button')"
    f".forEach(b => {{ if (b.getAttribute('aria-label') !== '{UPLOAD_BUTTON}') b.setAttribute('aria-label', '{UPLOAD_BUTTON}'); }});"
    "new MutationObserver(name).observe(document.body, {childList: true, subtree: true}); name();"
    "})();</script>"
)
"""Static (no user text); run once per browser page by ``ui.style.apply``, beside the page's language."""


def dutch_fields() -> None:
    """Static CSS (no user text): no "Press Enter to submit form" under any field (the counter stays), and
    Dutch words on file fields."""
    st.html(DUTCH_FIELDS_CSS)
