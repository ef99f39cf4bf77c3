"""Write a backup: a werkplaats with everything under it, read in one snapshot, as the format's models."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, select

from storage._rounds import in_round, trio_members_only
from storage._session import as_utc
from storage.backup.format import (
    FORMAT,
    VERSION,
    Backup,
    BackupAction,
    BackupAnswer,
    BackupChoice,
    BackupInfluence,
    BackupMember,
    BackupTrio,
    BackupWerkplaats,
)
from storage.db import translate_errors
from storage.errors import NotFound
from storage.influence import werkplaats_influence_query
from storage.models import (
    Action,
    Answer,
    Member,
    PerspectiveChoice,
    Trio,
    Werkplaats,
    utc_now,
)


@contextmanager
def _read_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read transaction that sees a single state of the database for all its queries."""
    with translate_errors(engine), engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
        else:
            with conn.begin():
                # pysqlite starts no transaction for SELECTs by itself; in WAL mode a read
                # transaction keeps one snapshot until it ends.
                conn.exec_driver_sql("BEGIN")
                yield conn


def build_backup(engine: Engine, werkplaats_id: int) -> Backup:
    """The werkplaats with everything under it, read in seven queries from one snapshot.

    Raises :class:`storage.NotFound` when there is no such werkplaats.
    """
    # The werkplaats's round: its trios (also those carried over from an earlier round), and what
    # they answered, chose and wrote down in this round. Bestuurders are left out (not in format 2).
    under_werkplaats = in_round(werkplaats_id)
    with _read_snapshot(engine) as conn:
        w = conn.execute(
            select(
                Werkplaats.name,
                Werkplaats.held_on,
                Werkplaats.standalone,
                Werkplaats.created_at,
                Werkplaats.content_hash,
                Werkplaats.content_json,
            ).where(Werkplaats.id == werkplaats_id)
        ).one_or_none()
        if w is None:
            raise NotFound("Deze werkplaats bestaat niet (meer).")
        trio_rows = conn.execute(
            select(Trio.id, Trio.municipality, Trio.casus, Trio.created_at).where(under_werkplaats).order_by(Trio.id)
        ).all()
        member_rows = conn.execute(
            select(Member.id, Member.trio_id, Member.role, Member.display_name, Member.level, Member.created_at)
            .join(Trio, Member.trio_id == Trio.id)
            .where(under_werkplaats, trio_members_only())
            .order_by(Member.id)
        ).all()
        answers: defaultdict[int, list[BackupAnswer]] = defaultdict(list)
        for answer in conn.execute(
            select(Answer.member_id, Answer.question_id, Answer.frame, Answer.value, Answer.updated_at)
            .join(Member, Answer.member_id == Member.id)
            .join(Trio, Member.trio_id == Trio.id)
            .where(under_werkplaats, trio_members_only(), Answer.round_id == werkplaats_id)
            .order_by(Answer.member_id, Answer.frame, Answer.question_id)
        ):
            answers[answer.member_id].append(
                BackupAnswer(
                    question=answer.question_id,
                    frame=answer.frame,
                    value=answer.value,
                    updated_at=as_utc(answer.updated_at),
                )
            )
        influence: defaultdict[int, list[BackupInfluence]] = defaultdict(list)
        for lever in conn.execute(werkplaats_influence_query(werkplaats_id)):
            influence[lever.member_id].append(
                BackupInfluence(
                    question=lever.question_id, option=lever.option_id, updated_at=as_utc(lever.updated_at)
                )
            )
        choices: defaultdict[int, list[BackupChoice]] = defaultdict(list)
        for choice in conn.execute(
            select(PerspectiveChoice.trio_id, PerspectiveChoice.perspective_id, PerspectiveChoice.chosen_at)
            .join(Trio, PerspectiveChoice.trio_id == Trio.id)
            .where(under_werkplaats, PerspectiveChoice.round_id == werkplaats_id)
            .order_by(PerspectiveChoice.trio_id, PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id)
        ):
            choices[choice.trio_id].append(
                BackupChoice(perspective=choice.perspective_id, chosen_at=as_utc(choice.chosen_at))
            )
        actions: defaultdict[int, list[BackupAction]] = defaultdict(list)
        for action in conn.execute(
            select(Action.trio_id, Action.what, Action.who, Action.when_text, Action.created_at)
            .join(Trio, Action.trio_id == Trio.id)
            .where(under_werkplaats, Action.round_id == werkplaats_id)
            .order_by(Action.id)
        ):
            actions[action.trio_id].append(
                BackupAction(
                    what=action.what, who=action.who, when_text=action.when_text, created_at=as_utc(action.created_at)
                )
            )
    members: defaultdict[int, list[BackupMember]] = defaultdict(list)
    for member in member_rows:
        members[member.trio_id].append(
            BackupMember(
                role=member.role,
                display_name=member.display_name,
                created_at=as_utc(member.created_at),
                answers=answers[member.id],
                level=member.level,
                influence=influence[member.id],
            )
        )
    return Backup(
        format=FORMAT,
        version=VERSION,
        exported_at=utc_now(),
        werkplaats=BackupWerkplaats(
            name=w.name,
            held_on=w.held_on,
            standalone=bool(w.standalone),
            created_at=as_utc(w.created_at),
            content_hash=w.content_hash,
            content=json.loads(w.content_json),
        ),
        trios=[
            BackupTrio(
                municipality=trio.municipality,
                casus=trio.casus,
                created_at=as_utc(trio.created_at),
                members=members[trio.id],
                chosen_perspectives=choices[trio.id],
                actions=actions[trio.id],
            )
            for trio in trio_rows
        ],
    )


def backup_werkplaats(engine: Engine, werkplaats_id: int) -> dict[str, Any]:
    """:func:`build_backup` as a JSON-ready dict (moments as ISO 8601 text in UTC)."""
    return build_backup(engine, werkplaats_id).model_dump(mode="json")


def backup_json(engine: Engine, werkplaats_id: int) -> bytes:
    """:func:`backup_werkplaats` as UTF-8 JSON (readable: Dutch characters as they are)."""
    return json.dumps(backup_werkplaats(engine, werkplaats_id), indent=1, ensure_ascii=False).encode("utf-8")
