"""Input limits and the checks that enforce them.

The limits are exported so that the UI can show them next to its fields
(``max_chars``) and the database columns are sized from the same numbers.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from storage.errors import InputError

MAX_WERKPLAATS_NAME: Final = 120
MAX_MUNICIPALITY: Final = 80
MAX_CASUS: Final = 300
MAX_DISPLAY_NAME: Final = 60
MAX_ACTION_WHAT: Final = 300
MAX_ACTION_WHO: Final = 100
MAX_ACTION_WHEN: Final = 100
MAX_TRAJECT_NAME: Final = 120
MAX_LEERVRAAG: Final = 200
MAX_LEERVRAAG_NOTE: Final = 300
MAX_REFLECTION: Final = 200
MAX_LEERVRAGEN: Final = 3
"""A trio records one to three leervragen."""
MAX_IDENT: Final = 64
"""Question, perspective and role ids: the same limit as the content schema."""
MAX_ANSWER_VALUE: Final = 11
"""The largest scale the content schema allows; storage does not know the actual scale."""

MemberKind = Literal["trio", "bestuurder"]
MEMBER_KINDS: Final[tuple[MemberKind, ...]] = ("trio", "bestuurder")
"""A trio member, or the trio's bestuurder (answers beside the trio, never in its mean)."""
ActionStatus = Literal["gedaan", "bezig", "niet_gelukt", "losgelaten"]
ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = ("gedaan", "bezig", "niet_gelukt", "losgelaten")
"""How an action stands when the trio follows it up at the next round."""

Frame = Literal["nu", "gewenst"]
FRAMES: Final[tuple[Frame, ...]] = ("nu", "gewenst")

_IDENT = re.compile(r"[a-z0-9_]+")


def clean_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    """Strip ``value`` and check its length; ``field`` is the Dutch name shown in the message."""
    if not isinstance(value, str):
        raise InputError(f"{field} moet tekst zijn.")
    if "\x00" in value:
        # PostgreSQL cannot store NUL characters; refuse them the same way on every database.
        raise InputError(f"{field} bevat een ongeldig teken.")
    text = value.strip()
    if required and not text:
        raise InputError(f"{field} is verplicht.")
    if len(text) > limit:
        raise InputError(f"{field} mag maximaal {limit} tekens lang zijn (nu {len(text)}).")
    return text


def check_ident(value: str, *, field: str) -> str:
    """An id as used in the content (lowercase letters, digits, underscores)."""
    if not isinstance(value, str) or len(value) > MAX_IDENT or not _IDENT.fullmatch(value):
        raise InputError(f"{field} is geen geldige code (kleine letters, cijfers en _, maximaal {MAX_IDENT}).")
    return value


def check_frame(value: str) -> Frame:
    if value == "nu":
        return "nu"
    if value == "gewenst":
        return "gewenst"
    raise InputError(f"Onbekend kader {value!r}: kies 'nu' of 'gewenst'.")


def check_answer_value(value: int | None) -> int | None:
    """``None`` is "weet ik niet"; otherwise a whole number from 1 up."""
    if value is None:
        return None
    # bool is an int subclass; True must not be stored as answer 1.
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ANSWER_VALUE:
        raise InputError(f"Ongeldig antwoord {value!r}: kies een waarde van 1 tot en met de schaal, of 'weet ik niet'.")
    return value


def check_trio_texts(*, municipality: str, casus: str = "") -> tuple[str, str]:
    """The cleaned municipality and casus of a trio, or :class:`InputError`."""
    return (
        clean_text(municipality, field="Gemeente", limit=MAX_MUNICIPALITY, required=True),
        clean_text(casus, field="Casus", limit=MAX_CASUS),
    )


def check_display_name(display_name: str) -> str:
    return clean_text(display_name, field="Naam", limit=MAX_DISPLAY_NAME)
