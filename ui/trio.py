"""A trio's members and answers from storage, scored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy.engine import Engine

import storage
from scoring import GroupResult, MemberInput, Model, group_result
from storage import MemberRecord


def member_labels(model: Model, members: Sequence[MemberRecord]) -> dict[int, str]:
    """Role name, with the display name when given; numbered when a role occurs twice without names."""
    base = {
        m.id: model.role_name(m.role) + (f" ({m.display_name})" if m.display_name else "") for m in members
    }
    counts = Counter(base.values())
    seen: Counter[str] = Counter()
    labels: dict[int, str] = {}
    for m in members:
        label = base[m.id]
        if counts[label] > 1:
            seen[label] += 1
            label = f"{label} {seen[label]}"
        labels[m.id] = label
    return labels


def trio_result(engine: Engine, model: Model, trio_id: int) -> GroupResult:
    members = storage.list_members(engine, trio_id)
    answers = storage.trio_answers(engine, trio_id)
    labels = member_labels(model, members)
    return group_result(
        model,
        [
            MemberInput(member_id=str(m.id), role=m.role, label=labels[m.id], answers=answers.get(m.id, {}))
            for m in members
        ],
    )
