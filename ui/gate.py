"""The facilitator gate: one passcode, compared in constant time, with slowed guessing.

The passcode comes from ``ROLWIJZER_PASSCODE`` (environment or secrets). With
none configured, the first start generates one, keeps it in
``data/begeleiderscode.txt`` (readable only by the server's user) and prints it
once in the server log. It is never put in a URL or on a page.

A login gives the session a signed, expiring token (``ui.token_signing``), which
the browser keeps as a cookie, so a reload of the wall stays logged in for
``ROLWIJZER_FACILITATOR_HOURS`` (12 by default). Streamlit cannot set a cookie in
its HTTP responses, so a few lines of fixed JavaScript do it (:func:`sync_cookie`);
the server reads it back with ``st.context.cookies`` when the browser connects.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from settings import FACILITATOR_HOURS, PASSCODE, configure_logging, setting
from ui.state import ROOT
from ui.throttle import Throttle
from ui.token_signing import (
    DEFAULT_HOURS,
    expiry,
    is_well_formed,
    issue,
    parse_hours,
    passcode_matches,
    verify,
)

if TYPE_CHECKING:
    from ui.pages import PageDef

log = logging.getLogger("rolwijzer.gate")

PASSCODE_SETTING = PASSCODE.name
PASSCODE_FILE = ROOT / "data" / "begeleiderscode.txt"
HOURS_SETTING = FACILITATOR_HOURS.name
SESSION_KEY = "_facilitator"
"""The session's token; ``""`` after Afmelden, so that the cookie the browser connected with no longer counts."""
COOKIE_NAME = "rolwijzer_begeleider"
COOKIE_KEY = "rw_session_cookie"
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


def session_hours() -> float:
    """How long a login lasts: ``ROLWIJZER_FACILITATOR_HOURS``, or 12 hours when it is unset or not a number."""
    raw = setting(HOURS_SETTING)
    try:
        return parse_hours(raw)
    except ValueError:
        log.warning("%s=%r is geen geldig aantal uren; de standaard van %g uur geldt.",
                    HOURS_SETTING, raw, DEFAULT_HOURS)
        return DEFAULT_HOURS


def _valid(token: object) -> bool:
    # The shape first: a participant's run (no token) never needs the passcode.
    return is_well_formed(token) and verify(token, passcode(), now=time.time())


def logged_out() -> bool:
    """Afmelden was pressed in this session (and no login since)."""
    return st.session_state.get(SESSION_KEY) == ""


def is_open() -> bool:
    """Logged in in this session, or in this browser (its cookie) and not logged out since."""
    if logged_out():
        return False
    kept = st.session_state.get(SESSION_KEY)
    if _valid(kept):
        return True
    cookie = st.context.cookies.get(COOKIE_NAME)
    if _valid(cookie):
        st.session_state[SESSION_KEY] = cookie
        return True
    return False


def try_passcode(attempt: str) -> bool:
    """Check an attempt (spaces, dashes and case do not matter); counts failures.

    Call only when :func:`seconds_to_wait` is 0.
    """
    ok = passcode_matches(attempt, passcode())
    if ok:
        throttle.succeeded()
        st.session_state[SESSION_KEY] = issue(passcode(), now=time.time(), hours=session_hours())
    else:
        throttle.failed()
    return ok


def seconds_to_wait() -> int:
    return throttle.seconds_left()


def close() -> None:
    """Afmelden: this session is closed, and :func:`sync_cookie` removes the browser's cookie."""
    st.session_state[SESSION_KEY] = ""


def _cookie_script(value: str, max_age: int) -> None:
    # Only a well-formed token (ASCII letters, digits, "_", "-" and ".") or nothing reaches the script.
    assert value == "" or is_well_formed(value)
    with st.container(key=COOKIE_KEY):
        st.html(
            f"<style>[data-testid='stLayoutWrapper']:has(> .st-key-{COOKIE_KEY}), .st-key-{COOKIE_KEY} "
            "{display: none;}</style><script>"
            "document.cookie = "
            f"'{COOKIE_NAME}={value}; Path=/; Max-Age={max_age}; SameSite=Strict'"
            " + (location.protocol === 'https:' ? '; Secure' : '');"
            "</script>",
            unsafe_allow_javascript=True,
        )


def sync_cookie() -> None:
    """Make the browser's cookie follow the session: set it after a login, remove it after Afmelden.

    ``st.context.cookies`` holds the cookies the browser connected with, so the script is drawn
    in every run until a reload shows the cookie arrived (and after Afmelden in every run of
    that session). It takes no room on the page.
    """
    kept = st.session_state.get(SESSION_KEY)
    if kept == "":
        _cookie_script("", 0)  # also when this session wrote the cookie itself: the browser has it
    elif isinstance(kept, str) and kept != st.context.cookies.get(COOKIE_NAME) and _valid(kept):
        ends = expiry(kept)
        assert ends is not None
        _cookie_script(kept, max(0, ends - int(time.time())))


def require() -> None:
    """Every facilitator page calls this first: registration in the navigation is not access control."""
    if not is_open():
        st.error("Deze pagina is alleen voor begeleiders. Meld je aan op de pagina Begeleider.")
        st.stop()


def login_form() -> None:
    """The passcode form with its messages; reruns the app after a good passcode."""
    wait = seconds_to_wait()
    with st.form("gate_form", clear_on_submit=True):
        attempt = st.text_input(
            "Begeleiderscode", type="password", key="gate_passcode", max_chars=200,
            help="Hoofdletters, spaties en streepjes maken niet uit.",
        )
        submitted = st.form_submit_button("Aanmelden", type="primary", disabled=bool(wait))
    if wait:
        st.warning(f"Te veel onjuiste pogingen. Wacht {wait} seconden en probeer het dan opnieuw.")
    elif submitted:
        if try_passcode(attempt):
            st.rerun()
        wait = seconds_to_wait()
        if wait:
            st.error(f"Onjuiste code. Te veel pogingen: wacht {wait} seconden.")
        else:
            st.error("Onjuiste code.")


def login_first(page: PageDef) -> Callable[[], None]:
    """What a facilitator page's address shows while the gate is closed: log in, then the page itself.

    Registered at the page's own address (see ``pages.streamlit_pages``), so a reload or a
    bookmark never meets Streamlit's "Page not found"; after the login the rerun finds the
    real page at the same address.
    """

    def show() -> None:
        st.title(page.title)
        st.info("Log eerst in als begeleider. Daarna zie je deze pagina.")
        login_form()

    return show


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
