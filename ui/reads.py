"""What the pages read: records and answers from storage (the cached engine), built by ``results``."""

from __future__ import annotations

import storage
from results import TrioGroup, trio_result, werkplaats_groups
from scoring import GroupResult, Model
from ui.state import engine


def read_trio_result(model: Model, trio_id: int) -> GroupResult:
    """A trio's members and answers, scored (two queries)."""
    return trio_result(model, storage.list_members(engine(), trio_id), storage.trio_answers(engine(), trio_id))


def read_werkplaats_groups(model: Model, werkplaats_id: int) -> list[TrioGroup]:
    """All trios of a werkplaats, scored, in two queries (members, answers): no query per trio."""
    return werkplaats_groups(
        model, storage.werkplaats_members(engine(), werkplaats_id), storage.werkplaats_answers(engine(), werkplaats_id)
    )
