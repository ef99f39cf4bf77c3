"""The facilitator's session token and passcode comparison: pure functions, no Streamlit.

A token is ``version.expiry.nonce.signature``:

- ``version``: ``1``;
- ``expiry``: Unix time in whole seconds; from then on the token is refused;
- ``nonce``: 16 random bytes, so two logins never give the same token;
- ``signature``: HMAC-SHA256 over ``version.expiry.nonce``.

Nonce and signature are URL-safe base64 without padding, so a token is plain ASCII that fits in a
cookie as it is. The signing key is derived from the passcode (PBKDF2-HMAC-SHA256): changing the
passcode ends every session, every replica with the same passcode accepts the same tokens, and
guessing the passcode from a stolen token is slow. Signatures are compared in constant time.

Passcodes are compared after :func:`normalise_passcode`, so ``abcd efgh jkmn`` matches
``ABCD-EFGH-JKMN``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import math
import re
import secrets

VERSION = "1"
KDF_SALT = b"rolwijzer/begeleider-sessie/v1"
KDF_ITERATIONS = 200_000
NONCE_BYTES = 16
DEFAULT_HOURS = 12.0
MAX_HOURS = 31 * 24.0
"""An upper bound for the configured lifetime: a month is already more than a series of workshops."""

_TOKEN = re.compile(r"1\.[0-9]{1,12}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}")
_IGNORED_IN_PASSCODE = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")  # spaces, dashes of every width, underscores


def normalise_passcode(text: str) -> str:
    """The passcode as compared: without spaces or dashes, in capitals."""
    return _IGNORED_IN_PASSCODE.sub("", text).upper()


def passcode_matches(attempt: str, expected: str) -> bool:
    """Constant-time comparison of the normalised texts; an empty passcode never matches."""
    wanted = normalise_passcode(expected).encode("utf-8")
    given = normalise_passcode(attempt).encode("utf-8")
    return bool(wanted) and hmac.compare_digest(given, wanted)


@functools.lru_cache(maxsize=4)
def _key(normalised_passcode: str) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", normalised_passcode.encode("utf-8"), KDF_SALT, KDF_ITERATIONS)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _signature(passcode: str, body: str) -> str:
    return _b64(hmac.new(_key(normalise_passcode(passcode)), body.encode("ascii"), hashlib.sha256).digest())


def issue(passcode: str, *, now: float, hours: float, nonce: bytes | None = None) -> str:
    """A token that :func:`verify` accepts for ``hours`` from ``now`` (Unix seconds) with this passcode."""
    if not normalise_passcode(passcode):
        raise ValueError("an empty passcode cannot sign a session")
    nonce = secrets.token_bytes(NONCE_BYTES) if nonce is None else nonce
    if len(nonce) != NONCE_BYTES:
        raise ValueError(f"the nonce must be {NONCE_BYTES} bytes")
    body = f"{VERSION}.{math.floor(now + hours * 3600)}.{_b64(nonce)}"
    return f"{body}.{_signature(passcode, body)}"


def is_well_formed(token: object) -> bool:
    """The shape of a token (no signature check): only these characters ever reach a cookie."""
    return isinstance(token, str) and _TOKEN.fullmatch(token) is not None


def expiry(token: str) -> int | None:
    """The Unix time at which a well-formed token ends, or None (not checked against a passcode)."""
    return int(token.split(".")[1]) if is_well_formed(token) else None


def verify(token: object, passcode: str, *, now: float) -> bool:
    """True for a token signed with this passcode (normalised) that has not yet expired at ``now``."""
    if not isinstance(token, str) or not is_well_formed(token) or not normalise_passcode(passcode):
        return False
    body, _, signature = token.rpartition(".")
    if not hmac.compare_digest(signature.encode("ascii"), _signature(passcode, body).encode("ascii")):
        return False
    ends = expiry(token)
    return ends is not None and now < ends


def parse_hours(raw: str | None) -> float:
    """The configured lifetime in hours (a decimal comma is fine); :data:`DEFAULT_HOURS` when unset.

    Raises ValueError for text that is not a number, or one outside ``(0, MAX_HOURS]``.
    """
    if raw is None or not raw.strip():
        return DEFAULT_HOURS
    hours = float(raw.strip().replace(",", "."))
    if not 0 < hours <= MAX_HOURS:  # also refuses nan and inf
        raise ValueError(f"{raw!r} is not a number of hours between 0 and {MAX_HOURS:g}")
    return hours
