"""Which round a row belongs to: the helpers every entity module shares (no public API here).

A round is a werkplaats. A trio's current round is ``trio.werkplaats_id``; ``trio_round`` lists every
round it took part in. A read or write without a round means the trio's current round.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, ScalarSelect, select, update
from sqlalchemy.orm import Session

from storage.errors import NotFound
from storage.models import Member, Trio, TrioRound

TRIO_KIND = "trio"
BESTUURDER_KIND = "bestuurder"

GONE_MEMBER = "Deze deelnemer bestaat niet (meer)."
GONE_TRIO = "Dit trio bestaat niet (meer)."
NOT_IN_ROUND = "Dit trio doet niet mee aan deze werkplaats (meer)."


def in_round(werkplaats_id: int) -> ColumnElement[bool]:
    """The trios that take part in this round (werkplaats), also those carried over from an earlier one."""
    return Trio.id.in_(select(TrioRound.trio_id).where(TrioRound.werkplaats_id == werkplaats_id))


def trio_members_only() -> ColumnElement[bool]:
    """Members counted in the trio: not its bestuurder."""
    return Member.kind == TRIO_KIND


def current_round_of_trio(trio_id: int) -> ScalarSelect[int]:
    return select(Trio.werkplaats_id).where(Trio.id == trio_id).scalar_subquery()


def lock_trio(s: Session, trio_id: int) -> None:
    """Hold the trio's row until the transaction ends, before reading what a write depends on: a row
    lock on PostgreSQL, the write lock on SQLite (its driver starts no transaction for a SELECT, so
    ``SELECT ... FOR UPDATE`` holds nothing there and two writers would both insert).
    :class:`NotFound` for a trio that is gone."""
    result = s.execute(update(Trio).where(Trio.id == trio_id).values(revision=Trio.revision))
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NotFound(GONE_TRIO)


def round_of_trio(s: Session, trio_id: int, round_id: int | None) -> int:
    """``round_id``, or the trio's current round; :class:`NotFound` for a trio that is gone."""
    if round_id is not None:
        return round_id
    found = s.scalar(select(Trio.werkplaats_id).where(Trio.id == trio_id))
    if found is None:
        raise NotFound(GONE_TRIO)
    return found


def round_of_member(s: Session, member_id: int, round_id: int | None) -> int:
    """``round_id``, or the current round of the member's trio; :class:`NotFound` for a member that is gone."""
    if round_id is not None:
        return round_id
    found = s.scalar(select(Trio.werkplaats_id).join(Member, Member.trio_id == Trio.id).where(Member.id == member_id))
    if found is None:
        raise NotFound(GONE_MEMBER)
    return found


def round_to_write(s: Session, round_id: int | None, *, trio_id: int | None = None, member_id: int | None = None) -> int:
    """The round a write of a trio (by id, or the trio of a member) goes to: its current round without
    ``round_id``; :class:`NotFound` for a round the trio took no part in (or a trio that is gone), so a
    write never lands in another werkplaats's round."""
    if round_id is None:
        if trio_id is not None:
            return round_of_trio(s, trio_id, None)
        assert member_id is not None
        return round_of_member(s, member_id, None)
    if trio_id is not None:
        taking_part = TrioRound.trio_id == trio_id
    else:
        taking_part = TrioRound.trio_id == select(Member.trio_id).where(Member.id == member_id).scalar_subquery()
    found = s.scalar(select(TrioRound.werkplaats_id).where(taking_part, TrioRound.werkplaats_id == round_id))
    if found is None:
        raise NotFound(NOT_IN_ROUND)
    return round_id
