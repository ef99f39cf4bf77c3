"""All trios of a werkplaats, scored, and the table beside the facilitator's wall."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from results.labels import Member
from results.trio import MemberAnswers, trio_result
from scoring import GroupResult, Model


class Trio(Protocol):
    """What the wall and the group report need of a trio (``storage.TrioRecord`` is one)."""

    @property
    def id(self) -> int: ...

    @property
    def municipality(self) -> str: ...

    @property
    def casus(self) -> str: ...


class TrioWithMembers(Protocol):
    """A trio with its members in the order they joined (``storage.TrioMembers`` is one)."""

    @property
    def trio(self) -> Trio: ...

    @property
    def members(self) -> Sequence[Member]: ...


@dataclass(frozen=True)
class TrioGroup:
    trio: Trio
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


def werkplaats_groups(
    model: Model, trios: Sequence[TrioWithMembers], answers: Mapping[int, Mapping[int, MemberAnswers]]
) -> list[TrioGroup]:
    """Every trio scored, lettered in the given order: ``trios`` as ``storage.werkplaats_members`` and
    ``answers`` (trio id -> member id -> frame -> question id -> value) as ``storage.werkplaats_answers``
    return them."""
    return [
        TrioGroup(
            trio=entry.trio,
            result=trio_result(model, entry.members, answers.get(entry.trio.id, {})),
            letter=letter_for(index),
        )
        for index, entry in enumerate(trios)
    ]


def wall_table(
    model: Model, groups: Sequence[TrioGroup], *, reveal: bool, least_agreement_first: bool
) -> pd.DataFrame:
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
