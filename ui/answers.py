"""Saving answers the moment they are given, and never dropping one.

An answer goes to the database in the widget's callback. If the database is
unavailable, it waits in the session (``_pending``) and is written again on
every rerun and by a small timer, until it lands. The page shows the member
what is still waiting.

An influence choice ("Wie kan hier iets aan veranderen?") travels the same way: it waits
in the same queue, under the frame :data:`INFLUENCE`, and is flushed with the answers.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

import storage
from scoring import Frame
from ui.state import engine

log = logging.getLogger(__name__)

PENDING_KEY = "_pending_answers"
UNSET = "__unset__"

INFLUENCE = "invloed"
"""The queue's frame for an influence choice (its value is an option id, or ``UNSET``)."""

PendingKey = tuple[int, str, str]  # member id, question id, frame (or INFLUENCE)


def _pending() -> dict[PendingKey, int | str | None]:
    return st.session_state.setdefault(PENDING_KEY, {})


def save(member_id: int, question_id: str, frame: Frame, value: int | str | None) -> bool:
    """Save one answer (``UNSET`` clears it). Returns whether everything is stored now."""
    _pending()[(member_id, question_id, frame)] = value
    return flush()


def save_influence(member_id: int, question_id: str, option_id: str) -> bool:
    """Save one influence choice (``UNSET`` clears it). Returns whether everything is stored now."""
    _pending()[(member_id, question_id, INFLUENCE)] = option_id
    return flush()


def _write(member_id: int, question_id: str, frame: str, value: int | str | None) -> None:
    if frame == INFLUENCE:
        assert isinstance(value, str)
        if value == UNSET:
            storage.clear_influence_choice(engine(), member_id=member_id, question_id=question_id)
        else:
            storage.save_influence_choice(engine(), member_id=member_id, question_id=question_id, option_id=value)
    elif value == UNSET:
        storage.clear_answer(engine(), member_id=member_id, question_id=question_id, frame=frame)
    else:
        assert value is None or isinstance(value, int)
        storage.save_answer(engine(), member_id=member_id, question_id=question_id, frame=frame, value=value)


def flush() -> bool:
    """Try to write every waiting answer. Returns True when nothing is left waiting."""
    pending = _pending()
    for key, value in list(pending.items()):
        member_id, question_id, frame = key
        try:
            _write(member_id, question_id, frame, value)
        except storage.StorageUnavailable:
            log.warning("database unavailable; %d answer(s) waiting", len(pending))
            return False
        _mirror_update(member_id, question_id, frame, value)
        # Only drop it if no newer value arrived meanwhile.
        if pending.get(key) == value:
            pending.pop(key, None)
    return True


# The session keeps a copy of what is stored, updated on every successful write, so a rerun
# need not read all answers back. It is read again after MIRROR_FRESH_SECONDS, which picks up
# answers the same member gave on another device.
MIRROR_KEY = "_stored_answers"
MIRROR_FRESH_SECONDS = 30.0


def _mirror() -> dict[int, tuple[float, dict[str, dict[str, int | None]]]]:
    return st.session_state.setdefault(MIRROR_KEY, {})


def _mirror_update(member_id: int, question_id: str, frame: str, value: int | str | None) -> None:
    if frame == INFLUENCE:
        _choices_mirror_update(member_id, question_id, value)
        return
    kept = _mirror().get(member_id)
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
    return {(q, f): v for (m, q, f), v in _pending().items() if m == member_id}


def load(member_id: int) -> dict[str, dict[str, int | None]]:
    """The member's answers as stored, with any waiting ones laid over them."""
    kept = _mirror().get(member_id)
    if kept is not None and time.monotonic() - kept[0] < MIRROR_FRESH_SECONDS:
        stored = kept[1]
    else:
        try:
            stored = storage.member_answers(engine(), member_id)
            _mirror()[member_id] = (time.monotonic(), stored)
        except storage.StorageUnavailable:
            stored = kept[1] if kept else {}  # what we last read, while the database is away
    answers: dict[str, dict[str, int | None]] = {"nu": dict(stored.get("nu", {})), "gewenst": dict(stored.get("gewenst", {}))}
    for (question_id, frame), value in waiting(member_id).items():
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


def _choices_mirror() -> dict[int, tuple[float, dict[str, str]]]:
    return st.session_state.setdefault(CHOICES_MIRROR_KEY, {})


def _choices_mirror_update(member_id: int, question_id: str, value: int | str | None) -> None:
    kept = _choices_mirror().get(member_id)
    if kept is None:
        return
    if value == UNSET:
        kept[1].pop(question_id, None)
    elif isinstance(value, str):
        kept[1][question_id] = value


def load_influence(member_id: int) -> dict[str, str]:
    """The member's influence choices as stored (question id -> option id), waiting ones laid over them."""
    kept = _choices_mirror().get(member_id)
    if kept is not None and time.monotonic() - kept[0] < MIRROR_FRESH_SECONDS:
        stored = kept[1]
    else:
        try:
            stored = dict(storage.member_influence_choices(engine(), member_id))
            _choices_mirror()[member_id] = (time.monotonic(), stored)
        except storage.StorageUnavailable:
            stored = kept[1] if kept else {}
    choices = dict(stored)
    for (question_id, frame), value in waiting(member_id).items():
        if frame != INFLUENCE:
            continue
        if value == UNSET:
            choices.pop(question_id, None)
        elif isinstance(value, str):
            choices[question_id] = value
    return choices
