"""The facilitator gate: one passcode, compared in constant time, with slowed guessing.

The passcode comes from ``ROLWIJZER_PASSCODE`` (environment or secrets). With
none configured, the first start generates one, keeps it in
``data/begeleiderscode.txt`` (readable only by the server's user) and prints it
once in the server log. It is never put in a URL or on a page.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from pathlib import Path

import streamlit as st

from settings import PASSCODE, configure_logging, setting
from ui.state import ROOT
from ui.throttle import Throttle

log = logging.getLogger("rolwijzer.gate")

PASSCODE_SETTING = PASSCODE.name
PASSCODE_FILE = ROOT / "data" / "begeleiderscode.txt"
SESSION_KEY = "_facilitator"
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

throttle = Throttle("passcode", max_failures=5, base_wait=30.0)


def _generated(path: Path | None = None) -> str:
    path = path or PASSCODE_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    code = "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(code + "\n")
    # The one and only time the passcode is logged: the first start without one configured.
    log.warning(
        "Geen ROLWIJZER_PASSCODE ingesteld. Begeleiderscode gegenereerd: %s (bewaard in %s). "
        "Stel ROLWIJZER_PASSCODE in om een eigen code te gebruiken.",
        code,
        path,
    )
    print(f"Rolwijzer: begeleiderscode gegenereerd: {code} (bewaard in {path})", flush=True)
    return code


@st.cache_resource(show_spinner=False)
def passcode() -> str:
    configured = setting(PASSCODE_SETTING)
    return configured if configured else _generated()


def is_open() -> bool:
    return bool(st.session_state.get(SESSION_KEY))


def try_passcode(attempt: str) -> bool:
    """Check an attempt; counts failures. Call only when :func:`seconds_to_wait` is 0."""
    expected = passcode()
    ok = hmac.compare_digest(attempt.strip().upper().encode("utf-8"), expected.strip().upper().encode("utf-8"))
    if ok:
        throttle.succeeded()
        st.session_state[SESSION_KEY] = True
    else:
        throttle.failed()
    return ok


def seconds_to_wait() -> int:
    return throttle.seconds_left()


def close() -> None:
    st.session_state.pop(SESSION_KEY, None)


def require() -> None:
    """Every facilitator page calls this first: registration in the navigation is not access control."""
    if not is_open():
        st.error("Deze pagina is alleen voor begeleiders. Meld je aan op de pagina Begeleider.")
        st.stop()


def main() -> None:
    """``python -m ui.gate``: make sure a passcode exists before the server starts (``make run``)."""
    configure_logging()
    if setting(PASSCODE_SETTING):
        print("Rolwijzer: begeleiderscode uit ROLWIJZER_PASSCODE.")
    elif PASSCODE_FILE.is_file():
        print(f"Rolwijzer: begeleiderscode staat in {PASSCODE_FILE}.")
    else:
        _generated()  # prints the new passcode, this once


if __name__ == "__main__":
    main()
