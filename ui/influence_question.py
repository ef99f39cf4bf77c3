"""The questionnaire's influence question on a statement card: "Wie kan hier iets aan veranderen?".

Asked once the statement has an answer for nu and for gewenst; one of the content's options, or none
(skipping never blocks anything). A choice is saved in its callback through the answer queue
(``ui.answers``), so a database outage delays it but never loses it. Tapping the chosen option again
clears the choice.
"""

from __future__ import annotations

import streamlit as st

from scoring import Model
from scoring.schema import Question
from ui import answers as answer_store

PRIMED_KEY = "_influence_primed_member"


def influence_key(question_id: str) -> str:
    return f"influence_choice_{question_id}"


def _on_choice(member_id: int, question_id: str) -> None:
    chosen = st.session_state[influence_key(question_id)]
    was_waiting = bool(answer_store.waiting(member_id))
    if not answer_store.save_influence(member_id, question_id, chosen or answer_store.UNSET) or was_waiting:
        st.rerun()  # the whole page: it says what still waits, or that nothing does any more
    # Otherwise only the card reruns (the control sits in the card's fragment): nothing else shows it.


def prime(member_id: int) -> None:
    """Forget the controls of another member who used this session before (a shared laptop)."""
    if st.session_state.get(PRIMED_KEY) != member_id:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("influence_choice_")]:
            del st.session_state[key]
        st.session_state[PRIMED_KEY] = member_id


def influence_control(model: Model, member_id: int, question: Question, number: int) -> None:
    """The question and its options, under a statement answered for nu and gewenst (not when the pack
    asks no influence question)."""
    influence = model.influence
    if influence is None:
        return
    key = influence_key(question.id)
    if key not in st.session_state:  # the control left the screen, or was never drawn: as stored
        st.session_state[key] = answer_store.load_influence(member_id).get(question.id)
    names = {option.id: option.name for option in influence.options}
    st.markdown(f"**{influence.question}** _(mag je overslaan)_")
    st.pills(
        f"{influence.question} – {number}. {question.theme}",  # the group's accessible name, never shown
        list(names),
        format_func=names.__getitem__,
        key=key,
        on_change=_on_choice,
        args=(member_id, question.id),
        label_visibility="collapsed",
    )
