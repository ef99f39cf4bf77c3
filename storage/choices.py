"""What a trio takes home: the handelingsperspectieven it chose and the actions it wrote down."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError

from storage._session import as_utc, dialect_insert, transaction
from storage.errors import NotFound
from storage.limits import MAX_ACTION_WHAT, MAX_ACTION_WHEN, MAX_ACTION_WHO, check_ident, clean_text
from storage.models import Action, PerspectiveChoice, Trio, utc_now
from storage.records import ActionRecord


def set_perspective_choice(engine: Engine, *, trio_id: int, perspective_id: str, chosen: bool) -> None:
    """Mark a handelingsperspectief as "nemen we mee", or unmark it. Repeating is harmless."""
    check_ident(perspective_id, field="Handelingsperspectief")
    with transaction(engine) as s:
        if not chosen:
            s.execute(
                delete(PerspectiveChoice).where(
                    PerspectiveChoice.trio_id == trio_id, PerspectiveChoice.perspective_id == perspective_id
                )
            )
            return
        statement = dialect_insert(s, PerspectiveChoice).values(
            trio_id=trio_id, perspective_id=perspective_id, chosen_at=utc_now()
        )
        try:
            s.execute(statement.on_conflict_do_nothing())
        except IntegrityError as exc:
            raise NotFound("Dit trio bestaat niet (meer).") from exc


def chosen_perspectives(engine: Engine, trio_id: int) -> list[str]:
    """The perspective ids the trio takes with them, in the order they chose them."""
    with transaction(engine) as s:
        rows = s.scalars(
            select(PerspectiveChoice.perspective_id)
            .where(PerspectiveChoice.trio_id == trio_id)
            .order_by(PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id)
        )
        return list(rows)


def _action_record(row: Action) -> ActionRecord:
    return ActionRecord(
        id=row.id,
        trio_id=row.trio_id,
        what=row.what,
        who=row.who,
        when_text=row.when_text,
        created_at=as_utc(row.created_at),
    )


def add_action(
    engine: Engine, *, trio_id: int, what: str, who: str = "", when_text: str = ""
) -> ActionRecord:
    """An action the trio writes down: what (required), who and when (free text)."""
    row = Action(
        trio_id=trio_id,
        what=clean_text(what, field="Wat", limit=MAX_ACTION_WHAT, required=True),
        who=clean_text(who, field="Wie", limit=MAX_ACTION_WHO),
        when_text=clean_text(when_text, field="Wanneer", limit=MAX_ACTION_WHEN),
    )
    with transaction(engine) as s:
        if s.get(Trio, trio_id) is None:
            raise NotFound("Dit trio bestaat niet (meer).")
        s.add(row)
        s.flush()
        return _action_record(row)


def delete_action(engine: Engine, *, trio_id: int, action_id: int) -> bool:
    """Remove an action, but only one of this trio. Returns whether one was removed."""
    with transaction(engine) as s:
        result = s.execute(delete(Action).where(Action.id == action_id, Action.trio_id == trio_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def list_actions(engine: Engine, trio_id: int) -> list[ActionRecord]:
    with transaction(engine) as s:
        rows = s.scalars(select(Action).where(Action.trio_id == trio_id).order_by(Action.id))
        return [_action_record(row) for row in rows]

