"""The database engine, its schema, and how database failures are reported.

Rolwijzer runs on SQLite (one file, the default) or PostgreSQL (``DATABASE_URL``).

Schema: :func:`init_schema` runs on every start (and in ``python -m storage init``). It
takes the schema lock (a PostgreSQL advisory lock, or SQLite's write lock) and, in that
one transaction, brings the database to the newest Alembic revision with
:func:`storage.migrations.upgrade`: a new database gets every revision, a database
made before Alembic is checked and stamped at the baseline first. A second process
starting at the same moment waits for the lock and then finds nothing left to do.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    DBAPIError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from settings import DATABASE_URL, setting
from storage import migrations
from storage.errors import StorageUnavailable

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_FILE: Final = REPO_ROOT / "data" / "rolwijzer.db"
# Run on every new SQLite connection. WAL lets readers (the live wall) work while a member
# saves; the busy timeout (ms) makes concurrent writers wait instead of failing; SQLite only
# enforces foreign keys, and so ON DELETE CASCADE, when asked, per connection.
SQLITE_PRAGMAS: Final = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA busy_timeout=10000",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=NORMAL",
)
SUPPORTED_BACKENDS: Final = ("sqlite", "postgresql")

# Any constant will do; it only has to be the same for every Rolwijzer process.
_PG_SCHEMA_LOCK_KEY: Final = 0x526F6C77


# --- Which database -----------------------------------------------------------


def database_url() -> str:
    """``DATABASE_URL`` from the environment or ``.streamlit/secrets.toml``, else a local SQLite file."""
    url = setting(DATABASE_URL.name)
    if url:
        return normalise_url(url)
    DEFAULT_SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """Make plain PostgreSQL URLs (as hosting providers hand them out) use psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def describe_location(url: URL) -> str:
    """Where the database is, for messages: the file path, or host and database without password."""
    if url.get_backend_name() == "sqlite":
        database = url.database or ":memory:"
        if database.startswith("file:"):  # a URI filename: sqlite:///file:path?mode=ro&uri=true
            database = database.removeprefix("file:").split("?", 1)[0]
        return database if database == ":memory:" else str(Path(database).resolve())
    port = f":{url.port}" if url.port else ""
    return f"{url.host or 'localhost'}{port}/{url.database or ''}"


# --- Engine -------------------------------------------------------------------


def make_engine(url: str) -> Engine:
    """A new engine for ``url`` with its schema created or upgraded."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError as exc:
        raise StorageUnavailable("De database-URL is ongeldig; controleer DATABASE_URL.") from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StorageUnavailable(f"Databasetype '{backend}' wordt niet ondersteund; gebruik SQLite of PostgreSQL.")
    if backend == "sqlite":
        engine = create_engine(parsed)
        event.listen(engine, "connect", _configure_sqlite_connection)
    else:
        engine = create_engine(parsed, pool_pre_ping=True)
    try:
        init_schema(engine)
    except StorageUnavailable:
        engine.dispose()
        raise
    return engine


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default :func:`database_url`), made on first use."""
    resolved = normalise_url(url) if url else database_url()
    with _engines_lock:
        engine = _engines.get(resolved)
        if engine is None:
            engine = make_engine(resolved)  # not cached when it fails, so a retry tries again
            _engines[resolved] = engine
        return engine


# --- Failures -----------------------------------------------------------------

# Errors that mean the request or the code is wrong, not the database: never retried.
_NOT_AVAILABILITY_ERRORS = (IntegrityError, DataError, ProgrammingError, NotSupportedError)

_SQLITE_MESSAGES: Final = (
    ("SQLITE_NOTADB", "Het databasebestand {path} is beschadigd of geen SQLite-database."),
    ("SQLITE_CORRUPT", "Het databasebestand {path} is beschadigd of geen SQLite-database."),
    ("SQLITE_BUSY", "Het databasebestand {path} is bezet door een ander programma. Probeer het zo opnieuw."),
    ("SQLITE_LOCKED", "Het databasebestand {path} is bezet door een ander programma. Probeer het zo opnieuw."),
    ("SQLITE_READONLY", "Het databasebestand {path} is alleen-lezen; er kan niets worden opgeslagen."),
    ("SQLITE_FULL", "De schijf met het databasebestand {path} is vol; er kan niets worden opgeslagen."),
    ("SQLITE_CANTOPEN", "Het databasebestand {path} kan niet worden geopend of aangemaakt."),
)


def unavailable(url: URL, exc: BaseException) -> StorageUnavailable:
    """A Dutch explanation of a database failure, naming the file or server."""
    location = describe_location(url)
    if isinstance(exc, PoolTimeoutError):
        message = "De database is op dit moment te druk. Probeer het zo opnieuw."
    elif url.get_backend_name() == "sqlite":
        message = _sqlite_message(location, getattr(exc, "orig", exc))
    else:
        message = f"De database op {location} is op dit moment niet bereikbaar. Probeer het zo opnieuw."
    return StorageUnavailable(message, location=location)


def _sqlite_message(path: str, error: BaseException) -> str:
    name = str(getattr(error, "sqlite_errorname", ""))
    for prefix, template in _SQLITE_MESSAGES:
        if name.startswith(prefix):
            return template.format(path=path)
    return f"Het databasebestand {path} is op dit moment niet bruikbaar ({error}). Probeer het zo opnieuw."


@contextmanager
def translate_errors(engine: Engine) -> Iterator[None]:
    """Turn database failures into :class:`StorageUnavailable`; let integrity errors through."""
    try:
        yield
    except _NOT_AVAILABILITY_ERRORS:
        raise
    except (DBAPIError, PoolTimeoutError) as exc:
        raise unavailable(engine.url, exc) from exc


# --- Schema -------------------------------------------------------------------


def init_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision under the schema lock. Safe to run on every start."""
    location = describe_location(engine.url)
    try:
        with translate_errors(engine), engine.connect() as conn, _schema_lock(conn):
            migrations.upgrade(conn)
    except migrations.SchemaError as exc:
        raise StorageUnavailable(f"De database ({location}) {exc}", location=location) from exc


def stored_schema_version(engine: Engine) -> str | None:
    """The Alembic revision the database is at, e.g. ``0001_baseline``."""
    with translate_errors(engine), engine.connect() as conn:
        return migrations.current_revision(conn)


@contextmanager
def _schema_lock(conn: Connection) -> Iterator[None]:
    """One transaction that keeps other starting processes from migrating until it ends."""
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        # Batch migrations copy a table and drop the original; with foreign keys on, that DROP
        # would delete every row referring to it (ON DELETE CASCADE). The pragma does nothing
        # inside a transaction, so it comes first; migrations.upgrade checks references after.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
    try:
        with conn.begin():
            if sqlite:
                # pysqlite runs DDL outside transactions unless one is open; IMMEDIATE takes the write lock.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK_KEY)))
            yield
    except BaseException:
        if sqlite:
            conn.invalidate()  # never hand a connection without foreign keys back to the pool
        raise
    if sqlite:
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()
