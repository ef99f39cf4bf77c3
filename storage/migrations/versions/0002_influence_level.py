"""Influence choices and the member's level (issue 11).

Revision ID: 0002_influence_level
Revises: 0001_baseline
Create Date: 2026-11-30

Adds ``member.level`` (nullable: members who joined before have no level) and the table
``influence_choice`` (one choice per member and statement, removed with the member). Nothing
is backfilled: existing members keep every row and get no level and no influence choices.
Lengths are literal (64 is ``storage.limits.MAX_IDENT`` today), so that a later change to the
limits cannot change what this revision does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002_influence_level"
down_revision: str | None = "0001_baseline"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    # Batch mode (SQLite) adds a nullable column in place with ALTER TABLE ADD COLUMN; member is
    # not copied, so the rows referring to it (answers) are never touched.
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("level", sa.String(64), nullable=True))
    op.create_table(
        "influence_choice",
        sa.Column("member_id", sa.Integer, sa.ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("question_id", sa.String(64), primary_key=True),
        sa.Column("option_id", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Rolwijzer migrates forward only; restore a JSON backup instead.")
