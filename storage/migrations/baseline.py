"""The schema at revision ``0001_baseline``: what ``storage.models`` created before Alembic.

Frozen: never edit this module. It is the schema every database made by Rolwijzer
before Alembic has (``schema_version`` = 1), written out with literal lengths so that
later changes to :mod:`storage.models` or :mod:`storage.limits` cannot change it. The
baseline revision creates it, and :func:`storage.migrations.upgrade` compares a
database made before Alembic with it before stamping that database.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata: Final = MetaData()

LEGACY_VERSION: Final = 1
"""``schema_version`` in every database made before Alembic, and in every database at this baseline."""
BEYOND_BASELINE_VERSION: Final = 2
"""``schema_version`` once a database has moved past the baseline. Rolwijzer from before
Alembic refuses a database whose ``schema_version`` is above 1 ("made by a newer version"),
so an old copy of the app cannot write into a schema it does not know."""

_CASCADE = "CASCADE"

Table(
    "werkplaats",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(120), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("join_code", String(6), nullable=False, unique=True, index=True),
    Column("standalone", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("content_json", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

Table(
    "trio",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("werkplaats_id", ForeignKey("werkplaats.id", ondelete=_CASCADE), nullable=False, index=True),
    Column("municipality", String(80), nullable=False),
    Column("casus", String(300), nullable=False),
    Column("code", String(6), nullable=False, unique=True, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

Table(
    "member",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trio_id", ForeignKey("trio.id", ondelete=_CASCADE), nullable=False, index=True),
    Column("role", String(64), nullable=False),
    Column("display_name", String(60), nullable=False),
    Column("token", String(32), nullable=False, unique=True, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

Table(
    "answer",
    metadata,
    Column("member_id", ForeignKey("member.id", ondelete=_CASCADE), primary_key=True),
    Column("question_id", String(64), primary_key=True),
    Column("frame", String(8), primary_key=True),
    Column("value", Integer, nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("frame IN ('nu', 'gewenst')", name="ck_answer_frame"),
)

Table(
    "perspective_choice",
    metadata,
    Column("trio_id", ForeignKey("trio.id", ondelete=_CASCADE), primary_key=True),
    Column("perspective_id", String(64), primary_key=True),
    Column("chosen_at", DateTime(timezone=True), nullable=False),
)

Table(
    "action",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("trio_id", ForeignKey("trio.id", ondelete=_CASCADE), nullable=False, index=True),
    Column("what", String(300), nullable=False),
    Column("who", String(100), nullable=False),
    Column("when_text", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

schema_version: Final = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
)
