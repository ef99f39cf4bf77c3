"""Everything the app stores, as small functions over an engine.

Each function opens one short transaction and returns frozen records, so no
session or ORM object ever leaves this module. Input is checked here as well
as in the UI (lengths, frames, answer values) and rejected with
:class:`storage.InputError`; database failures become
:class:`storage.StorageUnavailable` (see :func:`storage.db.translate_errors`).

Queries that feed an overview (a trio, the live wall) are single joins, so
their cost does not grow with the number of round trips.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Insert, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import scoring
from storage._session import as_utc, dialect_insert, free_code, retry_on_conflict, transaction
from storage.codes import looks_like_token, new_token, parse_code
from storage.errors import InputError, NotFound
from storage.limits import (
    FRAMES,
    MAX_ACTION_WHAT,
    MAX_ACTION_WHEN,
    MAX_ACTION_WHO,
    MAX_WERKPLAATS_NAME,
    check_answer_value,
    check_display_name,
    check_frame,
    check_ident,
    check_trio_texts,
    clean_text,
)
from storage.models import Action, Answer, Member, PerspectiveChoice, Trio, Werkplaats, utc_now
from storage.records import (
    ActionRecord,
    AnswerRow,
    MemberAnswers,
    MemberContext,
    MemberRecord,
    TrioMembers,
    TrioRecord,
    WerkplaatsRecord,
    WerkplaatsSummary,
)

# --- Records ------------------------------------------------------------------


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
    )


def _trio_record(row: Trio) -> TrioRecord:
    return TrioRecord(
        id=row.id,
        werkplaats_id=row.werkplaats_id,
        municipality=row.municipality,
        casus=row.casus,
        code=row.code,
        created_at=as_utc(row.created_at),
    )


def _member_record(row: Member) -> MemberRecord:
    return MemberRecord(
        id=row.id,
        trio_id=row.trio_id,
        role=row.role,
        display_name=row.display_name,
        created_at=as_utc(row.created_at),
        token=row.token,
    )


def _action_record(row: Action) -> ActionRecord:
    return ActionRecord(
        id=row.id,
        trio_id=row.trio_id,
        what=row.what,
        who=row.who,
        when_text=row.when_text,
        created_at=as_utc(row.created_at),
    )


def _empty_answers() -> MemberAnswers:
    return {frame: {} for frame in FRAMES}


# --- Werkplaatsen -------------------------------------------------------------


def create_werkplaats(
    engine: Engine,
    *,
    name: str,
    held_on: date,
    content: scoring.ContentSnapshot,
    standalone: bool = False,
) -> WerkplaatsRecord:
    """A new werkplaats with a fresh join code, keeping a copy of the content it uses."""
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
            )
            s.add(row)
            s.flush()
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
    trio_count = func.count(Trio.id)
    query = (
        select(
            Werkplaats.id,
            Werkplaats.name,
            Werkplaats.held_on,
            Werkplaats.join_code,
            Werkplaats.standalone,
            Werkplaats.content_hash,
            Werkplaats.created_at,
            trio_count,
        )
        .outerjoin(Trio, Trio.werkplaats_id == Werkplaats.id)
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

    Both dates count, so a werkplaats created long in advance is kept until after it was held.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise InputError("Het aantal dagen moet een heel getal van 0 of meer zijn.")
    cutoff = as_utc(now or utc_now()) - timedelta(days=days)
    with transaction(engine) as s:
        return _summaries(s, Werkplaats.created_at < cutoff, Werkplaats.held_on < cutoff.date())


def delete_werkplaats(engine: Engine, werkplaats_id: int) -> bool:
    """Remove a werkplaats with all its trios, members, answers, choices and actions.

    Returns whether there was such a werkplaats.
    """
    with transaction(engine) as s:
        # The foreign keys cascade, so one statement removes everything under it.
        result = s.execute(delete(Werkplaats).where(Werkplaats.id == werkplaats_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def model_for_werkplaats(record: WerkplaatsRecord) -> scoring.Model:
    """The content model the werkplaats was created with (not today's content folder)."""
    return _model_from_content(record.content_hash, record.content_json)


@functools.lru_cache(maxsize=32)
def _model_from_content(content_hash: str, content_json: str) -> scoring.Model:
    # Keyed by hash and text: the hash alone would be enough in practice, the text makes it certain.
    del content_hash
    files: dict[str, str] = json.loads(content_json)
    return scoring.load_model_from_texts(files)


# --- Trios --------------------------------------------------------------------


def create_trio(engine: Engine, *, werkplaats_id: int, municipality: str, casus: str = "") -> TrioRecord:
    """A new trio in a werkplaats, with a code of its own to rejoin or invite colleagues."""
    clean_municipality, clean_casus = check_trio_texts(municipality=municipality, casus=casus)

    def insert_once() -> TrioRecord:
        with transaction(engine) as s:
            if s.get(Werkplaats, werkplaats_id) is None:
                raise NotFound("Deze werkplaats bestaat niet (meer).")
            row = Trio(
                werkplaats_id=werkplaats_id,
                municipality=clean_municipality,
                casus=clean_casus,
                code=free_code(s),
            )
            s.add(row)
            s.flush()
            return _trio_record(row)

    return retry_on_conflict(insert_once)


def get_trio(engine: Engine, trio_id: int) -> TrioRecord | None:
    with transaction(engine) as s:
        row = s.get(Trio, trio_id)
        return _trio_record(row) if row is not None else None


def find_trio_by_code(engine: Engine, code: str) -> TrioRecord | None:
    normalised = parse_code(code)
    if normalised is None:
        return None
    with transaction(engine) as s:
        row = s.scalar(select(Trio).where(Trio.code == normalised))
        return _trio_record(row) if row is not None else None


def list_trios(engine: Engine, werkplaats_id: int) -> list[TrioRecord]:
    """The trios of a werkplaats in the order they were made."""
    with transaction(engine) as s:
        rows = s.scalars(select(Trio).where(Trio.werkplaats_id == werkplaats_id).order_by(Trio.id))
        return [_trio_record(row) for row in rows]


# --- Members ------------------------------------------------------------------


def create_member(engine: Engine, *, trio_id: int, role: str, display_name: str = "") -> MemberRecord:
    """A new member of a trio, with the secret token that is their way back in."""
    check_ident(role, field="Rol")
    clean_name = check_display_name(display_name)

    def insert_once() -> MemberRecord:
        with transaction(engine) as s:
            _check_role_in_content(s, trio_id=trio_id, role=role)
            row = Member(trio_id=trio_id, role=role, display_name=clean_name, token=new_token())
            s.add(row)
            s.flush()
            return _member_record(row)

    return retry_on_conflict(insert_once)


def _check_role_in_content(s: Session, *, trio_id: int, role: str) -> None:
    """Roles come from the werkplaats's own content, which may differ from today's."""
    content = s.execute(
        select(Werkplaats.content_hash, Werkplaats.content_json)
        .join(Trio, Trio.werkplaats_id == Werkplaats.id)
        .where(Trio.id == trio_id)
    ).one_or_none()
    if content is None:
        raise NotFound("Dit trio bestaat niet (meer).")
    model = _model_from_content(content.content_hash, content.content_json)
    if role not in {r.id for r in model.roles}:
        raise InputError(f"Onbekende rol '{role}'.")


def member_context(engine: Engine, token: str) -> MemberContext | None:
    """The member with this token, with their trio and werkplaats, in one query.

    ``None`` for an unknown token and, without touching the database, for anything
    that cannot be a token (wrong length or characters, too long).
    """
    if not looks_like_token(token):
        return None
    with transaction(engine) as s:
        row = s.execute(
            select(Member, Trio, Werkplaats)
            .join(Trio, Member.trio_id == Trio.id)
            .join(Werkplaats, Trio.werkplaats_id == Werkplaats.id)
            .where(Member.token == token)
        ).one_or_none()
        if row is None:
            return None
        member, trio, werkplaats = row
        return MemberContext(
            member=_member_record(member),
            trio=_trio_record(trio),
            werkplaats=werkplaats_record(werkplaats),
        )


def list_members(engine: Engine, trio_id: int) -> list[MemberRecord]:
    """The members of a trio in the order they joined."""
    with transaction(engine) as s:
        rows = s.scalars(select(Member).where(Member.trio_id == trio_id).order_by(Member.id))
        return [_member_record(row) for row in rows]


def werkplaats_members(engine: Engine, werkplaats_id: int) -> list[TrioMembers]:
    """Every trio of a werkplaats with its members (also trios without any yet), in one query."""
    query = (
        select(Trio, Member)
        .outerjoin(Member, Member.trio_id == Trio.id)
        .where(Trio.werkplaats_id == werkplaats_id)
        .order_by(Trio.id, Member.id)
    )
    with transaction(engine) as s:
        trios: dict[int, TrioRecord] = {}
        members: dict[int, list[MemberRecord]] = {}
        for trio, member in s.execute(query):
            if trio.id not in trios:
                trios[trio.id] = _trio_record(trio)
                members[trio.id] = []
            if member is not None:
                members[trio.id].append(_member_record(member))
    return [TrioMembers(trio=trio, members=tuple(members[trio_id])) for trio_id, trio in trios.items()]


# --- Answers ------------------------------------------------------------------


def _upsert_answers(s: Session, rows: list[dict[str, Any]]) -> None:
    """Insert or overwrite answers by (member, statement, frame): saving twice keeps one row."""
    statement: Insert = dialect_insert(s, Answer)
    statement = statement.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=[Answer.member_id, Answer.question_id, Answer.frame],
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at},  # type: ignore[attr-defined]
    )
    try:
        s.execute(statement, rows)
    except IntegrityError as exc:
        # The only foreign key here is the member: it was removed with its werkplaats.
        raise NotFound("Deze deelnemer bestaat niet (meer).") from exc


