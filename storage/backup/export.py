"""Write a backup: a werkplaats with everything under it, read in one snapshot, as the format's models."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from storage._rounds import in_round
from storage._session import as_utc
from storage.backup.format import (
    FORMAT,
    VERSION,
    Backup,
    BackupAction,
    BackupAnswer,
    BackupChoice,
    BackupInfluence,
    BackupLeervraag,
    BackupLeervraagNote,
    BackupMember,
    BackupTrio,
    BackupWerkplaats,
)
from storage.db import translate_errors
from storage.errors import NotFound
from storage.models import (
    Action,
    Answer,
    InfluenceChoice,
    Leervraag,
    LeervraagNote,
    Member,
    PerspectiveChoice,
    Traject,
    Trio,
    TrioRound,
    Werkplaats,
    utc_now,
)


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
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
    """The werkplaats with everything under it, read in eight queries from one snapshot.

    The werkplaats is one round: its trios (also those carried over from an earlier round), with
    their bestuurder, and what they answered, chose, wrote down and followed up in this round. A
    trio's leervragen are all of them, each with its note of this round only.

    Raises :class:`storage.NotFound` when there is no such werkplaats.
    """
    with read_snapshot(engine) as conn:
        backup, _trio_ids = round_backup(conn, werkplaats_id)
    return backup


def round_backup(conn: Connection, werkplaats_id: int) -> tuple[Backup, list[int]]:
    """:func:`build_backup` inside a snapshot the caller holds, with the ids of the backup's trios in order."""
    w = conn.execute(
        select(
            Werkplaats.name,
            Werkplaats.held_on,
            Werkplaats.standalone,
            Werkplaats.created_at,
            Werkplaats.content_hash,
            Werkplaats.content_json,
            Werkplaats.position,
            Traject.name.label("traject_name"),
        )
        .outerjoin(Traject, Werkplaats.traject_id == Traject.id)
        .where(Werkplaats.id == werkplaats_id)
    ).one_or_none()
    if w is None:
        raise NotFound("Deze werkplaats bestaat niet (meer).")
    trio_rows = conn.execute(
        select(Trio.id, Trio.municipality, Trio.casus, Trio.created_at, TrioRound.shared_at)
        .join(TrioRound, TrioRound.trio_id == Trio.id)
        .where(TrioRound.werkplaats_id == werkplaats_id)
        .order_by(Trio.id)
    ).all()
    members = _members(conn, werkplaats_id)
    choices: defaultdict[int, list[BackupChoice]] = defaultdict(list)
    for choice in conn.execute(
        select(PerspectiveChoice.trio_id, PerspectiveChoice.perspective_id, PerspectiveChoice.chosen_at)
        .join(Trio, PerspectiveChoice.trio_id == Trio.id)
        .where(in_round(werkplaats_id), PerspectiveChoice.round_id == werkplaats_id)
        .order_by(PerspectiveChoice.trio_id, PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id)
    ):
        choices[choice.trio_id].append(
            BackupChoice(perspective=choice.perspective_id, chosen_at=as_utc(choice.chosen_at))
        )
    actions = _actions(conn, werkplaats_id)
    leervragen = _leervragen(conn, werkplaats_id)
    backup = Backup(
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
            traject_name=w.traject_name,
            position=w.position,
        ),
        trios=[
            BackupTrio(
                municipality=trio.municipality,
                casus=trio.casus,
                created_at=as_utc(trio.created_at),
                members=members[trio.id],
                chosen_perspectives=choices[trio.id],
                actions=actions[trio.id],
                leervragen=leervragen[trio.id],
                shared_at=_maybe_utc(trio.shared_at),
            )
            for trio in trio_rows
        ],
    )
    return backup, [trio.id for trio in trio_rows]


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def _members(conn: Connection, werkplaats_id: int) -> defaultdict[int, list[BackupMember]]:
    """trio id -> its members in the order they joined, the bestuurder too, with their answers and
    influence choices of this round (three queries). Storage's own reads leave bestuurders out."""
    under_werkplaats = in_round(werkplaats_id)
    member_rows = conn.execute(
        select(Member.id, Member.trio_id, Member.role, Member.kind, Member.display_name, Member.level,
               Member.created_at)
        .join(Trio, Member.trio_id == Trio.id)
        .where(under_werkplaats)
        .order_by(Member.id)
    ).all()
    answers: defaultdict[int, list[BackupAnswer]] = defaultdict(list)
    for answer in conn.execute(
        select(Answer.member_id, Answer.question_id, Answer.frame, Answer.value, Answer.carried, Answer.updated_at)
        .join(Member, Answer.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(under_werkplaats, Answer.round_id == werkplaats_id)
        .order_by(Answer.member_id, Answer.frame, Answer.question_id)
    ):
        answers[answer.member_id].append(
            BackupAnswer(
                question=answer.question_id,
                frame=answer.frame,
                value=answer.value,
                updated_at=as_utc(answer.updated_at),
                carried=bool(answer.carried),
            )
        )
    influence: defaultdict[int, list[BackupInfluence]] = defaultdict(list)
    for lever in conn.execute(
        select(InfluenceChoice.member_id, InfluenceChoice.question_id, InfluenceChoice.option_id,
               InfluenceChoice.updated_at)
        .join(Member, InfluenceChoice.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(under_werkplaats, InfluenceChoice.round_id == werkplaats_id)
        .order_by(InfluenceChoice.member_id, InfluenceChoice.question_id)
    ):
        influence[lever.member_id].append(
            BackupInfluence(question=lever.question_id, option=lever.option_id, updated_at=as_utc(lever.updated_at))
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
                kind=member.kind,
            )
        )
    return members


def _actions(conn: Connection, werkplaats_id: int) -> defaultdict[int, list[BackupAction]]:
    """trio id -> the actions written down in this round, with their follow-up, in the order written."""
    actions: defaultdict[int, list[BackupAction]] = defaultdict(list)
    for action in conn.execute(
        select(Action.trio_id, Action.what, Action.who, Action.when_text, Action.created_at, Action.status,
               Action.reflection, Action.followed_up_at)
        .join(Trio, Action.trio_id == Trio.id)
        .where(in_round(werkplaats_id), Action.round_id == werkplaats_id)
        .order_by(Action.id)
    ):
        actions[action.trio_id].append(
            BackupAction(
                what=action.what,
                who=action.who,
                when_text=action.when_text,
                created_at=as_utc(action.created_at),
                status=action.status,
                reflection=action.reflection,
                followed_up_at=_maybe_utc(action.followed_up_at),
            )
        )
    return actions


def _leervragen(conn: Connection, werkplaats_id: int) -> defaultdict[int, list[BackupLeervraag]]:
    """trio id -> its leervragen in order, each with the note of this round when there is one."""
    leervragen: defaultdict[int, list[BackupLeervraag]] = defaultdict(list)
    for row in conn.execute(
        select(Leervraag.trio_id, Leervraag.text, LeervraagNote.text.label("note"), LeervraagNote.updated_at)
        .join(Trio, Leervraag.trio_id == Trio.id)
        .outerjoin(
            LeervraagNote,
            (LeervraagNote.leervraag_id == Leervraag.id) & (LeervraagNote.round_id == werkplaats_id),
        )
        .where(in_round(werkplaats_id))
        .order_by(Leervraag.trio_id, Leervraag.position)
    ):
        notes = [] if row.note is None else [BackupLeervraagNote(text=row.note, updated_at=as_utc(row.updated_at))]
        leervragen[row.trio_id].append(BackupLeervraag(text=row.text, notes=notes))
    return leervragen


def backup_werkplaats(engine: Engine, werkplaats_id: int) -> dict[str, Any]:
    """:func:`build_backup` as a JSON-ready dict (moments as ISO 8601 text in UTC)."""
    return build_backup(engine, werkplaats_id).model_dump(mode="json")


def backup_json(engine: Engine, werkplaats_id: int) -> bytes:
    """:func:`backup_werkplaats` as UTF-8 JSON (readable: Dutch characters as they are)."""
    return json.dumps(backup_werkplaats(engine, werkplaats_id), indent=1, ensure_ascii=False).encode("utf-8")
