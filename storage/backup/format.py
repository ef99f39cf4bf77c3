"""The backup file format: constants, the one pydantic model set, and the guards around JSON.

Pure: no database. The same models are built by :mod:`storage.backup.export` and
checked by :mod:`storage.backup.restore`, so what one writes the other reads. The
guards do what pydantic does not: refuse duplicate keys, NaN and Infinity, deep
nesting, NUL characters and oversized files, with Dutch messages that name the place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from storage.backup.fields import (
    ActionWhat,
    ActionWhen,
    ActionWho,
    Casus,
    ContentHash,
    ContentName,
    ContentText,
    Day,
    DisplayName,
    Ident,
    Kind,
    LeervraagNoteText,
    LeervraagText,
    Moment,
    Municipality,
    Position,
    Reflection,
    Status,
    TrajectName,
    WerkplaatsName,
)

FORMAT: Final = "rolwijzer-backup"
VERSION: Final = 3
"""The format version this Rolwijzer writes, in the file's ``"version"`` field. A file without
that field is version 1. The format version is not the database schema's revision: it
changes only when the file's own fields change, and a newer Rolwijzer keeps reading every
older version. Version 2 added each member's ``level`` and ``influence`` choices; version 3 the
rounds of a leertraject (a member's ``kind``, an answer's ``carried``, an action's follow-up, a
trio's ``leervragen`` and ``shared_at``, the werkplaats's ``traject_name`` and ``position``). Every
field added has a default in the models, so an older file needs no conversion."""
READABLE_VERSIONS: Final = (1, 2, 3)
"""Versions this Rolwijzer restores."""
UNVERSIONED: Final = 1
"""The version of a backup without a ``"version"`` field."""
MAX_BACKUP_BYTES: Final = 20 * 1024 * 1024
"""A werkplaats of 100 trios with every answer given is well under 1 MB."""
MAX_JSON_DEPTH: Final = 10
"""The format itself nests 7 deep (document, trios, trio, members, member, answers, answer; and
trio, leervragen, leervraag, notes, note); a leertraject backup 9 (document, rounds, round, then as a round)."""

_INVALID = "Back-up ongeldig"


class BackupError(ValueError):
    """A backup file cannot be restored. The message is Dutch and names what is wrong."""


def invalid(location: str, message: str) -> BackupError:
    """A :class:`BackupError` naming the place in the file, e.g. ``trios[2].casus``."""
    return BackupError(f"{_INVALID}: {location}: {message}" if location else f"{_INVALID}: {message}")


# --- The models ---------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class BackupAnswer(_Strict):
    question: Ident
    frame: Literal["nu", "gewenst"]
    value: int | None
    updated_at: Moment
    # Since version 3: copied from the round before ("start from last time"), not yet confirmed.
    carried: bool = False


class BackupInfluence(_Strict):
    question: Ident
    option: Ident
    updated_at: Moment


class BackupMember(_Strict):
    role: Ident
    display_name: DisplayName
    created_at: Moment
    answers: list[BackupAnswer]
    # Since version 2; absent (a version 1 file) means no level and no influence choices.
    level: Ident | None = None
    influence: list[BackupInfluence] = Field(default_factory=list)
    # Since version 3: "bestuurder" answers beside the trio and is never counted in its mean.
    kind: Kind = "trio"


class BackupChoice(_Strict):
    perspective: Ident
    chosen_at: Moment


class BackupAction(_Strict):
    what: ActionWhat
    who: ActionWho
    when_text: ActionWhen
    created_at: Moment
    # Since version 3: how the action stood when the trio followed it up at a later round.
    status: Status | None = None
    reflection: Reflection = ""
    followed_up_at: Moment | None = None


class BackupLeervraagNote(_Strict):
    """What the trio knows now about a leervraag, written in the backed-up round."""

    text: LeervraagNoteText
    updated_at: Moment


class BackupLeervraag(_Strict):
    text: LeervraagText
    notes: list[BackupLeervraagNote] = Field(default_factory=list)


class BackupTrio(_Strict):
    municipality: Municipality
    casus: Casus
    created_at: Moment
    members: list[BackupMember]
    chosen_perspectives: list[BackupChoice]
    actions: list[BackupAction]
    # Since version 3: the trio's leervragen in order, and when it shared this round with its bestuurder.
    leervragen: list[BackupLeervraag] = Field(default_factory=list)
    shared_at: Moment | None = None


class BackupWerkplaats(_Strict):
    name: WerkplaatsName
    held_on: Day
    standalone: bool
    created_at: Moment
    content_hash: ContentHash
    content: dict[ContentName, ContentText]
    # Since version 3, informative only: the leertraject the werkplaats was a round of, and which one.
    traject_name: TrajectName | None = None
    position: Position | None = None


class Backup(_Strict):
    format: Literal["rolwijzer-backup"]
    version: Literal[1, 2, 3]
    exported_at: Moment
    werkplaats: BackupWerkplaats
    trios: list[BackupTrio]


# --- The guards around JSON, and Dutch messages ------------------------------------


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
                raise invalid(where, "tekst bevat een NUL-teken (\\u0000)")
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
    if kind == "greater_than_equal":
        return f"moet {ctx.get('ge')} of meer zijn, niet {_shown(value)}"
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
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        *older, newest = (str(v) for v in READABLE_VERSIONS)
        readable = f"{', '.join(older)} en {newest}" if older else newest
        raise BackupError(
            f"{_INVALID}: versie {_shown(version)} wordt niet ondersteund; deze Rolwijzer leest versie {readable}."
        )


def parse_backup(data: bytes | str | Mapping[str, Any]) -> Backup:
    """The file as a :class:`Backup`, its JSON and shape checked (its content not yet).

    Raises :class:`BackupError`.
    """
    parsed = _parse(data)
    parsed.setdefault("version", UNVERSIONED)
    _check_header(parsed)
    try:
        return Backup.model_validate(parsed)
    except ValidationError as exc:
        raise _schema_error(exc) from exc
