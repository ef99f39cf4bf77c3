"""Start-up time of ``streamlit run app.py``, against the bare page, side by side.

    python -m bench.startup [--starts 5] [--quick] [--no-record]

For each start: time from ``Popen`` until ``/_stcore/health`` answers "ok", and until the first page
renders: a websocket session (Streamlit's own protocol) asks for ``/`` and gets ``script_finished``.
Rolwijzer (``app.py``, production config, an SQLite file that already exists) and the bare page
(``bench/bare_page.py``: one select_slider and one plotly chart) are started in turn.

Target: Rolwijzer's first page rendered ≤ 5 s after the process started (median of 5 starts).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bench.client import StreamlitClient
from bench.paths import BARE_PAGE
from bench.report import append_results, mark_code_at_start, table, verdict
from bench.server import Server
from bench.stats import Dist, ms

TARGET_SECONDS = 5.0


async def first_render(server: Server) -> tuple[float, list[str]]:
    client = StreamlitClient(server.ws_url, name="startup", run_timeout=60)
    await client.connect()
    try:
        result = await client.rerun(page_name="", query_string="")
        return time.perf_counter() - server.started_at, result.errors + ([] if result.status is not None else ["no run"])
    finally:
        await client.close()


def one_start(script: str, url: str, workdir: Path) -> tuple[float, float, list[str]]:
    server = Server(script, database_url=url, workdir=workdir)
    server.launch()
    try:
        health = server.wait_healthy()
        render, errors = asyncio.run(first_render(server))
    finally:
        server.stop()
    return health, render, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=5, help="starts of each app (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 starts each")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    starts = min(args.starts, 2) if args.quick else args.starts
    if starts < 1:
        parser.error("--starts must be at least 1")

    import storage

    workdir = Path(tempfile.mkdtemp(prefix="rolwijzer-bench-startup-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    storage.get_engine(url).dispose()  # the database exists, as on any start after the first
    apps = {"Rolwijzer (app.py)": "app.py", "bare page": str(BARE_PAGE)}
    health: dict[str, list[float]] = {name: [] for name in apps}
    render: dict[str, list[float]] = {name: [] for name in apps}
    errors: list[str] = []
    for i in range(starts):
        order = list(apps.items()) if i % 2 == 0 else list(reversed(apps.items()))
        for name, script in order:
            h, r, errs = one_start(script, url, workdir)
            health[name].append(h)
            render[name].append(r)
            errors += [f"{name}: {e}" for e in errs]
            print(f"start {i + 1} {name}: healthy {h:.2f} s, first page {r:.2f} s", flush=True)

    rows = []
    for name in apps:
        dh, dr = Dist.of(health[name]), Dist.of(render[name])
        rows.append([name, dh.n, ms(dh.median), ms(dh.max), ms(dr.median), ms(dr.max)])
    rolwijzer, bare = "Rolwijzer (app.py)", "bare page"
    median = Dist.of(render[rolwijzer]).median
    ratio = median / Dist.of(render[bare]).median
    ok = median <= TARGET_SECONDS and not errors
    body = table(["app", "starts", "health median", "health max", "first page median", "first page max"], rows)
    body += (
        f"\n\nTarget: Rolwijzer's first page ≤ {TARGET_SECONDS:g} s after process start (median): "
        f"**{median:.2f} s**, {verdict(ok)}; {ratio:.2f}x the bare page."
    )
    if errors:
        body += "\n\nErrors: " + "; ".join(errors[:5])
    body += (
        f"\n\nSettings: {starts} starts each, alternating; {Server.describe()}; an SQLite file that already exists; "
        "the first page is `/` (Rolwijzer's start page) over the websocket protocol."
    )
    print()
    print(body)
    if not args.no_record:
        append_results("bench.startup: process start → health → first page", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
