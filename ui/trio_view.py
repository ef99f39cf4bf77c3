"""What the results page shows of a trio, read once per page run, and the check that reruns the page.

Everything on the results page (the quadrant, "Naast elkaar", the invloedskaart, the starters, the
perspectives, the actions and the PDF) is built from one :class:`TrioView`, read at the top of the page
run. While the page is open, :func:`refresh_when_changed` reads the trio again every few seconds and
reruns the whole page when anything in it changed: a colleague's answers or influence choices, a new
member, a chosen perspective or an action, a leervraag or its note, the follow-up of an action of last
time, or the facilitator opening the trio's next round (the page then moves on to it).
A quiet trio costs one read per interval and no drawing.

Everything is read for one round (``round_id``: the round the member's page shows, passed explicitly),
and the actions of the round before it (``previous_round_id``) for their follow-up.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import streamlit as st

import storage
from results import trio_result
from results.influence import member_choices
from scoring import FRAMES, GroupResult, Model
from storage import ActionRecord, LeervraagRecord
from ui.state import engine, forget_member_context

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
    leervragen: tuple[LeervraagRecord, ...] = ()
    """The trio's leervragen, each with its notes of every round."""
    earlier_actions: tuple[ActionRecord, ...] = ()
    """The actions of the round before this one, with their follow-up (empty at a first round)."""
    current_round_id: int | None = None
    """The trio's current round in the database when read: another round than the page shows means the
    facilitator opened the next one."""

    @property
    def version(self) -> Hashable:
        """Equal for two reads exactly when the page would show the same."""
        members = tuple(
            (m.member_id, m.label, m.role, tuple(tuple(sorted(m.answers.get(f, {}).items())) for f in FRAMES))
            for m in self.result.members
        )
        choices = tuple((m, tuple(sorted(c.items()))) for m, c in sorted(self.choices.items()))
        return (
            members, tuple(sorted(self.chosen_ids)), self.actions, choices, tuple(sorted(self.levels.items())),
            self.leervragen, self.earlier_actions, self.current_round_id,
        )


def read_trio_view(
    model: Model, trio_id: int, round_id: int | None = None, previous_round_id: int | None = None
) -> TrioView:
    """The trio's members (with their levels) and answers (scored), influence choices, chosen perspectives
    and actions of a round (default: the current one), its leervragen, the actions of ``previous_round_id``
    and the trio's current round: a few short queries."""
    db = engine()
    members = storage.list_members(db, trio_id)
    trio = storage.get_trio(db, trio_id)
    return TrioView(
        result=trio_result(model, members, storage.trio_answers(db, trio_id, round_id=round_id)),
        chosen_ids=frozenset(storage.chosen_perspectives(db, trio_id, round_id=round_id)),
        actions=tuple(storage.list_actions(db, trio_id, round_id=round_id)),
        choices=member_choices(storage.trio_influence_choices(db, trio_id, round_id=round_id)),
        levels={str(m.id): m.level for m in members},
        leervragen=tuple(storage.list_leervragen(db, trio_id)),
        earlier_actions=(
            tuple(storage.list_actions(db, trio_id, round_id=previous_round_id)) if previous_round_id else ()
        ),
        current_round_id=trio.werkplaats_id if trio is not None else None,
    )


def refresh_when_changed(
    model: Model, trio_id: int, shown: Hashable, round_id: int | None = None, previous_round_id: int | None = None
) -> None:
    """Rerun the whole page as soon as the trio differs from ``shown`` (checked every REFRESH_SECONDS),
    read as :func:`read_trio_view` read it."""
    st.session_state[_JUST_READ] = True
    _watch(model, trio_id, shown, round_id, previous_round_id)


@st.fragment(run_every=REFRESH_SECONDS)
def _watch(model: Model, trio_id: int, shown: Hashable, round_id: int | None, previous_round_id: int | None) -> None:
    if st.session_state.pop(_JUST_READ, False):
        return  # called by the page run that has just read the trio
    try:
        now = read_trio_view(model, trio_id, round_id, previous_round_id).version
    except storage.StorageUnavailable:
        return  # the next tick tries again; the page keeps what it shows
    if now != shown:
        forget_member_context()  # a next round is the member's round now: read it again
        st.rerun(scope="app")
