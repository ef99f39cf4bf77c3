"""A whole leertraject as one backup file: every round, with each trio and member linked across rounds.

A round's backup (:mod:`storage.backup.export`, format ``rolwijzer-backup`` version 3) holds one werkplaats;
restored, it is a werkplaats on its own. A leertraject backup holds every round's backup in order and says
which trio of each round is which trio of the leertraject, so that a restore makes the leertraject again:
its rounds in order, each trio once with its members (and their new personal links) taking part in the
rounds it took part in, its leervragen once with the notes of every round, and everything given in a round
back in that round::

    {"format": "rolwijzer-leertraject-backup", "version": 1, "exported_at": "...", "name": "...",
     "rounds": [<a round's backup, version 3>, ...],
     "trios": [{"rounds": [0, 0, null]}, {"rounds": [1, null, null]}, {"rounds": [null, 1, 0]}, ...]}

``trios[t].rounds[r]`` is the place of leertraject trio ``t`` in round ``r``'s ``trios`` (``null``: not in that
round). A trio's members are listed in every round it is in, in the same order (storage keeps them per trio,
not per round), so member ``m`` of a trio is the same person in each of its rounds. A restore checks that
the same trio says the same in each round (municipality, casus, members, leervragen) before it writes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Final, Literal

from pydantic import Field, ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from storage._session import free_codes, retry_on_conflict, transaction
from storage.backup.check import check_against_content, check_content
from storage.backup.export import read_snapshot, round_backup
from storage.backup.fields import Moment, TrajectName
from storage.backup.format import (
    Backup,
    BackupError,
    BackupLeervraag,
    BackupMember,
    BackupTrio,
    _parse,
    _schema_error,
    _shown,
    _Strict,
    invalid,
)
from storage.backup.restore import (
    insert_leervragen,
    insert_notes,
    insert_round,
    member_rows,
    restore_werkplaats,
    trio_row,
    werkplaats_row,
)
from storage.errors import InputError, NotFound
from storage.models import Leervraag, Traject, TrioRound, Werkplaats, utc_now
from storage.records import TrajectRecord, WerkplaatsRecord

TRAJECT_FORMAT: Final = "rolwijzer-leertraject-backup"
TRAJECT_VERSION: Final = 1
MAX_ROUNDS: Final = 20
"""A series of werkplaatsen has a handful of rounds (intake, three werkplaatsen, a follow-up)."""


class BackupTrajectTrio(_Strict):
    """One trio of the leertraject: its place in each round's ``trios``, ``None`` when not in that round."""

    rounds: list[Annotated[int, Field(ge=0)] | None]


class TrajectBackup(_Strict):
    format: Literal["rolwijzer-leertraject-backup"]
    version: Literal[1]
    exported_at: Moment
    name: TrajectName
    rounds: list[Backup] = Field(min_length=1, max_length=MAX_ROUNDS)
    trios: list[BackupTrajectTrio]


# --- Write ------------------------------------------------------------------------------------


def build_traject_backup(engine: Engine, traject_id: int) -> TrajectBackup:
    """Every round of the leertraject, read from one snapshot. Raises :class:`storage.NotFound` when there is
    no such leertraject, :class:`storage.InputError` when it has no werkplaatsen yet."""
    with read_snapshot(engine) as conn:
        name = conn.scalar(select(Traject.name).where(Traject.id == traject_id))
        if name is None:
            raise NotFound("Dit leertraject bestaat niet (meer).")
        round_ids = conn.scalars(
            select(Werkplaats.id).where(Werkplaats.traject_id == traject_id).order_by(Werkplaats.position, Werkplaats.id)
        ).all()
        if not round_ids:
            raise InputError("Dit leertraject heeft nog geen werkplaatsen: er is niets om te bewaren.")
        rounds = [round_backup(conn, werkplaats_id) for werkplaats_id in round_ids]
    places: dict[int, list[int | None]] = {}
    for r, (_backup, trio_ids) in enumerate(rounds):
        for index, trio_id in enumerate(trio_ids):
            places.setdefault(trio_id, [None] * len(rounds))[r] = index
    return TrajectBackup(
        format=TRAJECT_FORMAT,
        version=TRAJECT_VERSION,
        exported_at=utc_now(),
        name=name,
        rounds=[backup for backup, _ in rounds],
        trios=[BackupTrajectTrio(rounds=where) for where in places.values()],
    )


