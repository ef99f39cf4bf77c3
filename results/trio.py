"""A trio's result: its members named and scored, from answers already read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from results.labels import Member, member_labels
from scoring import Answers, Frame, GroupResult, MemberInput, Model, group_result

MemberAnswers = Mapping[Frame, Answers]
"""frame -> question id -> value (``None`` is "weet ik niet"), as storage returns it."""


def trio_result(model: Model, members: Sequence[Member], answers: Mapping[int, MemberAnswers]) -> GroupResult:
    """The one place a trio is scored: ``answers`` is member id -> frame -> question id -> value
    (``storage.trio_answers``); a member without answers counts as having answered nothing.
    ``member_id`` of each member's result is the member's id as text."""
    labels = member_labels(model, members)
    # Scoring looks a member's answers up by frame name only. To mypy a Mapping[Frame, ...] is no
    # Mapping[str, ...] (mapping keys are invariant), although it reads the same: hence the cast.
    return group_result(
        model,
        [
            MemberInput(
                member_id=str(m.id),
                role=m.role,
                label=labels[m.id],
                answers=cast("Mapping[str, Answers]", answers.get(m.id, {})),
            )
            for m in members
        ],
    )
