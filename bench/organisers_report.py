"""The organisers' report of a whole leertraject: reading it, the PDF and the Excel workbook, for 10 and 50 trios.

    python -m bench.organisers_report [--sizes 10,50] [--rounds 3] [--runs 5] [--quick] [--no-record]

What a click on *Rapport voor organisatoren (PDF)* or *(Excel)* on the Werkplaatsen page does, through the
app's own functions, without the Streamlit runtime:

1. "read": ``ui.programme_read.traject_programme`` with a new result cache (every round read and scored:
   trios and answers, influence choices, perspectives, actions, leervragen and bestuurders per round);
2. "pdf": ``reports.organisers.pdf.build_organisers_pdf`` (fpdf2, charts drawn without a browser);
3. "excel": ``reports.organisers.excel.build_organisers_workbook``.

Each size is one leertraject in one SQLite file: ``--rounds`` rounds of trios of three members who answer
every statement anew in each round, with three leervragen and a note on each per later round, two actions
per round (followed up in the next), a chosen perspective per round, and a bestuurder who answers for
every other trio. Setup is not timed.

Target: at 50 trios and 3 rounds, read + PDF and read + Excel each ≤ 5 s (median): a download a facilitator
waits for, at a table of organisers, not in front of a room.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.paths import CONTENT_DIR
from bench.report import append_results, mark_code_at_start, table, verdict
from bench.seed import ROLES, random_answers
from bench.stats import Dist, ms

TARGET_S = 5.0
TARGET_TRIOS = 50
PHASES = ("read", "pdf", "excel")


def seed_traject(engine: Any, trios: int, rounds: int, seed: int = 1) -> int:
    """A leertraject of ``rounds`` rounds with ``trios`` trios (see the module docstring); its id."""
    import scoring
    import storage

    content = scoring.snapshot(CONTENT_DIR)
    model = scoring.load_model_from_texts(content.files)
    rng = random.Random(seed)
    traject = storage.create_traject(engine, name=f"Bench-leertraject {trios} trio's")
    day = dt.date(2027, 3, 1)
    members: dict[int, list[Any]] = {}
    for number in range(1, rounds + 1):
        werkplaats = storage.create_werkplaats(engine, name=f"Werkplaats {number}", content=content,
                                               held_on=day + dt.timedelta(days=60 * (number - 1)),
                                               traject_id=traject.id)
        if number == 1:
            for t in range(trios):
                trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=f"Gemeente {t + 1:03d}")
                members[trio.id] = [storage.create_member(engine, trio_id=trio.id, role=r) for r in ROLES]
                storage.set_leervragen(engine, trio_id=trio.id, texts=[f"Leervraag {i} van trio {t + 1}" for i in (1, 2, 3)])
                if t % 2 == 0:
                    members[trio.id].append(storage.invite_bestuurder(engine, trio_id=trio.id))
        for trio_id, people in members.items():
            for person in people:
                for frame in ("nu", "gewenst"):
                    storage.save_answers(engine, member_id=person.id, frame=frame, answers=random_answers(model, rng))
            if number > 1:
                earlier = storage.trio_rounds(engine, trio_id)[-2].werkplaats_id
                for action in storage.list_actions(engine, trio_id, round_id=earlier):
                    storage.follow_up_action(engine, trio_id=trio_id, action_id=action.id,
                                             status=rng.choice(["gedaan", "bezig", "niet_gelukt", "losgelaten"]),
                                             reflection="Een regel terugblik")
                for leervraag in storage.list_leervragen(engine, trio_id):
                    storage.save_leervraag_note(engine, trio_id=trio_id, leervraag_id=leervraag.id,
                                                text=f"Wat we nu weten, ronde {number}")
            for i in (1, 2):
                storage.add_action(engine, trio_id=trio_id, what=f"Actie {i} van ronde {number}", who="Anna")
            storage.set_perspective_choice(engine, trio_id=trio_id, chosen=True,
                                           perspective_id=rng.choice(model.perspectives).id)
    return int(traject.id)


def one_report(engine: Any, traject_id: int) -> dict[str, float]:
    from reports.organisers.excel import build_organisers_workbook
    from reports.organisers.pdf import build_organisers_pdf
    from results import ResultCache
    from ui.programme_read import traject_programme

    t0 = time.perf_counter()
    programme = traject_programme(engine, ResultCache(), traject_id)
    t1 = time.perf_counter()
    pdf = build_organisers_pdf(programme)  # type: ignore[arg-type]
    t2 = time.perf_counter()
    workbook = build_organisers_workbook(programme)  # type: ignore[arg-type]
    t3 = time.perf_counter()
    assert programme is not None and pdf.startswith(b"%PDF") and workbook[:2] == b"PK"
    return {"read": t1 - t0, "pdf": t2 - t1, "excel": t3 - t2}


def run(sizes: list[int], rounds: int, runs: int) -> tuple[str, bool]:
    import storage

    rows, ok = [], True
    for size in sizes:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rolwijzer-bench-report-')) / 'bench.db'}"
        engine = storage.make_engine(url)
        storage.init_schema(engine)
        started = time.perf_counter()
        traject_id = seed_traject(engine, size, rounds)
        print(f"{size} trios × {rounds} rounds seeded in {time.perf_counter() - started:.1f} s", flush=True)
        one_report(engine, traject_id)  # warm-up: imports, fonts, the content model cache
        timings: dict[str, list[float]] = {p: [] for p in (*PHASES, "read + pdf", "read + excel")}
        for _ in range(runs):
            t = one_report(engine, traject_id)
            for phase in PHASES:
                timings[phase].append(t[phase])
            timings["read + pdf"].append(t["read"] + t["pdf"])
            timings["read + excel"].append(t["read"] + t["excel"])
        for name, values in timings.items():
            d = Dist.of(values)
            checked = size == TARGET_TRIOS and name.startswith("read + ")
            met = d.median <= TARGET_S
            ok = ok and (met or not checked)
            rows.append([f"{size} trios × {rounds} rounds", name, ms(d.median), ms(d.p95), ms(d.max),
                         verdict(met) if checked else ""])
        engine.dispose()
    body = table(["leertraject", "part", "median", "p95", "max", f"target ≤ {TARGET_S:g} s"], rows)
    body += f"\n\n{runs} runs per size after one warm-up; SQLite; a new result cache per run."
    return body, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.organisers_report", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10,50", help="trio counts, comma separated (default 10,50)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="sizes 10,50 with 2 runs")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = 2 if args.quick else args.runs
    if runs < 1 or args.rounds < 1 or any(s < 1 for s in sizes):
        parser.error("--runs, --rounds and sizes must be at least 1")
    body, _ok = run(sizes, args.rounds, runs)
    print()
    print(body)
    if not args.no_record:
        append_results("bench.organisers_report: the organisers' report of a leertraject", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
