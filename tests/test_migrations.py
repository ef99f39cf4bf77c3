"""Schema migrations (storage.migrations): what Rolwijzer made before Alembic keeps working.

``tests/data/legacy/`` holds files written by Rolwijzer before Alembic (main at 0943795):
``rolwijzer-v1.db`` from ``python -m storage demo --seed 7`` (1 werkplaats, 8 trios, 24
members, 576 answers, 6 chosen perspectives, 3 actions) and ``backup-v1.json``, that
werkplaats' JSON backup. Never open the database file in place (the app would upgrade
it): the tests copy it. On PostgreSQL the same rows go into the schema that Rolwijzer
made there before Alembic.

Tests that take ``legacy_url`` or ``db_url`` run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Engine, Integer, String, Table, create_engine, insert, inspect, select, text

import scoring
import storage
from storage import db, migrations
from storage.__main__ import main as storage_main
from storage.backup import read_backup, restore_werkplaats
from storage.migrations import baseline
from storage.models import Base
from tests.conftest import _libpq_conninfo, fresh_postgres_schema, postgres_server_url
from tests.test_backup import scored
from tests.test_storage_concurrency import run_together

LEGACY_DIR = Path(__file__).resolve().parent / "data" / "legacy"
LEGACY_DB = LEGACY_DIR / "rolwijzer-v1.db"
LEGACY_BACKUP = LEGACY_DIR / "backup-v1.json"
LEGACY_JOIN_CODE = "7WNEQE"
EXPECTED_COUNTS = {
    "werkplaats": 1,
    "trio": 8,
    "member": 24,
    "answer": 576,
    "perspective_choice": 6,
    "action": 3,
    "schema_version": 1,
}
SERIAL_TABLES = ("werkplaats", "trio", "member", "action")

Rows = dict[str, list[tuple[Any, ...]]]


# --- Reading rows, whatever the backend ---------------------------------------


def _value(value: Any) -> Any:
    if isinstance(value, datetime):  # SQLite gives naive moments; every moment is stored in UTC
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def table_rows(engine: Engine) -> Rows:
    """Every row of every baseline table (its baseline columns), in key order; moments in UTC."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(_value(v) for v in row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in baseline.metadata.sorted_tables
        }


def read_only_legacy() -> Engine:
    """The committed fixture, opened read-only with plain SQLAlchemy (no migration)."""
    return create_engine(f"sqlite:///file:{LEGACY_DB}?mode=ro&uri=true")


@pytest.fixture(scope="module")
def legacy_rows() -> Rows:
    engine = read_only_legacy()
    try:
        return table_rows(engine)
    finally:
        engine.dispose()


def tripwire_version() -> int:
    """``schema_version`` after an upgrade to head: 1 while head is the baseline, 2 beyond it."""
    at_baseline = migrations.head_revision() == migrations.BASELINE
    return baseline.LEGACY_VERSION if at_baseline else baseline.BEYOND_BASELINE_VERSION


def plain_engine(url: str) -> Engine:
    """An engine without Rolwijzer's start-up (no schema lock, no migration)."""
    return create_engine(db.normalise_url(url))


# --- Databases made before Alembic --------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def legacy_url(request: pytest.FixtureRequest, tmp_path: Path, legacy_rows: Rows) -> Iterator[str]:
    """A database as Rolwijzer left it before Alembic, holding the fixture's rows."""
    if request.param == "sqlite":
        copy = tmp_path / "rolwijzer-v1.db"
        shutil.copyfile(LEGACY_DB, copy)
        yield f"sqlite:///{copy}"
        return
    with fresh_postgres_schema(postgres_server_url()) as url:
        make_legacy_postgres(url, legacy_rows)
        yield url


def make_legacy_postgres(url: str, rows: Rows) -> None:
    """What init_schema did before Alembic (create_all, schema_version 1), then the fixture's rows."""
    engine = plain_engine(url)
    try:
        with engine.begin() as conn:
            baseline.metadata.create_all(conn)
            for table in baseline.metadata.sorted_tables:  # schema_version's row (1) comes with the rows
                columns = [column.name for column in table.columns]
                conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows[table.name]])
            for name in SERIAL_TABLES:
                # As in a database that made these rows itself: new ids continue after them.
                conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                )
    finally:
        engine.dispose()


