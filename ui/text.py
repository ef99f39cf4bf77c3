"""User text inside Markdown: shown literally, never as markup."""

from __future__ import annotations

import re

# Everything Markdown (and Streamlit's extensions: colours, emoji shortcodes, LaTeX) could read as syntax.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def md(text: str) -> str:
    """Escape user text for ``st.markdown``: links, HTML, emphasis and directives become plain characters."""
    return _SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))
