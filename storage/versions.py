"""Trio versions: what a trio's result is built from, summed up in one cheap aggregate per trio.

A version changes whenever anything a trio's result depends on changes (see :class:`TrioVersion`),
so callers can keep results and rebuild only the trios whose version moved. Read every time from the
database, so an answer given on another replica moves the version here too.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Engine, Select, bindparam, case, func, literal, select
from sqlalchemy.orm import Session

from storage._session import as_utc, transaction
from storage.limits import FRAMES, check_frame
from storage.models import Answer, Member, Trio
from storage.records import MemberAnswers, MemberRecord, TrioRecord
from storage.trios import member_record, trio_record

# The checksum (see TrioVersion) in whole numbers that fit 64 bits on SQLite and PostgreSQL alike:
# a term is under 2**4 * 2**20 * 2**6 * 2**16 = 2**46, so a trio's sum is exact up to 2**17 answers.
_VALUE_CODES = 16  # value mod 16, + 1: 1 is "weet ik niet", 2..12 the values 1..11 (all that is ever written)
_STATEMENT_WEIGHTS = (1 << 20) - 1  # statement weights 1..2**20 - 1
_FRAME_WEIGHTS = {"nu": 1, "gewenst": 37}  # 37 > 2 * 11: no change in one frame offsets one in the other
_MEMBER_MIX = 40_503
_MEMBER_PRIME = 65_521  # member weight: 1 + (id * mix mod prime), a spread of 16-bit numbers
# The members' checksum: id * mix mod prime, 32-bit numbers (an int4 id times the mix stays under 2**63).
_MEMBER_ID_MIX = 2_654_435_761
_MEMBER_ID_PRIME = 4_294_967_291
_TRIOS_PER_QUERY = 500  # trio ids per ``IN (...)``, well below every database's parameter limit


@dataclass(frozen=True)
class TrioVersion:
    """Everything a trio's result is built from, summed up: two equal versions mean equal results.

    - Members: their number, the last id, the last moment one joined, and a checksum of their ids
      (the sum of ``id·k mod p``, 32-bit numbers). A member who joins, leaves or moves to another
      trio (a merge) changes these; what a result shows of a member (role, display name) is never
      edited. Should it become editable, it must enter the version too.
    - Answers: how many there are, the latest ``updated_at``, and a checksum: the sum over the answers
      of ``c·q·f·m``, with ``c`` the value + 1 (1 for "weet ik niet"), ``q`` a 20-bit weight per
      statement (from a SHA-256 of its id; 0 for an id the content does not know, which scoring ignores
      too), ``f`` 1 for nu and 37 for gewenst, and ``m`` a 16-bit weight per member, all at least 1.

    What always changes the version: a new or removed answer (the count); a changed value, also when
    the count stays and ``updated_at`` does not move (two saves within one clock tick, or a replica
    whose clock is behind): the changed term differs, as none of its factors is 0; an answer saved
    later than the trio's latest one (``last_answer_at``); a member who joins or leaves. What could go
    unseen: several changes between two reads that keep the counts and the latest moments, and whose
    checksum terms happen to cancel out (for answers only when none is stamped later than the trio's
    latest answer, i.e. replicas whose clocks disagree): a chance of about one in a million. A revision
    counter per trio would rule even that out, but it needs a schema change.
    """

    members: int
    last_member_id: int | None
    last_member_at: datetime | None
    member_checksum: int
    answers: int
    last_answer_at: datetime | None
    checksum: int


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


def _statement_weight(question_id: str) -> int:
    digest = int.from_bytes(hashlib.sha256(question_id.encode()).digest()[:4], "big")
    return digest % _STATEMENT_WEIGHTS + 1


def _checksum_term(question_ids: Sequence[str]) -> ColumnElement[Any]:
    """One answer's term of :attr:`TrioVersion.checksum` (bigint literals: PostgreSQL multiplies in 64 bits)."""
    value = func.coalesce(Answer.value, 0) % _VALUE_CODES + 1
    statement = case(
        {qid: literal(_statement_weight(qid), BigInteger) for qid in question_ids},
        value=Answer.question_id,
        else_=literal(0, BigInteger),
    )
    frame = case(
        {name: literal(weight, BigInteger) for name, weight in _FRAME_WEIGHTS.items()},
        value=Answer.frame,
        else_=literal(0, BigInteger),
    )
    member = Answer.member_id * literal(_MEMBER_MIX, BigInteger) % _MEMBER_PRIME + 1
    return value * statement * frame * member


