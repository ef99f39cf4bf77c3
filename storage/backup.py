"""Back up a whole werkplaats as JSON, and restore it, on this or another Rolwijzer server.

The file (``"format": "rolwijzer-backup"``, ``"version": 1``) holds the werkplaats
with its own content texts, and every trio with its members, their answers, the
chosen handelingsperspectieven and the actions::

    {"format": "rolwijzer-backup", "version": 1, "exported_at": "...",
     "werkplaats": {"name", "held_on", "standalone", "created_at", "content_hash",
                    "content": {"model.yaml": "...", "questions.yaml": "...", "perspectives.yaml": "..."}},
     "trios": [{"municipality", "casus", "created_at",
                "members": [{"role", "display_name", "created_at",
                             "answers": [{"question", "frame", "value", "updated_at"}]}],
                "chosen_perspectives": [{"perspective", "chosen_at"}],
                "actions": [{"what", "who", "when_text", "created_at"}]}]}

Moments are ISO 8601 in UTC, ``held_on`` is ``YYYY-MM-DD``, ``value`` is ``null`` for
"weet ik niet".

Secrets are not in the file: no member tokens (whoever has one can answer as that
member), no join code and no trio codes. A restore makes new ones, so links and
codes of the original server do not work for the restored copy, and a leaked backup
gives no access to either server. The file does contain the names members gave
themselves: treat it as personal data.

:func:`restore_werkplaats` checks the whole file before it writes anything (format,
types, unknown fields, lengths, the content and its hash, every answer against the
content's own scale, roles and perspectives) and then inserts everything in one
transaction. Anything wrong raises :class:`BackupError` with a Dutch message that
names the place, e.g. ``trios[2].members[0].answers[5].value``.

The restored werkplaats gets the restore moment as its ``created_at``, so that the
retention period starts again on the new server; every other moment is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.orm import Session

import scoring
from scoring.loader import CONTENT_FILES, MAX_FILE_BYTES
from storage._session import as_utc, free_codes, retry_on_conflict, transaction
from storage.codes import CODE_LENGTH, new_token
from storage.db import translate_errors
from storage.errors import NotFound
from storage.limits import (
    MAX_ACTION_WHAT,
    MAX_ACTION_WHEN,
    MAX_ACTION_WHO,
    MAX_CASUS,
    MAX_DISPLAY_NAME,
    MAX_IDENT,
    MAX_MUNICIPALITY,
    MAX_WERKPLAATS_NAME,
)
from storage.models import Action, Answer, Member, PerspectiveChoice, Trio, Werkplaats, utc_now
from storage.records import WerkplaatsRecord
from storage.werkplaatsen import werkplaats_record

FORMAT: Final = "rolwijzer-backup"
VERSION: Final = 1
MAX_BACKUP_BYTES: Final = 20 * 1024 * 1024
"""A werkplaats of 100 trios with every answer given is well under 1 MB."""
MAX_JSON_DEPTH: Final = 10
"""The format itself nests 7 deep (document, trios, trio, members, member, answers, answer)."""

_INVALID = "Back-up ongeldig"
_MOMENT_MAX_CHARS = 40


class BackupError(ValueError):
    """A backup file cannot be restored. The message is Dutch and names what is wrong."""


def _invalid(location: str, message: str) -> BackupError:
    return BackupError(f"{_INVALID}: {location}: {message}" if location else f"{_INVALID}: {message}")


# --- Backup ---------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return as_utc(moment).isoformat()


@contextmanager
def _read_snapshot(engine: Engine) -> Iterator[Connection]:
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


def backup_werkplaats(engine: Engine, werkplaats_id: int) -> dict[str, Any]:
    """The werkplaats with everything under it as a JSON-ready dict, read in five queries.

    Raises :class:`storage.NotFound` when there is no such werkplaats.
    """
    with _read_snapshot(engine) as conn:
        w = conn.execute(
            select(
                Werkplaats.name,
                Werkplaats.held_on,
                Werkplaats.standalone,
                Werkplaats.created_at,
                Werkplaats.content_hash,
                Werkplaats.content_json,
            ).where(Werkplaats.id == werkplaats_id)
        ).one_or_none()
        if w is None:
            raise NotFound("Deze werkplaats bestaat niet (meer).")
        trios: dict[int, dict[str, Any]] = {}
        for trio_row in conn.execute(
            select(Trio.id, Trio.municipality, Trio.casus, Trio.created_at)
            .where(Trio.werkplaats_id == werkplaats_id)
            .order_by(Trio.id)
        ):
            trios[trio_row.id] = {
                "municipality": trio_row.municipality,
                "casus": trio_row.casus,
                "created_at": _iso(trio_row.created_at),
                "members": [],
                "chosen_perspectives": [],
                "actions": [],
            }
        members: dict[int, dict[str, Any]] = {}
        for member_row in conn.execute(
            select(Member.id, Member.trio_id, Member.role, Member.display_name, Member.created_at)
            .join(Trio, Member.trio_id == Trio.id)
            .where(Trio.werkplaats_id == werkplaats_id)
            .order_by(Member.id)
        ):
            member = {
                "role": member_row.role,
                "display_name": member_row.display_name,
                "created_at": _iso(member_row.created_at),
                "answers": [],
            }
            members[member_row.id] = member
            trios[member_row.trio_id]["members"].append(member)
        for answer_row in conn.execute(
            select(Answer.member_id, Answer.question_id, Answer.frame, Answer.value, Answer.updated_at)
            .join(Member, Answer.member_id == Member.id)
            .join(Trio, Member.trio_id == Trio.id)
            .where(Trio.werkplaats_id == werkplaats_id)
            .order_by(Answer.member_id, Answer.frame, Answer.question_id)
        ):
            members[answer_row.member_id]["answers"].append(
                {
                    "question": answer_row.question_id,
                    "frame": answer_row.frame,
                    "value": answer_row.value,
                    "updated_at": _iso(answer_row.updated_at),
                }
            )
        for choice_row in conn.execute(
            select(PerspectiveChoice.trio_id, PerspectiveChoice.perspective_id, PerspectiveChoice.chosen_at)
            .join(Trio, PerspectiveChoice.trio_id == Trio.id)
            .where(Trio.werkplaats_id == werkplaats_id)
            .order_by(
                PerspectiveChoice.trio_id, PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id
            )
        ):
            trios[choice_row.trio_id]["chosen_perspectives"].append(
                {"perspective": choice_row.perspective_id, "chosen_at": _iso(choice_row.chosen_at)}
            )
        for action_row in conn.execute(
            select(Action.trio_id, Action.what, Action.who, Action.when_text, Action.created_at)
            .join(Trio, Action.trio_id == Trio.id)
            .where(Trio.werkplaats_id == werkplaats_id)
            .order_by(Action.id)
        ):
            trios[action_row.trio_id]["actions"].append(
                {
                    "what": action_row.what,
                    "who": action_row.who,
                    "when_text": action_row.when_text,
                    "created_at": _iso(action_row.created_at),
                }
            )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(utc_now()),
        "werkplaats": {
            "name": w.name,
            "held_on": w.held_on.isoformat(),
            "standalone": bool(w.standalone),
            "created_at": _iso(w.created_at),
            "content_hash": w.content_hash,
            "content": json.loads(w.content_json),
        },
        "trios": list(trios.values()),
    }


def backup_json(engine: Engine, werkplaats_id: int) -> bytes:
    """:func:`backup_werkplaats` as UTF-8 JSON (readable: Dutch characters as they are)."""
    return json.dumps(backup_werkplaats(engine, werkplaats_id), indent=1, ensure_ascii=False).encode("utf-8")


# --- The file format, checked ---------------------------------------------------


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("moet een datum en tijd zijn als tekst (ISO 8601)")
    if len(value) > _MOMENT_MAX_CHARS:
        raise ValueError("is geen geldige datum en tijd (te lang)")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is geen geldige datum en tijd (ISO 8601)") from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} mist de tijdzone (bijvoorbeeld +00:00)")
    return moment.astimezone(UTC)


def _day(value: object) -> date:
    if not isinstance(value, str) or len(value) != len("2025-01-31"):
        raise ValueError("moet een datum zijn als JJJJ-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is geen geldige datum (JJJJ-MM-DD)") from None


Moment = Annotated[datetime, BeforeValidator(_moment)]
Day = Annotated[date, BeforeValidator(_day)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=MAX_IDENT)]


def _text(limit: int) -> Any:
    return StringConstraints(strip_whitespace=True, max_length=limit)


def _required_text(limit: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)


WerkplaatsName = Annotated[str, _required_text(MAX_WERKPLAATS_NAME)]
Municipality = Annotated[str, _required_text(MAX_MUNICIPALITY)]
Casus = Annotated[str, _text(MAX_CASUS)]
DisplayName = Annotated[str, _text(MAX_DISPLAY_NAME)]
ActionWhat = Annotated[str, _required_text(MAX_ACTION_WHAT)]
ActionWho = Annotated[str, _text(MAX_ACTION_WHO)]
ActionWhen = Annotated[str, _text(MAX_ACTION_WHEN)]
ContentName = Literal["model.yaml", "questions.yaml", "perspectives.yaml"]
ContentText = Annotated[str, Field(max_length=MAX_FILE_BYTES)]
ContentHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,64}$")]
assert set(get_args(ContentName)) == set(CONTENT_FILES)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AnswerIn(_Strict):
    question: Ident
    frame: Literal["nu", "gewenst"]
    value: int | None
    updated_at: Moment


class MemberIn(_Strict):
    role: Ident
    display_name: DisplayName
    created_at: Moment
    answers: list[AnswerIn]


class ChoiceIn(_Strict):
    perspective: Ident
    chosen_at: Moment


class ActionIn(_Strict):
    what: ActionWhat
    who: ActionWho
    when_text: ActionWhen
    created_at: Moment


class TrioIn(_Strict):
    municipality: Municipality
    casus: Casus
    created_at: Moment
    members: list[MemberIn]
    chosen_perspectives: list[ChoiceIn]
    actions: list[ActionIn]


class WerkplaatsIn(_Strict):
    name: WerkplaatsName
    held_on: Day
    standalone: bool
    created_at: Moment
    content_hash: ContentHash
    content: dict[ContentName, ContentText]


class BackupIn(_Strict):
    format: Literal["rolwijzer-backup"]
    version: Literal[1]
    exported_at: Moment
    werkplaats: WerkplaatsIn
    trios: list[TrioIn]


# --- Reading and checking a file -------------------------------------------------


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise BackupError(f"{_INVALID}: sleutel '{key[:40]}' komt twee keer voor in hetzelfde object.")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise BackupError(f"{_INVALID}: '{name}' is geen geldig getal in JSON.")


def _check_tree(data: Any) -> None:
    """Bound the nesting and refuse NUL characters (PostgreSQL cannot store them), without recursion."""
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        node, where, level = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                raise _invalid(where, "tekst bevat een NUL-teken (\\u0000)")
            continue
        if isinstance(node, dict):
            items: Any = ((f"{where}.{key}" if where else str(key), value) for key, value in node.items())
        elif isinstance(node, list):
            items = ((f"{where}[{index}]", value) for index, value in enumerate(node))
        else:
            continue
        if level > MAX_JSON_DEPTH:
            raise BackupError(
                f"{_INVALID}: de gegevens zijn te diep genest (maximaal {MAX_JSON_DEPTH} niveaus)."
            )
        stack.extend((value, path, level + 1) for path, value in items)


def _parse(data: bytes | str | Mapping[str, Any]) -> Any:
    if isinstance(data, Mapping):
        try:
            data = json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError) as exc:
            raise BackupError(f"{_INVALID}: de gegevens zijn niet als JSON te schrijven.") from exc
    if isinstance(data, str):
        if len(data) > MAX_BACKUP_BYTES:  # characters; the byte check below is the real one
            raise _too_big()
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BackupError(f"{_INVALID}: de tekst bevat ongeldige tekens.") from exc
    if not isinstance(data, bytes | bytearray | memoryview):
        raise BackupError(f"{_INVALID}: verwacht de inhoud van een JSON-bestand.")
    raw = bytes(data)
    if len(raw) > MAX_BACKUP_BYTES:
        raise _too_big(len(raw))
    try:
        text = raw.decode("utf-8-sig")  # an editor may have added a byte order mark
    except UnicodeDecodeError as exc:
        raise BackupError(f"{_INVALID}: het bestand is geen UTF-8-tekst (byte {exc.start}).") from exc
    try:
        parsed = json.loads(text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant)
    except BackupError:
        raise  # from the hooks: a duplicate key or NaN
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{_INVALID}: het bestand is geen geldige JSON (fout op regel {exc.lineno}, kolom {exc.colno})."
        ) from exc
    except RecursionError as exc:
        raise BackupError(f"{_INVALID}: de gegevens zijn te diep genest.") from exc
    except ValueError as exc:  # an integer with thousands of digits
        raise BackupError(f"{_INVALID}: het bestand is geen geldige JSON (een getal is te lang).") from exc
    if not isinstance(parsed, dict):
        raise BackupError(f"{_INVALID}: verwacht een JSON-object ({{...}}) bovenaan het bestand.")
    _check_tree(parsed)
    return parsed


def _too_big(size: int | None = None) -> BackupError:
    limit = f"maximaal {MAX_BACKUP_BYTES // (1024 * 1024)} MB"
    if size is None:
        return BackupError(f"{_INVALID}: het bestand is te groot ({limit}).")
    return BackupError(f"{_INVALID}: het bestand is te groot ({size / (1024 * 1024):.1f} MB; {limit}).")


def _location(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]":
            text += " (naam)"
        else:
            text += f".{part}" if text else str(part)
    return text


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error["type"])
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "verplicht veld ontbreekt"
    if kind == "extra_forbidden":
        return "onbekend veld"
    if kind == "string_type":
        return f"moet tekst zijn, niet {_shown(value)}"
    if kind == "string_too_short":
        return "mag niet leeg zijn"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return f"is te lang ({length} tekens; maximaal {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return f"{_shown(value)} is geen geldige code (kleine letters, cijfers en _)"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"moet een geheel getal zijn of null, niet {_shown(value)}"
    if kind == "bool_type":
        return f"moet true of false zijn, niet {_shown(value)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " of ")
        return f"{_shown(value)} is niet toegestaan; verwacht: {expected}"
    if kind == "list_type":
        return "moet een lijst zijn ([...])"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "moet een object zijn ({...})"
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "")))
    return str(error.get("msg", "ongeldige waarde"))


def _schema_error(exc: ValidationError) -> BackupError:
    errors = exc.errors()
    first = errors[0]
    message = f"{_INVALID}: {_location(first['loc'])}: {_message(first)}"
    if len(errors) > 1:
        message += f" (en nog {len(errors) - 1} andere fout(en))"
    return BackupError(message)


def _check_header(data: Mapping[str, Any]) -> None:
    """Format and version first, so that a wrong file gets a message about that, not about its fields."""
    tag = data.get("format")
    if tag != FORMAT:
        raise BackupError(
            f"{_INVALID}: dit is geen Rolwijzer-back-up (format is {_shown(tag)}, verwacht '{FORMAT}')."
        )
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise BackupError(
            f"{_INVALID}: versie {_shown(version)} wordt niet ondersteund; deze Rolwijzer leest versie {VERSION}."
        )


def _check_content(werkplaats: WerkplaatsIn) -> scoring.Model:
    files: dict[str, str] = {str(name): text for name, text in werkplaats.content.items()}
    missing = [name for name in CONTENT_FILES if name not in files]
    if missing:
        raise _invalid("werkplaats.content", f"bestand {missing[0]} ontbreekt")
    try:
        model = scoring.load_model_from_texts(files)
    except scoring.ContentError as exc:
        raise _invalid("werkplaats.content", f"inhoud ongeldig: {exc.problems[0]}") from exc
    if model.content_hash != werkplaats.content_hash:
        raise _invalid(
            "werkplaats.content_hash",
            f"de inhoud past niet bij de hash ({werkplaats.content_hash}, berekend {model.content_hash}); "
            "is het bestand gewijzigd?",
        )
    return model


def _check_against_content(backup: BackupIn, model: scoring.Model) -> None:
    """Everything the schema cannot know: roles, statements, scale and perspectives of this content."""
    roles = {r.id for r in model.roles}
    questions = {q.id for q in model.questions}
    perspectives = {p.id for p in model.perspectives}
    points = model.scale.points
    for t, trio in enumerate(backup.trios):
        for m, member in enumerate(trio.members):
            where = f"trios[{t}].members[{m}]"
            if member.role not in roles:
                raise _invalid(
                    f"{where}.role",
                    f"onbekende rol '{member.role}'; de inhoud kent: {', '.join(sorted(roles))}",
                )
            seen: set[tuple[str, str]] = set()
            for a, answer in enumerate(member.answers):
                at = f"{where}.answers[{a}]"
                if answer.question not in questions:
                    raise _invalid(f"{at}.question", f"onbekende stelling '{answer.question}'")
                key = (answer.question, answer.frame)
                if key in seen:
                    raise _invalid(at, f"dubbel antwoord op stelling '{answer.question}' ({answer.frame})")
                seen.add(key)
                if answer.value is None:
                    if not model.scale.dont_know:
                        raise _invalid(
                            f"{at}.value", "'weet ik niet' (null) is in deze inhoud niet toegestaan"
                        )
                elif not 1 <= answer.value <= points:
                    raise _invalid(f"{at}.value", f"{answer.value} ligt buiten de schaal 1..{points}")
        chosen: set[str] = set()
        for c, choice in enumerate(trio.chosen_perspectives):
            at = f"trios[{t}].chosen_perspectives[{c}].perspective"
            if choice.perspective not in perspectives:
                raise _invalid(at, f"onbekend handelingsperspectief '{choice.perspective}'")
            if choice.perspective in chosen:
                raise _invalid(at, f"handelingsperspectief '{choice.perspective}' staat er twee keer in")
            chosen.add(choice.perspective)


def read_backup(data: bytes | str | Mapping[str, Any]) -> tuple[BackupIn, scoring.Model]:
    """Parse and check a backup completely without touching any database.

    Returns the checked document and its content model; raises :class:`BackupError`.
    """
    parsed = _parse(data)
    _check_header(parsed)
    try:
        backup = BackupIn.model_validate(parsed)
    except ValidationError as exc:
        raise _schema_error(exc) from exc
    model = _check_content(backup.werkplaats)
    _check_against_content(backup, model)
    return backup, model


# --- Restore ----------------------------------------------------------------------


def _insert(s: Session, backup: BackupIn) -> WerkplaatsRecord:
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
        )
        for trio, code in zip(backup.trios, codes[1:], strict=True)
    ]
    s.add_all(trios)
    s.flush()
    members: list[tuple[Member, MemberIn]] = []
    for trio_row, trio in zip(trios, backup.trios, strict=True):
        for member in trio.members:
            row = Member(
                trio_id=trio_row.id,
                role=member.role,
                display_name=member.display_name,
                token=new_token(),
                created_at=member.created_at,
            )
            members.append((row, member))
    s.add_all([row for row, _ in members])
    s.flush()
    answers = [
        {
            "member_id": row.id,
            "question_id": answer.question,
            "frame": answer.frame,
            "value": answer.value,
            "updated_at": answer.updated_at,
        }
        for row, member in members
        for answer in member.answers
    ]
    choices = [
        {"trio_id": trio_row.id, "perspective_id": choice.perspective, "chosen_at": choice.chosen_at}
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for choice in trio.chosen_perspectives
    ]
    actions = [
        {
            "trio_id": trio_row.id,
            "what": action.what,
            "who": action.who,
            "when_text": action.when_text,
            "created_at": action.created_at,
        }
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for action in trio.actions
    ]
    for table, rows in ((Answer, answers), (PerspectiveChoice, choices), (Action, actions)):
        if rows:
            s.execute(insert(table), rows)
    return werkplaats_record(werkplaats)


def restore_werkplaats(engine: Engine, data: bytes | str | Mapping[str, Any]) -> WerkplaatsRecord:
    """Check a backup completely, then create it as a new werkplaats in one transaction.

    Everything gets new ids, a new join code, new trio codes and new member tokens.
    Raises :class:`BackupError` for an invalid file, before anything is written.
    """
    backup, _model = read_backup(data)

    def insert_once() -> WerkplaatsRecord:
        # A code or token taken concurrently between the check and the insert gets new ones.
        with transaction(engine) as s:
            return _insert(s, backup)

    return retry_on_conflict(insert_once)
