"""A workshop against a real ``streamlit run app.py``: N members answering at once, one facilitator wall.

    python -m bench.workshop_load [--members 100] [--pace fast|human] [--replicas 1] [--via-nginx] [--quick]
                                  [--ramp 15] [--min-wait S] [--max-wait S]
                                  [--database-url URL | --database-url-from-env] [--no-record]

Setup (not measured): a fresh database (SQLite file by default; ``--database-url`` uses that database;
``--database-url-from-env`` creates a fresh database on the PostgreSQL server of ``TEST_DATABASE_URL``,
as exported by ``scripts/with_postgres.sh``), one werkplaats with ceil(N/3) trios and N members made with
``storage``. Then ``--replicas`` servers (default 1) are started with the production config on that one
database (more than one needs PostgreSQL), and every client speaks Streamlit's own websocket protocol
(``/_stcore/stream``, protobuf BackMsg/ForwardMsg), as the browser does. Member i talks to server
i mod N only, as behind a reverse proxy with sticky sessions; the facilitator's wall is on server 0.
With ``--via-nginx`` every client connects through Debian's nginx with the committed
``deploy/nginx/rolwijzer.conf`` (``bench/nginx.py``), carrying the route cookie that nginx sends to
replica i mod N; afterwards nginx's log must show every websocket on its route's replica.

- each member opens ``vragenlijst?m=<token>`` (first page load: send ``rerun_script`` until
  ``script_finished``), finds the 2 x 12 answer controls by the widget keys in the element ids, answers
  every statement for nu and gewenst one at a time after a pause, each answer a ``rerun_script`` with the
  full widget state, timed until ``script_finished``; then opens its results page once. The pause is
  ``--pace fast`` (default: uniform 0.5–3 s, the demanding case the headline figures use) or
  ``--pace human`` (uniform 5–15 s: reading a two-pole statement and choosing takes a person that long);
  ``--min-wait``/``--max-wait`` override either;
- one facilitator logs in on ``begeleider`` (passcode + form submit button), opens the werkplaats on
  ``muur`` and keeps the wall open: every 3 s (the fragment's ``run_every``) a fragment rerun
  (``fragment_id``, ``is_auto_rerun``), as the browser's timer sends it, timed too.

Afterwards the database must hold exactly the answers sent: (member, statement, frame, value), no row
missing, none extra, none twice. Each server's RSS and CPU come from /proc/<pid>, reported per replica
and in total.

Targets: answer rerun p95 ≤ 500 ms, first page load p95 ≤ 2 s, 0 errors, 0 lost, 0 duplicated,
peak RSS ≤ 600 MB per server.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import resource
import sys
import tempfile
from pathlib import Path

from bench.monitor import ProcMonitor
from bench.nginx import Nginx
from bench.paths import PROFILES_DIR, REPO_ROOT
from bench.profiling import server_profile_report
from bench.report import append_results, mark_code_at_start, table, verdict
from bench.seed import content_model, describe_db, fresh_postgres_database, seed_werkplaats
from bench.server import Server
from bench.stats import Dist, mib, ms
from bench.workshop import ReplicaStats, Stats, check_database, workshop
from ui import pages

TARGET_RERUN_P95 = 0.5
TARGET_FIRST_LOAD_P95 = 2.0
TARGET_RSS = 600 * 1024 * 1024
PACES = {"fast": (0.5, 3.0), "human": (5.0, 15.0)}  # uniform pause before each answer, seconds
MAX_SECONDS = {"fast": 420.0, "human": 600.0}
SERVER_PARTS = (
    ("script runs (app.py and a page)", "script", "code_to_exec", "scriptrunner/script_runner.py"),
    (f"· {pages.QUESTIONNAIRE.path}", "script", "<module>", pages.QUESTIONNAIRE.path),
    ("·· charts/quadrant.py member_figure", "script", "member_figure", "charts/quadrant.py"),
    ("·· charts/contributions.py contribution_figure", "script", "contribution_figure", "charts/contributions.py"),
    ("·· ui/links.py show_link (link, QR code, st.image)", "script", "show_link", "ui/links.py"),
    (f"· {pages.RESULTS.path}", "script", "<module>", pages.RESULTS.path),
    (f"· {pages.WALL.path}", "script", "<module>", pages.WALL.path),
    ("· st.plotly_chart (all pages)", "script", "plotly_chart", "streamlit/elements/plotly_chart.py"),
    ("· st.segmented_control (all pages)", "script", "segmented_control", "streamlit/elements/widgets/button_group.py"),
    ("· st.markdown (all pages)", "script", "markdown", "streamlit/elements/markdown.py"),
    ("· handing each delta to the event loop (AppSession._call_soon_on_event_loop → call_soon_threadsafe)",
     "script", "_call_soon_on_event_loop", "streamlit/runtime/app_session.py"),
    ("· streamlit config.get_option (takes a global lock)", "script", "get_option", "streamlit/config.py"),
    ("· SQL execution (SQLAlchemy do_execute)", "script", "do_execute", "sqlalchemy/engine/default.py"),
    ("event loop: BackMsg handling", "main", "handle_backmsg", "streamlit/runtime/runtime.py"),
    ("event loop: sending ForwardMsgs", "main", "_send_message", "streamlit/runtime/runtime.py"),
)


def sample_file_for(replica: int) -> Path:
    return PROFILES_DIR / ("workshop_load_server.json" if replica == 0 else f"workshop_load_server_r{replica}.json")


def run(url: str, args: argparse.Namespace) -> tuple[str, bool]:
    import storage

    model = content_model()
    engine = storage.get_engine(url)
    trios = math.ceil(args.members / 3)
    seeded = seed_werkplaats(engine, trios=trios, answered=False, name="Bench workshop")
    members = seeded.members[: args.members]
    engine.dispose()
    workdir = Path(tempfile.mkdtemp(prefix="rolwijzer-bench-load-"))
    sample_files: list[Path | None] = [None] * args.replicas
    if args.profile_server:
        PROFILES_DIR.mkdir(parents=True, exist_ok=True)
        for i in range(args.replicas):
            sample_file_for(i).unlink(missing_ok=True)
            sample_files[i] = sample_file_for(i)
    extra_env = {"BENCH_PREIMPORT": args.preimport} if args.preimport else {}
    if args.via_nginx:
        extra_env["ROLWIJZER_TRUSTED_PROXIES"] = "127.0.0.1"  # as the site file asks
    servers = [
        Server("app.py", database_url=url, workdir=workdir, sample_file=sample_files[i], extra_env=extra_env)
        for i in range(args.replicas)
    ]
    stats = Stats(replicas=[ReplicaStats() for _ in servers])
    monitors: list[ProcMonitor] = []
    health: list[float] = []
    alive: list[bool] = []
    exit_codes: list[int | None] = []
    proxy = Nginx([server.port for server in servers]) if args.via_nginx else None
    sticky = (0, 0)  # websockets nginx logged, of which on another replica than their route's
    try:
        for server in servers:
            server.launch()
        health = [server.wait_healthy() for server in servers]
        if proxy is not None:
            proxy.start()
        routes = [] if proxy is None else proxy.routes()
        monitors = [ProcMonitor(server.pid).start() for server in servers]
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        elapsed = asyncio.run(workshop(members, model, routes or servers, args, stats))
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
        for monitor in monitors:
            monitor.stop()
        for server in servers:
            running = server.process is not None and server.process.poll() is None
            alive.append(running)
            exit_codes.append(None if running or server.process is None else server.process.returncode)
        if proxy is not None:
            proxy.stop()  # closes what is still open, so every websocket is in its log
            sticky = proxy.sticky_count(routes)
    finally:
        for monitor in monitors:
            monitor.stop()
        if proxy is not None:
            proxy.stop()
            proxy.remove()
        for server in servers:
            server.stop()
    log_problems = [p for server in servers for p in server.log_problems()]
    db = check_database(url, seeded.werkplaats.id, stats)
    storage.db._engines.clear()
    engine.dispose()

    answer, first, results, wall = (Dist.of(stats.answer), Dist.of(stats.first_load), Dist.of(stats.results_load),
                                    Dist.of(stats.wall))
    mean_pause = (args.min_wait + args.max_wait) / 2
    server_cpu = [m.samples[-1][2] - m.samples[0][2] if len(m.samples) > 1 else float("nan") for m in monitors]
    cpu_windows = [m.cpu_percent() for m in monitors]
    peak_rss = [m.peak_rss for m in monitors]
    total_cpu = sum(server_cpu)
    runs_done = len(stats.answer) + len(stats.first_load) + len(stats.results_load) + len(stats.wall)
    outside_shutdown = any("1012" in what for _, what in stats.errors)
    client_cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    errors = len(stats.errors)
    expected_answers = args.members * len(model.questions) * 2
    rows = [
        ["answer → rerun finished", answer.n, ms(answer.median), ms(answer.p95), ms(answer.max)],
        ["first page load (vragenlijst)", first.n, ms(first.median), ms(first.p95), ms(first.max)],
        ["results page opened", results.n, ms(results.median), ms(results.p95), ms(results.max)],
        ["wall fragment refresh (every 3 s)", wall.n, ms(wall.median), ms(wall.p95), ms(wall.max)],
    ]
    rss_label = "peak server RSS ≤ 600 MB" if args.replicas == 1 else "peak RSS of every server ≤ 600 MB"
    checks = [
        ("answer rerun p95 ≤ 500 ms", ms(answer.p95), answer.n > 0 and answer.p95 <= TARGET_RERUN_P95),
        ("first page load p95 ≤ 2 s", ms(first.p95), first.n > 0 and first.p95 <= TARGET_FIRST_LOAD_P95),
        ("errors = 0", f"{errors} (timeouts {stats.timeouts}, disconnects {stats.disconnects})", errors == 0),
        ("answers lost = 0", f"{db['lost']} of {db['expected']} sent (wrong value {db['wrong value']}, "
         f"unexpected {db['unexpected']})", db["lost"] == 0 and db["wrong value"] == 0 and db["unexpected"] == 0),
        ("answers duplicated = 0", f"{db['duplicated']} ({db['rows']} rows)", db["duplicated"] == 0),
        (rss_label, " / ".join(mib(r) for r in peak_rss), all(0 < r <= TARGET_RSS for r in peak_rss)),
        ("every member finished, all answers sent", f"{stats.members_done}/{args.members}, "
         f"{stats.sent_answers}/{expected_answers}", stats.members_done == args.members
         and stats.sent_answers == expected_answers),
    ]
    if args.via_nginx:
        checks.append(("every websocket through nginx on its route's replica", f"{sticky[0]} in nginx's log, "
                       f"{sticky[1]} elsewhere", sticky[0] > args.members and sticky[1] == 0))
    ok = all(c[2] for c in checks)
    body = table(["measure", "n", "p50", "p95", "max"], rows)
    body += "\n\n" + table(["target", "measured", "verdict"], [[n, v, verdict(k)] for n, v, k in checks])

    def offered(members_here: int, cpu: float, runs: int) -> tuple[float, float]:
        """(answers/s offered, cores that asks for at the measured CPU per run)."""
        rate = members_here / mean_pause
        return rate, rate * cpu / max(runs, 1)

    def running_text(i: int) -> str:
        return "still running" if alive[i] else f"NOT running at the end (exit code {exit_codes[i]})"

    if args.replicas == 1:
        cpu_mean, cpu_peak = cpu_windows[0]
        rate, offered_cores = offered(args.members, server_cpu[0], runs_done)
        body += (
            f"\n\nServer: RSS {mib(monitors[0].first_rss)} after start → peak {mib(peak_rss[0])}; CPU mean "
            f"{cpu_mean:.0f}% / peak {cpu_peak:.0f}% of one core (2 s windows); healthy after {health[0]:.1f} s; "
            f"{running_text(0)}."
            f"\nThroughput: {len(stats.answer) / elapsed:.1f} answer reruns/s ({runs_done} runs in all); server CPU "
            f"{server_cpu[0]:.0f} s, i.e. {1000 * server_cpu[0] / max(runs_done, 1):.0f} ms of CPU per run on average. "
            f"Offered load: {args.members} members x 1 answer per ~{mean_pause:.2f} s = {rate:.0f} answers/s, which at "
            f"that CPU per run asks for {offered_cores:.2f} cores of a process that can use one (the GIL): "
            f"{'overloaded' if offered_cores >= 1 else 'within capacity'} whatever else runs on the machine."
        )
    else:
        replica_rows = []
        for i, (rs, monitor) in enumerate(zip(stats.replicas, monitors, strict=True)):
            a, f = Dist.of(rs.answer), Dist.of(rs.first_load)
            cpu_mean, cpu_peak = cpu_windows[i]
            _rate, cores = offered(rs.members, server_cpu[i], rs.runs)
            replica_rows.append([
                f"{i}{' (+ wall)' if i == 0 else ''}", f"{rs.members_done}/{rs.members}",
                f"{ms(a.median)} / {ms(a.p95)}", f"{ms(f.median)} / {ms(f.p95)}", rs.runs,
                f"{server_cpu[i]:.0f} s", f"{1000 * server_cpu[i] / max(rs.runs, 1):.0f} ms",
                f"{cpu_mean:.0f}% / {cpu_peak:.0f}%", f"{mib(monitor.first_rss)} → {mib(monitor.peak_rss)}",
                f"{cores:.2f}", f"{health[i]:.1f} s, {running_text(i)}",
            ])
        rate, total_cores = offered(args.members, total_cpu, runs_done)
        replica_rows.append([
            "total", f"{stats.members_done}/{args.members}", f"{ms(answer.median)} / {ms(answer.p95)}",
            f"{ms(first.median)} / {ms(first.p95)}", runs_done, f"{total_cpu:.0f} s",
            f"{1000 * total_cpu / max(runs_done, 1):.0f} ms",
            f"{100 * total_cpu / max(elapsed, 1e-9):.0f}% (CPU s / members' time)",
            f"{mib(sum(m.first_rss for m in monitors))} → {mib(sum(peak_rss))} (sum of peaks)",
            f"{total_cores:.2f}", "",
        ])
        body += "\n\nPer replica (member i on replica i mod " + f"{args.replicas}; the wall on replica 0):\n\n" + table(
            ["replica", "members done", "answer p50 / p95", "first load p50 / p95", "runs", "server CPU",
             "CPU per run", "CPU mean / peak (2 s windows, % of one core)", "RSS start → peak",
             "offered cores", "healthy after, state"],
            replica_rows,
        )
        body += (
            f"\n\nThroughput: {len(stats.answer) / elapsed:.1f} answer reruns/s over all replicas ({runs_done} runs in "
            f"all). Offered load: {args.members} members x 1 answer per ~{mean_pause:.2f} s = {rate:.0f} answers/s, "
            f"{rate / args.replicas:.0f} per replica; \"offered cores\" = a replica's answers/s x its CPU per run "
            "(each replica is one process that runs Python on one core at a time). The machine has "
            f"{os.cpu_count()} cores for all replicas, PostgreSQL and this load generator together."
        )
    body += (
        f" Load generator (this process, same machine): {client_cpu:.0f} CPU s over {elapsed:.0f} s."
        f"\nWall at the end shows {stats.wall_trios_at_end} of {trios} trios (nu points); late wall ticks "
        f"(a refresh still running when the next was due): {stats.wall_late_ticks}; "
        f"'answers waiting' warnings shown to members: {stats.pending_warnings}; facilitator login + open wall: "
        f"{' + '.join(ms(t) for t in stats.login_runs)}."
    )
    if stats.errors:
        shown: dict[str, list[str]] = {}
        for who, what in stats.errors:
            shown.setdefault(what[:160], []).append(who)
        body += "\n\nErrors (first 10 kinds):\n" + "\n".join(
            f"- {len(whos)}x {what} ({', '.join(whos[:3])}{'…' if len(whos) > 3 else ''})"
            for what, whos in list(shown.items())[:10]
        )
    if outside_shutdown:
        body += (
            "\n\n**The server was shut down from outside during the run** (uvicorn closed every websocket "
            "with 1012 \"service restart\"; no error in its log): another process on this shared machine "
            "stopped it. The figures after that moment are missing, not slow."
        )
    for i, sample_file in enumerate(sample_files):
        if sample_file is not None and sample_file.exists():
            if args.replicas > 1:
                body += f"\n\nReplica {i}:"
            body += "\n\n" + server_profile_report(sample_file, SERVER_PARTS)
            body += f"\n\nSampler data: `{sample_file.relative_to(REPO_ROOT)}`."
    if args.profile_server:
        body += (
            "\n\nThis run was profiled (a sampler thread in each server every 5 ms), so its latencies are somewhat "
            "higher than an unprofiled run's."
        )
    if log_problems:
        body += f"\n\nServer log: {len(log_problems)} error line(s), first: " + "; ".join(
            f"`{p}`" for p in log_problems[:5]
        )
    servers_text = (
        Server.describe() if args.replicas == 1
        else f"{args.replicas} replicas on the one database, each {Server.describe()}, every member pinned to one"
    )
    if args.via_nginx:
        servers_text += (", every client through nginx (`deploy/nginx/rolwijzer.conf`, `bench/nginx.py`) with a "
                         "route cookie")
    body += (
        f"\n\nSettings: {args.members} members in {trios} trios, {describe_db(url)}, {servers_text}, "
        + (f"server pre-imported {args.preimport} (diagnostic), " if args.preimport else "")
        + f"ramp-up {args.ramp:.0f} s, pace {args.pace_text}, run timeout {args.timeout:.0f} s; "
        f"members took {elapsed:.0f} s."
    )
    return body, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workshop_load", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=100, help="simulated members (default 100)")
    parser.add_argument("--pace", choices=sorted(PACES), default="fast",
                        help="pause before each answer: fast = uniform 0.5–3 s (default, the demanding case), "
                        "human = uniform 5–15 s (reading a two-pole statement and choosing)")
    parser.add_argument("--replicas", type=int, default=1,
                        help="servers on the one database (default 1; more needs PostgreSQL); member i uses "
                        "server i mod N, the wall server 0")
    parser.add_argument("--via-nginx", action="store_true",
                        help="connect through Debian's nginx with deploy/nginx/rolwijzer.conf (bench/nginx.py)")
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which members join (default 15)")
    parser.add_argument("--min-wait", type=float, default=None, help="shortest pause before an answer (overrides --pace)")
    parser.add_argument("--max-wait", type=float, default=None, help="longest pause before an answer (overrides --pace)")
    parser.add_argument("--quick", action="store_true", help="faster people: pauses 0.1–0.5 s, ramp 3 s")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as timed out")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="hard limit for the whole workshop (default 420 s at fast pace, 600 s at human pace)")
    parser.add_argument("--database-url", help="use this database (it is not emptied; only our werkplaats is checked)")
    parser.add_argument("--database-url-from-env", action="store_true",
                        help="a fresh database on the PostgreSQL server of TEST_DATABASE_URL (scripts/with_postgres.sh)")
    parser.add_argument("--profile-server", action="store_true",
                        help="sample the servers' threads (bench/serve.py) and report where their time goes")
    parser.add_argument("--preimport", default="",
                        help="diagnostic: modules the server imports before it starts, e.g. numpy,pandas")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    pace_min, pace_max = (0.1, 0.5) if args.quick else PACES[args.pace]
    args.ramp = args.ramp if args.ramp is not None else (3.0 if args.quick else 15.0)
    args.min_wait = args.min_wait if args.min_wait is not None else pace_min
    args.max_wait = args.max_wait if args.max_wait is not None else pace_max
    args.max_seconds = args.max_seconds if args.max_seconds is not None else MAX_SECONDS[args.pace]
    paced = (args.min_wait, args.max_wait) == PACES[args.pace]
    pace_name = args.pace if paced else ("quick" if (args.min_wait, args.max_wait) == (pace_min, pace_max) else "custom")
    args.pace_text = f"{pace_name} (pause between answers uniform {args.min_wait:g}–{args.max_wait:g} s)"
    if args.members < 1 or args.min_wait < 0 or args.max_wait < args.min_wait:
        parser.error("need --members ≥ 1 and 0 ≤ --min-wait ≤ --max-wait")
    if args.replicas < 1 or args.replicas > args.members:
        parser.error("need 1 ≤ --replicas ≤ --members")
    postgres = args.database_url_from_env or (args.database_url or "").startswith(("postgresql", "postgres"))
    if args.replicas > 1 and not postgres:
        parser.error("--replicas > 1 needs one shared PostgreSQL database: --database-url-from-env under "
                     "scripts/with_postgres.sh, or --database-url postgresql://…")

    if args.database_url_from_env:
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            parser.error("TEST_DATABASE_URL is not set (run under scripts/with_postgres.sh)")
        with fresh_postgres_database(base) as url:
            body, _ok = run(url, args)
    else:
        url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='rolwijzer-bench-db-')) / 'bench.db'}"
        body, _ok = run(url, args)
    print()
    print(body)
    if not args.no_record:
        title = f"bench.workshop_load: {args.members} members + wall, {describe_db(args.database_url or 'sqlite://')}"
        if args.database_url_from_env:
            title = f"bench.workshop_load: {args.members} members + wall, PostgreSQL"
        if args.replicas > 1:
            title += f", {args.replicas} replicas"
        if args.via_nginx:
            title += " behind nginx"
        title += f", {args.pace} pace" if paced else f", pauses {args.min_wait:g}–{args.max_wait:g} s"
        if args.profile_server:
            title += " (server profiled)"
        if args.preimport:
            title += f" (diagnostic: {args.preimport} imported before start)"
        append_results(title, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