def save_answer(
    engine: Engine, *, member_id: int, question_id: str, frame: str, value: int | None
) -> None:
    """Store one answer, overwriting an earlier one. ``None`` is "weet ik niet"."""
    row = {
        "member_id": member_id,
        "question_id": check_ident(question_id, field="Stelling"),
        "frame": check_frame(frame),
        "value": check_answer_value(value),
        "updated_at": utc_now(),
    }
    with transaction(engine) as s:
        _upsert_answers(s, [row])


def save_answers(
    engine: Engine, *, member_id: int, frame: str, answers: Mapping[str, int | None]
) -> None:
    """Store several answers of one frame at once (one transaction), overwriting earlier ones."""
    checked_frame = check_frame(frame)
    now = utc_now()
    rows = [
        {
            "member_id": member_id,
            "question_id": check_ident(question_id, field="Stelling"),
            "frame": checked_frame,
            "value": check_answer_value(value),
            "updated_at": now,
        }
        for question_id, value in answers.items()
    ]
    if not rows:
        return
    with transaction(engine) as s:
        _upsert_answers(s, rows)


def clear_answer(engine: Engine, *, member_id: int, question_id: str, frame: str) -> None:
    """Remove an answer altogether (not the same as "weet ik niet")."""
    checked_frame = check_frame(frame)
    with transaction(engine) as s:
        s.execute(
            delete(Answer).where(
                Answer.member_id == member_id,
                Answer.question_id == question_id,
                Answer.frame == checked_frame,
            )
        )


