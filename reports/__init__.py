"""Reports of a werkplaats: the trio's take-home PDF and the group PDF.

The PDF names are loaded on first use, so importing another module of this
package (``reports.exports``, say) does not load fpdf2 and the fonts.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "GroupReport": "reports.group_pdf",
    "GroupTrio": "reports.group_pdf",
    "build_group_pdf": "reports.group_pdf",
    "TrioReport": "reports.trio_pdf",
    "build_trio_pdf": "reports.trio_pdf",
}

__all__ = ["GroupReport", "GroupTrio", "TrioReport", "build_group_pdf", "build_trio_pdf"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
