"""Secure by default: without a configured passcode, the first start makes one and says so once."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from ui import gate


def test_first_start_generates_a_private_passcode_and_prints_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(gate.PASSCODE_SETTING, raising=False)
    monkeypatch.setattr(gate, "setting", lambda name: None)
    monkeypatch.setattr(gate, "PASSCODE_FILE", tmp_path / "data" / "begeleiderscode.txt")
    gate.main()
    code = gate.PASSCODE_FILE.read_text(encoding="utf-8").strip()
    assert len(code.replace("-", "")) == 12
    assert stat.S_IMODE(gate.PASSCODE_FILE.stat().st_mode) == 0o600
    assert code in capsys.readouterr().out

    gate.main()  # a later start names the file, never the code
    later = capsys.readouterr().out
    assert code not in later
    assert str(gate.PASSCODE_FILE) in later


def test_a_configured_passcode_is_never_written_or_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(gate, "setting", lambda name: "eigen-code")
    monkeypatch.setattr(gate, "PASSCODE_FILE", tmp_path / "begeleiderscode.txt")
    gate.main()
    assert not gate.PASSCODE_FILE.exists()
    assert "eigen-code" not in capsys.readouterr().out


@pytest.mark.parametrize(("raw", "hours"), [(None, 12.0), ("8", 8.0), ("1,5", 1.5), ("twaalf", 12.0), ("0", 12.0)])
def test_the_session_lifetime_setting_falls_back_to_twelve_hours(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, raw: str | None, hours: float
) -> None:
    monkeypatch.setattr(gate, "setting", lambda name: raw if name == gate.HOURS_SETTING else None)
    with caplog.at_level(logging.WARNING, logger="rolwijzer.gate"):
        assert gate.session_hours() == hours
    refused = raw is not None and hours == 12.0
    assert (gate.HOURS_SETTING in caplog.text) is refused
