"""The sheets of the werkplaats export about what trios take home from the round: the chosen
handelingsperspectieven (``Perspectieven``), the actions with their follow-up (``Acties``) and the
leervragen with what the trio knows about them now (``Leervragen``).

Pure, like the other frame builders of :mod:`reports.exports`, which registers these sheets and
writes them (formula injection and all). Column names are Dutch; a trio is its id (``trio``, the same
in every sheet) and its municipality (``gemeente``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import pandas as pd

from results.programme import STATUS_NAMES
from scoring import Model
from storage import ActionRecord, LeervraagRecord, TrioMembers
from storage.export_reads import PerspectiveChoiceRow

PERSPECTIVE_COLUMNS: Final = ("trio", "gemeente", "perspectief", "titel", "gekozen op")
ACTION_COLUMNS: Final = ("trio", "gemeente", "wat", "wie", "wanneer", "stand", "reflectie")
LEERVRAAG_COLUMNS: Final = ("trio", "gemeente", "nummer", "leervraag", "wat jullie nu weten")

SHEET_PERSPECTIVES: Final = "Perspectieven"
SHEET_ACTIONS: Final = "Acties"
SHEET_LEERVRAGEN: Final = "Leervragen"

NOT_FOLLOWED_UP: Final = "—"
"""The ``stand`` of an action not followed up (yet)."""


def _municipalities(trios: Sequence[TrioMembers]) -> dict[int, str]:
    return {entry.trio.id: entry.trio.municipality for entry in trios}


def status_name(status: str | None) -> str:
    """Gedaan, Bezig, Niet gelukt or Losgelaten; "—" when not followed up."""
    if status is None:
        return NOT_FOLLOWED_UP
    names: dict[str, str] = dict(STATUS_NAMES)
    return names.get(status, status)


def perspectives_frame(
    model: Model, trios: Sequence[TrioMembers], rows: Iterable[PerspectiveChoiceRow]
) -> pd.DataFrame:
    """One row per chosen handelingsperspectief: its id, its title (the id for one no longer in the
    content) and when it was chosen."""
    municipality = _municipalities(trios)
    titles = {p.id: p.title for p in model.perspectives}
    records: list[dict[str, Any]] = [
        {
            "trio": row.trio_id,
            "gemeente": municipality.get(row.trio_id, ""),
            "perspectief": row.perspective_id,
            "titel": titles.get(row.perspective_id, row.perspective_id),
            "gekozen op": row.chosen_at,
        }
        for row in rows
    ]
    df = pd.DataFrame.from_records(records, columns=list(PERSPECTIVE_COLUMNS))
    df["gekozen op"] = pd.to_datetime(df["gekozen op"], utc=True)
    return df


def actions_frame(trios: Sequence[TrioMembers], actions: Iterable[ActionRecord]) -> pd.DataFrame:
    """One row per action written down in the round, with how it stands once followed up."""
    municipality = _municipalities(trios)
    records: list[dict[str, Any]] = [
        {
            "trio": action.trio_id,
            "gemeente": municipality.get(action.trio_id, ""),
            "wat": action.what,
            "wie": action.who,
            "wanneer": action.when_text,
            "stand": status_name(action.status),
            "reflectie": action.reflection,
        }
        for action in actions
    ]
    return pd.DataFrame.from_records(records, columns=list(ACTION_COLUMNS))


def leervragen_frame(
    trios: Sequence[TrioMembers], leervragen: Iterable[LeervraagRecord], round_id: int
) -> pd.DataFrame:
    """One row per leervraag (``nummer`` 1 to 3) with what the trio wrote about it in round ``round_id``
    (empty when nothing)."""
    municipality = _municipalities(trios)
    records: list[dict[str, Any]] = [
        {
            "trio": leervraag.trio_id,
            "gemeente": municipality.get(leervraag.trio_id, ""),
            "nummer": leervraag.position,
            "leervraag": leervraag.text,
            "wat jullie nu weten": next((n.text for n in leervraag.notes if n.round_id == round_id), ""),
        }
        for leervraag in leervragen
    ]
    return pd.DataFrame.from_records(records, columns=list(LEERVRAAG_COLUMNS))
