"""The questionnaire's answers "from last time": a round that starts from the round before copies each
member's answers (``storage.carried_answers``). Until a member confirms such an answer, its card says so
in words and with a marker, and the progress does not count it as done.

A member confirms one statement by answering it (also by tapping the same answer again) or with its
"Klopt nog" button, and all of them at once with "Alles klopt nog" (``storage.confirm_answers``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import streamlit as st

import storage
from results.words import count_words
from scoring import FRAMES, Frame
from ui import answers as answer_store

CARRIED_LEAD = "Van vorige keer — klopt dit nog?"
CARRIED_HINT = "Tik je antwoord nog eens aan als het klopt, of kies een ander antwoord."
CONFIRM_ONE = "Klopt nog"
CONFIRM_ALL = "Alles klopt nog"
CONFIRM_FAILED = "Dat lukte even niet: de database is niet bereikbaar. Probeer het zo opnieuw."
FRAME_WORDS: dict[Frame, str] = {"nu": "nu", "gewenst": "gewenst"}
BANNER_FRAGMENT = "carried_banner"

# Static CSS (no user text): a card with an answer of last time gets a dashed left border, besides the
# words and the icon, which say it without colour.
CARRIED_CSS = (
    "[class*='st-key-carried_note_'] {border-left: 4px dashed #B35900; padding-left: 0.6rem;}"
)


def banner_words(count: int) -> str:
    """The lead above the statements while answers of last time wait for a look."""
    return (
        f"**{count_words(count, 'antwoord staat', 'antwoorden staan')} nog klaar van vorige keer.** "
        "Ze tellen pas mee als je ze bevestigt. Kijk ze na: klopt een antwoord nog, tik het dan nog eens aan "
        f"of kies **{CONFIRM_ONE}**. Anders kies je een ander antwoord."
    )


def progress_words(answered: int, total: int, carried: int) -> str:
    """The progress bar's text: answers of last time are not yet done."""
    text = f"{answered} van {total} beantwoord"
    if carried:
        text += f" · {count_words(carried, 'antwoord', 'antwoorden')} van vorige keer nog nakijken"
    return text


def frames_words(frames: Collection[Frame]) -> str:
    """ "Nu en gewenst zijn je antwoorden …" / "Gewenst is je antwoord …": which of the card's answers came from last time."""
    shown = [FRAME_WORDS[f] for f in FRAMES if f in frames]
    verb = "zijn je antwoorden" if len(shown) > 1 else "is je antwoord"
    return f"{' en '.join(shown).capitalize()} {verb} van vorige keer."


def banner(member_id: int) -> None:
    """The words and the "Alles klopt nog" button (a whole-page rerun) while answers of last time wait.
    Drawn as the fragment :data:`BANNER_FRAGMENT`, which an answer that confirms one reruns."""
    count = len(answer_store.carried(member_id))
    if not count:
        return
    with st.container(border=True, key="carried_box"):
        st.markdown(f":material/history: {banner_words(count)}")
        st.button(CONFIRM_ALL, key="confirm_all_carried", icon=":material/done_all:", on_click=_confirm_all,
                  args=(member_id,))
    if st.session_state.pop("_confirm_failed", False):
        st.error(CONFIRM_FAILED)


def _confirm_all(member_id: int) -> None:
    try:
        answer_store.confirm_all(member_id)
    except storage.StorageUnavailable:
        st.session_state["_confirm_failed"] = True
    st.rerun(scope="app")  # every card drops its note, not only this fragment


def card_note(question_id: str, frames: Collection[Frame], confirm: Callable[[str], None]) -> None:
    """On a statement card with answers of last time: the question whether it still holds, and "Klopt nog"."""
    if not frames:
        return
    with st.container(key=f"carried_note_{question_id}"):
        st.markdown(f":material/history: **{CARRIED_LEAD}** {frames_words(frames)} {CARRIED_HINT}")
        st.button(CONFIRM_ONE, key=f"confirm_{question_id}", icon=":material/check:", on_click=confirm,
                  args=(question_id,))
