"""Leertrajecten and their rounds: werkplaatsen of one cohort in order, trios carried over.

A round is a werkplaats. When a facilitator opens the next werkplaats of a traject, every trio of
the traject moves on to it with its members (their personal links keep working): the trio's current
round (``trio.werkplaats_id``) becomes the new werkplaats and ``trio_round`` gets a row. Answers of
earlier rounds stay as they were. A new round starts empty, or with "start from last time": each
member's answers of the round before, copied and marked as carried over until the member confirms.
"""

from __future__ import annotations

from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from storage._rounds import GONE_TRIO, round_of_trio
from storage._session import as_utc, transaction
from storage.errors import InputError, NotFound
from storage.limits import MAX_TRAJECT_NAME, clean_text
from storage.models import Answer, Member, Traject, Trio, TrioRound, Werkplaats, utc_now
from storage.records import RoundRecord, TrajectRecord


def _traject_record(row: Traject) -> TrajectRecord:
    return TrajectRecord(id=row.id, name=row.name, created_at=as_utc(row.created_at))


def create_traject(engine: Engine, *, name: str) -> TrajectRecord:
    """A new leertraject, e.g. "Werkplaatsen Wijkgericht Werken 2027, groep Noord"."""
    clean_name = clean_text(name, field="Naam van het leertraject", limit=MAX_TRAJECT_NAME, required=True)
    with transaction(engine) as s:
        row = Traject(name=clean_name)
        s.add(row)
        s.flush()
        return _traject_record(row)


def get_traject(engine: Engine, traject_id: int) -> TrajectRecord | None:
    with transaction(engine) as s:
        row = s.get(Traject, traject_id)
        return _traject_record(row) if row is not None else None


def list_trajecten(engine: Engine) -> list[TrajectRecord]:
    """Every leertraject, newest first."""
    with transaction(engine) as s:
        rows = s.scalars(select(Traject).order_by(Traject.created_at.desc(), Traject.id.desc()))
        return [_traject_record(row) for row in rows]


def rename_traject(engine: Engine, traject_id: int, *, name: str) -> TrajectRecord:
    """Give a leertraject another name (a typo, another cohort name); its rounds stay as they are."""
    clean_name = clean_text(name, field="Naam van het leertraject", limit=MAX_TRAJECT_NAME, required=True)
    with transaction(engine) as s:
        row = s.get(Traject, traject_id)
        if row is None:
            raise NotFound("Dit leertraject bestaat niet (meer).")
        row.name = clean_name
        s.flush()
        return _traject_record(row)


class TrajectNotEmpty(InputError):
    """A leertraject with rounds cannot be deleted: its trios and answers live in those rounds."""


def delete_traject(engine: Engine, traject_id: int) -> None:
    """Delete a leertraject without rounds (made by mistake, or whose werkplaatsen are all deleted).

    Takes the traject's row first, as :func:`next_position` does, so a round opened at the same moment
    either lands before the check (and the delete is refused) or finds the traject gone."""
    with transaction(engine) as s:
        next_position(s, traject_id)  # the row lock; raises NotFound when it is gone
        if s.scalar(select(func.count()).select_from(Werkplaats).where(Werkplaats.traject_id == traject_id)):
            raise TrajectNotEmpty("Dit leertraject heeft nog werkplaatsen. Verwijder die eerst; dan kan het "
                                  "leertraject weg.")
        s.execute(delete(Traject).where(Traject.id == traject_id))


def traject_round_ids(engine: Engine, traject_id: int) -> list[int]:
    """The werkplaatsen (rounds) of a traject in order."""
    with transaction(engine) as s:
        return list(
            s.scalars(
                select(Werkplaats.id)
                .where(Werkplaats.traject_id == traject_id)
                .order_by(Werkplaats.position, Werkplaats.id)
            )
        )


def next_position(s: Session, traject_id: int) -> int:
    """The place of a new round in the traject. Takes the traject's row first (an UPDATE: the write
    lock on SQLite, a row lock on PostgreSQL), so rounds opened at once get places one after another
    and each carries the trios on from the one before."""
    taken = s.execute(update(Traject).where(Traject.id == traject_id).values(name=Traject.name))
    if not taken.rowcount:  # type: ignore[attr-defined]
        raise NotFound("Dit leertraject bestaat niet (meer).")
    highest = s.scalar(select(func.max(Werkplaats.position)).where(Werkplaats.traject_id == traject_id))
    return (highest or 0) + 1


