"""One refresh of the facilitator wall with 5, 50 and 500 trios, from the database to the figure's JSON.

    python -m bench.wall_scaling [--sizes 5,50,500] [--runs 15] [--quick] [--database-url URL]
                                 [--profile] [--no-record]

One refresh is what the wall fragment (``app_pages/muur.py``, ``live_wall``) does every 3 seconds,
measured through the app's own functions, without the Streamlit runtime:

1. "groups": ``ui.reads.werkplaats_groups_from``, what ``ui.reads.read_werkplaats_groups`` calls with the
   process's result cache: one query for every trio's version (``storage.werkplaats_trio_versions``),
   then for the trios whose version is not in the cache one read at one moment
   (``storage.trio_snapshots``) and ``results.trio_result`` each;
2. ``charts.quadrant.wall_figure`` for the ``WallEntry`` list (one ``WallEntry`` per group, as the page
   makes them);
3. the figure's JSON as ``st.plotly_chart`` makes it (``plotly.tools.return_figure_from_figure_or_data``
   with ``validate_figure=True``, then ``plotly.io.to_json(validate=False)``; ``fig.to_json()`` alone is
   timed too, outside the refresh).

Three kinds of refresh: the first after a start (an empty cache, so every trio is read and scored;
each run gets a new cache), and the steady state the wall is in for the rest of a workshop, with one
warm cache per size: a refresh when nothing changed, and a refresh after one answer (saved between the
two, not timed), which rebuilds that one trio.

Not timed: the table beside the figure (rows, ``pandas.DataFrame``, sort by disagreement). It is built
inline in ``live_wall`` in ``app_pages/muur.py``, a page script that cannot be imported without running
the page, and this benchmark does not keep a copy of page code. ``bench.rerun`` times the whole wall
page (table and Streamlit elements included) in AppTest; the last copy measured here took 6 ms at
500 trios (bench/RESULTS.md, 04:01).

All sizes live in one SQLite file (or ``--database-url``); trios of 3 members with full answers,
seeded with ``storage.save_answers``. The sizes take turns in every round, so noise hits them alike.

Targets: the first refresh, 50 trios ≤ 250 ms (median) and 500 trios ≤ 4x the 50-trio median; the
steady state (issue 14), 50 trios ≤ 50 ms and 500 trios ≤ 3x 50 trios, for both kinds. When a target is
missed (or with ``--profile``) the refreshes are profiled with pyinstrument into ``bench/profiles/``.
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
TARGET_STEADY_50_MS = 50
TARGET_STEADY_SCALING = 3.0
STEADY = ("unchanged", "one answer")
MIN_RUNS = 3
SLOW_WARMUP_SKIP = 5.0  # seconds: a refresh slower than this is warm enough and is measured straight away
PROFILE_LIMIT = 15.0  # seconds: slower refreshes are only profiled with --profile-slow
PHASES = ("groups", "figure", "json (st.plotly_chart)")


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


def refresh(engine: Any, model: Any, werkplaats_id: int, cache: Any = None) -> dict[str, Any]:
    """One wall refresh through the app's functions (see the module docstring); seconds per phase.

    Without ``cache``, the first refresh after a start: a new, empty cache.
    """
    from charts.quadrant import Style, WallEntry, wall_figure
    from results import ResultCache
    from ui.reads import werkplaats_groups_from

    t0 = time.perf_counter()
    groups = werkplaats_groups_from(engine, ResultCache() if cache is None else cache, model, werkplaats_id)
    t1 = time.perf_counter()
    figure = wall_figure(model, [WallEntry(label=g.label(False), result=g.result) for g in groups], Style(height=640))
    t2 = time.perf_counter()
    spec = plotly_chart_json(figure)
    t3 = time.perf_counter()
    assert groups and spec
    return {
        "groups": t1 - t0,
        "figure": t2 - t1,
        "json (st.plotly_chart)": t3 - t2,
        "total": t3 - t0,
        "_figure_obj": figure,
    }


HOTSPOTS = (
    ("ui/reads.py werkplaats_groups_from", "werkplaats_groups_from", "ui/reads.py"),
    ("· storage/versions.py werkplaats_trio_versions (one aggregate query)", "werkplaats_trio_versions",
     "storage/versions.py"),
    ("· storage/versions.py trio_snapshots (changed trios, one moment)", "trio_snapshots", "storage/versions.py"),
    ("· results/cache.py cached_werkplaats_groups", "cached_werkplaats_groups", "results/cache.py"),
    ("·· results/trio.py trio_result (per changed trio)", "trio_result", "results/trio.py"),
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


def profile_refresh(
    engine: Any, model: Any, werkplaats_id: int, size: int, runs: int, cache: Any = None
) -> tuple[Path, str]:
    """Profile ``runs`` first refreshes, or with a warm ``cache`` refreshes when nothing changed."""
    from pyinstrument import Profiler

    kind = "first" if cache is None else "unchanged"
    profiler = Profiler(interval=0.0005 if cache is None else 0.0002)
    profiler.start()
    for _ in range(runs):
        refresh(engine, model, werkplaats_id, cache)
    profiler.stop()
    html = save_profile(profiler, f"wall_scaling_{size}" + ("" if cache is None else "_unchanged"))
    total, shares = hotspots(profiler, ("refresh", "bench/wall_scaling.py"), HOTSPOTS)
    summary = f"Where a {size}-trio {kind} refresh goes ({total:.2f} s sampled in {runs} refreshes):\n\n" + table(
        ["part", "share"], [[label, f"{100 * share:.0f}%"] for label, _, share in shares]
    )
    return html, summary


@dataclass
class Steady:
    """Steady-state refreshes of one size: per kind, seconds per phase and trios rebuilt per refresh."""

    timings: dict[str, Timings] = field(default_factory=lambda: {k: Timings() for k in STEADY})
    rebuilt: dict[str, list[int]] = field(default_factory=lambda: {k: [] for k in STEADY})


def measure_steady(
    engine: Any, model: Any, werkplaatsen: dict[int, int], members: dict[int, list[Any]], runs: int
) -> tuple[dict[int, Steady], dict[int, Any]]:
    """``runs`` rounds per size (sizes interleaved): a refresh when nothing changed, then one answer
    (saved untimed, by a member who takes turns) and the refresh after it; one warm cache per size."""
    import storage
    from results import ResultCache

    sizes = list(werkplaatsen)
    caches = {size: ResultCache() for size in sizes}
    for size in sizes:
        refresh(engine, model, werkplaatsen[size], caches[size])  # the first refresh fills the cache
    steady = {size: Steady() for size in sizes}
    questions = [q.id for q in model.questions]
    for round_ in range(runs):
        shift = round_ % len(sizes)
        for size in sizes[shift:] + sizes[:shift]:
            for kind in STEADY:
                if kind == "one answer":
                    member = members[size][(7 * round_) % len(members[size])]
                    storage.save_answer(
                        engine, member_id=member.id, question_id=questions[round_ % len(questions)],
                        frame=("nu", "gewenst")[round_ % 2], value=round_ % model.scale.points + 1,
                    )
                misses = caches[size].stats().misses
                result = refresh(engine, model, werkplaatsen[size], caches[size])
                result.pop("_figure_obj")
                steady[size].rebuilt[kind].append(caches[size].stats().misses - misses)
                steady[size].timings[kind].total.append(result["total"])
                for phase in PHASES:
                    steady[size].timings[kind].phases[phase].append(result[phase])
    return steady, caches


def steady_report(steady: dict[int, Steady]) -> tuple[str, list[tuple[str, bool, str]]]:
    sizes = list(steady)
    rows = []
    for size in sizes:
        for kind in STEADY:
            t = steady[size].timings[kind]
            d = Dist.of(t.total)
            phase_text = " · ".join(f"{p} {ms(Dist.of(t.phases[p]).median)}" for p in PHASES)
            rebuilt = sorted(set(steady[size].rebuilt[kind]))
            rows.append([size, kind, d.n, ms(d.median), ms(d.p95), ms(d.max), phase_text, "/".join(map(str, rebuilt))])
    body = table(["trios", "refresh", "runs", "median", "p95", "max", "median per phase", "trios rebuilt"], rows)
    checks: list[tuple[str, bool, str]] = []
    ratios = []
    for kind in STEADY:
        medians = {size: Dist.of(steady[size].timings[kind].total).median for size in sizes}
        if 50 in medians:
            checks.append((f"steady, {kind}: 50 trios ≤ {TARGET_STEADY_50_MS} ms (median)",
                           medians[50] * 1000 <= TARGET_STEADY_50_MS, ms(medians[50])))
        if 50 in medians and 500 in medians:
            ratio = medians[500] / medians[50]
            checks.append((f"steady, {kind}: 500 trios ≤ {TARGET_STEADY_SCALING:g}x 50 trios (median)",
                           ratio <= TARGET_STEADY_SCALING, f"{ratio:.2f}x"))
        ratios.append(f"{kind}: " + ", ".join(
            f"{big}/{small} trios {medians[big] / medians[small]:.2f}x" for small, big in itertools.pairwise(sizes)
        ))
    body += "\n\nScaling (median ratios): " + "; ".join(ratios) + "."
    return body, checks


def run(
    database_url: str, sizes: list[int], runs: int, warmup: int, budget: float, profile: bool,
    profile_slow: bool = False,
) -> tuple[str, bool]:
    import plotly.io

    import storage

    engine = storage.get_engine(database_url)
    model = content_model()

    seeded: dict[int, int] = {}
    members: dict[int, list[Any]] = {}
    started = time.perf_counter()
    for size in sizes:
        made = seed_werkplaats(engine, trios=size, answered=True, seed=size, name=f"Bench muur {size}")
        seeded[size], members[size] = made.werkplaats.id, made.members
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
    body = "First refresh after a start (an empty cache: every trio read and scored):\n\n" + table(
        ["trios", "runs", "median", "p95", "max", "median per phase", "fig.to_json() alone"], rows
    )

    checks: list[tuple[str, bool, str]] = []
    if 50 in medians:
        ok50 = medians[50] * 1000 <= TARGET_50_MS
        checks.append((f"first refresh: 50 trios ≤ {TARGET_50_MS} ms (median)", ok50, ms(medians[50])))
    if 50 in medians and 500 in medians:
        ratio = medians[500] / medians[50]
        checks.append(
            (f"first refresh: 500 trios ≤ {TARGET_SCALING:g}x 50 trios (median)", ratio <= TARGET_SCALING, f"{ratio:.2f}x")
        )
    ratio_rows = []
    for small, big in itertools.pairwise(sizes):
        ratio_rows.append(f"{big}/{small} trios: {medians[big] / medians[small]:.2f}x (size ratio {big / small:g}x)")
    body += "\n\nScaling (median ratios): " + "; ".join(ratio_rows) + "."

    print("steady state: refreshes when nothing changed and after one answer", flush=True)
    steady, caches = measure_steady(engine, model, seeded, members, runs)
    steady_body, steady_checks = steady_report(steady)
    body += "\n\nSteady state (one warm cache per size; one answer saved before each second refresh):\n\n"
    body += steady_body
    checks += steady_checks
    body += "\n\n" + table(["target", "measured", "verdict"], [[name, value, verdict(ok)] for name, ok, value in checks])
    all_ok = all(ok for _, ok, _ in checks)
    if profile or not all(ok for _, ok, _ in steady_checks):
        size = max(sizes)
        html, summary = profile_refresh(engine, model, seeded[size], size, runs=50, cache=caches[size])
        body += f"\n\nProfile of 50 refreshes of {size} trios when nothing changed: `{html.relative_to(REPO_ROOT)}`."
        body += "\n\n" + summary

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
        "\n\nMeasured through the app's functions, as `ui.reads.read_werkplaats_groups` calls them: "
        "groups = `ui.reads.werkplaats_groups_from` (`storage.werkplaats_trio_versions`, then "
        "`storage.trio_snapshots` and `results.trio_result` for the trios not in the cache); "
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