def traject_backup_json(engine: Engine, traject_id: int) -> bytes:
    """:func:`build_traject_backup` as UTF-8 JSON (moments as ISO 8601 text in UTC)."""
    document = build_traject_backup(engine, traject_id).model_dump(mode="json")
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


# --- Read and check ---------------------------------------------------------------------------


def is_traject_backup(parsed: Mapping[str, Any]) -> bool:
    return parsed.get("format") == TRAJECT_FORMAT


def read_traject_backup(data: bytes | str | Mapping[str, Any]) -> TrajectBackup:
    """Parse and check a leertraject backup completely, without a database. Raises :class:`BackupError`."""
    parsed = _parse(data)
    if not is_traject_backup(parsed):
        raise BackupError(f"Back-up ongeldig: dit is geen back-up van een leertraject (format is "
                          f"{_shown(parsed.get('format'))}, verwacht '{TRAJECT_FORMAT}').")
    if parsed.get("version") != TRAJECT_VERSION or isinstance(parsed.get("version"), bool):
        raise BackupError(f"Back-up ongeldig: versie {_shown(parsed.get('version'))} wordt niet ondersteund; "
                          f"deze Rolwijzer leest versie {TRAJECT_VERSION}.")
    try:
        backup = TrajectBackup.model_validate(parsed)
    except ValidationError as exc:
        raise _schema_error(exc) from exc
    for r, round_ in enumerate(backup.rounds):
        try:
            check_against_content(round_, check_content(round_.werkplaats))
        except BackupError as exc:
            raise BackupError(str(exc).replace("Back-up ongeldig: ", f"Back-up ongeldig: rounds[{r}].", 1)) from exc
    _check_links(backup)
    return backup


def _same_trio(trio: BackupTrio) -> tuple[object, ...]:
    """What a trio says in every round it is in: members and leervragen are per trio, not per round."""
    members = [(m.role, m.kind, m.display_name, m.created_at, m.level) for m in trio.members]
    return trio.municipality, trio.casus, trio.created_at, members, [q.text for q in trio.leervragen]


def _check_links(backup: TrajectBackup) -> None:
    """Every trio of every round is exactly one trio of the leertraject, which says the same in each round."""
    rounds = backup.rounds
    used: set[tuple[int, int]] = set()
    for t, trio in enumerate(backup.trios):
        where = f"trios[{t}].rounds"
        if len(trio.rounds) != len(rounds):
            raise invalid(where, f"verwacht {len(rounds)} plaatsen, één per ronde, niet {len(trio.rounds)}")
        places = [(r, index) for r, index in enumerate(trio.rounds) if index is not None]
        if not places:
            raise invalid(where, "dit trio doet in geen enkele ronde mee")
        for r, index in places:
            if index >= len(rounds[r].trios):
                raise invalid(f"{where}[{r}]", f"ronde {r + 1} heeft geen trio met nummer {index}")
            if (r, index) in used:
                raise invalid(f"{where}[{r}]", "twee trio's van het leertraject wijzen naar hetzelfde trio")
            used.add((r, index))
        first_round, first_index = places[0]
        first = _same_trio(rounds[first_round].trios[first_index])
        for r, index in places[1:]:
            if _same_trio(rounds[r].trios[index]) != first:
                raise invalid(f"rounds[{r}].trios[{index}]", f"niet hetzelfde trio als in ronde {first_round + 1}: "
                                                             "gemeente, casus, trioleden of leervragen verschillen")
    for r, round_ in enumerate(rounds):
        for index in range(len(round_.trios)):
            if (r, index) not in used:
                raise invalid(f"rounds[{r}].trios[{index}]", "dit trio hoort bij geen trio van het leertraject")


