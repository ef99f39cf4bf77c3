"""One refresh of the facilitator wall with 5, 50 and 500 trios, from the database to the figure's JSON.

    python -m bench.wall_scaling [--sizes 5,50,500] [--runs 15] [--quick] [--database-url URL]
                                 [--profile] [--no-record]

One refresh is what the wall fragment (``app_pages/muur.py``, ``live_wall``) does every 3 seconds,
measured through the app's own public functions, without the Streamlit runtime:

1. what ``ui.reads.read_werkplaats_groups`` does: ``storage.werkplaats_members`` +
   ``storage.werkplaats_answers`` (two queries, "queries"), then ``results.werkplaats_groups``
   (``results.trio_result`` per trio, "scoring");
2. ``charts.quadrant.wall_figure`` for the ``WallEntry`` list (one ``WallEntry`` per group, as the page
   makes them);
3. the figure's JSON as ``st.plotly_chart`` makes it (``plotly.tools.return_figure_from_figure_or_data``
   with ``validate_figure=True``, then ``plotly.io.to_json(validate=False)``; ``fig.to_json()`` alone is
   timed too, outside the refresh).

Not timed: the table beside the figure (rows, ``pandas.DataFrame``, sort by disagreement). It is built
inline in ``live_wall`` in ``app_pages/muur.py``, a page script that cannot be imported without running
the page, and this benchmark does not keep a copy of page code. ``bench.rerun`` times the whole wall
page (table and Streamlit elements included) in AppTest; the last copy measured here took 6 ms at
500 trios (bench/RESULTS.md, 04:01).

All sizes live in one SQLite file (or ``--database-url``); trios of 3 members with full answers,
seeded with ``storage.save_answers``. The sizes take turns in every round, so noise hits them alike.

Targets: 50 trios ≤ 250 ms (median); 500 trios ≤ 4x the 50-trio median. When a target is missed
(or with ``--profile``) the 500-trio refresh is profiled with pyinstrument into ``bench/profiles/``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.paths import REPO_ROOT
from bench.profiling import hotspots, save_profile
from bench.report import append_results, mark_code_at_start, table, verdict
from bench.seed import content_model, describe_db, fresh_postgres_database, seed_werkplaats
from bench.stats import Dist, ms

TARGET_50_MS = 250
TARGET_SCALING = 4.0
MIN_RUNS = 3
SLOW_WARMUP_SKIP = 5.0  # seconds: a refresh slower than this is warm enough and is measured straight away
PROFILE_LIMIT = 15.0  # seconds: slower refreshes are only profiled with --profile-slow
PHASES = ("queries", "scoring", "figure", "json (st.plotly_chart)")


@dataclass
class Timings:
    total: list[float] = field(default_factory=list)
    phases: dict[str, list[float]] = field(default_factory=lambda: {p: [] for p in PHASES})
    to_json: list[float] = field(default_factory=list)


def plotly_chart_json(figure: Any) -> str:
    """The spec ``st.plotly_chart`` sends for a figure (streamlit/elements/plotly_chart.py, Streamlit 1.67)."""
    import plotly.io
    import plotly.tools

    checked = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return str(plotly.io.to_json(checked, validate=False))


def refresh(engine: Any, model: Any, werkplaats_id: int) -> dict[str, Any]:
    """One wall refresh through the app's public functions (see the module docstring); seconds per phase."""
    import storage
    from charts.quadrant import Style, WallEntry, wall_figure
    from results import werkplaats_groups

    t0 = time.perf_counter()
    trios = storage.werkplaats_members(engine, werkplaats_id)
    answers = storage.werkplaats_answers(engine, werkplaats_id)
    t1 = time.perf_counter()
    groups = werkplaats_groups(model, trios, answers)
    t2 = time.perf_counter()
    figure = wall_figure(model, [WallEntry(label=g.label(False), result=g.result) for g in groups], Style(height=640))
    t3 = time.perf_counter()
    spec = plotly_chart_json(figure)
    t4 = time.perf_counter()
    assert groups and spec
    return {
        "queries": t1 - t0,
        "scoring": t2 - t1,
        "figure": t3 - t2,
        "json (st.plotly_chart)": t4 - t3,
        "total": t4 - t0,
        "_figure_obj": figure,
    }


