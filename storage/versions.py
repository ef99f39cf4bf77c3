"""Trio versions: what a trio's result is built from, summed up in its revision counter.

Every change to a trio's members or answers raises ``trio.revision`` by 1 in the same transaction
(see :func:`storage.trios.raise_revision`), so callers can keep results and rebuild only the trios
whose version moved. Reading the versions reads trio rows only, however many answers there are.
Read every time from the database, so an answer given on another replica moves the version here too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, bindparam, select
from sqlalchemy.orm import Session

from storage._rounds import trio_members_only
from storage._session import transaction
from storage.limits import FRAMES, check_frame
from storage.models import Answer, Member, Trio, TrioRound
from storage.records import MemberAnswers, MemberRecord, TrioRecord
from storage.trios import member_record, trio_record

_TRIOS_PER_QUERY = 500  # trio ids per ``IN (...)``, well below every database's parameter limit


@dataclass(frozen=True)
class TrioVersion:
    """Everything a trio's result is built from, summed up: two equal versions mean equal results.

    ``revision`` counts the changes to the trio's members and answers: every answer saved or
    cleared, every member who joins, leaves, changes level or moves in with a merge raises it by 1,
    in the transaction of the change, atomically (``revision = revision + 1``), so no change is
    missed, also not two within one clock tick or two on different replicas at once. ``code`` tells
    a new trio from a removed one whose id SQLite handed out again (codes of living trios differ).
    """

    revision: int
    code: str
    round_id: int = 0
    """The round the result is of: the same trio has a result in every round it took part in."""


@dataclass(frozen=True)
class VersionedTrio:
    """A trio of a werkplaats with its version, as the live wall reads them every refresh."""

    trio: TrioRecord
    version: TrioVersion


@dataclass(frozen=True)
class TrioSnapshot:
    """A trio's members and answers with the version they have, all read at one moment."""

    version: TrioVersion
    members: tuple[MemberRecord, ...]
    answers: dict[int, MemberAnswers]
    """member id -> frame -> question id -> value; every member present, also without answers."""


def _trios_where(by: str) -> ColumnElement[bool]:
    """The trios a query is about: ``by`` names the bound parameter (``werkplaats_id``, ``trio_id`` or ``trio_ids``)."""
    if by == "werkplaats_id":
        return Trio.id.in_(select(TrioRound.trio_id).where(TrioRound.werkplaats_id == bindparam(by)))
    if by == "trio_id":
        return Trio.id == bindparam(by)
    return Trio.id.in_(bindparam(by, expanding=True))


def _versions_query(by: str) -> Select[int, int, str, str, str, datetime, int]:
    """Trios with their versions: the trio rows alone, in the order they were made."""
    columns = (Trio.id, Trio.werkplaats_id, Trio.municipality, Trio.casus, Trio.code, Trio.created_at)
    return select(*columns, Trio.revision).where(_trios_where(by)).order_by(Trio.id)


def _versioned(row: Any, round_id: int | None) -> VersionedTrio:
    """The row has the trio's columns under their own names; without ``round_id``, the version is
    of the trio's current round."""
    version = TrioVersion(
        revision=row.revision, code=row.code, round_id=round_id if round_id is not None else row.werkplaats_id
    )
    return VersionedTrio(trio=trio_record(row), version=version)


def werkplaats_trio_versions(
    engine: Engine, werkplaats_id: int, question_ids: Sequence[str]
) -> list[VersionedTrio]:
    """Every trio of a werkplaats's round (in the order they were made) with its version of that
    round, in one query.

    ``question_ids`` (the statements of the content) are not needed any more; kept for the callers.
    """
    query = _versions_query("werkplaats_id")
    with transaction(engine) as s:
        # Core execution: this runs at every wall refresh, and needs nothing of the ORM.
        rows = s.connection().execute(query, {"werkplaats_id": werkplaats_id})
        return [_versioned(row, werkplaats_id) for row in rows]


def trio_version(
    engine: Engine, trio_id: int, question_ids: Sequence[str], round_id: int | None = None
) -> TrioVersion | None:
    """One trio's version of a round (default: its current round) in one query; ``None`` when
    there is no such trio (any more).

    ``question_ids`` are not needed any more; kept for the callers."""
    query = _versions_query("trio_id")
    with transaction(engine) as s:
        row = s.connection().execute(query, {"trio_id": trio_id}).one_or_none()
        return _versioned(row, round_id).version if row is not None else None


def trio_snapshots(
    engine: Engine, trio_ids: Collection[int], question_ids: Sequence[str], round_id: int | None = None
) -> dict[int, TrioSnapshot]:
    """trio id -> its members (not its bestuurder), answers of a round (default: each trio's current
    round) and version, all as they were at one moment.

    Reading all three at one moment is what makes the version a safe key for a result built from
    these members and answers. Trios that do not exist (any more) are left out.
    """
    ids = sorted(set(trio_ids))
    versions_query = _versions_query("trio_ids")
    snapshots: dict[int, TrioSnapshot] = {}
    with transaction(engine) as s:
        _see_one_moment(s)
        for start in range(0, len(ids), _TRIOS_PER_QUERY):
            chunk = ids[start : start + _TRIOS_PER_QUERY]
            rows = s.connection().execute(versions_query, {"trio_ids": chunk})
            versions = {row.id: _versioned(row, round_id).version for row in rows}
            members: dict[int, list[MemberRecord]] = {trio_id: [] for trio_id in versions}
            answers: dict[int, dict[int, MemberAnswers]] = {trio_id: {} for trio_id in versions}
            trio_members = select(Member).where(Member.trio_id.in_(chunk), trio_members_only()).order_by(Member.id)
            for member in s.scalars(trio_members):
                if member.trio_id in versions:
                    members[member.trio_id].append(member_record(member))
                    answers[member.trio_id][member.id] = {frame: {} for frame in FRAMES}
            query = (
                select(
                    Member.trio_id, Answer.member_id, Answer.round_id, Answer.frame, Answer.question_id, Answer.value
                )
                .join(Member, Answer.member_id == Member.id)
                .where(Member.trio_id.in_(chunk))
            )
            if round_id is not None:
                query = query.where(Answer.round_id == round_id)
            else:  # each trio's current round, in SQL: earlier rounds are never read
                query = query.join(Trio, Member.trio_id == Trio.id).where(Answer.round_id == Trio.werkplaats_id)
            for trio_id, member_id, answer_round, frame, question_id, value in s.execute(query):
                if trio_id in versions and answer_round == versions[trio_id].round_id and member_id in answers[trio_id]:
                    answers[trio_id][member_id][check_frame(frame)][question_id] = value
            for trio_id, version in versions.items():
                snapshots[trio_id] = TrioSnapshot(
                    version=version, members=tuple(members[trio_id]), answers=answers[trio_id]
                )
    return snapshots


def _see_one_moment(s: Session) -> None:
    """Let every statement of this (read-only) transaction see the database at the same moment.

    PostgreSQL's default (read committed) gives each statement its own moment; repeatable read gives
    the whole transaction one. SQLite's driver starts no transaction for a SELECT, so each would run
    on its own; an explicit BEGIN keeps one read snapshot until the end (WAL mode).
    """
    if s.get_bind().dialect.name == "postgresql":
        s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        s.connection().exec_driver_sql("BEGIN")
