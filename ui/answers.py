"""Saving answers the moment they are given, and never dropping one.

An answer goes to the database in the widget's callback. If the database is
unavailable, it waits in the session (``_pending``) and is written again on
every rerun and by a small timer, until it lands. The page shows the member
what is still waiting.
"""

from __future__ import annotations

import logging

import streamlit as st

import storage
from scoring import Frame
from ui.state import engine

log = logging.getLogger(__name__)

PENDING_KEY = "_pending_answers"
UNSET = "__unset__"

PendingKey = tuple[int, str, str]  # member id, question id, frame


def _pending() -> dict[PendingKey, int | str | None]:
    return st.session_state.setdefault(PENDING_KEY, {})


def save(member_id: int, question_id: str, frame: Frame, value: int | str | None) -> bool:
    """Save one answer (``UNSET`` clears it). Returns whether everything is stored now."""
    _pending()[(member_id, question_id, frame)] = value
    return flush()


def flush() -> bool:
    """Try to write every waiting answer. Returns True when nothing is left waiting."""
    pending = _pending()
    for key, value in list(pending.items()):
        member_id, question_id, frame = key
        try:
            if value == UNSET:
                storage.clear_answer(engine(), member_id=member_id, question_id=question_id, frame=frame)
            else:
                assert value is None or isinstance(value, int)
                storage.save_answer(
                    engine(), member_id=member_id, question_id=question_id, frame=frame, value=value
                )
        except storage.StorageUnavailable:
            log.warning("database unavailable; %d answer(s) waiting", len(pending))
            return False
        # Only drop it if no newer value arrived meanwhile.
        if pending.get(key) == value:
            pending.pop(key, None)
    return True


def waiting(member_id: int) -> dict[tuple[str, str], int | str | None]:
    """Answers of this member not yet in the database: (question id, frame) -> value."""
    return {(q, f): v for (m, q, f), v in _pending().items() if m == member_id}


def load(member_id: int) -> dict[str, dict[str, int | None]]:
    """The member's answers as stored, with any waiting ones laid over them."""
    remembered: dict[int, dict[str, dict[str, int | None]]] = st.session_state.setdefault("_stored_answers", {})
    try:
        stored = storage.member_answers(engine(), member_id)
        remembered[member_id] = stored
    except storage.StorageUnavailable:
        stored = remembered.get(member_id, {})  # what we last read, while the database is away
    answers: dict[str, dict[str, int | None]] = {"nu": dict(stored.get("nu", {})), "gewenst": dict(stored.get("gewenst", {}))}
    for (question_id, frame), value in waiting(member_id).items():
        if value == UNSET:
            answers[frame].pop(question_id, None)
        else:
            assert value is None or isinstance(value, int)
            answers[frame][question_id] = value
    return answers
