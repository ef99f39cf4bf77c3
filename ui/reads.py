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


def _loader(db: Engine, question_ids: Sequence[str]) -> LoadTrios:
    """Reads the trios that changed: members, answers and version at one moment."""

    def load(trio_ids: Sequence[int]) -> Mapping[int, storage.TrioSnapshot]:
        return storage.trio_snapshots(db, trio_ids, question_ids)

    return load


def trio_result_from(db: Engine, cache: ResultCache, model: Model, trio_id: int) -> GroupResult:
    """A trio's result: one version query, and when the trio changed, one read of it and its scoring."""
    question_ids = [q.id for q in model.questions]
    version = storage.trio_version(db, trio_id, question_ids)
    if version is not None:
        found = cached_trio_results(model, cache, {trio_id: version}, _loader(db, question_ids))
        if trio_id in found:
            return found[trio_id]
    return trio_result(model, (), {})  # the trio is gone (its werkplaats was deleted)


def werkplaats_groups_from(db: Engine, cache: ResultCache, model: Model, werkplaats_id: int) -> list[TrioGroup]:
    """All trios of a werkplaats, scored and lettered as ``results.werkplaats_groups`` does it: one version
    query, and one read of the trios that changed (not one query per trio)."""
    question_ids = [q.id for q in model.questions]
    trios = storage.werkplaats_trio_versions(db, werkplaats_id, question_ids)
    return cached_werkplaats_groups(model, cache, trios, _loader(db, question_ids))


@st.cache_resource(show_spinner=False)
def _result_cache_for(url: str) -> ResultCache:
    del url  # the key: one cache per database
    return ResultCache()


def result_cache() -> ResultCache:
    """The process-wide result cache for ``DATABASE_URL``, shared by every session."""
    return _result_cache_for(storage.database_url())


def read_trio_result(model: Model, trio_id: int) -> GroupResult:
    """A trio's members and answers, scored; one query when the trio did not change."""
    return trio_result_from(engine(), result_cache(), model, trio_id)


def read_werkplaats_groups(model: Model, werkplaats_id: int) -> list[TrioGroup]:
    """All trios of a werkplaats, scored; one query when no trio changed."""
    return werkplaats_groups_from(engine(), result_cache(), model, werkplaats_id)


def round_result_from(db: Engine, cache: ResultCache, model: Model, trio_id: int, round_id: int) -> GroupResult:
    """A trio's result in one of its rounds (``model``: that round's content), as :func:`trio_result_from`
    reads it: one version query, and when the trio changed, one read of the round and its scoring."""
    question_ids = [q.id for q in model.questions]
    version = storage.trio_version(db, trio_id, question_ids, round_id=round_id)
    if version is not None:

        def load(trio_ids: Sequence[int]) -> Mapping[int, storage.TrioSnapshot]:
            return storage.trio_snapshots(db, trio_ids, question_ids, round_id=round_id)

        found = cached_trio_results(model, cache, {trio_id: version}, load)
        if trio_id in found:
            return found[trio_id]
    return trio_result(model, (), {})


def read_round_result(model: Model, trio_id: int, round_id: int) -> GroupResult:
    """A trio's members and answers of one of its rounds, scored with that round's ``model``."""
    return round_result_from(engine(), result_cache(), model, trio_id, round_id)
