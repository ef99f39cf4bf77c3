"""The results page's actions: the follow-up of last round's (how each action of the round before went) and
"Onze acties" (what the trio will do, in the round the page shows).

Everything is saved in a callback, before the page run, so that the run's read of the trio
(``ui.trio_view``) shows it; the page reruns for everyone in the trio when it changed.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

import storage
from results.actions import FOLLOW_UP_HELP, FOLLOW_UP_TITLE, REFLECTION_PROMPT, STATUS_NAMES, STATUS_QUESTION
from storage import ActionRecord
from ui.state import engine
from ui.text import md

ACTION_ERROR = "_action_error"
FOLLOW_UP_ERROR = "_follow_up_error"
PRIMED = "_follow_up_primed"

NO_EARLIER_ACTIONS = "Jullie schreven de vorige keer geen acties op."


def _status_name(status: str) -> str:
    return STATUS_NAMES.get(status, status)  # type: ignore[call-overload, no-any-return]


def _prime(key: str, stored: object) -> None:
    """Put the stored value in a widget when it changed in the database (a colleague saved it), and leave
    what the member is typing alone otherwise."""
    seen = st.session_state.setdefault(PRIMED, {})
    if key not in seen or seen[key] != stored:
        st.session_state[key] = stored
        seen[key] = stored


def _save_follow_up(trio_id: int, action_id: int) -> None:
    status = st.session_state[f"follow_up_status_{action_id}"]
    try:
        storage.follow_up_action(
            engine(), trio_id=trio_id, action_id=action_id, status=status,
            reflection=st.session_state[f"follow_up_reflection_{action_id}"],
        )
    except storage.InputError as exc:
        st.session_state[FOLLOW_UP_ERROR] = (action_id, str(exc))


def followed_up_words(action: ActionRecord) -> str:
    """ "Stand: **Gedaan**. 'Het liep goed.'" for an action that was followed up (user text escaped)."""
    if action.status is None:
        return "Nog niet nagelopen."
    words = f"Stand: **{_status_name(action.status)}**."
    return words + (f" _{md(action.reflection)}_" if action.reflection else "")


def show_follow_up(trio_id: int, earlier: Sequence[ActionRecord]) -> None:
    """The follow-up: each action of the round before, with a status and one line."""
    st.header(FOLLOW_UP_TITLE, anchor=False)
    if not earlier:
        st.caption(NO_EARLIER_ACTIONS)
        return
    st.caption(FOLLOW_UP_HELP)
    failed = st.session_state.pop(FOLLOW_UP_ERROR, None)
    for action in earlier:
        with st.container(border=True, key=f"follow_up_{action.id}"):
            st.markdown(
                f"**{md(action.what)}**  \nWie: {md(action.who) or '–'} · Wanneer: {md(action.when_text) or '–'}  \n"
                + followed_up_words(action)
            )
            status_key, reflection_key = f"follow_up_status_{action.id}", f"follow_up_reflection_{action.id}"
            _prime(status_key, action.status)
            _prime(reflection_key, action.reflection)
            with st.form(f"follow_up_form_{action.id}", border=False):
                st.radio(STATUS_QUESTION, list(storage.ACTION_STATUSES), format_func=_status_name, key=status_key,
                         horizontal=True)
                st.text_input(REFLECTION_PROMPT, key=reflection_key,
                              help=f"Hoogstens {storage.MAX_REFLECTION} tekens.")
                st.form_submit_button("Bewaar", on_click=_save_follow_up, args=(trio_id, action.id))
            if failed and failed[0] == action.id:
                st.error(failed[1])


def _add_action(trio_id: int, round_id: int) -> None:
    try:
        storage.add_action(
            engine(), trio_id=trio_id, what=st.session_state["action_what"], who=st.session_state["action_who"],
            when_text=st.session_state["action_when"], round_id=round_id,
        )
    except storage.InputError as exc:
        st.session_state[ACTION_ERROR] = str(exc)  # a Dutch message written for users (storage.errors)


def _delete_action(trio_id: int, action_id: int) -> None:
    storage.delete_action(engine(), trio_id=trio_id, action_id=action_id)


def show_actions(trio_id: int, round_id: int, actions: Sequence[ActionRecord]) -> None:
    """ "Onze acties": the form to add one, and the trio's actions of this round."""
    st.header("Onze acties")
    st.caption("Wat gaan jullie doen, wie pakt het op, en wanneer? Iedereen in jullie trio ziet deze acties.")
    with st.form("action_form", clear_on_submit=True):
        st.text_input("Wat", key="action_what",
                      help=f"Hoogstens {storage.MAX_ACTION_WHAT} tekens.")
        who_col, when_col = st.columns(2)
        who_col.text_input("Wie", key="action_who",
                           help=f"Hoogstens {storage.MAX_ACTION_WHO} tekens.")
        when_col.text_input("Wanneer", key="action_when",
                            help=f"Hoogstens {storage.MAX_ACTION_WHEN} tekens.")
        st.form_submit_button("Actie toevoegen", type="primary", on_click=_add_action, args=(trio_id, round_id))
    if error := st.session_state.pop(ACTION_ERROR, None):
        st.error(error)
    for action in actions:
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            st.markdown(
                f"**{md(action.what)}**  \nWie: {md(action.who) or '–'} · Wanneer: {md(action.when_text) or '–'}"
            )
            st.button("Verwijder", key=f"delete_action_{action.id}", type="tertiary", on_click=_delete_action,
                      args=(trio_id, action.id))
