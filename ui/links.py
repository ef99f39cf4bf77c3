"""Links and QR codes that phones in the room can open.

The address comes from ``ROLWIJZER_PUBLIC_URL`` (environment or secrets) when
set, which is what a reverse proxy needs; otherwise from the browser's request.
A localhost address is useless on a phone, so it is replaced by this machine's
LAN address when one is known, and flagged otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import io
import ipaddress
import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno
import streamlit as st

from settings import PUBLIC_URL, setting

PUBLIC_URL_SETTING = PUBLIC_URL.name
QR_ALT = "QR-code met de link hierboven"


@dataclass(frozen=True)
class BaseUrl:
    url: str
    reachable: bool
    """False when only a localhost address is known: phones cannot open it."""


def _is_local(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.endswith(".localhost")


def _interface_addresses() -> list[str]:
    """IPv4 addresses of the network interfaces (Linux), read locally without sending anything."""
    try:
        import fcntl
    except ImportError:  # not on Linux/Unix
        return []
    addresses: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _index, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
            except OSError:
                continue
            addresses.append(socket.inet_ntoa(packed[20:24]))
    return addresses


def lan_address() -> str | None:
    """A non-loopback IPv4 address of this machine; no traffic is sent."""
    candidates: list[str] = []
    with contextlib.suppress(OSError):
        candidates += [str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    candidates += _interface_addresses()
    for address in candidates:
        ip = ipaddress.ip_address(address)
        if not ip.is_loopback and not ip.is_link_local:
            return address
    return None


def base_url() -> BaseUrl:
    configured = setting(PUBLIC_URL_SETTING)
    if configured:
        return BaseUrl(configured.rstrip("/"), True)
    request_url = st.context.url or "http://localhost:8501"
    parts = urlsplit(request_url)
    host = parts.hostname or "localhost"
    if _is_local(host):
        lan = lan_address()
        if lan is None:
            return BaseUrl(urlunsplit((parts.scheme, parts.netloc, "", "", "")), False)
        netloc = f"{lan}:{parts.port}" if parts.port else lan
        return BaseUrl(urlunsplit((parts.scheme, netloc, "", "", "")), True)
    return BaseUrl(urlunsplit((parts.scheme, parts.netloc, "", "", "")), True)


def page_url(path: str, params: dict[str, str]) -> BaseUrl:
    base = base_url()
    query = f"?{urlencode(params)}" if params else ""
    return BaseUrl(f"{base.url}/{path.lstrip('/')}{query}", base.reachable)


@functools.lru_cache(maxsize=512)
def qr_png(url: str, scale: int = 8) -> bytes:
    """The QR code as PNG; cached, because pages rerun at every answer and links rarely change."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def show_link(label: str, link: BaseUrl, *, qr: bool = True, qr_width: int = 220) -> None:
    """A copyable link with its QR code; warns when phones cannot reach it."""
    st.caption(label)
    st.code(link.url, language=None, wrap_lines=True)
    if not link.reachable:
        st.warning(
            "Dit adres werkt alleen op deze computer (localhost). Stel ROLWIJZER_PUBLIC_URL in, "
            "of open Rolwijzer via het netwerkadres van deze computer, zodat telefoons de link kunnen openen."
        )
        return
    if qr:
        # The alt text is fixed words: the link itself is written out just above, as text.
        st.image(qr_png(link.url), width=qr_width, caption="Scan met je telefoon", alt=QR_ALT)