# --- Restore ----------------------------------------------------------------------------------


def _insert(s: Session, backup: TrajectBackup) -> TrajectRecord:
    traject = Traject(name=backup.name, created_at=utc_now())
    s.add(traject)
    s.flush()
    codes = free_codes(s, len(backup.rounds) + len(backup.trios))
    werkplaatsen = [werkplaats_row(round_.werkplaats, code, traject_id=traject.id, position=r)
                    for r, (round_, code) in enumerate(zip(backup.rounds, codes[:len(backup.rounds)], strict=True), 1)]
    s.add_all(werkplaatsen)
    s.flush()
    # Each trio of the leertraject once: made from the first round it is in, current in the last.
    taking_part = [[(r, backup.rounds[r].trios[index]) for r, index in enumerate(t.rounds) if index is not None]
                   for t in backup.trios]
    trios = [trio_row(rounds[0][1], code, werkplaatsen[rounds[-1][0]].id)
             for rounds, code in zip(taking_part, codes[len(backup.rounds):], strict=True)]
    s.add_all(trios)
    s.flush()
    members = [member_rows(row.id, rounds[0][1]) for row, rounds in zip(trios, taking_part, strict=True)]
    s.add_all([member for made in members for member in made])
    s.flush()
    leervragen = insert_leervragen(s, [(row.id, rounds[0][1]) for row, rounds in zip(trios, taking_part, strict=True)])
    # Per round, everything its trios gave in it: a few statements per round, not per trio.
    given: list[_RoundRows] = [_RoundRows() for _ in backup.rounds]
    for row, rounds, made in zip(trios, taking_part, members, strict=True):
        for r, trio in rounds:
            joined_at = max(trio.created_at, backup.rounds[r].werkplaats.created_at)
            s.add(TrioRound(trio_id=row.id, werkplaats_id=werkplaatsen[r].id, joined_at=joined_at,
                            shared_at=trio.shared_at))
            given[r].trios.append((row.id, trio))
            given[r].members.extend((member.id, backed) for member, backed in zip(made, trio.members, strict=True))
            given[r].notes.extend(zip(leervragen[row.id], trio.leervragen, strict=True))
    for werkplaats, rows in zip(werkplaatsen, given, strict=True):
        insert_round(s, werkplaats.id, rows.trios, rows.members)
        insert_notes(s, werkplaats.id, rows.notes)
    return TrajectRecord(id=traject.id, name=traject.name, created_at=traject.created_at)


@dataclass
class _RoundRows:
    trios: list[tuple[int, BackupTrio]] = field(default_factory=list)
    members: list[tuple[int, BackupMember]] = field(default_factory=list)
    notes: list[tuple[Leervraag, BackupLeervraag]] = field(default_factory=list)


def restore_traject(engine: Engine, data: bytes | str | Mapping[str, Any]) -> TrajectRecord:
    """Check a leertraject backup completely, then create the leertraject with all its rounds in one
    transaction: new ids, join codes, trio codes and member tokens. Raises :class:`BackupError` before
    anything is written."""
    backup = read_traject_backup(data)

    def insert_once() -> TrajectRecord:
        with transaction(engine) as s:
            return _insert(s, backup)

    return retry_on_conflict(insert_once)


def restore_any(engine: Engine, data: bytes | str | Mapping[str, Any]) -> WerkplaatsRecord | TrajectRecord:
    """A round's backup as a werkplaats on its own, a leertraject's as a leertraject, by the file's ``format``."""
    parsed = _parse(data)
    if is_traject_backup(parsed):
        return restore_traject(engine, parsed)
    return restore_werkplaats(engine, parsed)
