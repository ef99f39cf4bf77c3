"""The sheet of the werkplaats export about the bestuurders (``Bestuur``): per trio that invited one and
per moment, where the trio places the gemeente and where its bestuurder does, how far apart, and the
statement on which they differ most.

The bestuurder is never counted in the trio (``results.bestuur``); this sheet keeps them apart from
``Antwoorden`` and ``Scores`` for the same reason: a sum over those sheets is the trios' own. Pure,
like the other frame builders of :mod:`reports.exports`, which registers this sheet and writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import pandas as pd

from results import bestuur_result
from results.bestuur import bestuur_comparison
from results.words import place_words
from scoring import GroupResult, Model
from storage import TrioMembers
from storage.export_reads import BestuurAnswers

BESTUUR_COLUMNS: Final = (
    "trio", "gemeente", "bestuurder", "moment", "beantwoord", "trio x", "trio y", "trio plek", "bestuur x",
    "bestuur y", "bestuur plek", "afstand", "grootste verschil", "verschil in punten",
)
SHEET_BESTUUR: Final = "Bestuur"
_FLOATS: Final = ("trio x", "trio y", "bestuur x", "bestuur y", "afstand", "verschil in punten")


def _float(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def bestuur_frame(
    model: Model, results: Sequence[tuple[TrioMembers, GroupResult]], bestuur: Sequence[BestuurAnswers]
) -> pd.DataFrame:
    """Two rows (nu, gewenst) per bestuurder of a trio in ``results`` (``reports.exports.trio_results``).

    ``x`` and ``y`` are floats in -1..1 (empty without enough answers), ``afstand`` the distance between the
    two places in the same units; ``verschil in punten`` is the bestuurder's answer minus the trio's mean on
    ``grootste verschil`` (positive: the bestuurder is nearer the axis' high pole)."""
    by_trio = {entry.trio.id: (entry.trio, result) for entry, result in results}
    records: list[dict[str, Any]] = []
    for entry in bestuur:
        if entry.trio_id not in by_trio:
            continue
        trio, result = by_trio[entry.trio_id]
        own = bestuur_result(model, entry.member, entry.answers)
        for comparison in bestuur_comparison(model, result, own):
            largest = comparison.largest(1)
            records.append({
                "trio": trio.id,
                "gemeente": trio.municipality,
                "bestuurder": entry.member.display_name or "",
                "moment": comparison.frame,
                "beantwoord": comparison.bestuur.answered,
                "trio x": _float(comparison.trio.x),
                "trio y": _float(comparison.trio.y),
                "trio plek": place_words(model, comparison.trio, missing=""),
                "bestuur x": _float(comparison.bestuur.x),
                "bestuur y": _float(comparison.bestuur.y),
                "bestuur plek": place_words(model, comparison.bestuur, missing=""),
                "afstand": _float(comparison.distance),
                "grootste verschil": largest[0].question_id if largest else "",
                "verschil in punten": _float(largest[0].gap if largest else None),
            })
    df = pd.DataFrame.from_records(records, columns=list(BESTUUR_COLUMNS))
    for column in _FLOATS:
        df[column] = df[column].astype("float64")
    df["beantwoord"] = df["beantwoord"].astype("int64")
    return df
