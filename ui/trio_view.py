"""What the results page shows of a trio, read once per page run, and the check that reruns the page.

Everything on the results page (the quadrant, "Naast elkaar", the invloedskaart, the starters, the
perspectives, the actions and the PDF) is built from one :class:`TrioView`, read at the top of the page
run. While the page is open, :func:`refresh_when_changed` reads the trio again every few seconds and
reruns the whole page when anything in it changed: a colleague's answers or influence choices, a new
member, a chosen perspective or an action.
A quiet trio costs one read per interval and no drawing.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import streamlit as st

import storage
from results import trio_result
from results.influence import member_choices
from scoring import FRAMES, GroupResult, Model
from storage import ActionRecord
from ui.state import engine

REFRESH_SECONDS = 10
_JUST_READ = "_trio_view_just_read"


@dataclass(frozen=True)
class TrioView:
    result: GroupResult
    chosen_ids: frozenset[str]
    """Perspectives the trio chose (any member)."""
    actions: tuple[ActionRecord, ...]
    choices: Mapping[str, Mapping[str, str]]
    """member id (as in ``result``) -> question id -> influence option id."""
    levels: Mapping[str, str | None]
    """member id (as in ``result``) -> the member's level id, ``None`` when not given."""

    @property
    def version(self) -> Hashable:
        """Equal for two reads exactly when the page would show the same."""
        members = tuple(
            (m.member_id, m.label, m.role, tuple(tuple(sorted(m.answers.get(f, {}).items())) for f in FRAMES))
            for m in self.result.members
        )
        choices = tuple((m, tuple(sorted(c.items()))) for m, c in sorted(self.choices.items()))
        return members, tuple(sorted(self.chosen_ids)), self.actions, choices, tuple(sorted(self.levels.items()))


def read_trio_view(model: Model, trio_id: int) -> TrioView:
    """The trio's members (with their levels) and answers (scored), influence choices, chosen perspectives
    and actions: five short queries."""
    members = storage.list_members(engine(), trio_id)
    return TrioView(
        result=trio_result(model, members, storage.trio_answers(engine(), trio_id)),
        chosen_ids=frozenset(storage.chosen_perspectives(engine(), trio_id)),
        actions=tuple(storage.list_actions(engine(), trio_id)),
        choices=member_choices(storage.trio_influence_choices(engine(), trio_id)),
        levels={str(m.id): m.level for m in members},
    )


def refresh_when_changed(model: Model, trio_id: int, shown: Hashable) -> None:
    """Rerun the whole page as soon as the trio differs from ``shown`` (checked every REFRESH_SECONDS)."""
    st.session_state[_JUST_READ] = True
    _watch(model, trio_id, shown)


@st.fragment(run_every=REFRESH_SECONDS)
def _watch(model: Model, trio_id: int, shown: Hashable) -> None:
    if st.session_state.pop(_JUST_READ, False):
        return  # called by the page run that has just read the trio
    try:
        now = read_trio_view(model, trio_id).version
    except storage.StorageUnavailable:
        return  # the next tick tries again; the page keeps what it shows
    if now != shown:
        st.rerun(scope="app")
