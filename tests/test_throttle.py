"""Guessing limits: who the client is behind a reverse proxy, and a room behind one NAT address."""

from __future__ import annotations

import pytest

from ui.client_address import TrustedProxies, client_address, parse_address, parse_trusted_proxies
from ui.throttle import ADDRESS_MAX_FAILURES, SESSION_MAX_FAILURES, Counter, Throttle

LOCAL_NGINX = parse_trusted_proxies("127.0.0.1, ::1")
CHAIN = parse_trusted_proxies("127.0.0.1,10.9.9.0/24")  # nginx here, a load balancer in 10.9.9.0/24
NONE = parse_trusted_proxies("")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "client"),
    [
        # No proxy trusted (the default): the header is never read.
        ("203.0.113.7", ["198.51.100.1"], NONE, "203.0.113.7"),
        ("127.0.0.1", ["198.51.100.1"], NONE, "127.0.0.1"),
        # nginx on this machine appends the address it saw.
        ("127.0.0.1", ["198.51.100.1"], LOCAL_NGINX, "198.51.100.1"),
        ("::1", ["2001:db8::5"], LOCAL_NGINX, "2001:db8::5"),
        # What a client writes itself stays to the left of what nginx appended.
        ("127.0.0.1", ["6.6.6.6, 198.51.100.1"], LOCAL_NGINX, "198.51.100.1"),
        ("127.0.0.1", ["127.0.0.1, 198.51.100.1"], LOCAL_NGINX, "198.51.100.1"),
        # A peer that is not trusted may say what it likes.
        ("203.0.113.7", ["198.51.100.1"], LOCAL_NGINX, "203.0.113.7"),
        # Two trusted hops: a load balancer, then nginx; networks count.
        ("127.0.0.1", ["198.51.100.1, 10.9.9.9"], CHAIN, "198.51.100.1"),
        ("10.9.9.9", ["198.51.100.1, 10.9.9.9, 127.0.0.1"], CHAIN, "198.51.100.1"),
        ("127.0.0.1", ["6.6.6.6, 198.51.100.2, 10.9.9.9"], CHAIN, "198.51.100.2"),
        # Repeated header lines are one list, in order.
        ("127.0.0.1", ["6.6.6.6", "198.51.100.1, 10.9.9.9"], CHAIN, "198.51.100.1"),
        # A trusted peer without the header is the client itself.
        ("127.0.0.1", [], LOCAL_NGINX, "127.0.0.1"),
        ("127.0.0.1", ["  ,  "], LOCAL_NGINX, "127.0.0.1"),
        # Every entry trusted: the request started at the left-most.
        ("127.0.0.1", ["10.9.9.1, 10.9.9.2"], CHAIN, "10.9.9.1"),
        # Garbage stops the walk at the proxy that passed it on: no made-up client of its own.
        ("127.0.0.1", ["198.51.100.1, unknown"], LOCAL_NGINX, "127.0.0.1"),
        ("127.0.0.1", ["evil-" + "x" * 500], LOCAL_NGINX, "127.0.0.1"),
        ("127.0.0.1", ["nonsense, 10.9.9.9"], CHAIN, "10.9.9.9"),
        # Ports and IPv6 brackets as some proxies write them; IPv4 spelled as IPv6.
        ("127.0.0.1", ["198.51.100.1:51234"], LOCAL_NGINX, "198.51.100.1"),
        ("127.0.0.1", ["[2001:db8::5]:443"], LOCAL_NGINX, "2001:db8::5"),
        ("::ffff:127.0.0.1", ["198.51.100.1"], LOCAL_NGINX, "198.51.100.1"),
        ("127.0.0.1", ["::ffff:198.51.100.1"], LOCAL_NGINX, "198.51.100.1"),
        # No connection (AppTest): no address.
        (None, ["198.51.100.1"], LOCAL_NGINX, None),
    ],
)
def test_the_client_is_the_right_most_address_no_trusted_proxy_added(
    peer: str | None, forwarded_for: list[str], trusted: TrustedProxies, client: str | None
) -> None:
    assert client_address(peer, forwarded_for, trusted) == client


