"""Influence choices ("Wie kan hier iets aan veranderen?"): saved like answers, read per member,
trio or werkplaats in one query.

A choice is one of the content's ``influence.options`` per member and statement. Storage checks
that both are ids; which options the content offers is for the caller, and readers drop choices
the content cannot place with :func:`scoring.influence.clean_choices`. Choices are optional:
:func:`clear_influence_choice` removes one, and removing the member removes theirs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Insert, Select, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage._rounds import GONE_MEMBER, in_round, round_of_member, round_to_write, trio_members_only
from storage._session import as_utc, dialect_insert, transaction
from storage.errors import NotFound
from storage.limits import check_ident
from storage.models import InfluenceChoice, Member, Trio, utc_now
from storage.records import InfluenceChoiceRow, MemberInfluence

_QUESTION = "Stelling"
_OPTION = "Invloedskeuze"


def _upsert(s: Session, row: dict[str, Any]) -> None:
    """Insert or overwrite by (member, round, statement): saving twice, or at once, keeps one row.

    ``ON CONFLICT DO UPDATE`` is atomic on both databases, so concurrent saves of the same
    key never raise a unique-constraint error and need no retry.
    """
    statement: Insert = dialect_insert(s, InfluenceChoice)
    statement = statement.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=[InfluenceChoice.member_id, InfluenceChoice.round_id, InfluenceChoice.question_id],
        set_={
            "option_id": statement.excluded.option_id,  # type: ignore[attr-defined]
            "updated_at": statement.excluded.updated_at,  # type: ignore[attr-defined]
        },
    )
    try:
        s.execute(statement, [row])
    except IntegrityError as exc:
        # The foreign keys are the member and the round: removed (with their trio or werkplaats).
        raise NotFound(GONE_MEMBER) from exc


def save_influence_choice(
    engine: Engine, *, member_id: int, question_id: str, option_id: str, round_id: int | None = None
) -> None:
    """Store who the member thinks can change a statement, overwriting an earlier choice of the round."""
    row = {
        "member_id": member_id,
        "question_id": check_ident(question_id, field=_QUESTION),
        "option_id": check_ident(option_id, field=_OPTION),
        "updated_at": utc_now(),
    }
    with transaction(engine) as s:
        _upsert(s, {**row, "round_id": round_to_write(s, round_id, member_id=member_id)})


def clear_influence_choice(
    engine: Engine, *, member_id: int, question_id: str, round_id: int | None = None
) -> None:
    """Remove the member's choice for a statement (the member skips the question). No error when none."""
    check_ident(question_id, field=_QUESTION)
    with transaction(engine) as s:
        s.execute(
            delete(InfluenceChoice).where(
                InfluenceChoice.member_id == member_id,
                InfluenceChoice.round_id == round_of_member(s, member_id, round_id),
                InfluenceChoice.question_id == question_id,
            )
        )


def _in(round_id: int | None) -> Any:
    """Choices of ``round_id``, or of the current round of the trio joined as ``Trio``."""
    return InfluenceChoice.round_id == (round_id if round_id is not None else Trio.werkplaats_id)


def member_influence_choices(engine: Engine, member_id: int, round_id: int | None = None) -> MemberInfluence:
    """question id -> option id for one member in a round; empty when the member chose nothing (or is gone)."""
    with transaction(engine) as s:
        rows = s.execute(
            select(InfluenceChoice.question_id, InfluenceChoice.option_id)
            .join(Member, InfluenceChoice.member_id == Member.id)
            .join(Trio, Member.trio_id == Trio.id)
            .where(InfluenceChoice.member_id == member_id, _in(round_id))
        )
        return {question_id: option_id for question_id, option_id in rows}


def trio_influence_choices(engine: Engine, trio_id: int, round_id: int | None = None) -> dict[int, MemberInfluence]:
    """member id -> question id -> option id for every member of the trio (also those without
    choices; not its bestuurder) in a round, members in the order they joined, in one query."""
    query = (
        select(Member.id, InfluenceChoice.question_id, InfluenceChoice.option_id)
        .join(Trio, Member.trio_id == Trio.id)
        .outerjoin(InfluenceChoice, (InfluenceChoice.member_id == Member.id) & _in(round_id))
        .where(Member.trio_id == trio_id, trio_members_only())
        .order_by(Member.id)
    )
    result: dict[int, MemberInfluence] = {}
    with transaction(engine) as s:
        for member_id, question_id, option_id in s.execute(query):
            choices = result.setdefault(member_id, {})
            if question_id is not None:  # a member without any choice yet
                choices[question_id] = option_id
    return result


def werkplaats_influence_choices(engine: Engine, werkplaats_id: int) -> dict[int, dict[int, MemberInfluence]]:
    """trio id -> member id -> question id -> option id for the whole werkplaats, in one query.

    Every trio and member is present, also those without choices; trios in the order they
    were made, members in the order they joined (as :func:`storage.werkplaats_answers`).
    """
    query = (
        select(Trio.id, Member.id, InfluenceChoice.question_id, InfluenceChoice.option_id)
        .outerjoin(Member, (Member.trio_id == Trio.id) & trio_members_only())
        .outerjoin(
            InfluenceChoice, (InfluenceChoice.member_id == Member.id) & (InfluenceChoice.round_id == werkplaats_id)
        )
        .where(in_round(werkplaats_id))
        .order_by(Trio.id, Member.id)
    )
    result: dict[int, dict[int, MemberInfluence]] = {}
    with transaction(engine) as s:
        for trio_id, member_id, question_id, option_id in s.execute(query):
            members = result.setdefault(trio_id, {})
            if member_id is None:
                continue
            choices = members.setdefault(member_id, {})
            if question_id is not None:
                choices[question_id] = option_id
    return result


def werkplaats_influence_query(werkplaats_id: int) -> Select[int, int, str, str, datetime]:
    """(trio id, member id, question id, option id, updated_at) of every choice in a werkplaats's round,
    by trio, member and statement."""
    return (
        select(
            Trio.id.label("trio_id"),
            InfluenceChoice.member_id,
            InfluenceChoice.question_id,
            InfluenceChoice.option_id,
            InfluenceChoice.updated_at,
        )
        .join(Member, InfluenceChoice.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(InfluenceChoice.round_id == werkplaats_id, trio_members_only())
        .order_by(Trio.id, InfluenceChoice.member_id, InfluenceChoice.question_id)
    )


def werkplaats_influence_rows(engine: Engine, werkplaats_id: int) -> list[InfluenceChoiceRow]:
    """Every stored influence choice of a werkplaats as flat rows (for exports), in one query."""
    query = werkplaats_influence_query(werkplaats_id)
    with transaction(engine) as s:
        return [
            InfluenceChoiceRow(
                trio_id=trio_id,
                member_id=member_id,
                question_id=question_id,
                option_id=option_id,
                updated_at=as_utc(updated_at),
            )
            for trio_id, member_id, question_id, option_id, updated_at in s.execute(query)
        ]
