"""Numbers as a Dutch reader writes them: a decimal comma, a real minus sign where asked.

Every number a page, a chart label, a PDF or an export text shows goes through here, so that
"0,34" and "+0,25" look the same everywhere. Spreadsheet cells keep real numbers (the CSV
writer puts the comma in itself).
"""

from __future__ import annotations


def decimal(value: float | None, digits: int = 2, *, sign: bool = False, missing: str = "–") -> str:
    """``0.345`` -> ``"0,35"``; with ``sign``, ``0.25`` -> ``"+0,25"`` and ``-0.25`` -> ``"−0,25"``.

    ``None`` (no score yet) is ``missing``. A value that rounds to zero never gets a minus sign.
    """
    if value is None:
        return missing
    rounded = round(value, digits)
    if rounded == 0:
        rounded = 0.0  # no "-0,00"
    text = f"{abs(rounded):.{digits}f}".replace(".", ",")
    if rounded < 0:
        return ("−" if sign else "-") + text
    return ("+" + text) if sign else text


def percent(fraction: float, digits: int = 0) -> str:
    """``0.5`` -> ``"50%"`` (Dutch style writes no space before the percent sign in running text)."""
    return decimal(100 * fraction, digits) + "%"
