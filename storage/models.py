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
    MAX_MUNICIPALITY,
    MAX_WERKPLAATS_NAME,
)

_CASCADE = "CASCADE"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Werkplaats(Base):
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


class Trio(Base):
    __tablename__ = "trio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    werkplaats_id: Mapped[int] = mapped_column(ForeignKey("werkplaats.id", ondelete=_CASCADE), index=True)
    municipality: Mapped[str] = mapped_column(String(MAX_MUNICIPALITY))
    casus: Mapped[str] = mapped_column(String(MAX_CASUS), default="")
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Member(Base):
    __tablename__ = "member"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), index=True)
    role: Mapped[str] = mapped_column(String(MAX_IDENT))
    display_name: Mapped[str] = mapped_column(String(MAX_DISPLAY_NAME), default="")
    # The level the member works at (a content ``levels`` id such as "uitvoering"); NULL when not given.
    level: Mapped[str | None] = mapped_column(String(MAX_IDENT), nullable=True)
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (CheckConstraint("frame IN ('nu', 'gewenst')", name="ck_answer_frame"),)

    # The primary key is the upsert key: one answer per member, statement and frame.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete=_CASCADE), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    frame: Mapped[str] = mapped_column(String(8), primary_key=True)
    value: Mapped[int | None] = mapped_column(Integer, nullable=True)  # NULL is "weet ik niet"
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class InfluenceChoice(Base):
    """Who a member thinks can change a statement: one of the content's ``influence.options``."""

    __tablename__ = "influence_choice"

    # The primary key is the upsert key: one choice per member and statement.
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete=_CASCADE), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    option_id: Mapped[str] = mapped_column(String(MAX_IDENT))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class PerspectiveChoice(Base):
    """A handelingsperspectief the trio takes with them ("nemen we mee")."""

    __tablename__ = "perspective_choice"

    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), primary_key=True)
    perspective_id: Mapped[str] = mapped_column(String(MAX_IDENT), primary_key=True)
    chosen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class Action(Base):
    """An action the trio wrote down themselves."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trio_id: Mapped[int] = mapped_column(ForeignKey("trio.id", ondelete=_CASCADE), index=True)
    what: Mapped[str] = mapped_column(String(MAX_ACTION_WHAT))
    who: Mapped[str] = mapped_column(String(MAX_ACTION_WHO), default="")
    when_text: Mapped[str] = mapped_column(String(MAX_ACTION_WHEN), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


# One row, from before Alembic (alembic_version now holds the revision): 1 at the baseline, 2 past it,
# so that a Rolwijzer from before Alembic refuses a schema it does not know (see storage.migrations).
schema_version = Table(
    "schema_version",
    Base.metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
)
