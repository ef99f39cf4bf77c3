"""Storage: the database engine, its schema, where its URL comes from, and how failures are reported.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

import scoring
import settings
import storage
from storage import db, migrations
from tests.storage_support import make_werkplaats

REPO_ROOT = Path(__file__).resolve().parent.parent

# --- Schema and engine --------------------------------------------------------


def test_fresh_database_is_at_the_newest_revision(engine: Engine) -> None:
    assert storage.stored_schema_version(engine) == migrations.head_revision()
    with engine.connect() as conn:
        # The tripwire for Rolwijzer from before Alembic: 1 at the baseline, 2 beyond it.
        expected = 1 if migrations.head_revision() == migrations.BASELINE else 2
        assert conn.scalar(text("SELECT version FROM schema_version")) == expected


def test_init_schema_twice_is_a_no_op(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    storage.init_schema(engine)
    storage.init_schema(engine)
    assert storage.stored_schema_version(engine) == migrations.head_revision()
    assert storage.get_werkplaats(engine, werkplaats.id) == werkplaats
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM schema_version")) == 1
        assert conn.scalar(text("SELECT count(*) FROM alembic_version")) == 1


def test_newer_schema_than_app_is_refused(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(storage.StorageUnavailable, match="nieuwere versie van Rolwijzer") as caught:
        storage.init_schema(engine)
    assert "0099_from_the_future" in str(caught.value)
    assert storage.stored_schema_version(engine) == "0099_from_the_future"  # untouched
    assert storage.get_werkplaats(engine, werkplaats.id) == werkplaats


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db.example/rolwijzer", "postgresql+psycopg://u:p@db.example/rolwijzer"),
        ("postgres://u@host:5433/x", "postgresql+psycopg://u@host:5433/x"),
        ("postgresql+psycopg://u@h/x", "postgresql+psycopg://u@h/x"),
        ("sqlite:///data/x.db", "sqlite:///data/x.db"),
    ],
)
def test_normalise_url(given: str, expected: str) -> None:
    assert db.normalise_url(given) == expected


def test_database_url_prefers_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/rolwijzer")
    assert storage.database_url() == "postgresql+psycopg://u@h/rolwijzer"


def test_database_url_defaults_to_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(settings, "SECRETS_FILE", tmp_path / "geen-secrets.toml")
    assert storage.database_url() == f"sqlite:///{db.DEFAULT_SQLITE_FILE}"
    assert db.DEFAULT_SQLITE_FILE.parent.is_dir()
    # The default settings.py documents, relative to the project folder.
    assert settings.DATABASE_URL.default == "sqlite:///data/rolwijzer.db"
    assert db.DEFAULT_SQLITE_FILE == REPO_ROOT / "data" / "rolwijzer.db"


@pytest.mark.parametrize(
    ("secrets_text", "expected"),
    [
        ('DATABASE_URL = "postgresql://u@h/db"\n', "postgresql+psycopg://u@h/db"),
        ('ANDERS = "x"\n', None),
        (None, None),  # no secrets file
        ("DATABASE_URL = postgresql://u@h/db\n", None),  # unreadable secrets must not stop the app
    ],
)
def test_database_url_from_the_secrets_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, secrets_text: str | None, expected: str | None
) -> None:
    secrets_file = tmp_path / "secrets.toml"
    if secrets_text is not None:
        secrets_file.write_text(secrets_text, encoding="utf-8")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(settings, "SECRETS_FILE", secrets_file)
    assert storage.database_url() == (expected or f"sqlite:///{db.DEFAULT_SQLITE_FILE}")


def test_storage_does_not_import_streamlit() -> None:
    """Storage runs in the CLI and in benchmarks without Streamlit, and reads its settings without it."""
    code = "import sys, storage, storage.backup, storage.__main__; print('streamlit' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_get_engine_is_cached_per_url(tmp_path: Path) -> None:
    first = storage.get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    assert storage.get_engine(f"sqlite:///{tmp_path / 'a.db'}") is first
    assert storage.get_engine(f"sqlite:///{tmp_path / 'b.db'}") is not first


# --- Failures -----------------------------------------------------------------


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is certainly not a database, just some text that someone saved here" * 20,
        bytes(range(256)) * 40,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # right header, damaged rest
    ],
)
def test_corrupt_sqlite_file_is_reported_with_its_path(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "kapot.db"
    path.write_bytes(garbage)
    with pytest.raises(storage.StorageUnavailable) as caught:
        storage.make_engine(f"sqlite:///{path}")
    assert str(caught.value) == f"Het databasebestand {path} is beschadigd of geen SQLite-database."
    assert caught.value.location == str(path)


def test_sqlite_file_in_missing_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet" / "x.db"
    with pytest.raises(storage.StorageUnavailable, match=re.escape(str(path))):
        storage.make_engine(f"sqlite:///{path}")


def test_read_only_database_refuses_writes_with_a_notice(tmp_path: Path, content: scoring.ContentSnapshot) -> None:
    path = tmp_path / "alleen-lezen.db"
    storage.make_engine(f"sqlite:///{path}").dispose()
    read_only = storage.make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert storage.list_werkplaatsen(read_only) == []
    with pytest.raises(storage.StorageUnavailable, match="alleen-lezen") as caught:
        make_werkplaats(read_only, content)
    assert str(path) in str(caught.value)
    read_only.dispose()


def test_database_damaged_while_running_gives_storage_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "rolwijzer.db"
    engine = storage.make_engine(f"sqlite:///{path}")
    engine.dispose()  # close pooled connections, as after a restart of the pool
    for leftover in tmp_path.glob("rolwijzer.db-*"):
        leftover.unlink()
    path.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(storage.StorageUnavailable, match="beschadigd"):
        storage.list_werkplaatsen(engine)


def test_unreachable_postgres_gives_storage_unavailable_without_password() -> None:
    port = _closed_port()
    with pytest.raises(storage.StorageUnavailable) as caught:
        storage.make_engine(f"postgresql://rolwijzer:geheim@127.0.0.1:{port}/rolwijzer")
    assert "niet bereikbaar" in str(caught.value)
    assert "geheim" not in str(caught.value)


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("url", ["mysql://u@h/x", "niet een url"])
def test_unsupported_or_invalid_url_is_reported(url: str) -> None:
    with pytest.raises(storage.StorageUnavailable):
        storage.make_engine(url)


def test_integrity_errors_are_not_disguised_as_unavailable(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        storage.save_answer(engine, member_id=12345, question_id="agenda", frame="nu", value=3)


def test_sqlite_error_names_map_to_dutch_messages() -> None:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorname = "SQLITE_BUSY"
    assert "bezet" in db._sqlite_message("/x/y.db", error)
    error.sqlite_errorname = "SQLITE_FULL"
    assert "vol" in db._sqlite_message("/x/y.db", error)
