"""settings.py: the environment wins over .streamlit/secrets.toml, which wins over the default."""

from __future__ import annotations

import logging
import os
import re
import tomllib
from pathlib import Path

import pytest

import settings

EXAMPLE = settings.ROOT / ".streamlit" / "secrets.toml.example"


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A secrets file that does not exist yet, and no setting in the environment."""
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    monkeypatch.setattr(settings, "SECRETS_FILE", path)
    for item in settings.SETTINGS:
        monkeypatch.delenv(item.name, raising=False)
    return path


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # Another size and time than the file it replaces, however fast the test runs.
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)


def test_the_environment_wins_over_the_secrets_file(secrets_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(secrets_file, 'ROLWIJZER_PUBLIC_URL = "https://uit-het-bestand.example.nl"\n')
    monkeypatch.setenv("ROLWIJZER_PUBLIC_URL", "https://uit-de-omgeving.example.nl")
    assert settings.setting("ROLWIJZER_PUBLIC_URL") == "https://uit-de-omgeving.example.nl"


def test_the_secrets_file_counts_when_the_environment_has_nothing(
    secrets_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(secrets_file, 'ROLWIJZER_PASSCODE = " uit-het-bestand "\nROLWIJZER_RETENTION_DAYS = 30\n')
    assert settings.setting("ROLWIJZER_PASSCODE") == "uit-het-bestand"
    monkeypatch.setenv("ROLWIJZER_PASSCODE", "   ")  # empty counts as not set
    assert settings.setting("ROLWIJZER_PASSCODE") == "uit-het-bestand"
    assert settings.retention_days() == 30  # a TOML number works as well as text


def test_without_either_the_default_applies(secrets_file: Path) -> None:
    assert not secrets_file.exists()
    assert settings.setting("ROLWIJZER_PASSCODE") is None
    assert settings.retention_days() == 90
    assert settings.content_dir() == settings.ROOT / "content"
    assert settings.log_level() == logging.INFO


def test_a_changed_secrets_file_is_read_again(secrets_file: Path) -> None:
    write(secrets_file, 'ROLWIJZER_CONTENT_DIR = "eerste"\n')
    assert settings.content_dir() == Path("eerste")
    write(secrets_file, 'ROLWIJZER_CONTENT_DIR = "tweede-map"\n')
    assert settings.content_dir() == Path("tweede-map")


def test_an_unreadable_secrets_file_is_reported_and_ignored(
    secrets_file: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    write(secrets_file, 'ROLWIJZER_PASSCODE = "geheim-1234"\nDATABASE_URL = niet tussen aanhalingstekens\n')
    assert settings.setting("ROLWIJZER_PASSCODE") is None
    assert "not readable" in caplog.text and "geheim-1234" not in caplog.text
    monkeypatch.setenv("ROLWIJZER_PASSCODE", "uit-de-omgeving")
    assert settings.setting("ROLWIJZER_PASSCODE") == "uit-de-omgeving"


def test_an_undeclared_setting_cannot_be_read(secrets_file: Path) -> None:
    with pytest.raises(KeyError):
        settings.setting("ROLWIJZER_BESTAAT_NIET")


def test_the_example_secrets_file_lists_every_setting_commented_out() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text == settings.secrets_example(), "run `python -m settings > .streamlit/secrets.toml.example`"
    assert tomllib.loads(text) == {}  # nothing is set by copying it unchanged
    uncommented = "\n".join(line[2:] for line in text.splitlines() if re.match(r"# [A-Z_]+ = ", line))
    assert list(tomllib.loads(uncommented)) == [item.name for item in settings.SETTINGS]
    words = " ".join(line.removeprefix("#").strip() for line in text.splitlines())
    for item in settings.SETTINGS:
        assert item.help in words, item.name


@pytest.mark.parametrize("configured", ["negentig", "0", "-5", "3651", "30.5"])
def test_a_retention_period_that_is_not_a_number_of_days_means_the_default(
    secrets_file: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, configured: str
) -> None:
    monkeypatch.setenv("ROLWIJZER_RETENTION_DAYS", configured)
    assert settings.retention_days() == 90
    assert "ROLWIJZER_RETENTION_DAYS is not a whole number from 1 to 3650; using 90." in caplog.text
