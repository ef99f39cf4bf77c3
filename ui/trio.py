"""A trio's members and answers from storage, scored."""

from __future__ import annotations

from sqlalchemy.engine import Engine

import storage
from scoring import GroupResult, MemberInput, Model, group_result
from storage.labels import member_labels


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
