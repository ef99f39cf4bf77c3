"""Read a backup back: check it completely against its own content, then insert it in one transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

import scoring
from storage._session import free_codes, retry_on_conflict, transaction
from storage.backup.check import check_against_content, check_content
from storage.backup.format import Backup, BackupMember, BackupTrio, parse_backup
from storage.codes import CODE_LENGTH, new_token
from storage.models import (
    Action,
    Answer,
    InfluenceChoice,
    Leervraag,
    LeervraagNote,
    Member,
    PerspectiveChoice,
    Trio,
    TrioRound,
    Werkplaats,
    utc_now,
)
from storage.records import WerkplaatsRecord
from storage.werkplaatsen import werkplaats_record


def read_backup(data: bytes | str | Mapping[str, Any]) -> tuple[Backup, scoring.Model]:
    """Parse and check a backup completely without touching any database.

    Returns the checked document and its content model; raises :class:`BackupError`.
    """
    backup = parse_backup(data)
    model = check_content(backup.werkplaats)
    check_against_content(backup, model)
    return backup, model


# --- Restore ----------------------------------------------------------------------


def _insert(s: Session, backup: Backup) -> WerkplaatsRecord:
    w = backup.werkplaats
    codes = free_codes(s, 1 + len(backup.trios))
    assert all(len(code) == CODE_LENGTH for code in codes)
    created_at = utc_now()
    content_json = json.dumps(dict(w.content), ensure_ascii=False, sort_keys=True)
    werkplaats = Werkplaats(
        name=w.name,
        held_on=w.held_on,
        join_code=codes[0],
        standalone=w.standalone,
        content_hash=w.content_hash,
        content_json=content_json,
        created_at=created_at,
    )
    s.add(werkplaats)
    s.flush()
    trios = [
        Trio(
            werkplaats_id=werkplaats.id,
            municipality=trio.municipality,
            casus=trio.casus,
            code=code,
            created_at=trio.created_at,
            revision=1,  # restoring is the trio's first change, as if each member and answer were one
        )
        for trio, code in zip(backup.trios, codes[1:], strict=True)
    ]
    s.add_all(trios)
    s.flush()
    s.add_all(
        [
            TrioRound(trio_id=row.id, werkplaats_id=werkplaats.id, joined_at=row.created_at, shared_at=trio.shared_at)
            for row, trio in zip(trios, backup.trios, strict=True)
        ]
    )
    members: list[tuple[Member, BackupMember]] = []
    for trio_row, trio in zip(trios, backup.trios, strict=True):
        for member in trio.members:
            row = Member(
                trio_id=trio_row.id,
                role=member.role,
                display_name=member.display_name,
                level=member.level,
                kind=member.kind,
                token=new_token(),
                created_at=member.created_at,
            )
            members.append((row, member))
    s.add_all([row for row, _ in members])
    s.flush()
    answers = [
        {
            "member_id": row.id,
            "round_id": werkplaats.id,
            "question_id": answer.question,
            "frame": answer.frame,
            "value": answer.value,
            "carried": answer.carried,
            "updated_at": answer.updated_at,
        }
        for row, member in members
        for answer in member.answers
    ]
    influence = [
        {
            "member_id": row.id,
            "round_id": werkplaats.id,
            "question_id": choice.question,
            "option_id": choice.option,
            "updated_at": choice.updated_at,
        }
        for row, member in members
        for choice in member.influence
    ]
    choices = [
        {
            "trio_id": trio_row.id,
            "round_id": werkplaats.id,
            "perspective_id": choice.perspective,
            "chosen_at": choice.chosen_at,
        }
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for choice in trio.chosen_perspectives
    ]
    actions = [
        {
            "trio_id": trio_row.id,
            "round_id": werkplaats.id,
            "what": action.what,
            "who": action.who,
            "when_text": action.when_text,
            "created_at": action.created_at,
            "status": action.status,
            "reflection": action.reflection,
            "followed_up_at": action.followed_up_at,
        }
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for action in trio.actions
    ]
    tables = ((Answer, answers), (InfluenceChoice, influence), (PerspectiveChoice, choices), (Action, actions))
    for table, rows in tables:
        if rows:
            s.execute(insert(table), rows)
    _insert_leervragen(s, werkplaats.id, [(row.id, trio) for row, trio in zip(trios, backup.trios, strict=True)])
    return werkplaats_record(werkplaats)


def _insert_leervragen(s: Session, round_id: int, trios: list[tuple[int, BackupTrio]]) -> None:
    """Each trio's leervragen in order, with their notes as notes of the restored round."""
    rows = [
        (Leervraag(trio_id=trio_id, position=position, text=leervraag.text), leervraag)
        for trio_id, trio in trios
        for position, leervraag in enumerate(trio.leervragen, start=1)
    ]
    s.add_all([row for row, _ in rows])
    s.flush()
    notes = [
        {"leervraag_id": row.id, "round_id": round_id, "text": note.text, "updated_at": note.updated_at}
        for row, leervraag in rows
        for note in leervraag.notes
    ]
    if notes:
        s.execute(insert(LeervraagNote), notes)


def restore_werkplaats(engine: Engine, data: bytes | str | Mapping[str, Any]) -> WerkplaatsRecord:
    """Check a backup completely, then create it as a new werkplaats in one transaction.

    Everything gets new ids, a new join code, new trio codes and new member tokens. The werkplaats is
    made on its own, not as a round of a leertraject, whatever ``traject_name`` and ``position`` say;
    every trio has it as its only round.
    Raises :class:`BackupError` for an invalid file, before anything is written.
    """
    backup, _model = read_backup(data)

    def insert_once() -> WerkplaatsRecord:
        # A code or token taken concurrently between the check and the insert gets new ones.
        with transaction(engine) as s:
            return _insert(s, backup)

    return retry_on_conflict(insert_once)
