"""What the pages read: records and answers from storage (the cached engine), built by ``results``.

Trio results are kept per process in a :class:`results.ResultCache` shared by every session (one per
database). Each read first asks the database for the trios' versions (one query); only trios whose
version moved are read and scored again. So a refresh when nothing changed is one query and no
scoring, and an answer saved in another session or on another replica is seen at the next read.

``trio_result_from`` and ``werkplaats_groups_from`` take the engine and the cache, and need no
Streamlit runtime: the benchmarks and tests call them directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from sqlalchemy import Engine

import storage
from results import (
    LoadTrios,
    ResultCache,
    TrioGroup,
    cached_trio_results,
    cached_werkplaats_groups,
    trio_result,
)
from scoring import GroupResult, Model
from ui.state import engine


def _loader(db: Engine, question_ids: Sequence[str], round_id: int | None) -> LoadTrios:
    """Reads the trios that changed: members, answers of the round (``None``: each trio's current
    round) and version at one moment."""

    def load(trio_ids: Sequence[int]) -> Mapping[int, storage.TrioSnapshot]:
        return storage.trio_snapshots(db, trio_ids, question_ids, round_id=round_id)

    return load


def trio_result_from(
    db: Engine, cache: ResultCache, model: Model, trio_id: int, *, round_id: int | None = None
) -> GroupResult:
    """A trio's result in a round (default: its current round): one version query, and when the trio
    changed, one read of it and its scoring."""
    question_ids = [q.id for q in model.questions]
    version = storage.trio_version(db, trio_id, question_ids, round_id=round_id)
    if version is not None:
        found = cached_trio_results(model, cache, {trio_id: version}, _loader(db, question_ids, round_id))
        if trio_id in found:
            return found[trio_id]
    return trio_result(model, (), {})  # the trio is gone (its werkplaats was deleted)


def werkplaats_groups_from(db: Engine, cache: ResultCache, model: Model, werkplaats_id: int) -> list[TrioGroup]:
    """All trios of a werkplaats, scored and lettered as ``results.werkplaats_groups`` does it: one version
    query, and one read of the trios that changed (not one query per trio).

    The answers are those of this werkplaats's round, also for trios that have moved on to a later
    round of their leertraject."""
    question_ids = [q.id for q in model.questions]
    trios = storage.werkplaats_trio_versions(db, werkplaats_id, question_ids)
    return cached_werkplaats_groups(model, cache, trios, _loader(db, question_ids, werkplaats_id))


@st.cache_resource(show_spinner=False)
def _result_cache_for(url: str, rounds: str = "current") -> ResultCache:
    del url, rounds  # the key: one cache per database and kind of round
    return ResultCache()


def result_cache() -> ResultCache:
    """The process-wide result cache for ``DATABASE_URL``, shared by every session."""
    return _result_cache_for(storage.database_url())


def earlier_round_cache() -> ResultCache:
    """A second process-wide cache for results of earlier rounds (the wall's "previous round").

    The cache keeps one result per trio and content; a trio's current and previous round in one
    cache would push each other out at every refresh of the wall."""
    return _result_cache_for(storage.database_url(), "earlier")


def read_trio_result(model: Model, trio_id: int) -> GroupResult:
    """A trio's members and answers, scored; one query when the trio did not change."""
    return trio_result_from(engine(), result_cache(), model, trio_id)


def read_werkplaats_groups(model: Model, werkplaats_id: int, *, earlier_round: bool = False) -> list[TrioGroup]:
    """All trios of a werkplaats, scored; one query when no trio changed. ``earlier_round``: the
    werkplaats is a round the trios have moved on from (kept in :func:`earlier_round_cache`)."""
    cache = earlier_round_cache() if earlier_round else result_cache()
    return werkplaats_groups_from(engine(), cache, model, werkplaats_id)


def read_round_result(model: Model, trio_id: int, round_id: int) -> GroupResult:
    """A trio's members and answers of an earlier round, scored with that round's ``model`` (kept in
    :func:`earlier_round_cache`, so the trio's current result stays cached beside it)."""
    return trio_result_from(engine(), earlier_round_cache(), model, trio_id, round_id=round_id)
