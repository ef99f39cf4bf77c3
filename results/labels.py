"""How members are named on pages and in exports, without their secret token."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from scoring import Model


class Member(Protocol):
    """What naming and scoring need of a member (``storage.MemberRecord`` is one)."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def display_name(self) -> str: ...


def member_labels(model: Model, members: Sequence[Member]) -> dict[int, str]:
    """Role name, with the display name when given; numbered when a label occurs twice in the trio."""
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
