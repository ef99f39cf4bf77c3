"""Alembic's environment script: Alembic runs it for every command; nothing imports it.

Rolwijzer always hands Alembic an open connection (``config.attributes["connection"]``,
set by :func:`storage.migrations.alembic_config`), inside the transaction that holds the
schema lock, so migrations run in that transaction and under that lock. There is no
``alembic.ini`` and no offline (``--sql``) mode. SQLite runs in batch mode
(``render_as_batch``): it cannot alter a column in place, so Alembic copies the table.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.models import Base


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if context.is_offline_mode() or not isinstance(connection, Connection):
        raise RuntimeError(
            "Rolwijzer runs migrations only on an open connection: start the app, "
            "or use `python -m storage init` or `python -m storage revision`."
        )
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


# Alembic runs this file as a script of its own; importing it as storage.migrations.env (as tools
# that walk the package do) must not start anything.
if __name__ != "storage.migrations.env":
    run_migrations()
