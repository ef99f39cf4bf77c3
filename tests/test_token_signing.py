"""The facilitator's session token and passcode comparison (``ui.token_signing``), without Streamlit."""

from __future__ import annotations

import base64

import pytest

from ui import token_signing as ts

PASSCODE = "KMTP-4XRA-9WQE"
NOW = 1_800_000_000.0
NONCE = bytes(range(16))


def token(passcode: str = PASSCODE, *, now: float = NOW, hours: float = 12.0) -> str:
    return ts.issue(passcode, now=now, hours=hours, nonce=NONCE)


@pytest.mark.parametrize(
    ("attempt", "matches"),
    [
        ("KMTP-4XRA-9WQE", True),
        ("kmtp-4xra-9wqe", True),
        ("KMTP4XRA9WQE", True),
        ("kmtp 4xra 9wqe", True),
        ("  KmTp-4xRa 9wQe \n", True),
        ("KMTP–4XRA—9WQE", True),  # en and em dashes from a phone's keyboard
        ("KMTP-4XRA-9WQ", False),
        ("KMTP-4XRA-9WQEE", False),
        ("KMTP-4XRA-9WQF", False),
        ("", False),
        ("---", False),
    ],
)
def test_passcode_ignores_case_spaces_and_dashes(attempt: str, matches: bool) -> None:
    assert ts.passcode_matches(attempt, PASSCODE) is matches


def test_an_empty_passcode_matches_nothing_and_signs_nothing() -> None:
    assert not ts.passcode_matches("", "")
    assert not ts.passcode_matches("-", " - ")
    with pytest.raises(ValueError):
        ts.issue(" - ", now=NOW, hours=1)
    assert not ts.verify(token(), " - ", now=NOW)


def test_a_fresh_token_is_accepted_until_it_expires() -> None:
    issued = token(hours=12)
    assert ts.is_well_formed(issued)
    assert ts.expiry(issued) == NOW + 12 * 3600
    assert ts.verify(issued, PASSCODE, now=NOW)
    assert ts.verify(issued, PASSCODE, now=NOW + 12 * 3600 - 1)
    assert not ts.verify(issued, PASSCODE, now=NOW + 12 * 3600)
    assert not ts.verify(issued, PASSCODE, now=NOW + 10 * 24 * 3600)


def test_the_same_passcode_typed_differently_signs_the_same_key() -> None:
    """A token survives a restart and works on every replica with the same (normalised) passcode."""
    assert token("kmtp 4xra 9wqe") == token(PASSCODE)
    assert ts.verify(token(), "kmtp4xra9wqe", now=NOW)


def test_two_logins_never_share_a_token() -> None:
    first = ts.issue(PASSCODE, now=NOW, hours=1)
    second = ts.issue(PASSCODE, now=NOW, hours=1)
    assert first != second
    assert ts.verify(first, PASSCODE, now=NOW) and ts.verify(second, PASSCODE, now=NOW)


@pytest.mark.parametrize("other", ["KMTP-4XRA-9WQF", "juiste-code-123", "KMTP-4XRA"])
def test_a_token_of_another_passcode_is_refused(other: str) -> None:
    """Changing the passcode ends every session."""
    assert not ts.verify(token(other), PASSCODE, now=NOW)
    assert not ts.verify(token(), other, now=NOW)


def _flip(text: str, index: int) -> str:
    return text[:index] + ("B" if text[index] != "B" else "C") + text[index + 1 :]


def tampered() -> list[tuple[str, str]]:
    version, expiry, nonce, signature = token().split(".")
    later = str(int(expiry) + 3600)
    return [
        ("a later expiry", f"{version}.{later}.{nonce}.{signature}"),
        ("an earlier expiry", f"{version}.{int(expiry) - 1}.{nonce}.{signature}"),
        ("another version", f"2.{expiry}.{nonce}.{signature}"),
        ("another nonce", f"{version}.{expiry}.{_flip(nonce, 0)}.{signature}"),
        ("a changed signature", f"{version}.{expiry}.{nonce}.{_flip(signature, 10)}"),
        ("the signature's last character", f"{version}.{expiry}.{nonce}.{_flip(signature, 42)}"),
        ("no signature", f"{version}.{expiry}.{nonce}."),
        ("a signature of zeros", f"{version}.{expiry}.{nonce}.{'A' * 43}"),
        ("an unsigned body", f"{version}.{expiry}.{nonce}"),
        ("base64 padding", f"{version}.{expiry}.{nonce}.{signature}="),
        ("a signed later expiry, other key", ts.issue("iets anders", now=NOW + 3600, hours=12, nonce=NONCE)),
    ]


@pytest.mark.parametrize(("change", "forged"), tampered(), ids=[c for c, _ in tampered()])
def test_a_tampered_token_is_refused(change: str, forged: str) -> None:
    assert forged != token(), change
    assert not ts.verify(forged, PASSCODE, now=NOW), change


@pytest.mark.parametrize(
    "garbage",
    [
        None, 0, 1.5, b"1.2.3.4", ["1"], "", " ", ".", "...", "1...", "true", "null", "undefined",
        "1.abc.nonce.signature", "1.-5.AAAAAAAAAAAAAAAAAAAAAA." + "A" * 43,
        "1.99999999999999999999.AAAAAAAAAAAAAAAAAAAAAA." + "A" * 43,
        "1.1800000000.AAAAAAAAAAAAAAAAAAAAAA." + "A" * 43 + "; Path=/",
        "1.1800000000.AAAAAAAAAAAAAAAAAAAAAA." + "A" * 42 + "'",
        "<script>alert(1)</script>", "x" * 10_000, "\x00" * 80, "１.１８００.ＡＡ.ＡＡ",
    ],
)
def test_garbage_is_refused_and_never_well_formed(garbage: object) -> None:
    assert not ts.verify(garbage, PASSCODE, now=NOW)
    assert not ts.is_well_formed(garbage)
    if isinstance(garbage, str):
        assert ts.expiry(garbage) is None


def test_a_token_is_plain_cookie_text() -> None:
    """Only letters, digits, "-", "_" and "." (no "=", ";", quotes or spaces): safe as a cookie value."""
    issued = ts.issue(PASSCODE, now=NOW, hours=12)
    assert set(issued) <= set("0123456789.-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    version, expiry, nonce, signature = issued.split(".")
    assert (version, int(expiry)) == ("1", NOW + 12 * 3600)
    assert len(base64.urlsafe_b64decode(nonce + "==")) == 16
    assert len(base64.urlsafe_b64decode(signature + "=")) == 32
    assert PASSCODE not in issued and ts.normalise_passcode(PASSCODE) not in issued


@pytest.mark.parametrize(
    ("raw", "hours"),
    [(None, 12.0), ("", 12.0), ("  ", 12.0), ("12", 12.0), ("8", 8.0), ("0,5", 0.5), ("1.5", 1.5), (" 24 ", 24.0),
     ("744", 744.0)],
)
def test_lifetime_setting(raw: str | None, hours: float) -> None:
    assert ts.parse_hours(raw) == hours


@pytest.mark.parametrize("raw", ["0", "-1", "twaalf", "12u", "nan", "inf", "745", "1e9"])
def test_a_lifetime_that_is_not_a_sensible_number_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        ts.parse_hours(raw)
