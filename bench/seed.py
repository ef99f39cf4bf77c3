"""Setup data for the benchmarks (never measured): a fresh PostgreSQL database, a seeded werkplaats."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bench.paths import CONTENT_DIR

ROLES = ("wijkambtenaar", "sociaal", "fysiek")


@dataclass(frozen=True)
class SeededTrio:
    trio: Any  # storage.TrioRecord
    members: tuple[Any, ...]  # storage.MemberRecord


@dataclass(frozen=True)
class Seeded:
    werkplaats: Any  # storage.WerkplaatsRecord
    trios: tuple[SeededTrio, ...]

    @property
    def members(self) -> list[Any]:
        return [m for t in self.trios for m in t.members]


def random_answers(model: Any, rng: random.Random, dont_know_rate: float = 0.05) -> dict[str, int | None]:
    return {
        q.id: (None if rng.random() < dont_know_rate else rng.randint(1, model.scale.points)) for q in model.questions
    }


def seed_werkplaats(
    engine: Any, *, trios: int, members_per_trio: int = 3, answered: bool, seed: int = 1, name: str = "Bench"
) -> Seeded:
    """A werkplaats with ``trios`` trios of ``members_per_trio`` members; full answers when ``answered``.

    Setup only (not measured): answers go in with ``storage.save_answers``, one transaction per member and frame.
    """
    import scoring
    import storage

    content = scoring.snapshot(CONTENT_DIR)
    model = scoring.load_model_from_texts(content.files)
    rng = random.Random(seed)
    werkplaats = storage.create_werkplaats(engine, name=name, held_on=dt.date.today(), content=content)
    made: list[SeededTrio] = []
    for t in range(trios):
        trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=f"Gemeente Bench {t + 1:03d}")
        members = []
        for i in range(members_per_trio):
            member = storage.create_member(engine, trio_id=trio.id, role=ROLES[i % len(ROLES)])
            members.append(member)
            if answered:
                for frame in ("nu", "gewenst"):
                    storage.save_answers(engine, member_id=member.id, frame=frame, answers=random_answers(model, rng))
        made.append(SeededTrio(trio=trio, members=tuple(members)))
    return Seeded(werkplaats=werkplaats, trios=tuple(made))


def content_model() -> Any:
    import scoring

    return scoring.load_model(CONTENT_DIR)


# --- PostgreSQL: a fresh database per run ---------------------------------------------


@contextlib.contextmanager
def fresh_postgres_database(base_url: str) -> Iterator[str]:
    """Create an empty database on the server of ``base_url``, yield its URL, drop it afterwards."""
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    import storage

    url = make_url(storage.db.normalise_url(base_url))
    name = f"rolwijzer_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        storage.db._engines.clear()  # drop our pooled connections before DROP DATABASE
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def describe_db(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return "SQLite file" if parsed.get_backend_name() == "sqlite" else f"PostgreSQL ({parsed.database})"