def test_the_fixture_is_what_the_old_code_wrote(legacy_rows: Rows) -> None:
    assert {name: len(rows) for name, rows in legacy_rows.items()} == EXPECTED_COUNTS
    assert legacy_rows["schema_version"] == [(1,)]
    with sqlite3.connect(f"file:{LEGACY_DB}?mode=ro", uri=True) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "alembic_version" not in tables


def test_legacy_database_upgrades_with_every_row_kept(legacy_url: str, legacy_rows: Rows) -> None:
    engine = storage.make_engine(legacy_url)
    try:
        assert storage.stored_schema_version(engine) == migrations.head_revision()
        after = table_rows(engine)
        assert after == legacy_rows | {"schema_version": [(tripwire_version(),)]}
        assert {name: len(rows) for name, rows in after.items()} == EXPECTED_COUNTS
        # A few rows exactly as the old code wrote them.
        werkplaats = storage.find_werkplaats_by_code(engine, LEGACY_JOIN_CODE)
        assert werkplaats is not None
        assert (werkplaats.id, werkplaats.name, werkplaats.held_on.isoformat()) == (1, "Demowerkplaats", "2026-11-30")
        assert werkplaats.created_at.isoformat() == "2026-11-30T21:38:04.388197+00:00"
        trio = storage.find_trio_by_code(engine, "YN4TJP")
        assert trio is not None
        assert (trio.id, trio.municipality) == (1, "Gemeente Voorbeeldstad")
        assert trio.casus == "Het buurthuis in de Vogelwijk sluit; bewoners willen het zelf openhouden."
        assert [(m.role, m.display_name) for m in storage.list_members(engine, 1)] == [
            ("wijkambtenaar", "Koen"),
            ("sociaal", "Esra"),
            ("fysiek", "Mehmet"),
        ]
        assert storage.chosen_perspectives(engine, 1) == ["vc_best_overzicht_signalen", "dm_strat_participatiebeleid"]
        (action,) = storage.list_actions(engine, 1)
        assert (action.what, action.who, action.when_text) == (
            "Een wijkwandeling organiseren met bewoners en collega's uit andere domeinen",
            "Wijkambtenaar",
            "Binnen zes weken",
        )
        # New rows get new ids after the old ones.
        new_trio = storage.create_trio(engine, werkplaats_id=1, municipality="Gemeente Nieuw")
        new_member = storage.create_member(engine, trio_id=new_trio.id, role="sociaal")
        storage.save_answer(engine, member_id=new_member.id, question_id="agenda", frame="nu", value=4)
        assert (new_trio.id, new_member.id) == (9, 25)
    finally:
        engine.dispose()


def test_every_personal_link_still_shows_its_answers(legacy_url: str, legacy_rows: Rows) -> None:
    expected: dict[int, dict[str, dict[str, int | None]]] = {}
    for member_id, question_id, frame, value, _updated_at in legacy_rows["answer"]:
        expected.setdefault(member_id, {"nu": {}, "gewenst": {}})[frame][question_id] = value
    assert sum(len(q) for frames in expected.values() for q in frames.values()) == 576
    engine = storage.make_engine(legacy_url)
    try:
        for member_id, trio_id, role, display_name, token, _created_at in legacy_rows["member"]:
            context = storage.member_context(engine, token)
            assert context is not None, f"the link of member {member_id} no longer works"
            assert (context.member.id, context.member.role, context.member.display_name) == (
                member_id,
                role,
                display_name,
            )
            assert context.trio.id == trio_id
            assert context.werkplaats.join_code == LEGACY_JOIN_CODE
            assert storage.member_answers(engine, member_id) == expected[member_id]
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("DROP INDEX ix_trio_code", "eerste: add_index ix_trio_code"),
        ("ALTER TABLE trio ADD COLUMN extra VARCHAR(10)", "eerste: remove_column trio extra"),
        ("UPDATE schema_version SET version = 2", "schemaversie 2, verwacht 1"),
        ("DROP TABLE schema_version", "de tabel schema_version ontbreekt"),
    ],
)
def test_legacy_database_with_another_schema_is_refused_untouched(
    legacy_url: str, legacy_rows: Rows, change: str, message: str
) -> None:
    engine = plain_engine(legacy_url)
    with engine.begin() as conn:
        conn.execute(text(change))
    before = table_rows_without_schema_version(engine)
    with pytest.raises(storage.StorageUnavailable, match="niet het schema dat Rolwijzer vóór Alembic maakte") as caught:
        storage.make_engine(legacy_url)
    assert message in str(caught.value)
    assert "Er is niets veranderd" in str(caught.value)
    assert table_rows_without_schema_version(engine) == before
    with engine.connect() as conn:
        assert "alembic_version" not in inspect(conn).get_table_names()
    engine.dispose()


