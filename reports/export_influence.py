"""The sheets of the werkplaats export about levels and influence: each member's level
(``Trioleden``) and who each member thinks can change each statement (``Invloed``).

Pure, like the other frame builders of :mod:`reports.exports`, which registers these
sheets and writes them (formula injection and all). Column names are Dutch; values keep
the content's ids where the sheet has an id column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import pandas as pd

from results import member_labels
from scoring import Model
from storage import InfluenceChoiceRow, MemberRecord, TrioMembers, TrioRecord

MEMBER_COLUMNS: Final = ("trio", "gemeente", "rol", "triolid", "werkniveau", "aangemaakt")
INFLUENCE_COLUMNS: Final = (
    "trio",
    "gemeente",
    "triolid",
    "werkniveau",
    "stelling",
    "invloed",
    "wie kan iets veranderen",
    "bijgewerkt",
)

SHEET_MEMBERS: Final = "Trioleden"
SHEET_INFLUENCE: Final = "Invloed"


def by_id(
    model: Model, trios: Sequence[TrioMembers]
) -> tuple[dict[int, TrioRecord], dict[int, MemberRecord], dict[int, str]]:
    """Trios, members and member labels by id, for sheets whose rows name a trio and a member by id."""
    trio_by_id = {entry.trio.id: entry.trio for entry in trios}
    members: dict[int, MemberRecord] = {}
    labels: dict[int, str] = {}
    for entry in trios:
        labels.update(member_labels(model, entry.members))
        members.update({m.id: m for m in entry.members})
    return trio_by_id, members, labels


def _level_name(model: Model, level_id: str | None) -> str:
    """The level's name; the id for a level no longer in the content; empty without a level."""
    if level_id is None:
        return ""
    try:
        return model.level(level_id).name
    except KeyError:
        return level_id


def members_frame(model: Model, trios: Sequence[TrioMembers]) -> pd.DataFrame:
    """One row per member: trio, role, label and the level they work at (``werkniveau``, empty when not given)."""
    records: list[dict[str, Any]] = []
    for entry in trios:
        labels = member_labels(model, entry.members)
        records.extend(
            {
                "trio": entry.trio.id,
                "gemeente": entry.trio.municipality,
                "rol": model.role_name(member.role),
                "triolid": labels[member.id],
                "werkniveau": _level_name(model, member.level),
                "aangemaakt": member.created_at,
            }
            for member in entry.members
        )
    df = pd.DataFrame.from_records(records, columns=list(MEMBER_COLUMNS))
    df["aangemaakt"] = pd.to_datetime(df["aangemaakt"], utc=True)
    return df


def influence_frame(
    model: Model, trios: Sequence[TrioMembers], rows: Iterable[InfluenceChoiceRow]
) -> pd.DataFrame:
    """One row per stored influence choice: who the member thinks can change the statement.

    ``invloed`` is the option's id, ``wie kan iets veranderen`` its name (the id for an option
    no longer in the content).
    """
    trio_by_id, members, labels = by_id(model, trios)
    records: list[dict[str, Any]] = []
    for row in rows:
        trio = trio_by_id.get(row.trio_id)
        member = members.get(row.member_id)
        try:
            option_name = model.influence_option(row.option_id).name
        except KeyError:
            option_name = row.option_id
        records.append(
            {
                "trio": row.trio_id,
                "gemeente": trio.municipality if trio is not None else "",
                "triolid": labels.get(row.member_id, str(row.member_id)),
                "werkniveau": _level_name(model, member.level if member is not None else None),
                "stelling": row.question_id,
                "invloed": row.option_id,
                "wie kan iets veranderen": option_name,
                "bijgewerkt": row.updated_at,
            }
        )
    df = pd.DataFrame.from_records(records, columns=list(INFLUENCE_COLUMNS))
    df["bijgewerkt"] = pd.to_datetime(df["bijgewerkt"], utc=True)
    return df
