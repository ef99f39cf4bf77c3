"""Leervragen: the one to three questions a trio wants to learn about during the traject, and what
the trio knows about each at a later round ("Wat weten jullie nu over deze vraag?")."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, Insert, delete, select
from sqlalchemy.exc import IntegrityError

from storage._rounds import lock_trio, round_to_write
from storage._session import as_utc, dialect_insert, transaction
from storage.errors import InputError, NotFound
from storage.limits import MAX_LEERVRAAG, MAX_LEERVRAAG_NOTE, MAX_LEERVRAGEN, clean_text
from storage.models import Leervraag, LeervraagNote, utc_now
from storage.records import LeervraagNoteRecord, LeervraagRecord


def set_leervragen(engine: Engine, *, trio_id: int, texts: Sequence[str]) -> list[LeervraagRecord]:
    """Store the trio's leervragen in this order (empty ones dropped; at most three).

    A leervraag keeps its place and its notes when its text is reworded; leervragen beyond the new
    number are removed with their notes.
    """
    cleaned = [clean_text(text, field="Leervraag", limit=MAX_LEERVRAAG) for text in texts]
    wanted = [text for text in cleaned if text]
    if len(wanted) > MAX_LEERVRAGEN:
        raise InputError(f"Kies ten hoogste {MAX_LEERVRAGEN} leervragen.")
    with transaction(engine) as s:
        lock_trio(s, trio_id)
        existing = {row.position: row for row in s.scalars(select(Leervraag).where(Leervraag.trio_id == trio_id))}
        for position, text in enumerate(wanted, start=1):
            row = existing.get(position)
            if row is None:
                s.add(Leervraag(trio_id=trio_id, position=position, text=text))
            else:
                row.text = text
        s.execute(delete(Leervraag).where(Leervraag.trio_id == trio_id, Leervraag.position > len(wanted)))
    return list_leervragen(engine, trio_id)


def list_leervragen(engine: Engine, trio_id: int) -> list[LeervraagRecord]:
    """The trio's leervragen in order, each with its notes of later rounds (in round order)."""
    with transaction(engine) as s:
        leervragen = list(s.scalars(select(Leervraag).where(Leervraag.trio_id == trio_id).order_by(Leervraag.position)))
        notes: dict[int, list[LeervraagNoteRecord]] = {row.id: [] for row in leervragen}
        if notes:
            for note in s.scalars(
                select(LeervraagNote)
                .where(LeervraagNote.leervraag_id.in_(list(notes)))
                .order_by(LeervraagNote.round_id)
            ):
                notes[note.leervraag_id].append(
                    LeervraagNoteRecord(round_id=note.round_id, text=note.text, updated_at=as_utc(note.updated_at))
                )
        return [
            LeervraagRecord(
                id=row.id, trio_id=row.trio_id, position=row.position, text=row.text, notes=tuple(notes[row.id])
            )
            for row in leervragen
        ]


def save_leervraag_note(
    engine: Engine, *, trio_id: int, leervraag_id: int, text: str, round_id: int | None = None
) -> None:
    """What the trio knows now about one of its leervragen, in a round (empty text removes it)."""
    clean = clean_text(text, field="Wat jullie nu weten", limit=MAX_LEERVRAAG_NOTE)
    with transaction(engine) as s:
        owner = s.scalar(select(Leervraag.trio_id).where(Leervraag.id == leervraag_id))
        if owner != trio_id:
            raise NotFound("Deze leervraag bestaat niet (meer).")
        round_ = round_to_write(s, round_id, trio_id=trio_id)
        if not clean:
            s.execute(
                delete(LeervraagNote).where(LeervraagNote.leervraag_id == leervraag_id, LeervraagNote.round_id == round_)
            )
            return
        insert: Insert = dialect_insert(s, LeervraagNote).values(
            leervraag_id=leervraag_id, round_id=round_, text=clean, updated_at=utc_now()
        )
        statement = insert.on_conflict_do_update(  # type: ignore[attr-defined]
            index_elements=[LeervraagNote.leervraag_id, LeervraagNote.round_id],
            set_={"text": insert.excluded.text, "updated_at": insert.excluded.updated_at},  # type: ignore[attr-defined]
        )
        try:
            s.execute(statement)
        except IntegrityError as exc:
            raise NotFound("Deze werkplaats bestaat niet (meer).") from exc