def table_rows_without_schema_version(engine: Engine) -> Rows:
    with engine.connect() as conn:
        return {
            table.name: list(conn.execute(select(table).order_by(*table.primary_key.columns)))
            for table in baseline.metadata.sorted_tables
            if table is not baseline.schema_version
        }


# --- The schema itself ----------------------------------------------------------


def _sqlite_schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name != 'alembic_version'")
        return sorted((kind, name, sql or "") for kind, name, sql in rows)


def test_baseline_is_exactly_the_sqlite_schema_made_before_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = _versions_copy(tmp_path, monkeypatch, only=[migrations.BASELINE])
    assert [p.name for p in versions.iterdir() if p.suffix == ".py"] == ["0001_baseline.py"]
    path = tmp_path / "nieuw.db"
    storage.make_engine(f"sqlite:///{path}").dispose()
    assert _sqlite_schema(path) == _sqlite_schema(LEGACY_DB)


def schema_differences(engine: Engine) -> list[Any]:
    """What ``alembic check`` would report: the database against storage/models.py, plus check constraints."""
    with engine.connect() as conn:
        differences: list[Any] = list(compare_metadata(MigrationContext.configure(conn), Base.metadata))
        inspector = inspect(conn)
        for table in Base.metadata.sorted_tables:
            in_models = {c.name for c in table.constraints if c.__class__.__name__ == "CheckConstraint"}
            in_database = {c["name"] for c in inspector.get_check_constraints(table.name)}
            if in_models != in_database:
                differences.append(("check constraints", table.name, in_models, in_database))
    return differences


def test_new_database_at_head_matches_the_models(engine: Engine) -> None:
    assert storage.stored_schema_version(engine) == migrations.head_revision()
    assert schema_differences(engine) == []


def test_upgraded_legacy_database_matches_the_models(legacy_url: str) -> None:
    engine = storage.make_engine(legacy_url)
    try:
        assert schema_differences(engine) == []
    finally:
        engine.dispose()


def test_schema_differences_are_noticed(engine: Engine) -> None:
    """The check above can fail: a missing index is reported."""
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_action_trio_id"))
    assert [d[0] for d in schema_differences(engine)] == ["add_index"]


# --- Later revisions (the foundation for the schema changes to come) ---------------

ADD_NOTE = '''
from alembic import op
import sqlalchemy as sa

revision = "0002_trio_note"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On SQLite, batch mode copies trio, the table that member, action and
    # perspective_choice refer to with ON DELETE CASCADE.
    with op.batch_alter_table("trio") as batch:
        batch.add_column(sa.Column("note", sa.String(20), nullable=False, server_default=""))
        batch.alter_column("casus", type_=sa.String(400), existing_nullable=False)
    op.execute("UPDATE trio SET note = note || 'x'")
    {extra}
'''


def _versions_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, only: list[str] | None = None) -> Path:
    """Point storage.migrations at a copy of the revisions, to add test revisions to."""
    versions = tmp_path / "versions"
    versions.mkdir()
    for path in migrations.VERSION_LOCATIONS[0].glob("*.py"):
        if only is None or path.stem in only:
            shutil.copyfile(path, versions / path.name)
    monkeypatch.setattr(migrations, "VERSION_LOCATIONS", (versions,))
    return versions


@pytest.fixture
def add_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    versions = _versions_copy(tmp_path, monkeypatch, only=[migrations.BASELINE])

    def add(extra: str = "") -> None:
        (versions / "0002_trio_note.py").write_text(ADD_NOTE.format(extra=extra), encoding="utf-8")

    return add