def test_the_setting_takes_addresses_and_networks_and_names_what_it_ignores() -> None:
    trusted = parse_trusted_proxies(" 127.0.0.1 , ::1,10.0.0.0/8,, proxy.local, 300.1.1.1 ")
    assert [str(n) for n in trusted.networks] == ["127.0.0.1/32", "::1/128", "10.0.0.0/8"]
    assert trusted.invalid == ("proxy.local", "300.1.1.1")
    assert parse_trusted_proxies(None) == parse_trusted_proxies("") == parse_trusted_proxies(" , ")
    assert not parse_trusted_proxies(None).networks


@pytest.mark.parametrize(
    ("text", "address"),
    [("1.2.3.4", "1.2.3.4"), ("1.2.3.4:80", "1.2.3.4"), ("[::1]", "::1"), ("[::1]:8", "::1"),
     ("::1", "::1"), ("[::1]x", None), ("[::1", None), ("unknown", None), ("", None), ("1.2.3", None)],
)
def test_addresses_as_proxies_write_them(text: str, address: str | None) -> None:
    parsed = parse_address(text)
    assert (None if parsed is None else str(parsed)) == address


def test_the_address_limit_is_far_above_a_sessions() -> None:
    assert SESSION_MAX_FAILURES == 5
    assert ADDRESS_MAX_FAILURES >= 60 > 10 * SESSION_MAX_FAILURES


def test_one_sessions_typos_lock_that_session_not_the_room_behind_its_address() -> None:
    throttle, now = Throttle("join_code"), 1000.0
    room = Counter()  # one NAT address
    mine, neighbour = Counter(), Counter()
    for _ in range(SESSION_MAX_FAILURES - 1):
        throttle.record_failure(mine, room, now)
        assert throttle.wait(mine, room, now) == 0
    throttle.record_failure(mine, room, now)
    assert throttle.wait(mine, room, now) == 30
    assert throttle.wait(neighbour, room, now) == 0  # another session from the same address may try
    assert throttle.wait(mine, room, now + 30) == 0  # and mine again after the wait
    throttle.record_failure(mine, room, now + 30)
    assert throttle.wait(mine, room, now + 30) == 60  # every further failure doubles the wait


def test_the_address_locks_only_after_its_own_higher_limit() -> None:
    throttle, now = Throttle("join_code"), 1000.0
    address = Counter()
    failures = 0
    while failures < ADDRESS_MAX_FAILURES - 1:  # a new session for every few guesses
        session = Counter()
        for _ in range(SESSION_MAX_FAILURES):
            if failures == ADDRESS_MAX_FAILURES - 1:
                break
            assert throttle.wait(session, address, now) == 0
            throttle.record_failure(session, address, now)
            failures += 1
    fresh = Counter()
    assert throttle.wait(fresh, address, now) == 0
    throttle.record_failure(fresh, address, now)
    assert throttle.wait(Counter(), address, now) == 30  # now even a brand-new session waits
    assert throttle.wait(Counter(), Counter(), now) == 0  # another address does not


def test_the_wait_is_capped_and_a_right_code_resets_both_counts() -> None:
    throttle, now = Throttle("passcode", max_failures=2, address_max_failures=3, max_wait=100.0), 0.0
    session, address = Counter(), Counter()
    for _ in range(10):
        throttle.record_failure(session, address, now)
    assert throttle.wait(session, address, now) == 100
    throttle.record_success(session, address)
    assert throttle.wait(session, address, now) == 0
    assert (session.failures, address.failures) == (0, 0)


def test_without_an_address_only_the_session_counts() -> None:
    throttle, session = Throttle("join_code"), Counter()
    for _ in range(SESSION_MAX_FAILURES):
        throttle.record_failure(session, None, 0.0)
    assert throttle.wait(session, None, 0.0) == 30