def carry_over(s: Session, *, traject_id: int, werkplaats_id: int, prefilled: bool) -> None:
    """Move every trio of the traject's earlier rounds on to the new round ``werkplaats_id``;
    with ``prefilled``, copy each member's answers of the trio's previous round, marked as carried."""
    earlier = select(Werkplaats.id).where(Werkplaats.traject_id == traject_id, Werkplaats.id != werkplaats_id)
    trios = list(s.execute(select(Trio.id, Trio.werkplaats_id).where(Trio.werkplaats_id.in_(earlier))))
    if not trios:
        return
    now = utc_now()
    s.execute(
        insert(TrioRound),
        [{"trio_id": trio_id, "werkplaats_id": werkplaats_id, "joined_at": now} for trio_id, _ in trios],
    )
    if prefilled:
        for trio_id, previous in trios:
            copied = (
                select(
                    Answer.member_id, Answer.question_id, Answer.frame, Answer.value,
                )
                .join(Member, Answer.member_id == Member.id)
                .where(Member.trio_id == trio_id, Answer.round_id == previous)
            )
            rows = [
                {
                    "member_id": member_id, "round_id": werkplaats_id, "question_id": question_id,
                    "frame": frame, "value": value, "carried": True, "updated_at": now,
                }
                for member_id, question_id, frame, value in s.execute(copied)
            ]
            if rows:
                s.execute(insert(Answer), rows)
    ids = [trio_id for trio_id, _ in trios]
    s.execute(
        update(Trio).where(Trio.id.in_(ids)).values(werkplaats_id=werkplaats_id, revision=Trio.revision + 1)
    )


def move_back(s: Session, werkplaats_id: int) -> None:
    """Before a round is removed: trios whose current round it is go back to their latest other round
    (trios that took part in no other round are removed with it)."""
    other = aliased(TrioRound)
    latest_other = (
        select(other.werkplaats_id)
        .join(Werkplaats, Werkplaats.id == other.werkplaats_id)
        .where(other.trio_id == Trio.id, other.werkplaats_id != werkplaats_id)
        .order_by(Werkplaats.position.desc(), Werkplaats.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    has_other = select(other.trio_id).where(and_(other.trio_id == Trio.id, other.werkplaats_id != werkplaats_id))
    s.execute(
        update(Trio)
        .where(Trio.werkplaats_id == werkplaats_id, has_other.exists())
        .values(werkplaats_id=latest_other, revision=Trio.revision + 1)
        .execution_options(synchronize_session=False)
    )


def trio_rounds(engine: Engine, trio_id: int) -> list[RoundRecord]:
    """The rounds the trio took part in, in order (the last is its current round)."""
    query = (
        select(Werkplaats, TrioRound.shared_at)
        .join(TrioRound, TrioRound.werkplaats_id == Werkplaats.id)
        .where(TrioRound.trio_id == trio_id)
        .order_by(func.coalesce(Werkplaats.position, 0), Werkplaats.id)
    )
    with transaction(engine) as s:
        return [
            RoundRecord(
                werkplaats_id=w.id,
                name=w.name,
                held_on=w.held_on,
                position=w.position,
                prefilled=w.prefilled,
                shared_at=as_utc(shared_at) if shared_at is not None else None,
            )
            for w, shared_at in s.execute(query)
        ]


def share_with_bestuur(engine: Engine, *, trio_id: int, shared: bool = True, round_id: int | None = None) -> None:
    """Let the trio's bestuurder see the trio's result of a round (or take that back)."""
    with transaction(engine) as s:
        round_ = round_of_trio(s, trio_id, round_id)
        result = s.execute(
            update(TrioRound)
            .where(TrioRound.trio_id == trio_id, TrioRound.werkplaats_id == round_)
            .values(shared_at=utc_now() if shared else None)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise NotFound(GONE_TRIO)


def start_traject_from(engine: Engine, *, werkplaats_id: int, name: str) -> TrajectRecord:
    """Make a werkplaats held on its own the first round of a new leertraject, so that the next
    werkplaats can follow on from it."""
    clean_name = clean_text(name, field="Naam van het leertraject", limit=MAX_TRAJECT_NAME, required=True)
    with transaction(engine) as s:
        werkplaats = s.get(Werkplaats, werkplaats_id)
        if werkplaats is None:
            raise NotFound("Deze werkplaats bestaat niet (meer).")
        if werkplaats.traject_id is not None:
            existing = s.get(Traject, werkplaats.traject_id)
            if existing is not None:
                return _traject_record(existing)
        row = Traject(name=clean_name)
        s.add(row)
        s.flush()
        werkplaats.traject_id = row.id
        werkplaats.position = 1
        return _traject_record(row)
