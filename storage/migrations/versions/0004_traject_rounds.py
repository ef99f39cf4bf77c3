"""Leertrajecten and rounds: answers, choices and actions per round; leervragen; the bestuurder (issue 13).

Revision ID: 0004_traject_rounds
Revises: 0003_trio_revision
Create Date: 2026-12-01

A werkplaats is a round. Werkplaatsen of one leertraject (new table ``traject``) are its rounds in
order (``werkplaats.traject_id``, ``position``). A trio carries over from round to round with its
members and their personal links: ``trio.werkplaats_id`` is its current round, ``trio_round`` lists
every round it took part in. Answers, influence choices, perspective choices and actions gain
``round_id``; the answer's and the choices' primary keys gain it too, so a later round never
overwrites an earlier one.

Every existing row belongs to the werkplaats its trio is in, which becomes that row's round; every
trio gets one ``trio_round`` row. Nothing is removed. Lengths are literal (see 0002).
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision: str = "0004_traject_rounds"
down_revision: str | None = "0003_trio_revision"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

_TRIO_OF_MEMBER = "(SELECT trio.werkplaats_id FROM member JOIN trio ON trio.id = member.trio_id WHERE member.id = {table}.member_id)"
_TRIO_OF_ROW = "(SELECT trio.werkplaats_id FROM trio WHERE trio.id = {table}.trio_id)"


def _add_round(table: str, fill: str, key: list[str] | None) -> None:
    """Add ``round_id`` to ``table``, filled with the round of each row's trio; with ``key``, the
    primary key becomes ``key`` (which includes ``round_id``)."""
    with op.batch_alter_table(table) as batch:  # in place on SQLite: a nullable column
        batch.add_column(sa.Column("round_id", sa.Integer, nullable=True))
    op.execute(f"UPDATE {table} SET round_id = {fill.format(table=table)}")  # noqa: S608 (no user text)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot change a column or a key in place: batch mode copies the table (foreign keys
        # are off during the upgrade, and every reference is checked before commit).
        with warnings.catch_warnings(), op.batch_alter_table(table, recreate="always") as batch:
            # SQLAlchemy warns that the copied table's key differs from the reflected one: that is the point.
            warnings.filterwarnings("ignore", message=".*specifies columns .* as primary_key=True", category=sa.exc.SAWarning)
            batch.alter_column("round_id", existing_type=sa.Integer, nullable=False)
            if key is not None:
                batch.create_primary_key(f"pk_{table}", key)
            batch.create_foreign_key(f"fk_{table}_round_id", "werkplaats", ["round_id"], ["id"], ondelete="CASCADE")
            batch.create_index(f"ix_{table}_round_id", ["round_id"])
        return
    op.alter_column(table, "round_id", existing_type=sa.Integer, nullable=False)
    if key is not None:
        op.drop_constraint(f"{table}_pkey", table, type_="primary")
        op.create_primary_key(f"{table}_pkey", table, key)
    op.create_foreign_key(f"fk_{table}_round_id", table, "werkplaats", ["round_id"], ["id"], ondelete="CASCADE")
    op.create_index(f"ix_{table}_round_id", table, ["round_id"])


def upgrade() -> None:
    op.create_table(
        "traject",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("werkplaats") as batch:
        batch.add_column(sa.Column("traject_id", sa.Integer, nullable=True))
        batch.add_column(sa.Column("position", sa.Integer, nullable=True))
        batch.add_column(sa.Column("prefilled", sa.Boolean, nullable=False, server_default="0"))
        batch.create_foreign_key("fk_werkplaats_traject_id", "traject", ["traject_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_werkplaats_traject_id", ["traject_id"])
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="trio"))
    op.create_table(
        "trio_round",
        sa.Column("trio_id", sa.Integer, sa.ForeignKey("trio.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("werkplaats_id", sa.Integer, sa.ForeignKey("werkplaats.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_trio_round_werkplaats_id", "trio_round", ["werkplaats_id"])
    op.execute("INSERT INTO trio_round (trio_id, werkplaats_id, joined_at) SELECT id, werkplaats_id, created_at FROM trio")

    _add_round("answer", _TRIO_OF_MEMBER, ["member_id", "round_id", "question_id", "frame"])
    with op.batch_alter_table("answer") as batch:
        batch.add_column(sa.Column("carried", sa.Boolean, nullable=False, server_default="0"))
    _add_round("influence_choice", _TRIO_OF_MEMBER, ["member_id", "round_id", "question_id"])
    _add_round("perspective_choice", _TRIO_OF_ROW, ["trio_id", "round_id", "perspective_id"])
    _add_round("action", _TRIO_OF_ROW, None)
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("status", sa.String(16), nullable=True))
        batch.add_column(sa.Column("reflection", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("followed_up_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(
            "ck_action_status", "status IS NULL OR status IN ('gedaan', 'bezig', 'niet_gelukt', 'losgelaten')"
        )

    op.create_table(
        "leervraag",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("trio_id", sa.Integer, sa.ForeignKey("trio.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_leervraag_trio_id", "leervraag", ["trio_id"])
    op.create_table(
        "leervraag_note",
        sa.Column("leervraag_id", sa.Integer, sa.ForeignKey("leervraag.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("werkplaats.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("text", sa.String(300), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_leervraag_note_round_id", "leervraag_note", ["round_id"])


def downgrade() -> None:
    raise NotImplementedError("Rolwijzer migrates forward only; restore a JSON backup instead.")
