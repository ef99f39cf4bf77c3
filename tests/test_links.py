"""Join links and QR codes must point somewhere a phone in the room can reach."""

from __future__ import annotations

import pytest

from ui import links


def test_configured_public_url_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(links.PUBLIC_URL_SETTING, "https://rolwijzer.example.nl/")
    assert links.base_url() == links.BaseUrl("https://rolwijzer.example.nl", True)
    assert links.page_url("", {"code": "ACDEFG"}).url == "https://rolwijzer.example.nl/?code=ACDEFG"


def test_localhost_is_replaced_by_the_lan_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(links.PUBLIC_URL_SETTING, raising=False)
    monkeypatch.setattr(links, "lan_address", lambda: "192.168.1.20")
    # Outside a browser session st.context.url is empty: the fallback is localhost.
    url = links.page_url("vragenlijst", {"m": "abc"})
    assert url.reachable
    assert url.url == "http://192.168.1.20:8501/vragenlijst?m=abc"
    assert "localhost" not in url.url


def test_only_localhost_known_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(links.PUBLIC_URL_SETTING, raising=False)
    monkeypatch.setattr(links, "lan_address", lambda: None)
    assert links.base_url().reachable is False


@pytest.mark.parametrize(
    ("host", "local"),
    [("localhost", True), ("127.0.0.1", True), ("::1", True), ("app.localhost", True),
     ("192.168.1.20", False), ("rolwijzer.example.nl", False)],
)
def test_is_local(host: str, local: bool) -> None:
    assert links._is_local(host) is local


def test_qr_code_is_a_png() -> None:
    png = links.qr_png("http://192.168.1.20:8501/?code=ACDEFG")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 200
