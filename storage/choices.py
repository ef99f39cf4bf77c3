"""What a trio takes home: the handelingsperspectieven it chose and the actions it wrote down,
per round, and how each action stood when the trio followed it up at a later round.

Without ``round_id``, a function works on the trio's current round.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError

from storage._rounds import GONE_TRIO, round_of_trio, round_to_write
from storage._session import as_utc, dialect_insert, transaction
from storage.errors import InputError, NotFound
from storage.limits import (
    ACTION_STATUSES,
    MAX_ACTION_WHAT,
    MAX_ACTION_WHEN,
    MAX_ACTION_WHO,
    MAX_REFLECTION,
    check_ident,
    clean_text,
)
from storage.models import Action, PerspectiveChoice, Trio, utc_now
from storage.records import ActionRecord


def set_perspective_choice(
    engine: Engine, *, trio_id: int, perspective_id: str, chosen: bool, round_id: int | None = None
) -> None:
    """Mark a handelingsperspectief as "nemen we mee" in a round, or unmark it. Repeating is harmless."""
    check_ident(perspective_id, field="Handelingsperspectief")
    with transaction(engine) as s:
        round_ = round_to_write(s, round_id, trio_id=trio_id)
        if not chosen:
            s.execute(
                delete(PerspectiveChoice).where(
                    PerspectiveChoice.trio_id == trio_id,
                    PerspectiveChoice.round_id == round_,
                    PerspectiveChoice.perspective_id == perspective_id,
                )
            )
            return
        statement = dialect_insert(s, PerspectiveChoice).values(
            trio_id=trio_id, round_id=round_, perspective_id=perspective_id, chosen_at=utc_now()
        )
        try:
            s.execute(statement.on_conflict_do_nothing())
        except IntegrityError as exc:
            raise NotFound(GONE_TRIO) from exc


def chosen_perspectives(engine: Engine, trio_id: int, round_id: int | None = None) -> list[str]:
    """The perspective ids the trio takes with them from a round, in the order they chose them."""
    with transaction(engine) as s:
        round_ = round_of_trio(s, trio_id, round_id)
        rows = s.scalars(
            select(PerspectiveChoice.perspective_id)
            .where(PerspectiveChoice.trio_id == trio_id, PerspectiveChoice.round_id == round_)
            .order_by(PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id)
        )
        return list(rows)


def action_record(row: Action) -> ActionRecord:
    return ActionRecord(
        id=row.id,
        trio_id=row.trio_id,
        what=row.what,
        who=row.who,
        when_text=row.when_text,
        created_at=as_utc(row.created_at),
        round_id=row.round_id,
        status=row.status,
        reflection=row.reflection,
        followed_up_at=as_utc(row.followed_up_at) if row.followed_up_at is not None else None,
    )


def add_action(
    engine: Engine, *, trio_id: int, what: str, who: str = "", when_text: str = "", round_id: int | None = None
) -> ActionRecord:
    """An action the trio writes down in a round: what (required), who and when (free text)."""
    what_text = clean_text(what, field="Wat", limit=MAX_ACTION_WHAT, required=True)
    who_text = clean_text(who, field="Wie", limit=MAX_ACTION_WHO)
    when = clean_text(when_text, field="Wanneer", limit=MAX_ACTION_WHEN)
    with transaction(engine) as s:
        if s.get(Trio, trio_id) is None:
            raise NotFound(GONE_TRIO)
        round_ = round_to_write(s, round_id, trio_id=trio_id)
        row = Action(trio_id=trio_id, round_id=round_, what=what_text, who=who_text, when_text=when)
        s.add(row)
        try:
            s.flush()
        except IntegrityError as exc:  # the round was removed meanwhile
            raise NotFound("Deze werkplaats bestaat niet (meer).") from exc
        return action_record(row)


def delete_action(engine: Engine, *, trio_id: int, action_id: int) -> bool:
    """Remove an action, but only one of this trio. Returns whether one was removed."""
    with transaction(engine) as s:
        result = s.execute(delete(Action).where(Action.id == action_id, Action.trio_id == trio_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def list_actions(engine: Engine, trio_id: int, round_id: int | None = None) -> list[ActionRecord]:
    """The actions the trio wrote down in a round, in the order they wrote them."""
    with transaction(engine) as s:
        round_ = round_of_trio(s, trio_id, round_id)
        rows = s.scalars(
            select(Action).where(Action.trio_id == trio_id, Action.round_id == round_).order_by(Action.id)
        )
        return [action_record(row) for row in rows]


def follow_up_action(
    engine: Engine, *, trio_id: int, action_id: int, status: str | None, reflection: str = ""
) -> ActionRecord:
    """How an action of an earlier round stands: gedaan, bezig, niet_gelukt or losgelaten, with a
    one-line reflection. ``status=None`` takes the follow-up back. Only an action of this trio."""
    if status is not None and status not in ACTION_STATUSES:
        raise InputError(f"Onbekende stand '{status}'.")
    text = clean_text(reflection, field="Reflectie", limit=MAX_REFLECTION)
    with transaction(engine) as s:
        row = s.scalar(select(Action).where(Action.id == action_id, Action.trio_id == trio_id))
        if row is None:
            raise NotFound("Deze actie bestaat niet (meer).")
        row.status = status
        row.reflection = text if status is not None else ""
        row.followed_up_at = utc_now() if status is not None else None
        s.flush()
        return action_record(row)