def trio_notes(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.scalars(text("SELECT note FROM trio ORDER BY id")))


def test_a_later_revision_runs_once_and_keeps_every_row(
    legacy_url: str, legacy_rows: Rows, add_revision: Callable[[str], None]
) -> None:
    add_revision("")
    storage.make_engine(legacy_url).dispose()
    engine = storage.make_engine(legacy_url)  # a second start finds nothing to do
    try:
        assert storage.stored_schema_version(engine) == "0002_trio_note"
        assert trio_notes(engine) == ["x"] * 8
        assert table_rows(engine) == legacy_rows | {"schema_version": [(baseline.BEYOND_BASELINE_VERSION,)]}
        # Foreign keys are back on, and deleting still cascades through the copied table.
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with engine.begin() as conn:  # raw SQL: this test's schema is not the models' schema
            assert conn.execute(text("DELETE FROM werkplaats WHERE id = 1")).rowcount == 1
        assert {name: len(rows) for name, rows in table_rows(engine).items()} == dict.fromkeys(
            EXPECTED_COUNTS, 0
        ) | {"schema_version": 1}
    finally:
        engine.dispose()


def test_a_failing_revision_changes_nothing(
    legacy_url: str, legacy_rows: Rows, add_revision: Callable[[str], None]
) -> None:
    add_revision('raise RuntimeError("halverwege mis")')
    with pytest.raises(RuntimeError, match="halverwege mis"):
        storage.make_engine(legacy_url)
    engine = plain_engine(legacy_url)
    try:
        assert table_rows(engine) == legacy_rows
        with engine.connect() as conn:
            assert "note" not in {c["name"] for c in inspect(conn).get_columns("trio")}
            assert migrations.current_revision(conn) is None  # not even stamped: all or nothing
    finally:
        engine.dispose()
    add_revision("")  # fixed: the next start upgrades
    engine = storage.make_engine(legacy_url)
    assert trio_notes(engine) == ["x"] * 8
    engine.dispose()


# --- Starting at the same moment ---------------------------------------------------


def test_replicas_starting_at_once_on_a_new_database_migrate_once(
    db_url: str, add_revision: Callable[[str], None]
) -> None:
    add_revision("")
    assert start_replicas_at_once(db_url) == []


def test_replicas_starting_at_once_on_a_legacy_database_migrate_once(
    legacy_url: str, add_revision: Callable[[str], None]
) -> None:
    add_revision("")
    assert start_replicas_at_once(legacy_url) == ["x"] * 8  # the revision ran once


def start_replicas_at_once(url: str, replicas: int = 4) -> list[str]:
    """Start ``replicas`` engines on one database at the same moment; each must succeed. Returns the trio notes."""
    engines: list[Engine] = []
    lock = threading.Lock()

    def start_replica() -> None:
        engine = storage.make_engine(url)
        with lock:
            engines.append(engine)

    errors = run_together([start_replica] * replicas)
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert len(engines) == replicas
    engine = plain_engine(url)
    try:
        with engine.connect() as conn:
            assert list(conn.scalars(text("SELECT version_num FROM alembic_version"))) == ["0002_trio_note"]
            assert list(conn.scalars(text("SELECT version FROM schema_version"))) == [2]
        return trio_notes(engine)
    finally:
        engine.dispose()


def test_start_waits_while_another_process_holds_the_schema_lock(db_url: str) -> None:
    engine = storage.make_engine(db_url)
    release = _hold_schema_lock(db_url)
    done = threading.Event()
    failed: list[BaseException] = []

    def start() -> None:
        try:
            storage.init_schema(engine)
        except BaseException as exc:
            failed.append(exc)
        done.set()

    thread = threading.Thread(target=start)
    thread.start()
    try:
        assert not done.wait(1.0), "init_schema did not wait for the schema lock"
    finally:
        release()
    thread.join(30)
    assert done.is_set() and failed == []
    engine.dispose()


