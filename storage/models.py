"""The database tables, as SQLAlchemy 2 declarative classes.

Only ``storage`` uses these classes; everything outside gets the frozen records
from :mod:`storage.records`. Deleting a werkplaats removes everything under it
through ``ON DELETE CASCADE`` (SQLite needs ``PRAGMA foreign_keys=ON``, which
:func:`storage.db.make_engine` sets on every connection).

A change here needs an Alembic revision too (``python -m storage revision``; see
:mod:`storage.migrations`): ``tests/test_migrations.py`` fails while the two differ.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.codes import CODE_LENGTH, TOKEN_LENGTH
from storage.limits import (
    MAX_ACTION_WHAT,
    MAX_ACTION_WHEN,
    MAX_ACTION_WHO,
    MAX_CASUS,
    MAX_DISPLAY_NAME,
    MAX_IDENT,
    MAX_LEERVRAAG,
    MAX_LEERVRAAG_NOTE,
    MAX_MUNICIPALITY,
    MAX_REFLECTION,
    MAX_TRAJECT_NAME,
    MAX_WERKPLAATS_NAME,
)

_CASCADE = "CASCADE"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Traject(Base):
    """A leertraject: werkplaatsen of one cohort, in order; each one a measurement round."""

    __tablename__ = "traject"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_TRAJECT_NAME))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Werkplaats(Base):
    """A werkplaats, and the round of its answers: a werkplaats on its own is a traject of one."""

    __tablename__ = "werkplaats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(MAX_WERKPLAATS_NAME))
    held_on: Mapped[date] = mapped_column(Date)
    join_code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True, index=True)
    standalone: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    # The content texts as used by this werkplaats, so its results stay readable after edits.
    content_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Set for a werkplaats in a leertraject, with its place in the series (1, 2, ...).
    traject_id: Mapped[int | None] = mapped_column(
        ForeignKey("traject.id", ondelete="SET NULL"), nullable=True, index=True
    )
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # "Start from last time": the round began with each member's answers of the round before, unconfirmed.
    prefilled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class Trio(Base):
    __tablename__ = "trio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The trio's current round. In a traject it moves on when the facilitator opens the next round;
    # trio_round keeps every round the trio took part in.
    werkplaats_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), index=True)
    municipality: Mapped[str] = mapped_column(String(MAX_MUNICIPALITY))
    casus: Mapped[str] = mapped_column(String(MAX_CASUS), default="")
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Raised by 1 in the same transaction as every change to what the trio's result is built from
    # (its members and their answers), with ``revision = revision + 1`` so no increment is lost.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TrioRound(Base):
    """A round (werkplaats) a trio takes part in: the one it was made in, and every one it carried over to."""

    __tablename__ = "trio_round"

    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), primary_key=True)
    werkplaats_id: Mapped[int] = mapped_column(
        ForeignKey("werkplaats.id", ondelete=_CASCADE), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # When the trio shared this round's result with its bestuurder; NULL while not shared.
    shared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), index=True)
    role: Mapped[str] = mapped_column(String(MAX_IDENT))
    display_name: Mapped[str] = mapped_column(String(MAX_DISPLAY_NAME), default="")
    # The level the member works at (a content ``levels`` id such as "uitvoering"); NULL when not given.
    level: Mapped[str | None] = mapped_column(String(MAX_IDENT), nullable=True)
    # "trio", or "bestuurder": answers beside the trio and is never counted in its mean.
    kind: Mapped[str] = mapped_column(String(16), default="trio", server_default="trio")
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (CheckConstraint("frame IN ('nu', 'gewenst')", name="ck_answer_frame"),)

    # The primary key is the upsert key: one answer per member, round, statement and frame.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete=_CASCADE), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), primary_key=True, index=True)
    question_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    frame: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[int | None] = mapped_column(Integer, nullable=True)  # NULL is "weet ik niet"
    # Copied from the round before ("start from last time") and not yet confirmed by the member.
    carried: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class InfluenceChoice(Base):
    """Who a member thinks can change a statement: one of the content's ``influence.options``."""

    __tablename__ = "influence_choice"

    # The primary key is the upsert key: one choice per member, round and statement.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete=_CASCADE), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), primary_key=True, index=True)
    question_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    option_id: Mapped[str] = mapped_column(String(MAX_IDENT))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class PerspectiveChoice(Base):
    """A handelingsperspectief the trio takes with them ("nemen we mee")."""

    __tablename__ = "perspective_choice"

    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), primary_key=True, index=True)
    perspective_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    chosen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Action(Base):
    """An action the trio wrote down themselves in a round, and how it stood at the next round."""

    __tablename__ = "action"
    __table_args__ = (
        CheckConstraint(
            "status IS NULL OR status IN ('gedaan', 'bezig', 'niet_gelukt', 'losgelaten')", name="ck_action_status"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), index=True)
    what: Mapped[str] = mapped_column(String(MAX_ACTION_WHAT))
    who: Mapped[str] = mapped_column(String(MAX_ACTION_WHO), default="")
    when_text: Mapped[str] = mapped_column(String(MAX_ACTION_WHEN), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # The follow-up at a later round: NULL until the trio gives it.
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reflection: Mapped[str] = mapped_column(String(MAX_REFLECTION), default="", server_default="")
    followed_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Leervraag(Base):
    """One of the one to three questions a trio wants to learn about during the traject."""

    __tablename__ = "leervraag"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(MAX_LEERVRAAG))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class LeervraagNote(Base):
    """What a trio knows now about a leervraag, written at a later round."""

    __tablename__ = "leervraag_note"

    leervraag_id: Mapped[int] = mapped_column(ForeignKey("leervraag.id", ondelete=_CASCADE), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), primary_key=True, index=True)
    text: Mapped[str] = mapped_column(String(MAX_LEERVRAAG_NOTE))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


# One row, from before Alembic (alembic_version now holds the revision): 1 at the baseline, 2 past it,
# so that a Rolwijzer from before Alembic refuses a schema it does not know (see storage.migrations).
schema_version = Table(
    "schema_version",
    Base.metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
)
