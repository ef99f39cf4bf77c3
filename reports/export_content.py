"""The sheet of the werkplaats export with the content the werkplaats used (``Inhoud``): its statements
and quadrants, so that the ids in the other sheets can be read without the YAML.

Pure, like the other frame builders of :mod:`reports.exports`, which registers this sheet and writes it.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from scoring import Model

CONTENT_COLUMNS: Final = (
    "soort", "id", "as", "thema", "laag", "hoog", "omgekeerd", "gewicht", "naam", "x", "y", "samenvatting",
    "rol van de gemeente",
)
SHEET_CONTENT: Final = "Inhoud"
KIND_STATEMENT: Final = "stelling"
KIND_QUADRANT: Final = "kwadrant"


def content_frame(model: Model) -> pd.DataFrame:
    """The statements (soort "stelling") and quadrants (soort "kwadrant") the werkplaats used."""
    records: list[dict[str, Any]] = [
        {
            "soort": KIND_STATEMENT,
            "id": q.id,
            "as": q.axis,
            "thema": q.theme,
            "laag": q.low,
            "hoog": q.high,
            "omgekeerd": q.reverse,
            "gewicht": q.weight,
        }
        for q in model.questions
    ]
    records.extend(
        {
            "soort": KIND_QUADRANT,
            "id": quadrant.id,
            "naam": quadrant.name,
            "x": quadrant.x,
            "y": quadrant.y,
            "samenvatting": quadrant.summary,
            "rol van de gemeente": quadrant.government_role,
        }
        for quadrant in model.quadrants
    )
    return pd.DataFrame.from_records(records, columns=list(CONTENT_COLUMNS))
