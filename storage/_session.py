"""Plumbing shared by the storage modules: transactions, retries, UTC moments and free codes.

Private to ``storage``: callers outside use the functions of the entity modules
(re-exported by :mod:`storage`), which never hand out a session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.codes import new_code
from storage.db import translate_errors
from storage.models import Trio, Werkplaats

_T = TypeVar("_T")

# A fresh code collides with an existing one about once in 244 million tries per
# stored code; a handful of attempts is plenty, and more would hide a bug.
CODE_ATTEMPTS = 10
# Inserts retried after a unique-constraint race (two new codes or tokens at once).
INSERT_ATTEMPTS = 3
# Codes checked per ``IN (...)`` query, well below every database's parameter limit.
_IN_CHUNK = 500


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One short transaction: committed when the block ends, rolled back on an error."""
    with translate_errors(engine), Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def retry_on_conflict(insert_once: Callable[[], _T]) -> _T:
    """Run ``insert_once`` again when a concurrent insert took the same code or token."""
    for attempt in range(INSERT_ATTEMPTS):
        try:
            return insert_once()
        except IntegrityError:
            if attempt == INSERT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; SQLite hands back naive datetimes, and everything is stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def dialect_insert(session: Session, table: type[Any]) -> Any:
    """``INSERT`` with the dialect's ``ON CONFLICT`` support (SQLite and PostgreSQL alike)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def free_codes(session: Session, count: int) -> list[str]:
    """``count`` distinct codes that no werkplaats and no trio uses yet.

    One set of codes for both, so one input field can accept either.
    """
    codes: list[str] = []
    for _ in range(CODE_ATTEMPTS):
        wanted = count - len(codes)
        candidates = [c for c in dict.fromkeys(new_code() for _ in range(wanted)) if c not in codes]
        taken: set[str] = set()
        for start in range(0, len(candidates), _IN_CHUNK):
            chunk = candidates[start : start + _IN_CHUNK]
            taken.update(session.scalars(select(Werkplaats.join_code).where(Werkplaats.join_code.in_(chunk))))
            taken.update(session.scalars(select(Trio.code).where(Trio.code.in_(chunk))))
        codes.extend(c for c in candidates if c not in taken)
        if len(codes) == count:
            return codes
    raise RuntimeError("no free code found; is the code alphabet too small?")


def free_code(session: Session) -> str:
    """One code used by no werkplaats and no trio."""
    return free_codes(session, 1)[0]
