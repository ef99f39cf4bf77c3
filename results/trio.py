"""A trio's result: its members named and scored, from answers already read; and its bestuurder's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from results.labels import Member, member_labels
from scoring import Answers, Frame, GroupResult, MemberInput, MemberResult, Model, group_result, member_result

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


BESTUURDER = "Bestuurder"
"""How a bestuurder or directeur is named, with the display name when given: "Bestuurder (Jan)"."""


def bestuur_result(model: Model, member: Member, answers: MemberAnswers) -> MemberResult:
    """The trio's bestuurder scored exactly as a trio member (``answers`` is frame -> question id -> value),
    but on its own: it is never part of the trio's mean. The other place a member is scored."""
    label = BESTUURDER + (f" ({member.display_name})" if member.display_name else "")
    return member_result(
        model,
        MemberInput(
            member_id=str(member.id),
            role=member.role,
            label=label,
            answers=cast("Mapping[str, Answers]", answers),
        ),
    )
