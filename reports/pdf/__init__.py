"""Rolwijzer's PDF reports: the trio's take-home report and the werkplaats' group report.

Built from fpdf2 primitives only (no browser, no network). ``style`` and ``document`` hold the
fonts, colours and the page; ``quadrant``, ``marks`` and ``legends`` the pictures; ``tables`` and
``sections`` the parts both reports share; ``trio`` and ``group`` the two reports.
"""
