"""Shared fixtures: databases (SQLite and PostgreSQL) and the content model.

PostgreSQL tests need ``TEST_DATABASE_URL`` (``scripts/with_postgres.sh`` starts a
throwaway server and sets it). Without it they are skipped, except in CI
(``CI=true``), where a skipped database test would hide a gap: there they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

import scoring
import storage

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "content"


def postgres_server_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if url:
        return url
    message = (
        "TEST_DATABASE_URL is not set; run the tests through scripts/with_postgres.sh "
        "to start a throwaway PostgreSQL server"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {message}", pytrace=False)
    pytest.skip(message)


def _libpq_conninfo(url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg://...) as libpq understands it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def fresh_postgres_schema(server_url: str) -> Iterator[str]:
    """A URL whose connections see only a new, empty schema; dropped afterwards.

    A schema per test isolates tests as well as a database per test, at a fraction
    of the cost of CREATE DATABASE.
    """
    name = f"t_{secrets.token_hex(6)}"
    conninfo = _libpq_conninfo(server_url)
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a file-backed SQLite database, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rolwijzer.db'}"
        return
    with fresh_postgres_schema(postgres_server_url()) as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on an empty database with the schema in place, once per backend."""
    engine = storage.make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def content() -> scoring.ContentSnapshot:
    return scoring.snapshot(CONTENT_DIR)


@pytest.fixture(scope="session")
def model() -> scoring.Model:
    return scoring.load_model(CONTENT_DIR)


# AppTest fixtures live beside their helpers; importing them here makes them available to every test.
from tests.apptest_support import app_db  # noqa: E402, F401
