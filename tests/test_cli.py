"""``python -m scoring validate [DIR]``, run as organisers run it: in a subprocess from the repo root.

Starting Python costs ~0.3 s, so every golden pack goes through ``main()`` in-process and a
representative set (the packs most likely to crash a parser) also through a real subprocess.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scoring.__main__ import main
from tests.packs import (
    INVALID_DIR,
    MINIMAL_DIR,
    REPO_ROOT,
    VALID_DIR,
    copy_pack,
    expected_lines,
    invalid_packs,
    valid_packs,
)

INVALID = invalid_packs()
VALID = valid_packs()
SUBPROCESS_INVALID = [
    INVALID_DIR / name
    for name in (
        "several_faults",
        "yaml_bomb",
        "invalid_utf8",
        "tab_indentation",
        "unknown_yaml_tag",
        "missing_file",
        "duplicate_key",
        "unicode_id",
        "influence_duplicate_option",
        "theme_unknown_question",
    )
]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scoring", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def assert_no_traceback(stdout: str, stderr: str) -> None:
    assert "Traceback" not in stdout
    assert "Traceback" not in stderr


# --- subprocess ----------------------------------------------------------------------------------


def test_validate_shipped_content() -> None:
    result = run_cli("validate", "content")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith("content: geldig: 'Rolwijzer wijkgericht werken', ")
    assert "12 overgangen, invloedsvraag met 4 keuzes, 3 niveaus, versie " in lines[0]
    assert "(x: " in lines[0] and ", y: " in lines[0]
    assert result.stderr == ""
    assert_no_traceback(result.stdout, result.stderr)


def test_validate_defaults_to_content_dir() -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content: geldig: ")
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize("pack", SUBPROCESS_INVALID, ids=[p.name for p in SUBPROCESS_INVALID])
def test_validate_invalid_pack_subprocess(pack: Path) -> None:
    result = run_cli("validate", str(pack.relative_to(REPO_ROOT)))
    assert result.returncode == 1
    assert result.stdout == ""
    for line in expected_lines(pack):
        assert line in result.stderr, f"{line!r} not in:\n{result.stderr}"
    assert_no_traceback(result.stdout, result.stderr)


def test_validate_reports_count_and_every_problem() -> None:
    pack = (INVALID_DIR / "several_faults").relative_to(REPO_ROOT)
    result = run_cli("validate", str(pack))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"{pack}: 5 probleem/problemen gevonden:"
    assert len(lines) == 6
    assert all(line.startswith("  - ") for line in lines[1:])


def test_validate_oversized_file(tmp_path: Path) -> None:
    copy_pack(MINIMAL_DIR, tmp_path)
    (tmp_path / "perspectives.yaml").write_bytes(b"#" * 10_000_000 + b"\n")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert "perspectives.yaml: bestand is te groot (10,000,001 bytes; maximaal 1,000,000)" in result.stderr
    assert_no_traceback(result.stdout, result.stderr)


def test_validate_missing_directory(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nergens"))
    assert result.returncode == 1
    assert "map bestaat niet" in result.stderr
    assert_no_traceback(result.stdout, result.stderr)


def test_no_command_is_a_usage_error() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert_no_traceback(result.stdout, result.stderr)


# --- in-process, every golden pack ---------------------------------------------------------------


@pytest.mark.parametrize("pack", VALID, ids=[p.name for p in VALID])
def test_main_valid_pack(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(pack)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert len(out.strip().splitlines()) == 1
    assert out.startswith(f"{pack}: geldig: ")


def test_main_names_the_optional_parts_only_when_present(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINIMAL_DIR)]) == 0
    assert "invloedsvraag" not in capsys.readouterr().out
    assert main(["validate", str(VALID_DIR / "influence_and_levels")]) == 0
    out = capsys.readouterr().out
    assert "0 overgangen, invloedsvraag met 3 keuzes, 3 niveaus, versie " in out


@pytest.mark.parametrize("pack", INVALID, ids=[p.name for p in INVALID])
def test_main_invalid_pack(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(pack)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{pack}: ")
    assert "probleem/problemen gevonden" in err
    for line in expected_lines(pack):
        assert line in err, f"{line!r} not in:\n{err}"
    assert_no_traceback(out, err)
