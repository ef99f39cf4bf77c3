"""Leervragen: the one to three questions a trio wants to learn about in its leertraject.

The start page asks for them when a trio is made (:func:`inputs`); the results page shows them, lets the
trio add or reword them, and at every later round asks per leervraag "Wat weten jullie nu over deze
vraag?" (saved per round), showing what the trio wrote at earlier rounds.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

import storage
from results.leervragen import LEERVRAAG_PROMPT, LEERVRAGEN_HELP, LEERVRAGEN_TITLE
from storage import LeervraagRecord, RoundRecord
from storage.limits import clean_text
from ui.state import engine
from ui.text import md

# The words the PDF shares come from results.leervragen; these are the page's own.
LEERVRAAG_LABEL = "Leervraag {n}"
NO_LEERVRAGEN = "Jullie hebben nog geen leervragen."
EDIT_TOGGLE = "Leervragen aanpassen"
ADD_TOGGLE = "Leervragen toevoegen"
SAVE_LEERVRAGEN = "Leervragen bewaren"
SAVE_NOTES = "Bewaar wat jullie nu weten"
EARLIER_NOTE = "{round}: {text}"

ERROR_KEY = "_leervragen_error"
PRIMED = "_leervragen_primed"


def inputs(prefix: str, current: Sequence[str] = ()) -> list[str]:
    """The three optional fields "Leervraag 1/2/3" with their help line (inside a form); the texts typed."""
    st.markdown(f"**{LEERVRAGEN_TITLE}** (mag leeg blijven)")
    st.caption(LEERVRAGEN_HELP)
    texts = []
    for n in range(1, storage.MAX_LEERVRAGEN + 1):
        key = f"{prefix}_{n}"
        if current:
            _prime(key, current[n - 1] if n <= len(current) else "")
        texts.append(
            st.text_input(LEERVRAAG_LABEL.format(n=n), key=key, help=f"Hoogstens {storage.MAX_LEERVRAAG} tekens.")
        )
    return texts


def check(texts: Sequence[str]) -> list[str]:
    """The texts as storage keeps them (empties dropped); raises ``storage.InputError`` in Dutch, before
    anything is made."""
    cleaned = [clean_text(text, field="Leervraag", limit=storage.MAX_LEERVRAAG) for text in texts]
    return [text for text in cleaned if text]


def _prime(key: str, stored: str) -> None:
    """Show the stored text when it changed in the database; leave what the member types alone otherwise."""
    seen = st.session_state.setdefault(PRIMED, {})
    if seen.get(key) != stored:
        st.session_state[key] = stored
        seen[key] = stored


def _save_leervragen(trio_id: int) -> None:
    texts = [st.session_state.get(f"edit_leervraag_{n}", "") for n in range(1, storage.MAX_LEERVRAGEN + 1)]
    try:
        storage.set_leervragen(engine(), trio_id=trio_id, texts=texts)
    except storage.InputError as exc:
        st.session_state[ERROR_KEY] = str(exc)
    else:
        st.session_state["edit_leervragen"] = False


def _save_notes(trio_id: int, round_id: int, leervraag_ids: Sequence[int]) -> None:
    try:
        for leervraag_id in leervraag_ids:
            storage.save_leervraag_note(
                engine(), trio_id=trio_id, leervraag_id=leervraag_id, round_id=round_id,
                text=st.session_state.get(f"leervraag_note_{leervraag_id}", ""),
            )
    except storage.InputError as exc:
        st.session_state[ERROR_KEY] = str(exc)


def _earlier_notes(leervraag: LeervraagRecord, rounds: Sequence[RoundRecord], round_id: int) -> list[str]:
    names = {r.werkplaats_id: r.name for r in rounds}
    return [
        EARLIER_NOTE.format(round=md(names.get(note.round_id, "Eerder")), text=md(note.text))
        for note in leervraag.notes
        if note.round_id != round_id
    ]


def show_leervragen(
    trio_id: int, leervragen: Sequence[LeervraagRecord], rounds: Sequence[RoundRecord], round_id: int
) -> None:
    """The section: the leervragen, at a later round with "Wat weten jullie nu?", and a switch to edit."""
    st.header(LEERVRAGEN_TITLE, anchor=False)
    later = len(rounds) > 1 and rounds[0].werkplaats_id != round_id
    if not leervragen:
        st.caption(f"{NO_LEERVRAGEN} {LEERVRAGEN_HELP}")
    elif later:
        with st.form("leervraag_notes", border=False):
            for leervraag in leervragen:
                _leervraag_card(leervraag, rounds, round_id, ask=True)
            st.form_submit_button(
                SAVE_NOTES, type="primary", on_click=_save_notes,
                args=(trio_id, round_id, [leervraag.id for leervraag in leervragen]),
            )
    else:
        for leervraag in leervragen:
            _leervraag_card(leervraag, rounds, round_id, ask=False)
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(error)
    if st.toggle(EDIT_TOGGLE if leervragen else ADD_TOGGLE, key="edit_leervragen"):
        with st.form("leervragen_form", border=True):
            inputs("edit_leervraag", [leervraag.text for leervraag in leervragen] or [""])
            st.form_submit_button(SAVE_LEERVRAGEN, on_click=_save_leervragen, args=(trio_id,))


def _leervraag_card(leervraag: LeervraagRecord, rounds: Sequence[RoundRecord], round_id: int, *, ask: bool) -> None:
    with st.container(border=True, key=f"leervraag_{leervraag.position}"):
        st.markdown(f"**{leervraag.position}. {md(leervraag.text)}**")
        if not ask:
            return
        earlier = _earlier_notes(leervraag, rounds, round_id)
        if earlier:
            st.caption("Eerder: " + "  \n".join(earlier))
        key = f"leervraag_note_{leervraag.id}"
        _prime(key, next((note.text for note in leervraag.notes if note.round_id == round_id), ""))
        st.text_area(LEERVRAAG_PROMPT, key=key, height=80, help=f"Hoogstens {storage.MAX_LEERVRAAG_NOTE} tekens.")
