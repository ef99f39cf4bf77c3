"""All trios of a werkplaats, scored, in two queries (members, answers): no query per trio."""

from __future__ import annotations

import string
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

import storage
from scoring import GroupResult, MemberInput, MemberResult, Model, group_result, regroup
from storage import TrioRecord
from storage.labels import member_labels


@dataclass(frozen=True)
class TrioGroup:
    trio: TrioRecord
    result: GroupResult
    letter: str
    """Anonymous label (A, B, … Z, AA, …), stable by the order trios joined."""

    def label(self, reveal: bool) -> str:
        return self.trio.municipality if reveal else self.letter


def letter_for(index: int) -> str:
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


def werkplaats_groups(engine: Engine, model: Model, werkplaats_id: int) -> list[TrioGroup]:
    trios = storage.werkplaats_members(engine, werkplaats_id)
    answers = storage.werkplaats_answers(engine, werkplaats_id)
    groups: list[TrioGroup] = []
    for index, entry in enumerate(trios):
        labels = member_labels(model, entry.members)
        trio_answers = answers.get(entry.trio.id, {})
        inputs = [
            MemberInput(member_id=str(m.id), role=m.role, label=labels[m.id], answers=trio_answers.get(m.id, {}))
            for m in entry.members
        ]
        groups.append(TrioGroup(trio=entry.trio, result=group_result(model, inputs), letter=letter_for(index)))
    return groups


def role_groups(model: Model, groups: list[TrioGroup]) -> dict[str, GroupResult]:
    """role id -> all members with that role across the given trios, in the model's role order."""
    members: dict[str, list[MemberResult]] = {r.id: [] for r in model.roles}
    for group in groups:
        for m in group.result.members:
            members.setdefault(m.role, []).append(m)
    return {role: regroup(model, found) for role, found in members.items() if found}


def wijk_and_sector(model: Model, groups: list[TrioGroup]) -> dict[str, GroupResult]:
    """The two groups the workshops compare: wijkambtenaren and sector colleagues (by role ``group``)."""
    by_group: dict[str, list[MemberResult]] = {"wijk": [], "sector": []}
    kinds = {r.id: r.group for r in model.roles}
    for group in groups:
        for m in group.result.members:
            kind = kinds.get(m.role)
            if kind in by_group:
                by_group[kind].append(m)
    return {kind: regroup(model, found) for kind, found in by_group.items() if found}


def wall_table(model: Model, groups: list[TrioGroup], *, reveal: bool, least_agreement_first: bool) -> pd.DataFrame:
    """The table beside the wall: progress and disagreement per trio."""

    def name(quadrant_id: str | None) -> str:
        return model.quadrant(quadrant_id).name if quadrant_id else "–"

    table = pd.DataFrame(
        [
            {
                "Trio": g.label(reveal),
                "Leden": len(g.result.members),
                "Ingevuld": round(100 * g.result.progress),
                "Onderling verschil": round(g.result.spread, 2) if g.result.spread is not None else None,
                "Nu → gewenst": f"{name(g.result.nu.quadrant)} → {name(g.result.gewenst.quadrant)}",
            }
            for g in groups
        ],
        columns=["Trio", "Leden", "Ingevuld", "Onderling verschil", "Nu → gewenst"],
    )
    if least_agreement_first and not table.empty:
        table = table.sort_values("Onderling verschil", ascending=False, na_position="last")
    return table
