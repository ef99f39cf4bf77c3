"""Two Streamlit servers on one PostgreSQL database: an answer given on replica A shows on B's wall.

    scripts/with_postgres.sh .venv/bin/python -m bench.replicas [--database-url URL] [--no-record]

A fresh database is made on the server of ``TEST_DATABASE_URL`` (or ``--database-url``'s server) and
dropped afterwards. Two ``streamlit run app.py`` processes (replicas A and B) use it. A werkplaats has two
trios with full answers and a third trio whose one member has not answered yet.

- On B a facilitator logs in and keeps the wall open; its fragment reruns every 3 s like the browser's timer.
- On A the member answers one x and one y statement for *nu* over the websocket protocol: the trio's
  point must appear on B's wall in the first fragment run that starts after A's rerun finished, at
  exactly the position ``scoring.score`` gives for those answers.
- The member then changes the x answer on A: the point must move there in B's next refresh.

Prints PASS or FAIL (and records it in bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.client import StreamlitClient, button_group_value, facilitator_open_wall, wall_points
from bench.report import append_results, mark_code_at_start, table
from bench.seed import content_model, fresh_postgres_database, seed_werkplaats
from bench.server import Server
from bench.stats import ms

TOLERANCE = 1e-6


@dataclass
class WallRun:
    sent: float
    finished: float
    points: dict[str, tuple[float, float]]


@dataclass
class Wall:
    runs: list[WallRun] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def keep_wall_open(client: StreamlitClient, wall: Wall, stop: asyncio.Event, limit: float) -> None:
    fragment_id, interval = next(iter(client.auto_rerun.items()))
    deadline = time.perf_counter() + limit
    next_tick = time.perf_counter() + interval
    while not stop.is_set() and time.perf_counter() < deadline:
        await asyncio.sleep(max(0.0, next_tick - time.perf_counter()))
        sent = time.perf_counter()
        result = await client.rerun(fragment_id=fragment_id, is_auto_rerun=True)
        wall.errors += result.errors
        if result.status is not None and "wall_quadrant" in client.charts:
            wall.runs.append(WallRun(sent, time.perf_counter(), wall_points(client.chart("wall_quadrant"))))
        next_tick += interval
        while next_tick < time.perf_counter():
            next_tick += interval


async def first_run_after(wall: Wall, moment: float, timeout: float) -> WallRun | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for run in wall.runs:
            if run.sent > moment:
                return run
        await asyncio.sleep(0.05)
    return None


def close_to(point: tuple[float, float] | None, expected: tuple[float, float]) -> bool:
    return point is not None and all(math.isclose(a, b, abs_tol=TOLERANCE) for a, b in zip(point, expected, strict=True))


async def scenario(a: Server, b: Server, token: str, letter: str, model: Any) -> tuple[list[list[str]], bool, list[str]]:
    import scoring

    x_q, y_q = model.questions_on("x")[0], model.questions_on("y")[0]
    facilitator = StreamlitClient(b.ws_url, name="facilitator@B")
    member = StreamlitClient(a.ws_url, name="member@A")
    errors: list[str] = []
    rows: list[list[str]] = []
    wall = Wall()
    stop = asyncio.Event()
    await facilitator.connect()
    await member.connect()
    try:
        for run in await facilitator_open_wall(facilitator):
            errors += run.errors
        ticker = asyncio.create_task(keep_wall_open(facilitator, wall, stop, limit=90))
        before = await first_run_after(wall, time.perf_counter(), timeout=10)
        absent = before is not None and letter not in before.points
        rows.append([f"before: trio {letter} not on B's wall", f"{len(before.points) if before else '–'} points",
                     "PASS" if absent else "FAIL"])

        first = await member.rerun(page_name="vragenlijst", query_string=f"m={token}")
        errors += first.errors
        controls = member.widget_ids_with_prefix("answer_nu_")
        steps = [({x_q.id: 1, y_q.id: 5}, "appears"), ({x_q.id: 5, y_q.id: 5}, "moves")]
        answers: dict[str, int] = {}
        passed = absent
        for wanted, what in steps:
            for question_id, value in wanted.items():
                if answers.get(question_id) == value:
                    continue
                element_id = controls[f"answer_nu_{question_id}"]
                result = await member.rerun(set_values={element_id: button_group_value(element_id, str(value))})
                errors += result.errors
                answers[question_id] = value
            saved_at = time.perf_counter()
            expected_score = scoring.score(model, answers)
            expected = (float(expected_score.x), float(expected_score.y))
            seen = await first_run_after(wall, saved_at, timeout=15)
            point = seen.points.get(letter) if seen else None
            ok = close_to(point, expected)
            passed = passed and ok
            delay = ms(seen.finished - saved_at) if seen else "–"
            rows.append([
                f"trio {letter} {what} on B in the first refresh after A saved",
                f"expected ({expected[0]:+.3f}, {expected[1]:+.3f}), B shows "
                + (f"({point[0]:+.3f}, {point[1]:+.3f})" if point else "nothing") + f", visible after {delay}",
                "PASS" if ok else "FAIL",
            ])
        stop.set()
        await ticker
    finally:
        await member.close()
        await facilitator.close()
    errors += wall.errors
    return rows, passed and not errors, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.replicas", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL URL whose server gets the fresh database "
                        "(default: TEST_DATABASE_URL from scripts/with_postgres.sh)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    base = args.database_url or os.environ.get("TEST_DATABASE_URL")
    if not base or not base.startswith(("postgresql", "postgres")):
        parser.error("needs PostgreSQL: run under scripts/with_postgres.sh or pass --database-url postgresql://…")

    import storage
    from results import letter_for

    model = content_model()
    workdir = Path(tempfile.mkdtemp(prefix="rolwijzer-bench-replicas-"))
    with fresh_postgres_database(base) as url:
        engine = storage.get_engine(url)
        seeded = seed_werkplaats(engine, trios=2, answered=True, name="Bench replicas")
        trio = storage.create_trio(engine, werkplaats_id=seeded.werkplaats.id, municipality="Gemeente Replica")
        member = storage.create_member(engine, trio_id=trio.id, role="wijkambtenaar")
        letter = letter_for(2)
        a = Server("app.py", database_url=url, workdir=workdir)
        b = Server("app.py", database_url=url, workdir=workdir)
        try:
            a.launch()
            b.launch()
            a.wait_healthy()
            b.wait_healthy()
            rows, passed, errors = asyncio.run(scenario(a, b, member.token, letter, model))
        finally:
            a.stop()
            b.stop()
            storage.db._engines.clear()
            engine.dispose()

    verdict_text = "PASS" if passed else "FAIL"
    body = table(["check", "observed", "result"], rows)
    body += f"\n\n**{verdict_text}**: an answer given on replica A is on replica B's wall within one refresh."
    if errors:
        body += "\n\nErrors: " + "; ".join(errors[:5])
    body += (
        f"\n\nSettings: two servers, each {Server.describe()}, on one fresh PostgreSQL database; the member answers "
        "on A over the websocket protocol, the wall on B refreshes every 3 s (fragment reruns, like the browser's timer)."
    )
    print()
    print(body)
    print(verdict_text)
    if not args.no_record:
        append_results("bench.replicas: two servers, one PostgreSQL database", body)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