HOTSPOTS = (
    ("storage/answers.py werkplaats_answers (one query, nested dicts)", "werkplaats_answers", "storage/answers.py"),
    ("storage/trios.py werkplaats_members (one query, ORM entities)", "werkplaats_members", "storage/trios.py"),
    ("results/wall.py werkplaats_groups", "werkplaats_groups", "results/wall.py"),
    ("· results/trio.py trio_result (per trio)", "trio_result", "results/trio.py"),
    ("·· scoring/groups.py group_result", "group_result", "scoring/groups.py"),
    ("··· scoring/groups.py member_result (clean_answers + score per member)", "member_result", "scoring/groups.py"),
    ("··· scoring/engine.py aggregate (trio mean and spread)", "aggregate", "scoring/engine.py"),
    ("···· scoring/engine.py _pstdev (floats, math.fsum)", "_pstdev", "scoring/engine.py"),
    ("·· results/labels.py member_labels", "member_labels", "results/labels.py"),
    ("charts/quadrant.py wall_figure", "wall_figure", "charts/quadrant.py"),
    ("plotly.tools.return_figure_from_figure_or_data (st.plotly_chart's copy)", "return_figure_from_figure_or_data",
     "plotly/tools.py"),
    ("plotly.io.to_json (st.plotly_chart's JSON)", "to_json", "plotly/io/_json.py"),
)


def profile_refresh(engine: Any, model: Any, werkplaats_id: int, size: int, runs: int) -> tuple[Path, str]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(runs):
        refresh(engine, model, werkplaats_id)
    profiler.stop()
    html = save_profile(profiler, f"wall_scaling_{size}")
    total, shares = hotspots(profiler, ("refresh", "bench/wall_scaling.py"), HOTSPOTS)
    summary = f"Where a {size}-trio refresh goes ({total:.1f} s sampled in {runs} refreshes):\n\n" + table(
        ["part", "share"], [[label, f"{100 * share:.0f}%"] for label, _, share in shares]
    )
    return html, summary


