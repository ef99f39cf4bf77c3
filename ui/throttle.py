"""Slow down guessing: join codes and the facilitator passcode.

Failures are counted per browser session and per client address, so opening a
new tab does not reset the count. After ``max_failures`` the next try must
wait; every further failure doubles the wait, up to ``max_wait``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import streamlit as st


@dataclass
class _Counter:
    failures: int = 0
    locked_until: float = 0.0


@dataclass
class _Registry:
    lock: threading.Lock = field(default_factory=threading.Lock)
    by_client: dict[tuple[str, str], _Counter] = field(default_factory=dict)


@st.cache_resource(show_spinner=False)
def _registry() -> _Registry:
    return _Registry()


@dataclass(frozen=True)
class Throttle:
    name: str
    max_failures: int = 5
    base_wait: float = 30.0
    max_wait: float = 600.0

    def _counters(self) -> list[_Counter]:
        session_key = f"_throttle_{self.name}"
        if session_key not in st.session_state:
            st.session_state[session_key] = _Counter()
        counters = [st.session_state[session_key]]
        client = st.context.ip_address
        if client:
            registry = _registry()
            with registry.lock:
                counters.append(registry.by_client.setdefault((self.name, client), _Counter()))
        return counters

    def seconds_left(self) -> int:
        now = time.monotonic()
        return max(0, max(int(c.locked_until - now + 0.999) for c in self._counters()))

    def failed(self) -> None:
        now = time.monotonic()
        for counter in self._counters():
            counter.failures += 1
            if counter.failures >= self.max_failures:
                extra = counter.failures - self.max_failures
                counter.locked_until = now + min(self.max_wait, self.base_wait * (2**extra))

    def succeeded(self) -> None:
        for counter in self._counters():
            counter.failures = 0
            counter.locked_until = 0.0
