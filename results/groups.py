"""Role groups across trios: every member of one role, and wijkambtenaren against sector colleagues."""

from __future__ import annotations

from collections.abc import Sequence

from results.wall import TrioGroup
from scoring import GroupResult, MemberResult, Model, regroup


def role_groups(model: Model, groups: Sequence[TrioGroup]) -> dict[str, GroupResult]:
    """role id -> all members with that role across the given trios, in the model's role order."""
    members: dict[str, list[MemberResult]] = {r.id: [] for r in model.roles}
    for group in groups:
        for m in group.result.members:
            members.setdefault(m.role, []).append(m)
    return {role: regroup(model, found) for role, found in members.items() if found}


def wijk_and_sector(model: Model, groups: Sequence[TrioGroup]) -> dict[str, GroupResult]:
    """The two groups the workshops compare: wijkambtenaren and sector colleagues (by role ``group``)."""
    by_group: dict[str, list[MemberResult]] = {"wijk": [], "sector": []}
    kinds = {r.id: r.group for r in model.roles}
    for group in groups:
        for m in group.result.members:
            kind = kinds.get(m.role)
            if kind in by_group:
                by_group[kind].append(m)
    return {kind: regroup(model, found) for kind, found in by_group.items() if found}
