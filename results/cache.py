"""Trio results kept between refreshes, rebuilt only for trios whose version moved. No Streamlit, no SQL.

A trio's *version* sums up everything its result is built from (``storage.TrioVersion``). Callers read
the versions from the database at every refresh (one cheap query), so an answer given in another
session, or on another replica, moves the version and the trio is built again; a trio whose version
did not move is served from the cache. Results are built by :func:`results.trio_result` only, so a
cached result is exactly the result a fresh build gives.

The cache is keyed by trio id, version and content (the model's ``content_hash``): one slot per trio
and content, holding the result of one version. It is shared by every session of a process (the UI
keeps one per database), thread-safe, and bounded (least recently used slots go first).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from results.labels import Member
from results.trio import MemberAnswers, trio_result
from results.wall import Trio, TrioGroup, letter_for
from scoring import GroupResult, Model

DEFAULT_MAX_TRIOS = 4096
"""Trio results a cache keeps: about 10 werkplaatsen of 400 trios, at about 12 KB per trio of three
members (measured) at most some 50 MB."""


class TrioSnapshot(Protocol):
    """A trio's members and answers with the version they were read at (``storage.TrioSnapshot`` is one)."""

    @property
    def version(self) -> Hashable: ...

    @property
    def members(self) -> Sequence[Member]: ...

    @property
    def answers(self) -> Mapping[int, MemberAnswers]: ...


class VersionedTrio(Protocol):
    """A trio with its current version (``storage.VersionedTrio`` is one)."""

    @property
    def trio(self) -> Trio: ...

    @property
    def version(self) -> Hashable: ...


LoadTrios = Callable[[Sequence[int]], Mapping[int, TrioSnapshot]]
"""Reads the given trios (``storage.trio_snapshots``); trios that no longer exist are left out."""


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    size: int


class ResultCache:
    """Trio results by (trio id, content, version): a thread-safe, bounded LRU."""

    def __init__(self, max_trios: int = DEFAULT_MAX_TRIOS) -> None:
        if max_trios < 1:
            raise ValueError("max_trios must be at least 1")
        self._max = max_trios
        self._slots: OrderedDict[tuple[int, str], tuple[Hashable, GroupResult]] = OrderedDict()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    def get(self, trio_id: int, content: str, version: Hashable) -> GroupResult | None:
        """The result kept for exactly this version of the trio, or ``None``."""
        with self._lock:
            slot = self._slots.get((trio_id, content))
            if slot is None or slot[0] != version:
                self._misses += 1
                return None
            self._slots.move_to_end((trio_id, content))
            self._hits += 1
            return slot[1]

    def put(self, trio_id: int, content: str, version: Hashable, result: GroupResult) -> None:
        """Keep ``result`` as the trio's result at ``version`` (replacing any other version)."""
        with self._lock:
            self._slots[(trio_id, content)] = (version, result)
            self._slots.move_to_end((trio_id, content))
            while len(self._slots) > self._max:
                self._slots.popitem(last=False)

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(hits=self._hits, misses=self._misses, size=len(self._slots))

    def clear(self) -> None:
        with self._lock:
            self._slots.clear()


def cached_trio_results(
    model: Model, cache: ResultCache, versions: Mapping[int, Hashable], load: LoadTrios
) -> dict[int, GroupResult]:
    """trio id -> result for the trios in ``versions`` (trio id -> current version).

    Trios whose version is in the cache come from it; the others are read with ``load`` in one go,
    built by :func:`results.trio_result` and kept under the version they were read at. A trio that
    ``load`` no longer finds is left out. A model without a ``content_hash`` is never cached.
    """
    content = model.content_hash
    found: dict[int, GroupResult] = {}
    missing: list[int] = []
    for trio_id, version in versions.items():
        result = cache.get(trio_id, content, version) if content else None
        if result is None:
            missing.append(trio_id)
        else:
            found[trio_id] = result
    if missing:
        for trio_id, snapshot in load(missing).items():
            result = trio_result(model, snapshot.members, snapshot.answers)
            if content:
                cache.put(trio_id, content, snapshot.version, result)
            found[trio_id] = result
    return found


def cached_werkplaats_groups(
    model: Model, cache: ResultCache, trios: Sequence[VersionedTrio], load: LoadTrios
) -> list[TrioGroup]:
    """Every trio scored and lettered as :func:`results.werkplaats_groups` does it (A, B, … in the given
    order), rebuilding only the trios whose version is not in the cache."""
    results = cached_trio_results(model, cache, {entry.trio.id: entry.version for entry in trios}, load)
    return [
        TrioGroup(trio=entry.trio, result=results[entry.trio.id], letter=letter_for(index))
        for index, entry in enumerate(trios)
        if entry.trio.id in results
    ]