def member_answers(engine: Engine, member_id: int) -> MemberAnswers:
    """frame -> question id -> value for one member; both frames always present."""
    answers = _empty_answers()
    with transaction(engine) as s:
        rows = s.execute(
            select(Answer.frame, Answer.question_id, Answer.value).where(Answer.member_id == member_id)
        )
        for frame, question_id, value in rows:
            answers[check_frame(frame)][question_id] = value
    return answers


def trio_answers(engine: Engine, trio_id: int) -> dict[int, MemberAnswers]:
    """member id -> frame -> question id -> value, for every member of the trio, in one query."""
    query = (
        select(Member.id, Answer.frame, Answer.question_id, Answer.value)
        .outerjoin(Answer, Answer.member_id == Member.id)
        .where(Member.trio_id == trio_id)
        .order_by(Member.id)
    )
    result: dict[int, MemberAnswers] = {}
    with transaction(engine) as s:
        for member_id, frame, question_id, value in s.execute(query):
            answers = result.setdefault(member_id, _empty_answers())
            if frame is not None:  # a member without any answer yet
                answers[check_frame(frame)][question_id] = value
    return result


def werkplaats_answers(engine: Engine, werkplaats_id: int) -> dict[int, dict[int, MemberAnswers]]:
    """trio id -> member id -> frame -> question id -> value, for the whole werkplaats in one query.

    Every trio and member is present, also those without answers yet; trios in the
    order they were made, members in the order they joined.
    """
    query = (
        select(Trio.id, Member.id, Answer.frame, Answer.question_id, Answer.value)
        .outerjoin(Member, Member.trio_id == Trio.id)
        .outerjoin(Answer, Answer.member_id == Member.id)
        .where(Trio.werkplaats_id == werkplaats_id)
        .order_by(Trio.id, Member.id)
    )
    result: dict[int, dict[int, MemberAnswers]] = {}
    with transaction(engine) as s:
        for trio_id, member_id, frame, question_id, value in s.execute(query):
            members = result.setdefault(trio_id, {})
            if member_id is None:
                continue
            answers = members.setdefault(member_id, _empty_answers())
            if frame is not None:
                answers[check_frame(frame)][question_id] = value
    return result


def werkplaats_answer_rows(engine: Engine, werkplaats_id: int) -> list[AnswerRow]:
    """Every stored answer of a werkplaats as flat rows (for exports), in one query."""
    query = (
        select(Trio.id, Answer.member_id, Answer.question_id, Answer.frame, Answer.value, Answer.updated_at)
        .join(Member, Answer.member_id == Member.id)
        .join(Trio, Member.trio_id == Trio.id)
        .where(Trio.werkplaats_id == werkplaats_id)
        .order_by(Trio.id, Answer.member_id, Answer.frame, Answer.question_id)
    )
    with transaction(engine) as s:
        return [
            AnswerRow(
                trio_id=trio_id,
                member_id=member_id,
                question_id=question_id,
                frame=check_frame(frame),
                value=value,
                updated_at=as_utc(updated_at),
            )
            for trio_id, member_id, question_id, frame, value, updated_at in s.execute(query)
        ]


# --- Perspective choices and actions ------------------------------------------


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