@functools.lru_cache(maxsize=32)
def _versions_query(by: str, question_ids: tuple[str, ...]) -> Select[Any]:
    """Trios with their versions in one statement (two grouped scans), built once per content.

    ``by`` names the bound parameter: ``werkplaats_id`` (its trios), ``trio_id`` or ``trio_ids``.
    """
    if by == "werkplaats_id":
        trios: ColumnElement[bool] = Trio.werkplaats_id == bindparam(by)
    elif by == "trio_id":
        trios = Trio.id == bindparam(by)
    else:
        trios = Trio.id.in_(bindparam(by, expanding=True))
    # Grouped by trio.id, the column the trio index hands out in order: no sort for the grouping.
    members = (
        select(
            Trio.id.label("trio_id"),
            func.count().label("members"),
            func.max(Member.id).label("last_member_id"),
            func.max(Member.created_at).label("last_member_at"),
            func.sum(Member.id * literal(_MEMBER_ID_MIX, BigInteger) % _MEMBER_ID_PRIME).label("member_checksum"),
        )
        .join(Member, Member.trio_id == Trio.id)
        .where(trios)
        .group_by(Trio.id)
        .subquery()
    )
    answers = (
        select(
            Trio.id.label("trio_id"),
            func.count().label("answers"),
            func.max(Answer.updated_at).label("last_answer_at"),
            func.sum(_checksum_term(question_ids)).label("checksum"),
        )
        .join(Member, Member.trio_id == Trio.id)
        .join(Answer, Answer.member_id == Member.id)
        .where(trios)
        .group_by(Trio.id)
        .subquery()
    )
    return (
        select(
            Trio.id,
            Trio.werkplaats_id,
            Trio.municipality,
            Trio.casus,
            Trio.code,
            Trio.created_at,
            members.c.members,
            members.c.last_member_id,
            members.c.last_member_at,
            members.c.member_checksum,
            answers.c.answers,
            answers.c.last_answer_at,
            answers.c.checksum,
        )
        .outerjoin(members, members.c.trio_id == Trio.id)
        .outerjoin(answers, answers.c.trio_id == Trio.id)
        .where(trios)
        .order_by(Trio.id)
    )


def _versioned(row: Any) -> VersionedTrio:
    trio = trio_record(row)  # the row has the trio's columns under their own names
    version = TrioVersion(
        members=int(row.members or 0),
        last_member_id=row.last_member_id,
        last_member_at=as_utc(row.last_member_at) if row.last_member_at is not None else None,
        member_checksum=int(row.member_checksum or 0),
        answers=int(row.answers or 0),
        last_answer_at=as_utc(row.last_answer_at) if row.last_answer_at is not None else None,
        checksum=int(row.checksum or 0),  # PostgreSQL sums bigints into a numeric
    )
    return VersionedTrio(trio=trio, version=version)


def werkplaats_trio_versions(
    engine: Engine, werkplaats_id: int, question_ids: Sequence[str]
) -> list[VersionedTrio]:
    """Every trio of a werkplaats (in the order they were made) with its version, in one query.

    ``question_ids`` are the statements of the werkplaats's content (for the checksum).
    """
    query = _versions_query("werkplaats_id", tuple(question_ids))
    with transaction(engine) as s:
        # Core execution: this runs at every wall refresh, and needs nothing of the ORM.
        return [_versioned(row) for row in s.connection().execute(query, {"werkplaats_id": werkplaats_id})]


def trio_version(engine: Engine, trio_id: int, question_ids: Sequence[str]) -> TrioVersion | None:
    """One trio's version in one query; ``None`` when there is no such trio (any more)."""
    query = _versions_query("trio_id", tuple(question_ids))
    with transaction(engine) as s:
        row = s.connection().execute(query, {"trio_id": trio_id}).one_or_none()
        return _versioned(row).version if row is not None else None


def trio_snapshots(
    engine: Engine, trio_ids: Collection[int], question_ids: Sequence[str]
) -> dict[int, TrioSnapshot]:
    """trio id -> its members, answers and version, all as they were at one moment.

    Reading all three at one moment is what makes the version a safe key for a result built from
    these members and answers. Trios that do not exist (any more) are left out.
    """
    ids = sorted(set(trio_ids))
    versions_query = _versions_query("trio_ids", tuple(question_ids))
    snapshots: dict[int, TrioSnapshot] = {}
    with transaction(engine) as s:
        _see_one_moment(s)
        for start in range(0, len(ids), _TRIOS_PER_QUERY):
            chunk = ids[start : start + _TRIOS_PER_QUERY]
            rows = s.connection().execute(versions_query, {"trio_ids": chunk})
            versions = {row.id: _versioned(row).version for row in rows}
            members: dict[int, list[MemberRecord]] = {trio_id: [] for trio_id in versions}
            answers: dict[int, dict[int, MemberAnswers]] = {trio_id: {} for trio_id in versions}
            for member in s.scalars(select(Member).where(Member.trio_id.in_(chunk)).order_by(Member.id)):
                if member.trio_id in versions:
                    members[member.trio_id].append(member_record(member))
                    answers[member.trio_id][member.id] = {frame: {} for frame in FRAMES}
            query = (
                select(Member.trio_id, Answer.member_id, Answer.frame, Answer.question_id, Answer.value)
                .join(Member, Answer.member_id == Member.id)
                .where(Member.trio_id.in_(chunk))
            )
            for trio_id, member_id, frame, question_id, value in s.execute(query):
                if member_id in answers.get(trio_id, {}):
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
