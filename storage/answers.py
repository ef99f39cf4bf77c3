"""Answers: saved one by one or per frame, and read per member, trio or werkplaats in one query.

Every answer belongs to a round (a werkplaats). Without ``round_id``, a function works on the
current round of the member's trio; a werkplaats read is that werkplaats's round.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Engine, Insert, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage._rounds import GONE_MEMBER, in_round, round_of_member, round_to_write, trio_members_only
from storage._session import as_utc, dialect_insert, transaction
from storage.errors import NotFound
from storage.limits import FRAMES, check_answer_value, check_frame, check_ident
from storage.models import Answer, Member, Trio, utc_now
from storage.records import AnswerRow, MemberAnswers
from storage.trios import raise_revision


def _empty_answers() -> MemberAnswers:
    return {frame: {} for frame in FRAMES}


def _upsert_answers(s: Session, member_id: int, round_id: int | None, rows: list[dict[str, Any]]) -> None:
    """Insert or overwrite answers of one member by (member, round, statement, frame): saving twice
    keeps one row, and a saved answer is confirmed (no longer carried over from the round before).
    Raises the trio's revision first, so the trio row is locked before any answer row."""
    raise_revision(s, member_id=member_id)
    round_ = round_to_write(s, round_id, member_id=member_id)
    statement: Insert = dialect_insert(s, Answer)
    statement = statement.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=[Answer.member_id, Answer.round_id, Answer.question_id, Answer.frame],
        set_={
            "value": statement.excluded.value,  # type: ignore[attr-defined]
            "carried": False,
            "updated_at": statement.excluded.updated_at,  # type: ignore[attr-defined]
        },
    )
    try:
        s.execute(statement, [{**row, "round_id": round_, "carried": False} for row in rows])
    except IntegrityError as exc:
        # The foreign keys are the member and the round: removed with their werkplaats.
        raise NotFound(GONE_MEMBER) from exc


def _round_of(round_id: int | None) -> ColumnElement[bool]:
    """Answers of ``round_id``, or of the current round of the trio joined as ``Trio``."""
    if round_id is not None:
        return Answer.round_id == round_id
    return Answer.round_id == Trio.werkplaats_id


def save_answer(
    engine: Engine, *, member_id: int, question_id: str, frame: str, value: int | None, round_id: int | None = None
) -> None:
    """Store one answer, overwriting an earlier one of the same round. ``None`` is "weet ik niet"."""
    row = {
        "member_id": member_id,
        "question_id": check_ident(question_id, field="Stelling"),
        "frame": check_frame(frame),
        "value": check_answer_value(value),
        "updated_at": utc_now(),
    }
    with transaction(engine) as s:
        _upsert_answers(s, member_id, round_id, [row])


def save_answers(
    engine: Engine, *, member_id: int, frame: str, answers: Mapping[str, int | None], round_id: int | None = None
) -> None:
    """Store several answers of one frame at once (one transaction), overwriting earlier ones."""
    checked_frame = check_frame(frame)
    now = utc_now()
    rows = [
        {
            "member_id": member_id,
            "question_id": check_ident(question_id, field="Stelling"),
            "frame": checked_frame,
            "value": check_answer_value(value),
            "updated_at": now,
        }
        for question_id, value in answers.items()
    ]
    if not rows:
        return
    with transaction(engine) as s:
        _upsert_answers(s, member_id, round_id, rows)


def clear_answer(
    engine: Engine, *, member_id: int, question_id: str, frame: str, round_id: int | None = None
) -> None:
    """Remove an answer altogether (not the same as "weet ik niet")."""
    checked_frame = check_frame(frame)
    with transaction(engine) as s:
        raise_revision(s, member_id=member_id)
        s.execute(
            delete(Answer).where(
                Answer.member_id == member_id,
                Answer.round_id == round_of_member(s, member_id, round_id),
                Answer.question_id == question_id,
                Answer.frame == checked_frame,
            )
        )


