"""Schema migrations with Alembic, configured in code: there is no ``alembic.ini``.

The revisions are in ``storage/migrations/versions/``, one file per revision, named by
a readable id (``0001_baseline``, ``0002_...``). :func:`upgrade` brings a database to
the newest revision (the *head*) and is run on every start by
:func:`storage.db.init_schema`, inside the transaction that holds the schema lock, so
two processes starting at once never both migrate:

- a new, empty database runs every revision, starting with ``0001_baseline``;
- a database made before Alembic (a ``schema_version`` table holding 1, no
  ``alembic_version``) is first compared with the baseline schema
  (:mod:`storage.migrations.baseline`); when it matches, it is stamped at
  ``0001_baseline``, and then upgraded like any other;
- a database Alembic already manages is upgraded from its revision in ``alembic_version``.

A revision that fails leaves the database as it was: the whole upgrade is one
transaction. On SQLite, :mod:`storage.db` turns foreign keys off for it (batch mode
copies a table and drops the original, which would otherwise delete every row that
refers to it), and :func:`upgrade` checks every reference before it commits.

A database at a revision this code does not know was made by a newer Rolwijzer, and is
refused rather than touched.

The ``schema_version`` table stays, as a tripwire: Rolwijzer from before Alembic reads
it and refuses a database whose version is above 1. It holds 1 while a database is at
the baseline (the schema such a copy knows) and :data:`BEYOND_BASELINE_VERSION` once a
later revision has run.

Adding a revision: ``python -m storage revision -m "what changes"`` writes
``versions/<next number>_<words>.py``; with ``--autogenerate`` Alembic fills it in by
comparing the database with :mod:`storage.models`. Read and correct it, then test it on
SQLite and PostgreSQL. Migrations go forward only; a ``downgrade`` is not needed.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, func, inspect, select, update

from storage.migrations.baseline import BEYOND_BASELINE_VERSION, LEGACY_VERSION, metadata, schema_version

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent
VERSION_LOCATIONS: tuple[Path, ...] = (MIGRATIONS_DIR / "versions",)
"""Where the revision files are (a tuple so that tests can point at a copy)."""
BASELINE: Final = "0001_baseline"
MAX_REVISION_ID: Final = 32
"""``alembic_version.version_num`` is VARCHAR(32)."""

log = logging.getLogger(__name__)
_NUMBERED = re.compile(r"^(\d{4})_")


class SchemaError(Exception):
    """The database's schema cannot be brought to this version. The message is Dutch,
    a sentence fragment after "De database (...)"."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for Rolwijzer; ``env.py`` runs on ``connection``."""
    config = Config()
    config.set_main_option("script_location", _option(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(_option(p) for p in VERSION_LOCATIONS))
    # The revision id is the whole file name: 0002_member_level.py.
    config.set_main_option("file_template", "%%(rev)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _option(path: Path) -> str:
    return str(path).replace("%", "%%")  # ConfigParser interpolates %


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "storage/migrations/versions has no revisions"
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at, or None when Alembic does not manage it (yet)."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection) -> None:
    """Bring the database to the head revision, in the caller's transaction.

    The caller holds the schema lock (see :func:`storage.db.init_schema`). Raises
    :class:`SchemaError` for a database this code cannot or must not upgrade.
    """
    config = alembic_config(conn)
    script = ScriptDirectory.from_config(config)
    current = current_revision(conn)
    if current is None and _has_rolwijzer_tables(conn):
        _check_legacy(conn)
        command.stamp(config, BASELINE)
        log.info("Database made before Alembic: schema checked and stamped at %s.", BASELINE)
        current = BASELINE
    elif current is not None and not _known(script, current):
        raise SchemaError(
            f"is gemaakt door een nieuwere versie van Rolwijzer (schemarevisie {current}; "
            f"deze versie kent tot en met {script.get_current_head()}). Werk de app bij."
        )
    if current != script.get_current_head():
        command.upgrade(config, "head")
        upgraded = current_revision(conn)
        log.info("Database schema upgraded from %s to %s.", current or "an empty database", upgraded)
        if conn.dialect.name == "sqlite":
            _check_references(conn)
        if upgraded != BASELINE:  # the tripwire for Rolwijzer from before Alembic (see above)
            conn.execute(
                update(schema_version)
                .where(schema_version.c.version < BEYOND_BASELINE_VERSION)
                .values(version=BEYOND_BASELINE_VERSION)
            )


def _check_references(conn: Connection) -> None:
    """SQLite migrates with foreign keys off (see storage.db); every reference must still hold."""
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        raise SchemaError(
            f"kan niet worden bijgewerkt: na de migratie verwijzen {len(broken)} rij(en) naar iets dat "
            f"niet bestaat (eerste: {table} rij {rowid} naar {parent}). Er is niets veranderd."
        )


def _known(script: ScriptDirectory, revision: str) -> bool:
    return revision in {known.revision for known in script.walk_revisions()}


def _has_rolwijzer_tables(conn: Connection) -> bool:
    """Whether any table of the baseline exists; other applications' tables are left alone."""
    return bool(set(inspect(conn).get_table_names()) & set(metadata.tables))


def _check_legacy(conn: Connection) -> None:
    """A database made before Alembic must have exactly the baseline schema before it is stamped."""
    existing = set(inspect(conn).get_table_names())
    if schema_version.name not in existing:
        raise SchemaError(_mismatch("de tabel schema_version ontbreekt"))
    version = conn.scalar(select(func.max(schema_version.c.version)))
    if version != LEGACY_VERSION:
        raise SchemaError(_mismatch(f"schemaversie {version}, verwacht {LEGACY_VERSION}"))
    differences = compare_metadata(
        MigrationContext.configure(conn, opts={"include_name": _baseline_tables_only}), metadata
    )
    if differences:
        raise SchemaError(_mismatch(f"{len(differences)} verschil(len), eerste: {_describe(differences[0])}"))


def _describe(difference: Any) -> str:
    """``add_index ix_trio_code`` for one of compare_metadata's differences."""
    first = difference[0] if isinstance(difference, list) else difference
    kind, *parts = first
    names = [part if isinstance(part, str) else getattr(part, "name", None) for part in parts]
    return " ".join([kind, *(name for name in names if isinstance(name, str))])


def _baseline_tables_only(name: str | None, type_: str, _parent_names: Any) -> bool:
    return type_ != "table" or name in metadata.tables


def _mismatch(detail: str) -> str:
    return (
        "heeft tabellen van Rolwijzer, maar niet het schema dat Rolwijzer vóór Alembic maakte "
        f"({detail}). Er is niets veranderd; zet een back-up terug in een lege database."
    )


def next_revision_id(message: str) -> str:
    """``0002_member_level`` for "Member level" when 0001 is the highest number so far."""
    script = ScriptDirectory.from_config(alembic_config())
    numbers = [int(m.group(1)) for s in script.walk_revisions() if (m := _NUMBERED.match(s.revision))]
    prefix = f"{max(numbers, default=0) + 1:04d}_"
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_") or "revision"
    return (prefix + slug)[:MAX_REVISION_ID].rstrip("_")


def new_revision(message: str, *, autogenerate: bool, connection: Connection | None = None) -> Path:
    """Write a new revision file after the head; ``autogenerate`` compares ``connection``'s
    database (at head) with :mod:`storage.models` to fill it in. Returns the file's path."""
    if autogenerate and connection is None:
        raise ValueError("autogenerate needs a connection to a database at the head revision")
    written = command.revision(
        alembic_config(connection), message=message, autogenerate=autogenerate, rev_id=next_revision_id(message)
    )
    assert written is not None and not isinstance(written, list)
    return Path(written.path)
