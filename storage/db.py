"""The database engine, its schema, and how database failures are reported.

Rolwijzer runs on SQLite (one file, the default) or PostgreSQL (``DATABASE_URL``).

Schema changes: :func:`init_schema` runs on every start. ``create_all`` adds
tables that do not exist yet, then the steps in :data:`UPGRADES` bring existing
tables from the version stored in ``schema_version`` to :func:`current_version`,
all in one transaction. There are no steps yet (version 1). Once the schema has
to evolve while real data is kept, the plan is to move to Alembic migrations;
this small mechanism only has to carry us until then.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update
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
from storage.errors import StorageUnavailable
from storage.models import Base, schema_version

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

UpgradeStep = Callable[[Connection], None]
BASE_VERSION: Final = 1
UPGRADES: list[UpgradeStep] = []
"""``UPGRADES[0]`` takes a database from version 1 to 2, and so on. Steps only change
existing tables (add a column, backfill); new tables come from ``create_all``."""

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


def current_version() -> int:
    return BASE_VERSION + len(UPGRADES)


def init_schema(engine: Engine) -> None:
    """Create missing tables and apply pending upgrade steps, atomically. Safe to run on every start."""
    with translate_errors(engine), engine.begin() as conn:
        _lock_schema(conn)
        Base.metadata.create_all(conn)
        stored = conn.scalar(select(func.max(schema_version.c.version)))
        target = current_version()
        if stored is None:
            # create_all just made every table as the models define them now.
            conn.execute(insert(schema_version).values(version=target))
            return
        if stored > target:
            raise StorageUnavailable(
                f"De database ({describe_location(engine.url)}) is gemaakt door een nieuwere versie van "
                f"Rolwijzer (schemaversie {stored}; deze versie kent {target}). Werk de app bij.",
                location=describe_location(engine.url),
            )
        for step in UPGRADES[stored - BASE_VERSION :]:
            step(conn)
        if stored < target:
            conn.execute(update(schema_version).values(version=target))


def stored_schema_version(engine: Engine) -> int | None:
    with translate_errors(engine), engine.connect() as conn:
        version: int | None = conn.scalar(select(func.max(schema_version.c.version)))
        return version


def _lock_schema(conn: Connection) -> None:
    """Keep two starting processes from creating or upgrading the schema at the same time."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_PG_SCHEMA_LOCK_KEY)))
    else:
        # pysqlite runs DDL outside transactions unless one is open; IMMEDIATE also takes the write lock.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