def _member_rows(member_id: int, round_id: int | None, *columns: Any) -> Any:
    return (
        select(*columns)
        .join(Member, Answer.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(Answer.member_id == member_id, _round_of(round_id))
    )


def member_answers(engine: Engine, member_id: int, round_id: int | None = None) -> MemberAnswers:
    """frame -> question id -> value for one member in a round; both frames always present."""
    answers = _empty_answers()
    with transaction(engine) as s:
        rows = s.execute(_member_rows(member_id, round_id, Answer.frame, Answer.question_id, Answer.value))
        for frame, question_id, value in rows:
            answers[check_frame(frame)][question_id] = value
    return answers


def carried_answers(engine: Engine, member_id: int, round_id: int | None = None) -> set[tuple[str, str]]:
    """(frame, question id) of the member's answers that were carried over from the round before
    ("start from last time") and are not confirmed yet."""
    with transaction(engine) as s:
        rows = s.execute(
            _member_rows(member_id, round_id, Answer.frame, Answer.question_id).where(Answer.carried.is_(True))
        )
        return {(frame, question_id) for frame, question_id in rows}


def confirm_answers(engine: Engine, *, member_id: int, round_id: int | None = None) -> int:
    """Confirm every carried-over answer of the member as it stands; returns how many."""
    with transaction(engine) as s:
        round_ = round_of_member(s, member_id, round_id)
        raise_revision(s, member_id=member_id)
        result = s.execute(
            update(Answer)
            .where(Answer.member_id == member_id, Answer.round_id == round_, Answer.carried.is_(True))
            .values(carried=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def trio_answers(engine: Engine, trio_id: int, round_id: int | None = None) -> dict[int, MemberAnswers]:
    """member id -> frame -> question id -> value, for every member of the trio (not its bestuurder)
    in a round, in one query."""
    query = (
        select(Member.id, Answer.frame, Answer.question_id, Answer.value)
        .join(Trio, Member.trio_id == Trio.id)
        .outerjoin(Answer, (Answer.member_id == Member.id) & _round_of(round_id))
        .where(Member.trio_id == trio_id, trio_members_only())
        .order_by(Member.id)
    )
    result: dict[int, MemberAnswers] = {}
    with transaction(engine) as s:
        for member_id, frame, question_id, value in s.execute(query):
            answers = result.setdefault(member_id, _empty_answers())
            if frame is not None:  # a member without any answer yet
                answers[check_frame(frame)][question_id] = value
    return result


def werkplaats_answers(engine: Engine, werkplaats_id: int) -> dict[int, dict[int, MemberAnswers]]:
    """trio id -> member id -> frame -> question id -> value, for the whole werkplaats (its round)
    in one query.

    Every trio and member is present, also those without answers yet; trios in the
    order they were made, members in the order they joined. Bestuurders are left out.
    """
    query = (
        select(Trio.id, Member.id, Answer.frame, Answer.question_id, Answer.value)
        .outerjoin(Member, (Member.trio_id == Trio.id) & trio_members_only())
        .outerjoin(Answer, (Answer.member_id == Member.id) & (Answer.round_id == werkplaats_id))
        .where(in_round(werkplaats_id))
        .order_by(Trio.id, Member.id)
    )
    result: dict[int, dict[int, MemberAnswers]] = {}
    with transaction(engine) as s:
        for trio_id, member_id, frame, question_id, value in s.execute(query):
            members = result.setdefault(trio_id, {})
            if member_id is None:
                continue
            answers = members.setdefault(member_id, _empty_answers())
            if frame is not None:
                answers[check_frame(frame)][question_id] = value
    return result


def werkplaats_answer_rows(engine: Engine, werkplaats_id: int) -> list[AnswerRow]:
    """Every stored answer of a werkplaats's round as flat rows (for exports; not the bestuurders'),
    in one query."""
    query = (
        select(Trio.id, Answer.member_id, Answer.question_id, Answer.frame, Answer.value, Answer.updated_at)
        .join(Member, Answer.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(Answer.round_id == werkplaats_id, trio_members_only())
        .order_by(Trio.id, Answer.member_id, Answer.frame, Answer.question_id)
    )
    with transaction(engine) as s:
        return [
            AnswerRow(
                trio_id=trio_id,
                member_id=member_id,
                question_id=question_id,
                frame=check_frame(frame),
                value=value,
                updated_at=as_utc(updated_at),
            )
            for trio_id, member_id, question_id, frame, value, updated_at in s.execute(query)
        ]

