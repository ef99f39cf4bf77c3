"""Werkplaatsen: create, find, list, delete, and the content each one was created with.

The storage functions (this module, :mod:`storage.trios`, :mod:`storage.answers`
and :mod:`storage.choices`) each open one short transaction and return frozen
records, so no session or ORM object ever leaves them. Input is checked here as
well as in the UI (lengths, frames, answer values) and rejected with
:class:`storage.InputError`; database failures become
:class:`storage.StorageUnavailable` (see :func:`storage.db.translate_errors`).

Queries that feed an overview (a trio, the live wall) are single joins, so
their cost does not grow with the number of round trips.
"""

from __future__ import annotations

import functools
import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

import scoring
from storage._session import as_utc, free_code, retry_on_conflict, transaction
from storage.codes import parse_code
from storage.errors import InputError
from storage.limits import MAX_WERKPLAATS_NAME, clean_text
from storage.models import TrioRound, Werkplaats, utc_now
from storage.records import WerkplaatsRecord, WerkplaatsSummary
from storage.trajecten import carry_over, move_back, next_position


def werkplaats_record(row: Werkplaats) -> WerkplaatsRecord:
    """The frozen record of a werkplaats row (also used by the restore in ``storage.backup``)."""
    return WerkplaatsRecord(
        id=row.id,
        name=row.name,
        held_on=row.held_on,
        join_code=row.join_code,
        standalone=row.standalone,
        content_hash=row.content_hash,
        created_at=as_utc(row.created_at),
        content_json=row.content_json,
        traject_id=row.traject_id,
        position=row.position,
        prefilled=row.prefilled,
    )


def create_werkplaats(
    engine: Engine,
    *,
    name: str,
    held_on: date,
    content: scoring.ContentSnapshot,
    standalone: bool = False,
    traject_id: int | None = None,
    prefilled: bool = False,
) -> WerkplaatsRecord:
    """A new werkplaats with a fresh join code, keeping a copy of the content it uses.

    With ``traject_id`` it is the next round of that leertraject: every trio of the traject carries
    over to it, starting empty or, with ``prefilled``, from their answers of last time (see
    :mod:`storage.trajecten`).
    """
    clean_name = clean_text(name, field="Naam van de werkplaats", limit=MAX_WERKPLAATS_NAME, required=True)
    if not isinstance(held_on, date):
        raise InputError("Datum van de werkplaats ontbreekt of is ongeldig.")
    day = held_on.date() if isinstance(held_on, datetime) else held_on
    content_json = json.dumps(dict(content.files), ensure_ascii=False, sort_keys=True)

    def insert_once() -> WerkplaatsRecord:
        with transaction(engine) as s:
            row = Werkplaats(
                name=clean_name,
                held_on=day,
                join_code=free_code(s),
                standalone=bool(standalone),
                content_hash=content.content_hash,
                content_json=content_json,
                traject_id=traject_id,
                position=next_position(s, traject_id) if traject_id is not None else None,
                prefilled=bool(prefilled) and traject_id is not None,
            )
            s.add(row)
            s.flush()
            if traject_id is not None:
                carry_over(s, traject_id=traject_id, werkplaats_id=row.id, prefilled=row.prefilled)
            return werkplaats_record(row)

    return retry_on_conflict(insert_once)


def get_werkplaats(engine: Engine, werkplaats_id: int) -> WerkplaatsRecord | None:
    with transaction(engine) as s:
        row = s.get(Werkplaats, werkplaats_id)
        return werkplaats_record(row) if row is not None else None


def find_werkplaats_by_code(engine: Engine, code: str) -> WerkplaatsRecord | None:
    """The werkplaats with this join code as typed ("acd-349" works); ``None`` if there is none."""
    normalised = parse_code(code)
    if normalised is None:
        return None
    with transaction(engine) as s:
        row = s.scalar(select(Werkplaats).where(Werkplaats.join_code == normalised))
        return werkplaats_record(row) if row is not None else None


def _summaries(s: Session, *conditions: Any) -> list[WerkplaatsSummary]:
    """Werkplaatsen without their content, newest first, with trio counts, in one query."""
    trio_count = func.count(TrioRound.trio_id)
    query = (
        select(
            Werkplaats.id,
            Werkplaats.name,
            Werkplaats.held_on,
            Werkplaats.join_code,
            Werkplaats.standalone,
            Werkplaats.content_hash,
            Werkplaats.created_at,
            Werkplaats.traject_id,
            Werkplaats.position,
            trio_count,
        )
        .outerjoin(TrioRound, TrioRound.werkplaats_id == Werkplaats.id)
        .where(*conditions)
        .group_by(Werkplaats.id)
        .order_by(Werkplaats.created_at.desc(), Werkplaats.id.desc())
    )
    return [
        WerkplaatsSummary(
            id=row.id,
            name=row.name,
            held_on=row.held_on,
            join_code=row.join_code,
            standalone=row.standalone,
            content_hash=row.content_hash,
            created_at=as_utc(row.created_at),
            trio_count=row[-1],
            traject_id=row.traject_id,
            position=row.position,
        )
        for row in s.execute(query)
    ]


def list_werkplaatsen(engine: Engine) -> list[WerkplaatsSummary]:
    with transaction(engine) as s:
        return _summaries(s)


def werkplaatsen_older_than(
    engine: Engine, days: int, now: datetime | None = None
) -> list[WerkplaatsSummary]:
    """Werkplaatsen both held and created more than ``days`` days before ``now``: due for removal.

    Both dates count, so a werkplaats created long in advance is kept until after it was held. A round
    of a leertraject is due only with every round of its leertraject: a series runs longer than the
    retention period (a follow-up after six months), and its first round holds the leervragen, the
    actions followed up later and the start of the movement.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise InputError("Het aantal dagen moet een heel getal van 0 of meer zijn.")
    cutoff = as_utc(now or utc_now()) - timedelta(days=days)
    other = aliased(Werkplaats)
    recent_round = exists().where(
        other.traject_id == Werkplaats.traject_id,
        or_(other.created_at >= cutoff, other.held_on >= cutoff.date()),
    )
    with transaction(engine) as s:
        return _summaries(
            s, Werkplaats.created_at < cutoff, Werkplaats.held_on < cutoff.date(),
            or_(Werkplaats.traject_id.is_(None), ~recent_round),
        )


def delete_werkplaats(engine: Engine, werkplaats_id: int) -> bool:
    """Remove a werkplaats with all its trios, members, answers, choices and actions.

    A trio that also took part in another round of its traject stays, back in its latest other
    round, with everything of that round. Returns whether there was such a werkplaats.
    """
    with transaction(engine) as s:
        move_back(s, werkplaats_id)
        # The foreign keys cascade, so one statement removes everything under it.
        result = s.execute(delete(Werkplaats).where(Werkplaats.id == werkplaats_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def model_for_werkplaats(record: WerkplaatsRecord) -> scoring.Model:
    """The content model the werkplaats was created with (not today's content folder)."""
    return model_from_content(record.content_hash, record.content_json)


@functools.lru_cache(maxsize=32)
def model_from_content(content_hash: str, content_json: str) -> scoring.Model:
    # Keyed by hash and text: the hash alone would be enough in practice, the text makes it certain.
    del content_hash
    files: dict[str, str] = json.loads(content_json)
    return scoring.load_model_from_texts(files)

