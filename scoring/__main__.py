"""``python -m scoring validate [DIR]``: check a content folder."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from scoring.errors import ContentError
from scoring.loader import load_model


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring", description="Rolwijzer content tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a content folder (default: content/)")
    check.add_argument("directory", nargs="?", default="content")
    args = parser.parse_args(argv)

    try:
        model = load_model(args.directory)
    except ContentError as exc:
        count = len(exc.problems)
        print(f"{args.directory}: {count} probleem/problemen gevonden:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    per_axis = {axis: len(model.questions_on(axis)) for axis in ("x", "y")}
    optional = ""
    if model.influence is not None:
        optional += f", invloedsvraag met {len(model.influence.options)} keuzes"
    if model.levels:
        optional += f", {len(model.levels)} niveaus"
    print(
        f"{args.directory}: geldig: '{model.title}', {len(model.questions)} stellingen "
        f"(x: {per_axis['x']}, y: {per_axis['y']}), {len(model.perspectives)} handelingsperspectieven, "
        f"{len(model.transitions)} overgangen{optional}, versie {model.content_hash}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
