"""Saving answers the moment they are given, and never dropping one.

An answer goes to the database in the widget's callback. If the database is
unavailable, it waits in the session (``_pending``) and is written again on
every rerun and by a small timer, until it lands. The page shows the member
what is still waiting.

An influence choice ("Wie kan hier iets aan veranderen?") travels the same way: it waits
in the same queue, under the frame :data:`INFLUENCE`, and is flushed with the answers.

Every answer belongs to a round (a werkplaats of a leertraject). A page says which round it shows
with :func:`use_round`; an answer is queued with that round, so an answer given while the facilitator
opens the next round lands in the round the member saw, also when it has to wait. Answers carried
over from the round before ("start from last time") are kept apart until they are confirmed
(:func:`carried`, :func:`confirm_all`); saving an answer confirms it.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

import storage
from results.words import count_words
from scoring import Frame
from ui.state import engine

log = logging.getLogger(__name__)

PENDING_KEY = "_pending_answers"
UNSET = "__unset__"

INFLUENCE = "invloed"
"""The queue's frame for an influence choice (its value is an option id, or ``UNSET``)."""

PendingKey = tuple[int, int | None, str, str]  # member id, round id, question id, frame (or INFLUENCE)

ROUNDS_KEY = "_answer_rounds"


def use_round(member_id: int, round_id: int | None) -> None:
    """The round the member's page shows (``None``: whatever is the trio's current round when written).
    A page calls this before it reads or saves: every answer after it is of this round."""
    st.session_state.setdefault(ROUNDS_KEY, {})[member_id] = round_id


def page_round(member_id: int) -> int | None:
    """The round set with :func:`use_round` for this member, or ``None``."""
    found: int | None = st.session_state.get(ROUNDS_KEY, {}).get(member_id)
    return found


def _pending() -> dict[PendingKey, int | str | None]:
    return st.session_state.setdefault(PENDING_KEY, {})


def save(member_id: int, question_id: str, frame: Frame, value: int | str | None) -> bool:
    """Save one answer (``UNSET`` clears it) in the page's round. Returns whether everything is stored now."""
    _pending()[(member_id, page_round(member_id), question_id, frame)] = value
    return flush()


def save_influence(member_id: int, question_id: str, option_id: str) -> bool:
    """Save one influence choice (``UNSET`` clears it). Returns whether everything is stored now."""
    _pending()[(member_id, page_round(member_id), question_id, INFLUENCE)] = option_id
    return flush()


def _write(member_id: int, round_id: int | None, question_id: str, frame: str, value: int | str | None) -> None:
    db = engine()
    if frame == INFLUENCE:
        assert isinstance(value, str)
        if value == UNSET:
            storage.clear_influence_choice(db, member_id=member_id, question_id=question_id, round_id=round_id)
        else:
            storage.save_influence_choice(
                db, member_id=member_id, question_id=question_id, option_id=value, round_id=round_id
            )
    elif value == UNSET:
        storage.clear_answer(db, member_id=member_id, question_id=question_id, frame=frame, round_id=round_id)
    else:
        assert value is None or isinstance(value, int)
        storage.save_answer(
            db, member_id=member_id, question_id=question_id, frame=frame, value=value, round_id=round_id
        )


def flush() -> bool:
    """Try to write every waiting answer. Returns True when nothing is left waiting."""
    pending = _pending()
    for key, value in list(pending.items()):
        member_id, round_id, question_id, frame = key
        try:
            _write(member_id, round_id, question_id, frame, value)
        except storage.StorageUnavailable:
            log.warning("database unavailable; %d answer(s) waiting", len(pending))
            return False
        _mirror_update((member_id, round_id), question_id, frame, value)
        # Only drop it if no newer value arrived meanwhile.
        if pending.get(key) == value:
            pending.pop(key, None)
    return True


# The session keeps a copy of what is stored, updated on every successful write, so a rerun
# need not read all answers back. It is read again after MIRROR_FRESH_SECONDS, which picks up
# answers the same member gave on another device.
MIRROR_KEY = "_stored_answers"
MIRROR_FRESH_SECONDS = 30.0


MirrorKey = tuple[int, int | None]
"""member id, round id: what is kept is of one round."""


def _mirror() -> dict[MirrorKey, tuple[float, dict[str, dict[str, int | None]]]]:
    return st.session_state.setdefault(MIRROR_KEY, {})


def _mirror_update(key: MirrorKey, question_id: str, frame: str, value: int | str | None) -> None:
    if frame == INFLUENCE:
        _choices_mirror_update(key, question_id, value)
        return
    carried_kept = _carried_mirror().get(key)
    if carried_kept is not None:  # saved or cleared: no longer an answer of last time
        carried_kept[1].discard((frame, question_id))
    kept = _mirror().get(key)
    if kept is None:
        return
    answers = kept[1].setdefault(frame, {})
    if value == UNSET:
        answers.pop(question_id, None)
    else:
        assert value is None or isinstance(value, int)
        answers[question_id] = value


def waiting(member_id: int) -> dict[tuple[str, str], int | str | None]:
    """Answers of this member not yet in the database: (question id, frame) -> value."""
    return {(q, f): v for (m, _, q, f), v in _pending().items() if m == member_id}


def _waiting_in_round(member_id: int) -> dict[tuple[str, str], int | str | None]:
    """Waiting answers of this member in the page's round, laid over what is stored."""
    round_id = page_round(member_id)
    return {(q, f): v for (m, r, q, f), v in _pending().items() if m == member_id and r == round_id}


