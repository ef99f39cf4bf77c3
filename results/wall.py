"""All trios of a werkplaats, scored, and the table beside the facilitator's wall."""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from results.labels import Member
from results.numbers import decimal
from results.trio import MemberAnswers, trio_result
from results.words import short_place
from scoring import GroupResult, Model

DIFFERENCE = "Onderling verschil"
DIFFERENCE_EXPLAINED = (
    "Onderling verschil: hoe ver de trioleden uit elkaar liggen, van 0 (eens) tot 1 (zo ver mogelijk uit elkaar). "
    "– betekent: nog geen twee trioleden met antwoorden."
)
"""The legend line under the wall's table (the projector has no tooltips)."""


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


def trio_letter(trios: Sequence[Trio], trio_id: int) -> str | None:
    """The letter trio ``trio_id`` has on the anonymous wall, so the trio can find itself there.

    ``trios`` are the werkplaats' trios in the order they were made, as ``storage.list_trios``
    returns them (the wall letters them in that order); ``None`` when the trio is not among them.
    The results page says it like this: "Op de groepsmuur zijn jullie trio C".
    """
    for index, trio in enumerate(trios):
        if trio.id == trio_id:
            return letter_for(index)
    return None


def difference(result: GroupResult) -> float | None:
    """A trio's onderling verschil: the largest spread, over both axes and both frames, among its members.

    0 means they agree, 1 is as far apart as answers can be. ``None`` until at least two members
    have a position on the same axis: one member cannot differ from anyone (the wall shows "–").
    """
    spreads = [
        spread
        for group in (result.nu, result.gewenst)
        for spread, placed in ((group.spread_x, group.n_x), (group.spread_y, group.n_y))
        if spread is not None and placed >= 2
    ]
    return max(spreads) if spreads else None


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
    """The table beside the wall, as it is shown: progress and onderling verschil per trio.

    The verschil is text with a decimal comma ("0,34"), and "–" for a trio with fewer than two
    members with answers. "Nu → gewenst" names the quadrants, or "op de grens van A en B" and "in het
    midden" for a trio near a border (:func:`results.words.short_place`). ``least_agreement_first`` puts the largest verschil on top (those
    without one last); otherwise the trios keep the given order.
    """

    def largest_first(group: TrioGroup) -> float:
        value = difference(group.result)
        return -value if value is not None else 1.0  # differences lie in [0, 1]: none comes last

    # A stable sort: equal differences keep the order in which the trios were made.
    ordered = sorted(groups, key=largest_first) if least_agreement_first else list(groups)
    return pd.DataFrame(
        [
            {
                "Trio": g.label(reveal),
                "Trioleden": len(g.result.members),
                "Ingevuld": round(100 * g.result.progress),
                DIFFERENCE: decimal(difference(g.result)),
                "Nu → gewenst": f"{short_place(model, g.result.nu, '–')} → {short_place(model, g.result.gewenst, '–')}",
            }
            for g in ordered
        ],
        columns=["Trio", "Trioleden", "Ingevuld", DIFFERENCE, "Nu → gewenst"],
    )
