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
from storage.backup.format import (
    Backup,
    BackupLeervraag,
    BackupMember,
    BackupTrio,
    BackupWerkplaats,
    parse_backup,
)
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


def werkplaats_row(
    w: BackupWerkplaats, code: str, *, traject_id: int | None = None, position: int | None = None
) -> Werkplaats:
    """A new werkplaats row for a backed-up one: the restore moment is its ``created_at``, so that the
    retention period starts again on this server."""
    return Werkplaats(
        name=w.name,
        held_on=w.held_on,
        join_code=code,
        standalone=w.standalone,
        content_hash=w.content_hash,
        content_json=json.dumps(dict(w.content), ensure_ascii=False, sort_keys=True),
        created_at=utc_now(),
        traject_id=traject_id,
        position=position,
    )


def trio_row(trio: BackupTrio, code: str, werkplaats_id: int) -> Trio:
    """``werkplaats_id`` is the trio's current round: the last one it takes part in."""
    # revision 1: restoring is the trio's first change, as if each member and answer were one
    return Trio(werkplaats_id=werkplaats_id, municipality=trio.municipality, casus=trio.casus, code=code,
                created_at=trio.created_at, revision=1)


def member_rows(trio_id: int, trio: BackupTrio) -> list[Member]:
    return [
        Member(trio_id=trio_id, role=member.role, display_name=member.display_name, level=member.level,
               kind=member.kind, token=new_token(), created_at=member.created_at)
        for member in trio.members
    ]


def insert_round(
    s: Session, round_id: int, trios: list[tuple[int, BackupTrio]], members: list[tuple[int, BackupMember]]
) -> None:
    """What trios and members gave in one round: answers, influence choices, chosen perspectives, actions."""
    answers = [
        {"member_id": member_id, "round_id": round_id, "question_id": answer.question, "frame": answer.frame,
         "value": answer.value, "carried": answer.carried, "updated_at": answer.updated_at}
        for member_id, member in members
        for answer in member.answers
    ]
    influence = [
        {"member_id": member_id, "round_id": round_id, "question_id": choice.question, "option_id": choice.option,
         "updated_at": choice.updated_at}
        for member_id, member in members
        for choice in member.influence
    ]
    choices = [
        {"trio_id": trio_id, "round_id": round_id, "perspective_id": choice.perspective, "chosen_at": choice.chosen_at}
        for trio_id, trio in trios
        for choice in trio.chosen_perspectives
    ]
    actions = [
        {"trio_id": trio_id, "round_id": round_id, "what": action.what, "who": action.who,
         "when_text": action.when_text, "created_at": action.created_at, "status": action.status,
         "reflection": action.reflection, "followed_up_at": action.followed_up_at}
        for trio_id, trio in trios
        for action in trio.actions
    ]
    tables = ((Answer, answers), (InfluenceChoice, influence), (PerspectiveChoice, choices), (Action, actions))
    for table, rows in tables:
        if rows:
            s.execute(insert(table), rows)


def insert_leervragen(s: Session, trios: list[tuple[int, BackupTrio]]) -> dict[int, list[Leervraag]]:
    """Each trio's leervragen in order (no notes); trio id -> the new rows."""
    rows = {
        trio_id: [Leervraag(trio_id=trio_id, position=position, text=leervraag.text)
                  for position, leervraag in enumerate(trio.leervragen, start=1)]
        for trio_id, trio in trios
    }
    s.add_all([row for made in rows.values() for row in made])
    s.flush()
    return rows


def insert_notes(s: Session, round_id: int, leervragen: list[tuple[Leervraag, BackupLeervraag]]) -> None:
    """The notes a round's backup holds, as notes of ``round_id``."""
    notes = [
        {"leervraag_id": row.id, "round_id": round_id, "text": note.text, "updated_at": note.updated_at}
        for row, leervraag in leervragen
        for note in leervraag.notes
    ]
    if notes:
        s.execute(insert(LeervraagNote), notes)


def _insert(s: Session, backup: Backup) -> WerkplaatsRecord:
    codes = free_codes(s, 1 + len(backup.trios))
    assert all(len(code) == CODE_LENGTH for code in codes)
    werkplaats = werkplaats_row(backup.werkplaats, codes[0])
    s.add(werkplaats)
    s.flush()
    trios = [trio_row(trio, code, werkplaats.id) for trio, code in zip(backup.trios, codes[1:], strict=True)]
    s.add_all(trios)
    s.flush()
    s.add_all(
        [
            TrioRound(trio_id=row.id, werkplaats_id=werkplaats.id, joined_at=row.created_at, shared_at=trio.shared_at)
            for row, trio in zip(trios, backup.trios, strict=True)
        ]
    )
    made = [(row, trio, member_rows(row.id, trio)) for row, trio in zip(trios, backup.trios, strict=True)]
    s.add_all([member for *_, rows in made for member in rows])
    s.flush()
    pairs = [(row.id, trio) for row, trio, _ in made]
    insert_round(s, werkplaats.id, pairs, [(member.id, backed) for _, trio, rows in made
                                           for member, backed in zip(rows, trio.members, strict=True)])
    leervragen = insert_leervragen(s, pairs)
    insert_notes(s, werkplaats.id, [(row, leervraag) for trio_id, trio in pairs
                                    for row, leervraag in zip(leervragen[trio_id], trio.leervragen, strict=True)])
    return werkplaats_record(werkplaats)


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
