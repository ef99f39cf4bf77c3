"""Baseline: the schema every Rolwijzer database had before Alembic.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-30

A new database gets the tables of :mod:`storage.migrations.baseline` and its
``schema_version`` row (1), exactly as ``init_schema`` made them before Alembic. A
database made before Alembic already has them: it is stamped at this revision instead
(see :func:`storage.migrations.upgrade`).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import insert

from storage.migrations.baseline import LEGACY_VERSION, metadata, schema_version

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    # checkfirst=False: this revision only ever runs on a database without any of these tables.
    metadata.create_all(op.get_bind(), checkfirst=False)
    op.execute(insert(schema_version).values(version=LEGACY_VERSION))


def downgrade() -> None:
    raise NotImplementedError("Rolwijzer migrates forward only; restore a JSON backup instead.")
