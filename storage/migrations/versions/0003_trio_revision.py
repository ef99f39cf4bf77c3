"""A revision counter per trio (issue 14).

Revision ID: 0003_trio_revision
Revises: 0002_influence_level
Create Date: 2026-11-30

Adds ``trio.revision`` (NOT NULL, default 0), raised by 1 in the same transaction as every change to
a trio's members or answers, so that the live wall learns which trios changed from the trio rows alone.
Existing trios get 0: result caches live in a process and start empty, so no cache holds an older 0.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003_trio_revision"
down_revision: str | None = "0002_influence_level"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    # Batch mode (SQLite) adds a column with a constant default in place (ALTER TABLE ADD COLUMN):
    # trio is not copied, so the rows referring to it are never touched.
    with op.batch_alter_table("trio") as batch:
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    raise NotImplementedError("Rolwijzer migrates forward only; restore a JSON backup instead.")