def run(
    database_url: str, sizes: list[int], runs: int, warmup: int, budget: float, profile: bool,
    profile_slow: bool = False,
) -> tuple[str, bool]:
    import plotly.io

    import storage

    engine = storage.get_engine(database_url)
    model = content_model()

    seeded: dict[int, int] = {}
    started = time.perf_counter()
    for size in sizes:
        seeded[size] = seed_werkplaats(engine, trios=size, answered=True, seed=size, name=f"Bench muur {size}").werkplaats.id
    seed_seconds = time.perf_counter() - started
    print(f"seeded {sum(sizes)} trios ({3 * sum(sizes)} members, full answers) in {seed_seconds:.1f} s")

    timings = {size: Timings() for size in sizes}
    spent = dict.fromkeys(sizes, 0.0)
    warm = dict.fromkeys(sizes, 0)

    def wanted(size: int) -> bool:
        n = len(timings[size].total)
        if warm[size] < warmup:
            return True
        return n < runs and (n < MIN_RUNS or spent[size] < budget)

    round_ = 0
    while any(wanted(size) for size in sizes) and round_ < warmup + runs:
        shift = round_ % len(sizes)
        round_ += 1
        for size in sizes[shift:] + sizes[:shift]:
            if not wanted(size):
                continue
            result = refresh(engine, model, seeded[size])
            figure = result.pop("_figure_obj")
            t0 = time.perf_counter()
            plotly.io.to_json(figure)  # what fig.to_json() costs (validation on, no copy)
            to_json = time.perf_counter() - t0
            if warm[size] < warmup and result["total"] < SLOW_WARMUP_SKIP:
                warm[size] += 1
                continue
            warm[size] = warmup  # a refresh this slow is warm enough: measure it
            spent[size] += result["total"]
            timings[size].total.append(result["total"])
            timings[size].to_json.append(to_json)
            for phase in PHASES:
                timings[size].phases[phase].append(result[phase])
        print(f"round {round_}: " + ", ".join(f"{s} trios n={len(timings[s].total)}" for s in sizes), flush=True)

    medians = {size: Dist.of(timings[size].total).median for size in sizes}
    rows = []
    for size in sizes:
        d = Dist.of(timings[size].total)
        phase_text = " · ".join(f"{p} {ms(Dist.of(timings[size].phases[p]).median)}" for p in PHASES)
        rows.append([size, d.n, ms(d.median), ms(d.p95), ms(d.max), phase_text, ms(Dist.of(timings[size].to_json).median)])
    body = table(["trios", "runs", "median", "p95", "max", "median per phase", "fig.to_json() alone"], rows)

    checks: list[tuple[str, bool, str]] = []
    if 50 in medians:
        ok50 = medians[50] * 1000 <= TARGET_50_MS
        checks.append((f"50 trios ≤ {TARGET_50_MS} ms (median)", ok50, ms(medians[50])))
    if 50 in medians and 500 in medians:
        ratio = medians[500] / medians[50]
        checks.append((f"500 trios ≤ {TARGET_SCALING:g}x 50 trios (median)", ratio <= TARGET_SCALING, f"{ratio:.2f}x"))
    ratio_rows = []
    for small, big in itertools.pairwise(sizes):
        ratio_rows.append(f"{big}/{small} trios: {medians[big] / medians[small]:.2f}x (size ratio {big / small:g}x)")
    body += "\n\nScaling (median ratios): " + "; ".join(ratio_rows) + "."
    body += "\n\n" + table(["target", "measured", "verdict"], [[name, value, verdict(ok)] for name, ok, value in checks])
    all_ok = all(ok for _, ok, _ in checks)

    if profile or not all_ok:
        for size in sorted({s for s in sizes if s in (50, max(sizes))}):
            if medians[size] > PROFILE_LIMIT and not profile_slow:
                body += (
                    f"\n\n{size} trios not profiled (one refresh takes {medians[size]:.0f} s; `--profile-slow` does it): "
                    f"the phases above and the 50-trio profile show where the time goes."
                )
                continue
            times = max(1, min(5, int(20 / max(medians[size], 0.01))))
            html, summary = profile_refresh(engine, model, seeded[size], size, runs=times)
            body += f"\n\nProfile of {times} refresh(es) of {size} trios: `{html.relative_to(REPO_ROOT)}` (+ `.txt`)."
            body += "\n\n" + summary
    short = [f"{s} trios: {len(timings[s].total)}" for s in sizes if len(timings[s].total) < runs]
    if short:
        body += (
            f"\n\nFewer than {runs} runs where one refresh is so slow that {runs} would exceed the "
            f"{budget:.0f} s budget per size (at least {MIN_RUNS}): " + ", ".join(short) + "."
        )
    body += (
        "\n\nMeasured through the app's public functions, as `ui.reads.read_werkplaats_groups` calls them: "
        "queries = `storage.werkplaats_members` + `werkplaats_answers`, scoring = `results.werkplaats_groups`; "
        "`charts.quadrant.wall_figure`, and the JSON `st.plotly_chart` makes "
        "(`plotly.tools.return_figure_from_figure_or_data(validate_figure=True)` + `plotly.io.to_json`). "
        "The wall's table is not in these figures: it is built inline in `app_pages/muur.py` (`live_wall`), "
        "which cannot be called without running the page; `bench.rerun` times the whole wall page."
    )
    body += (
        f"\n\nSettings: {describe_db(database_url)}; {runs} runs per size after {warmup} warm-up, sizes interleaved "
        f"per round; trios of 3 members with full answers (nu and gewenst); seeding took {seed_seconds:.0f} s; "
        f"wall clock {time.perf_counter() - started:.0f} s."
    )
    return body, all_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.wall_scaling", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,50,500", help="trio counts, comma separated (default 5,50,500)")
    parser.add_argument("--runs", type=int, default=15, help="measured refreshes per size (default 15, at least 10)")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds of measured refreshes per size before stopping early (min 3 runs; default 60)")
    parser.add_argument("--profile-slow", action="store_true",
                        help=f"also profile sizes whose refresh takes more than {PROFILE_LIMIT:g} s")
    parser.add_argument("--quick", action="store_true", help="sizes 5,50,200 and 10 runs")
    parser.add_argument("--database-url", help="use this database instead of a fresh SQLite file")
    parser.add_argument("--database-url-from-env", action="store_true",
                        help="a fresh database on the PostgreSQL server of TEST_DATABASE_URL")
    parser.add_argument("--profile", action="store_true", help="always profile the largest size")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    sizes = [int(s) for s in ("5,50,200" if args.quick and args.sizes == "5,50,500" else args.sizes).split(",")]
    runs = min(args.runs, 10) if args.quick else args.runs
    if runs < 1 or any(s < 1 for s in sizes):
        parser.error("--runs and sizes must be at least 1")

    import os

    if args.database_url_from_env:
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            parser.error("TEST_DATABASE_URL is not set (run under scripts/with_postgres.sh)")
        with fresh_postgres_database(base) as url:
            body, _ok = run(url, sizes, runs, args.warmup, args.budget, args.profile, args.profile_slow)
    else:
        url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='rolwijzer-bench-wall-')) / 'bench.db'}"
        body, _ok = run(url, sizes, runs, args.warmup, args.budget, args.profile, args.profile_slow)
    print()
    print(body)
    if not args.no_record:
        append_results("bench.wall_scaling: one wall refresh, 5 / 50 / 500 trios", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
