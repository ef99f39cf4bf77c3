"""Database tools.

``python -m storage init`` creates or upgrades the schema (to the newest Alembic revision),
``python -m storage demo`` adds a demo werkplaats, and ``python -m storage revision -m "..."``
writes a new migration for developers (see :mod:`storage.migrations`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url

from settings import configure_logging
from storage.codes import format_code
from storage.db import database_url, describe_location, get_engine, stored_schema_version
from storage.demo import DEFAULT_CONTENT_DIR, DEFAULT_SEED, DEMO_NAME, create_demo_werkplaats
from storage.demo_traject import DEMO_TRAJECT_NAME, create_demo_traject
from storage.errors import StorageUnavailable
from storage.migrations import new_revision
from storage.werkplaatsen import list_werkplaatsen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage", description="Rolwijzer database tools")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="create or upgrade the schema (DATABASE_URL or data/rolwijzer.db)")
    revision = commands.add_parser(
        "revision", help="for developers: write a new migration in storage/migrations/versions/"
    )
    revision.add_argument("-m", "--message", required=True, help="what the migration changes, in a few words")
    revision.add_argument(
        "--autogenerate",
        action="store_true",
        help="fill it in by comparing the database (upgraded first) with storage/models.py",
    )
    demo = commands.add_parser("demo", help="add a demo werkplaats with fictitious trios and answers")
    demo.add_argument("--content", default=str(DEFAULT_CONTENT_DIR), help="content folder (default: content/)")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    demo.add_argument(
        "--if-empty", action="store_true", help="only when the database has no werkplaats yet (used by `make run`)"
    )
    args = parser.parse_args(argv)
    configure_logging()

    url = database_url()
    location = describe_location(make_url(url))
    try:
        engine = get_engine(url)
        if args.command == "init":
            print(f"Database klaar: {location} (schemaversie {stored_schema_version(engine)}).")
            return 0
        if args.command == "revision":
            with engine.connect() as conn:
                path = new_revision(args.message, autogenerate=args.autogenerate, connection=conn)
            print(f"Nieuwe migratie: {path}")
            print("Lees en verbeter hem, en test hem op SQLite en PostgreSQL (tests/test_migrations.py).")
            return 0
        if args.if_empty:
            existing = list_werkplaatsen(engine)
            demo_codes = [w.join_code for w in existing if w.name == DEMO_NAME]
            if existing:
                if demo_codes:
                    print(f"Demowerkplaats staat al klaar; deelnamecode: {format_code(demo_codes[-1])}")
                return 0
        werkplaats = create_demo_werkplaats(engine, model_dir=args.content, seed=args.seed)
        traject = create_demo_traject(engine, model_dir=args.content, seed=args.seed)
    except StorageUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Demowerkplaats aangemaakt in {location}.")
    print(f"Deelnamecode: {format_code(werkplaats.join_code)}")
    print(f"{DEMO_TRAJECT_NAME} aangemaakt met twee rondes; deelnamecode van ronde 2: {format_code(traject.second.join_code)}")
    print("Start de app (streamlit run app.py) en open de werkplaats met deze code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
