"""Reports of a werkplaats: the trio's take-home PDF and the group PDF.

The PDF names are loaded on first use, so importing another module of this
package (``reports.exports``, say) does not load fpdf2 and the fonts.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "GroupReport": "reports.pdf.group",
    "GroupTrio": "reports.pdf.group",
    "build_group_pdf": "reports.pdf.group",
    "TrioReport": "reports.pdf.trio",
    "build_trio_pdf": "reports.pdf.trio",
}

__all__ = ["GroupReport", "GroupTrio", "TrioReport", "build_group_pdf", "build_trio_pdf"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reports' has no attribute {name!r}")