def _hold_schema_lock(url: str) -> Callable[[], None]:
    """Take the lock init_schema takes, from another connection; returns how to let go."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")

        def release_sqlite() -> None:
            conn.execute("ROLLBACK")
            conn.close()

        return release_sqlite
    pg = psycopg.connect(_libpq_conninfo(url), autocommit=True)
    pg.execute("SELECT pg_advisory_lock(%s)", (db._PG_SCHEMA_LOCK_KEY,))

    def release_postgres() -> None:
        pg.execute("SELECT pg_advisory_unlock(%s)", (db._PG_SCHEMA_LOCK_KEY,))
        pg.close()

    return release_postgres


# --- Backups written before Alembic ------------------------------------------------


@pytest.fixture(scope="module")
def legacy_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The fixture database, upgraded: the werkplaats backup-v1.json was written from."""
    copy = tmp_path_factory.mktemp("legacy") / "rolwijzer-v1.db"
    shutil.copyfile(LEGACY_DB, copy)
    engine = storage.make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("versioned", [True, False], ids=["version-1", "without-version"])
def test_backup_written_before_alembic_restores_with_identical_scores(
    engine: Engine, legacy_source: Engine, versioned: bool
) -> None:
    data = json.loads(LEGACY_BACKUP.read_text(encoding="utf-8"))
    assert data["version"] == 1
    if not versioned:
        del data["version"]  # a backup without a version is version 1
    backup, _model = read_backup(json.dumps(data))
    assert backup.version == 1
    restored = restore_werkplaats(engine, json.dumps(data))
    assert restored.name == "Demowerkplaats"
    assert scored(engine, restored.id) == scored(legacy_source, 1)


# --- The command line -------------------------------------------------------------


def test_cli_init_upgrades_a_legacy_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "oud.db"
    shutil.copyfile(LEGACY_DB, copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    assert storage_main(["init"]) == 0
    assert capsys.readouterr().out == f"Database klaar: {copy} (schemaversie {migrations.head_revision()}).\n"
    engine = plain_engine(f"sqlite:///{copy}")
    assert {name: len(rows) for name, rows in table_rows(engine).items()} == EXPECTED_COUNTS
    engine.dispose()


def test_cli_revision_writes_the_next_numbered_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    versions = _versions_copy(tmp_path, monkeypatch)
    head = migrations.head_revision()
    number = int(head[:4])
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dev.db'}")
    # A model change, as a developer makes one; autogenerate finds it by comparing the database with the models.
    probe = Table("migration_probe", Base.metadata, Column("id", Integer, primary_key=True), Column("label", String(20)))
    try:
        assert storage_main(["revision", "-m", "Probe table!", "--autogenerate"]) == 0
        first = versions / f"{number + 1:04d}_probe_table.py"
        assert f"Nieuwe migratie: {first}" in capsys.readouterr().out
        written = first.read_text(encoding="utf-8")
        assert f"down_revision: str | None = {head!r}" in written
        assert "op.create_table('migration_probe'" in written

        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dev2.db'}")
        assert storage_main(["revision", "-m", "Leertraject en rondes voor de trio's"]) == 0
        second = f"{number + 2:04d}_leertraject_en_rondes_voor"  # cut to fit alembic_version
        assert len(second) <= migrations.MAX_REVISION_ID
        assert f"down_revision: str | None = '{first.stem}'" in (versions / f"{second}.py").read_text(encoding="utf-8")
        # Both run: a new database goes through them to the new head, and matches the models.
        fresh = storage.make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
        assert storage.stored_schema_version(fresh) == second
        assert schema_differences(fresh) == []
        fresh.dispose()
    finally:
        Base.metadata.remove(probe)


# --- 0002_influence_level: the member's level and influence choices (issue 11) -------


def test_influence_level_revision_keeps_every_row_and_adds_nothing_to_old_members(
    legacy_url: str, legacy_rows: Rows, content: scoring.ContentSnapshot
) -> None:
    engine = storage.make_engine(legacy_url)
    try:
        with engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
            assert "level" in {c["name"] for c in inspect(conn).get_columns("member")}
            assert "influence_choice" in inspect(conn).get_table_names()
        assert table_rows(engine) == legacy_rows | {"schema_version": [(tripwire_version(),)]}  # nothing lost
        members = [m for entry in storage.werkplaats_members(engine, 1) for m in entry.members]
        assert len(members) == 24 and all(m.level is None for m in members)
        assert storage.werkplaats_influence_rows(engine, 1) == []
        # The old werkplaats keeps its own content, which asks for no level: members still join without one.
        with pytest.raises(storage.InputError, match="niveau"):
            storage.set_member_level(engine, member_id=members[0].id, level="uitvoering")
        assert storage.create_member(engine, trio_id=1, role="sociaal").level is None

        # A new werkplaats in the upgraded database has levels and choices, removed with the member.
        werkplaats = storage.create_werkplaats(engine, name="Nieuw", held_on=datetime.now(UTC).date(), content=content)
        trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Nieuw")
        member = storage.create_member(engine, trio_id=trio.id, role="sociaal", level="strategie")
        storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bestuurlijk")
        assert storage.trio_influence_choices(engine, trio.id) == {member.id: {"agenda": "bestuurlijk"}}
        assert storage.list_members(engine, trio.id)[0].level == "strategie"
        assert storage.delete_werkplaats(engine, werkplaats.id)
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM influence_choice")) == 0
        assert table_rows(engine)["answer"] == legacy_rows["answer"]
    finally:
        engine.dispose()


# --- 0003_trio_revision: a revision counter per trio (issue 14) -------------------------------


def test_trio_revision_revision_keeps_every_row_and_counts_from_0(
    legacy_url: str, legacy_rows: Rows, content: scoring.ContentSnapshot
) -> None:
    engine = storage.make_engine(legacy_url)
    try:
        with engine.connect() as conn:
            assert migrations.current_revision(conn) == migrations.head_revision()
            assert list(conn.scalars(text("SELECT DISTINCT revision FROM trio"))) == [0]
        assert table_rows(engine) == legacy_rows | {"schema_version": [(tripwire_version(),)]}  # nothing lost
        trio = storage.find_trio_by_code(engine, "YN4TJP")
        assert trio is not None
        (member, *_) = storage.list_members(engine, trio.id)
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=2)
        version = storage.trio_version(engine, trio.id, [])
        assert version is not None and version.revision == 1
        # A trio made after the upgrade starts at 0 too (the column's default).
        new = storage.create_trio(engine, werkplaats_id=trio.werkplaats_id, municipality="Gemeente Nieuw")
        assert storage.trio_version(engine, new.id, []) == storage.TrioVersion(revision=0, code=new.code, round_id=new.werkplaats_id)
    finally:
        engine.dispose()


