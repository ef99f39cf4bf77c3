"""Short codes people type or read aloud, and the long tokens that identify a member.

Codes (werkplaats join codes, trio codes) are six characters from an alphabet
without look-alikes: no 0/O, 1/I/L, and also no 2/Z, 5/S, 8/B, which are easy to
mix up on a projector or in handwriting. 25**6 is about 244 million codes.

Member tokens are ``secrets.token_urlsafe(24)``: 192 random bits, 32 characters.
"""

from __future__ import annotations

import re
import secrets
from typing import Final

CODE_ALPHABET: Final = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH: Final = 6
TOKEN_BYTES: Final = 24
TOKEN_LENGTH: Final = 32
"""Characters of ``token_urlsafe(TOKEN_BYTES)``: 4 per 3 bytes, no padding."""

# Separators people type or paste between the halves of a code: spaces and dashes of any kind.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―]+")
_MAX_CODE_INPUT = 40
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """Remove spaces and dashes and uppercase; nothing else is mapped (an O stays an O)."""
    return _SEPARATORS.sub("", text).upper()


def is_valid_code(code: str) -> bool:
    """Whether a normalised code could exist; anything else need not be looked up."""
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


def parse_code(text: str) -> str | None:
    """The normalised code in ``text``, or ``None`` when it cannot be a code."""
    if not isinstance(text, str) or len(text) > _MAX_CODE_INPUT:
        return None
    code = normalise_code(text)
    return code if is_valid_code(code) else None


def format_code(code: str) -> str:
    """``"ACD349"`` becomes ``"ACD-349"``: two halves are easier to read aloud."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if len(code) == CODE_LENGTH else code


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(text: object) -> bool:
    """Whether ``text`` has the shape of a member token; checked before any query."""
    return isinstance(text, str) and len(text) == TOKEN_LENGTH and _TOKEN.fullmatch(text) is not None
