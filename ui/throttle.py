"""Slow down guessing: join codes and the facilitator passcode.

Failures are counted twice: per browser session, and per client address, so opening a new tab does
not reset the count. After ``max_failures`` in one session, or ``address_max_failures`` from one
address, the next try from there must wait; every further failure doubles the wait, up to
``max_wait``. A right code resets both counts.

The client address is the connection's peer, or behind a trusted reverse proxy the client it names
in ``X-Forwarded-For`` (see :mod:`ui.client_address` and ``ROLWIJZER_TRUSTED_PROXIES``). Streamlit's
``st.context.ip_address`` hides 127.0.0.1 and ::1 (it gives None), which is exactly the peer of a
proxy on the same machine, so the peer is read from the session's connection itself
(:func:`_peer`). Note that Streamlit's web server (uvicorn) already replaces a 127.0.0.1 or ::1
peer by the client in ``X-Forwarded-For`` before Rolwijzer sees the connection (uvicorn's
``FORWARDED_ALLOW_IPS``, default ``127.0.0.1,::1``); the rule here then finds the same client again,
and it adds the proxies at other addresses that the setting names.

Address counts live in the server process: with several replicas, each counts its own.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from settings import TRUSTED_PROXIES, setting
from ui.client_address import TrustedProxies, client_address, parse_trusted_proxies

log = logging.getLogger("rolwijzer.throttle")

TRUSTED_PROXIES_SETTING = TRUSTED_PROXIES.name
SESSION_MAX_FAILURES = 5
"""Wrong codes one browser session may enter before it must wait: one person mistyping."""
ADDRESS_MAX_FAILURES = 60
"""Wrong codes from one client address before everyone there must wait. A venue puts a whole room
behind one NAT address: 60 people who each mistype once must not lock the room out. Someone who
opens a new session for every guess still meets this limit, and then waits ever longer."""
LOOPBACK = "127.0.0.1"


@dataclass
class Counter:
    failures: int = 0
    locked_until: float = 0.0

    def seconds_left(self, now: float) -> int:
        return max(0, int(self.locked_until - now + 0.999))

    def fail(self, now: float, max_failures: int, base_wait: float, max_wait: float) -> None:
        self.failures += 1
        if self.failures >= max_failures:
            extra = self.failures - max_failures
            self.locked_until = now + min(max_wait, base_wait * (2**extra))

    def reset(self) -> None:
        self.failures = 0
        self.locked_until = 0.0


@dataclass
class AddressCounters:
    """Counters per (throttle name, client address), shared by every session of the process."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    by_client: dict[tuple[str, str], Counter] = field(default_factory=dict)

    def get(self, name: str, client: str) -> Counter:
        with self.lock:
            return self.by_client.setdefault((name, client), Counter())


@st.cache_resource(show_spinner=False)
def _registry() -> AddressCounters:
    return AddressCounters()


@functools.lru_cache(maxsize=8)
def _trusted(text: str | None) -> TrustedProxies:
    trusted = parse_trusted_proxies(text)
    if trusted.invalid:
        log.warning("%s: ignored what is not an address or network: %s", TRUSTED_PROXIES_SETTING,
                    ", ".join(trusted.invalid))
    return trusted


def _peer() -> str | None:
    """The address of this session's connection, loopback included; None without one (as in AppTest).

    Streamlit 1.67 keeps it as ``client_context.remote_ip`` of the session's client (what
    ``st.context.ip_address`` reads before hiding loopback). Should that ever move, fall back to
    ``st.context.ip_address`` and take its None as the loopback address.
    """
    try:
        from streamlit.runtime import exists, get_instance
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not exists():
            return None
        client = get_instance().get_client(ctx.session_id)
        if client is None:
            return None
        remote_ip = getattr(client.client_context, "remote_ip", None)
        return remote_ip if isinstance(remote_ip, str) else None  # AppTest's runtime is a mock
    except (ImportError, AttributeError):
        return st.context.ip_address or LOOPBACK


def current_client() -> str | None:
    """This session's client address (see the module docstring), or None when it is unknown."""
    peer = _peer()
    if peer is None:
        return None
    forwarded = st.context.headers.get_all("X-Forwarded-For")
    return client_address(peer, forwarded, _trusted(setting(TRUSTED_PROXIES_SETTING)))


@dataclass(frozen=True)
class Throttle:
    name: str
    max_failures: int = SESSION_MAX_FAILURES
    address_max_failures: int = ADDRESS_MAX_FAILURES
    base_wait: float = 30.0
    max_wait: float = 600.0

    # -- the rule, on explicit counters (tests/test_throttle.py) --

    def wait(self, session: Counter, address: Counter | None, now: float) -> int:
        """Seconds before the next try is allowed."""
        return max(c.seconds_left(now) for c in (session, address) if c is not None)

    def record_failure(self, session: Counter, address: Counter | None, now: float) -> None:
        session.fail(now, self.max_failures, self.base_wait, self.max_wait)
        if address is not None:
            address.fail(now, self.address_max_failures, self.base_wait, self.max_wait)

    def record_success(self, session: Counter, address: Counter | None) -> None:
        session.reset()
        if address is not None:
            address.reset()

    # -- this Streamlit session --

    def _counters(self) -> tuple[Counter, Counter | None]:
        session_key = f"_throttle_{self.name}"
        if session_key not in st.session_state:
            st.session_state[session_key] = Counter()
        client = current_client()
        return st.session_state[session_key], None if client is None else _registry().get(self.name, client)

    def seconds_left(self) -> int:
        return self.wait(*self._counters(), time.monotonic())

    def failed(self) -> None:
        self.record_failure(*self._counters(), time.monotonic())

    def succeeded(self) -> None:
        self.record_success(*self._counters())