# --- 0004_traject_rounds: answers, choices and actions per round (issue 13) -------------------------------

ROUND_OF_ROWS = {
    # table -> SQL: (row's round_id, werkplaats of the row's trio) for every row
    "answer": "SELECT a.round_id, t.werkplaats_id FROM answer a JOIN member m ON m.id = a.member_id"
    " JOIN trio t ON t.id = m.trio_id",
    "influence_choice": "SELECT c.round_id, t.werkplaats_id FROM influence_choice c JOIN member m ON m.id = c.member_id"
    " JOIN trio t ON t.id = m.trio_id",
    "perspective_choice": "SELECT p.round_id, t.werkplaats_id FROM perspective_choice p JOIN trio t ON t.id = p.trio_id",
    "action": "SELECT a.round_id, t.werkplaats_id FROM action a JOIN trio t ON t.id = a.trio_id",
}
MOVED_TRIOS = (2, 5)  # trio 2 has chosen perspectives and an action


def test_traject_rounds_revision_puts_every_row_in_the_round_of_its_trio(
    legacy_url: str, legacy_rows: Rows, content: scoring.ContentSnapshot
) -> None:
    # Two werkplaatsen before the upgrade, so that "the round of its trio" is not always werkplaats 1.
    before = plain_engine(legacy_url)
    try:
        with before.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO werkplaats (name, held_on, join_code, standalone, content_hash, content_json, created_at)"
                    " SELECT 'Tweede', held_on, 'QWERTY', standalone, content_hash, content_json, created_at"
                    " FROM werkplaats WHERE id = 1"
                )
            )
            second = conn.scalar(text("SELECT id FROM werkplaats WHERE join_code = 'QWERTY'"))
            conn.execute(text("UPDATE trio SET werkplaats_id = :w WHERE id IN (2, 5)"), {"w": second})
    finally:
        before.dispose()
    engine = storage.make_engine(legacy_url)
    try:
        after = table_rows(engine)
        assert {name: len(rows) for name, rows in after.items()} == EXPECTED_COUNTS | {"werkplaats": 2}
        assert after["answer"] == legacy_rows["answer"]  # every answer kept as it was
        with engine.connect() as conn:
            for table, query in ROUND_OF_ROWS.items():
                pairs = list(conn.execute(text(query)))
                assert all(round_id == werkplaats_id for round_id, werkplaats_id in pairs), table
            assert {werkplaats_id for (werkplaats_id, _) in conn.execute(text(ROUND_OF_ROWS["action"]))} == {1, second}
            trio_rounds = list(conn.execute(text("SELECT trio_id, werkplaats_id, shared_at FROM trio_round ORDER BY trio_id")))
            assert trio_rounds == [
                (trio_id, second if trio_id in MOVED_TRIOS else 1, None) for trio_id in range(1, 9)
            ]
            assert list(conn.scalars(text("SELECT DISTINCT kind FROM member"))) == ["trio"]
            assert conn.scalar(text("SELECT count(*) FROM answer WHERE carried")) == 0
            assert conn.scalar(text("SELECT count(*) FROM action WHERE status IS NOT NULL OR reflection != ''")) == 0
            assert list(conn.execute(text("SELECT traject_id, position, prefilled FROM werkplaats"))) == [
                (None, None, False)
            ] * 2

        # Each werkplaats reads its own trios and answers; every personal link still shows its answers.
        expected: dict[int, storage.MemberAnswers] = {}
        for member_id, question_id, frame, value, _updated_at in legacy_rows["answer"]:
            expected.setdefault(member_id, {"nu": {}, "gewenst": {}})[frame][question_id] = value
        trio_of = {member_id: trio_id for member_id, trio_id, *_ in legacy_rows["member"]}
        for werkplaats_id, trios in ((1, [1, 3, 4, 6, 7, 8]), (second, list(MOVED_TRIOS))):
            assert [t.id for t in storage.list_trios(engine, werkplaats_id)] == trios
            assert storage.werkplaats_answers(engine, werkplaats_id) == {
                trio_id: {m: expected[m] for m, t in trio_of.items() if t == trio_id} for trio_id in trios
            }
        for member_id, _trio_id, _role, _name, token, _created_at in legacy_rows["member"]:
            context = storage.member_context(engine, token)
            assert context is not None
            assert context.werkplaats.id == (second if trio_of[member_id] in MOVED_TRIOS else 1)
            assert storage.member_answers(engine, member_id) == expected[member_id]
            assert storage.member_answers(engine, member_id, round_id=context.werkplaats.id) == expected[member_id]
        assert storage.list_actions(engine, 2)[0].round_id == second
        chosen = {perspective for trio_id, perspective, _chosen_at in legacy_rows["perspective_choice"] if trio_id == 2}
        assert len(chosen) == 2 and set(storage.chosen_perspectives(engine, 2, round_id=second)) == chosen

        # An old werkplaats can become the first round of a traject and start the next from last time.
        traject = storage.start_traject_from(engine, werkplaats_id=1, name="Demotraject")
        round2 = storage.create_werkplaats(
            engine, name="Ronde 2", held_on=datetime.now(UTC).date(), content=content, traject_id=traject.id, prefilled=True
        )
        assert [t.id for t in storage.list_trios(engine, round2.id)] == [1, 3, 4, 6, 7, 8]
        member_id = next(m for m, t in trio_of.items() if t == 1)
        assert storage.member_answers(engine, member_id) == expected[member_id]
        assert len(storage.carried_answers(engine, member_id)) == sum(len(q) for q in expected[member_id].values())
        storage.save_answer(engine, member_id=member_id, question_id="agenda", frame="nu", value=1)
        assert storage.member_answers(engine, member_id, round_id=1) == expected[member_id]  # round 1 untouched
        with engine.connect() as conn:
            old_rounds = text("SELECT count(*) FROM answer WHERE round_id != :r")
            assert conn.scalar(old_rounds, {"r": round2.id}) == 576
    finally:
        engine.dispose()
