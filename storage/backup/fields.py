"""The field types of the backup format: moments, days, ids and texts bounded by :mod:`storage.limits`.

Pure: no database. Each type checks what it can alone; :mod:`storage.backup.format` builds the models
from them, and :mod:`storage.backup.restore` checks what needs the whole file or its content.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import BeforeValidator, Field, PlainSerializer, StringConstraints

from scoring.loader import CONTENT_FILES, MAX_FILE_BYTES
from storage.limits import (
    ACTION_STATUSES,
    MAX_ACTION_WHAT,
    MAX_ACTION_WHEN,
    MAX_ACTION_WHO,
    MAX_CASUS,
    MAX_DISPLAY_NAME,
    MAX_IDENT,
    MAX_LEERVRAAG,
    MAX_LEERVRAAG_NOTE,
    MAX_MUNICIPALITY,
    MAX_REFLECTION,
    MAX_TRAJECT_NAME,
    MAX_WERKPLAATS_NAME,
    MEMBER_KINDS,
)

_MOMENT_MAX_CHARS: Final = 40


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):  # built by the export from a stored moment
        if value.tzinfo is None:
            raise ValueError("mist de tijdzone")
        return value.astimezone(UTC)
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
    if isinstance(value, date) and not isinstance(value, datetime):  # built by the export
        return value
    if not isinstance(value, str) or len(value) != len("2025-01-31"):
        raise ValueError("moet een datum zijn als JJJJ-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is geen geldige datum (JJJJ-MM-DD)") from None


def _iso(moment: datetime) -> str:
    return moment.isoformat()  # "+00:00" rather than pydantic's "Z", as backups have always had


Moment = Annotated[datetime, BeforeValidator(_moment), PlainSerializer(_iso, when_used="json")]
Day = Annotated[date, BeforeValidator(_day)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=MAX_IDENT)]


def _text(limit: int) -> Any:
    return StringConstraints(strip_whitespace=True, max_length=limit)


def _required_text(limit: int) -> Any:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)


WerkplaatsName = Annotated[str, _required_text(MAX_WERKPLAATS_NAME)]
TrajectName = Annotated[str, _required_text(MAX_TRAJECT_NAME)]
Municipality = Annotated[str, _required_text(MAX_MUNICIPALITY)]
Casus = Annotated[str, _text(MAX_CASUS)]
DisplayName = Annotated[str, _text(MAX_DISPLAY_NAME)]
ActionWhat = Annotated[str, _required_text(MAX_ACTION_WHAT)]
ActionWho = Annotated[str, _text(MAX_ACTION_WHO)]
ActionWhen = Annotated[str, _text(MAX_ACTION_WHEN)]
Reflection = Annotated[str, _text(MAX_REFLECTION)]
LeervraagText = Annotated[str, _required_text(MAX_LEERVRAAG)]
LeervraagNoteText = Annotated[str, _required_text(MAX_LEERVRAAG_NOTE)]
Position = Annotated[int, Field(ge=1)]
ContentName = Literal["model.yaml", "questions.yaml", "perspectives.yaml"]
ContentText = Annotated[str, Field(max_length=MAX_FILE_BYTES)]
ContentHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,64}$")]
Kind = Literal["trio", "bestuurder"]
Status = Literal["gedaan", "bezig", "niet_gelukt", "losgelaten"]
assert set(get_args(ContentName)) == set(CONTENT_FILES)
assert get_args(Kind) == MEMBER_KINDS
assert get_args(Status) == ACTION_STATUSES