def load(member_id: int) -> dict[str, dict[str, int | None]]:
    """The member's answers of the page's round as stored, with any waiting ones laid over them."""
    key = (member_id, page_round(member_id))
    kept = _mirror().get(key)
    if kept is not None and time.monotonic() - kept[0] < MIRROR_FRESH_SECONDS:
        stored = kept[1]
    else:
        try:
            stored = storage.member_answers(engine(), member_id, round_id=key[1])
            _mirror()[key] = (time.monotonic(), stored)
        except storage.StorageUnavailable:
            stored = kept[1] if kept else {}  # what we last read, while the database is away
    answers: dict[str, dict[str, int | None]] = {"nu": dict(stored.get("nu", {})), "gewenst": dict(stored.get("gewenst", {}))}
    for (question_id, frame), value in _waiting_in_round(member_id).items():
        if frame == INFLUENCE:
            continue
        if value == UNSET:
            answers[frame].pop(question_id, None)
        else:
            assert value is None or isinstance(value, int)
            answers[frame][question_id] = value
    return answers


# Influence choices: the same copy of what is stored, kept apart from the answers.
CHOICES_MIRROR_KEY = "_stored_influence"


def _choices_mirror() -> dict[MirrorKey, tuple[float, dict[str, str]]]:
    return st.session_state.setdefault(CHOICES_MIRROR_KEY, {})


def _choices_mirror_update(key: MirrorKey, question_id: str, value: int | str | None) -> None:
    kept = _choices_mirror().get(key)
    if kept is None:
        return
    if value == UNSET:
        kept[1].pop(question_id, None)
    elif isinstance(value, str):
        kept[1][question_id] = value


def load_influence(member_id: int) -> dict[str, str]:
    """The member's influence choices of the page's round as stored (question id -> option id), waiting
    ones laid over them."""
    key = (member_id, page_round(member_id))
    kept = _choices_mirror().get(key)
    if kept is not None and time.monotonic() - kept[0] < MIRROR_FRESH_SECONDS:
        stored = kept[1]
    else:
        try:
            stored = dict(storage.member_influence_choices(engine(), member_id, round_id=key[1]))
            _choices_mirror()[key] = (time.monotonic(), stored)
        except storage.StorageUnavailable:
            stored = kept[1] if kept else {}
    choices = dict(stored)
    for (question_id, frame), value in _waiting_in_round(member_id).items():
        if frame != INFLUENCE:
            continue
        if value == UNSET:
            choices.pop(question_id, None)
        elif isinstance(value, str):
            choices[question_id] = value
    return choices


# Answers carried over from the round before ("start from last time"), not yet confirmed: the same
# copy of what is stored, updated when an answer is saved or cleared (that confirms it).
CARRIED_MIRROR_KEY = "_carried_answers"


def _carried_mirror() -> dict[MirrorKey, tuple[float, set[tuple[str, str]]]]:
    kept: dict[MirrorKey, tuple[float, set[tuple[str, str]]]] = st.session_state.setdefault(CARRIED_MIRROR_KEY, {})
    return kept


def carried(member_id: int) -> set[tuple[str, str]]:
    """(frame, question id) of the member's answers in the page's round that came from last time and are
    not confirmed yet; a waiting answer is no longer one of them."""
    key = (member_id, page_round(member_id))
    kept = _carried_mirror().get(key)
    if kept is None or time.monotonic() - kept[0] >= MIRROR_FRESH_SECONDS:
        try:
            kept = (time.monotonic(), storage.carried_answers(engine(), member_id, round_id=key[1]))
            _carried_mirror()[key] = kept
        except storage.StorageUnavailable:
            kept = kept or (0.0, set())
    return {(frame, q) for frame, q in kept[1] if (q, frame) not in _waiting_in_round(member_id)}


def confirm_question(member_id: int, question_id: str) -> None:
    """"Klopt nog" on one statement: save its answers of last time as they are, which confirms them."""
    saved = load(member_id)
    for frame, carried_id in sorted(carried(member_id)):
        if carried_id == question_id and question_id in saved[frame]:
            save(member_id, question_id, frame, saved[frame][question_id])  # type: ignore[arg-type]


def confirm_all(member_id: int) -> int:
    """Confirm every answer of last time as it stands (raises ``StorageUnavailable``); returns how many."""
    key = (member_id, page_round(member_id))
    confirmed = storage.confirm_answers(engine(), member_id=member_id, round_id=key[1])
    _carried_mirror()[key] = (time.monotonic(), set())
    return confirmed


def show_waiting(member_id: int) -> None:
    """Say which answers are not saved yet (the database is away), and try again every 3 s."""
    waiting_now = waiting(member_id)
    if not waiting_now:
        return
    st.warning(
        f"{count_words(len(waiting_now), 'antwoord is', 'antwoorden zijn')} nog niet opgeslagen: "
        "de verbinding met de database is even weg. "
        + ("Het staat klaar en wordt" if len(waiting_now) == 1 else "Ze staan klaar en worden")
        + " automatisch opgeslagen zodra het weer kan. Sluit dit venster nog niet.",
        icon=":material/sync_problem:",
    )

    @st.fragment(run_every=3)
    def retry_pending() -> None:
        if flush():
            st.rerun()

    retry_pending()
