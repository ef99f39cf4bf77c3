"""The results page's "Beweging sinds <vorige ronde>": how the trio and each member moved from the round
before to this one, in the words of ``results.words`` (``results.rounds`` computes the steps).

Only members who answered something in a round count as taking part in it: a colleague who joined the
trio later has no answers in the round before, and is "voor het eerst" in this one.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from results.rounds import TrioMovement, trio_movement
from results.words import Sentence, absent_sentence, member_step_sentence, trio_step_sentences
from scoring import GroupResult, Model, regroup
from storage import RoundRecord
from ui.explain import markdown, show
from ui.text import md

MOVEMENT_HELP = (
    "Zo schoven jullie sinds de vorige keer, voor nu en voor gewenst. De getallen zijn de verschuiving op een as "
    "(van -1 tot 1). Kleiner dan 0,05 noemen we vrijwel dezelfde plek."
)


def labels(previous: RoundRecord, current: RoundRecord) -> tuple[str, str]:
    """The two rounds' names for the sentences (user text, escaped); told apart when they are the same."""
    before, after = md(previous.name), md(current.name)
    if before == after:
        return f"{before} (ronde {previous.position or 1})", f"{after} (ronde {current.position or 2})"
    return before, after


def _taking_part(model: Model, result: GroupResult) -> GroupResult:
    """The members who answered something in the round, with their labels escaped for Markdown."""
    return regroup(
        model, [dataclasses.replace(m, label=md(m.label)) for m in result.members if m.answered]
    )


def movement(model: Model, previous: RoundRecord, earlier: GroupResult, current: RoundRecord,
             later: GroupResult) -> TrioMovement:
    """The trio's movement from ``previous`` (its result ``earlier``) to ``current`` (``later``)."""
    before, after = labels(previous, current)
    return trio_movement([(before, _taking_part(model, earlier)), (after, _taking_part(model, later))])


def sentences(model: Model, moved: TrioMovement) -> tuple[list[Sentence], list[str]]:
    """The trio's sentences and one line per member (moved, or not there in one of the two rounds)."""
    trio = trio_step_sentences(model, moved.steps[0]) if moved.steps else []
    members = []
    for member in moved.members:
        if member.steps:
            members.append(markdown(member_step_sentence(model, member.label, member.steps[-1])))
        elif member.missing:
            members.append(absent_sentence(member.label, member.missing))
    return trio, members


def show_movement(model: Model, previous: RoundRecord, earlier: GroupResult, current: RoundRecord,
                  later: GroupResult) -> None:
    """The section: a heading with the round before, the trio's step and every member's."""
    st.header(f"Beweging sinds {md(previous.name)}", anchor=False)
    st.caption(MOVEMENT_HELP)
    trio, members = sentences(model, movement(model, previous, earlier, current, later))
    show(trio)
    if members:
        st.markdown("**Per triolid**  \n" + "  \n".join(members))
