"""``python -m storage init`` creates the schema; ``python -m storage demo`` adds a demo werkplaats."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.engine import make_url

from settings import configure_logging
from storage.codes import format_code
from storage.db import database_url, describe_location, get_engine, stored_schema_version
from storage.demo import DEFAULT_CONTENT_DIR, DEFAULT_SEED, DEMO_NAME, create_demo_werkplaats
from storage.errors import StorageUnavailable
from storage.werkplaatsen import list_werkplaatsen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storage", description="Rolwijzer database tools")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="create or upgrade the schema (DATABASE_URL or data/rolwijzer.db)")
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
        if args.if_empty:
            existing = list_werkplaatsen(engine)
            demo_codes = [w.join_code for w in existing if w.name == DEMO_NAME]
            if existing:
                if demo_codes:
                    print(f"Demowerkplaats staat al klaar; deelnamecode: {format_code(demo_codes[-1])}")
                return 0
        werkplaats = create_demo_werkplaats(engine, model_dir=args.content, seed=args.seed)
    except StorageUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Demowerkplaats aangemaakt in {location}.")
    print(f"Deelnamecode: {format_code(werkplaats.join_code)}")
    print("Start de app (streamlit run app.py) en open de werkplaats met deze code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
