"""Which client a connection comes from, behind trusted reverse proxies. Pure: no Streamlit here.

A reverse proxy connects to Rolwijzer itself, so the connection's peer is the proxy. The proxy puts
the address it got the request from at the right end of ``X-Forwarded-For`` (nginx:
``$proxy_add_x_forwarded_for``). Anyone can send that header, so it is read only when the peer is a
trusted proxy, and then from the right: every entry a trusted proxy added is skipped, and the first
entry that is not a trusted proxy is the client. Whatever a client wrote into the header itself stays
to the left of that entry and is never reached.

``ROLWIJZER_TRUSTED_PROXIES`` lists the trusted proxies: addresses or networks, separated by commas
(``127.0.0.1, 10.0.0.0/8``). Empty means trust none: the peer is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    networks: tuple[Network, ...] = ()
    invalid: tuple[str, ...] = ()
    """Entries of the setting that are neither an address nor a network (ignored, and worth a warning)."""

    def trusts(self, address: Address) -> bool:
        return any(address in network for network in self.networks)


def parse_trusted_proxies(setting: str | None) -> TrustedProxies:
    """``"127.0.0.1, ::1, 10.0.0.0/8"`` as networks; a single address is a network of one."""
    networks: list[Network] = []
    invalid: list[str] = []
    for entry in (setting or "").split(","):
        text = entry.strip()
        if not text:
            continue
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            invalid.append(text)
            continue
        networks.append(network)
    return TrustedProxies(tuple(networks), tuple(invalid))


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: ``1.2.3.4``, ``1.2.3.4:5678``, ``::1``, ``[::1]:443``.

    IPv4 written as IPv6 (``::ffff:127.0.0.1``) becomes IPv4, so one client has one spelling.
    Anything else (``unknown``, a host name, garbage) is None.
    """
    text = text.strip()
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or (text[end + 1:] and not text[end + 1:].startswith(":")):
            return None
        text = text[1:end]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def forwarded_for_entries(headers: Iterable[str]) -> list[str]:
    """The entries of every ``X-Forwarded-For`` header line, in order (repeated lines join with commas)."""
    return [entry.strip() for value in headers for entry in value.split(",") if entry.strip()]


def client_address(peer: str | None, forwarded_for: Sequence[str], trusted: TrustedProxies) -> str | None:
    """The client's address: ``peer`` itself, unless ``peer`` is a trusted proxy.

    ``forwarded_for`` holds the ``X-Forwarded-For`` header lines. Behind a trusted peer the entries are
    read from the right; trusted proxies are skipped and the first other entry is the client. When
    every entry is a trusted proxy, the left-most one is (the request started at one of them). An
    entry that is not an address stops the walk: the proxy that passed it on counts as the client, so
    a made-up entry can never become a fresh client of its own. None when there is no peer.
    """
    if peer is None:
        return None
    nearest = parse_address(peer)
    if nearest is None:
        return peer.strip() or None
    if not trusted.trusts(nearest):
        return str(nearest)
    for entry in reversed(forwarded_for_entries(forwarded_for)):
        address = parse_address(entry)
        if address is None:
            break
        nearest = address
        if not trusted.trusts(address):
            break
    return str(nearest)
