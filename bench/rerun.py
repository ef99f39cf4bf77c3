"""Server-side time of one rerun: Rolwijzer's pages against a bare Streamlit page, side by side.

    python -m bench.rerun [--reruns 60] [--warmup 5] [--trios 30] [--quick] [--profile] [--no-record]

AppTest (``streamlit.testing.v1``) runs each page in this process: a widget value is set and
``.run()`` is timed, which is the script run plus AppTest's own bookkeeping (the same for every page).
The four pages take turns in every round (the order rotates), so machine noise hits them alike:

- questionnaire (``vragenlijst``): a seeded member answers one statement per rerun (the answer is
  saved in the widget callback, as in production);
- results (``resultaten``) of a member of a trio with full answers, rerun by switching "Volgorde";
- wall (``muur``) of a werkplaats with ``--trios`` trios, rerun by switching "Toon gemeentenamen";
- bare (``bench/bare_page.py``): one ``st.select_slider`` and one plotly chart.

Target: the questionnaire's answer rerun at most 1.5x the bare page (median).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.paths import BARE_PAGE, REPO_ROOT
from bench.profiling import hotspots, save_profile
from bench.report import append_results, mark_code_at_start, table, verdict
from bench.seed import content_model, seed_werkplaats
from bench.server import PASSCODE
from bench.stats import Dist, ms
from charts.heatmap import ORDERS
from ui import pages as ui_pages

TARGET_RATIO = 1.5
APP = str(REPO_ROOT / "app.py")
TIMEOUT = 60


class Page:
    """One AppTest and the interaction that makes it rerun."""

    def __init__(self, name: str, at: Any, step: Callable[[int], None]) -> None:
        self.name = name
        self.at = at
        self.step = step
        self.times: list[float] = []
        self.cpu: list[float] = []

    def rerun(self, i: int, record: bool) -> None:
        self.step(i)
        cpu = time.process_time()
        started = time.perf_counter()
        self.at.run()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
        if self.at.exception:
            raise RuntimeError(f"{self.name}: {self.at.exception[0].value}")
        if record:
            self.times.append(elapsed)
            self.cpu.append(cpu)


def keep_script_cache() -> None:
    """Compile each script once, as the server does.

    AppTest makes a new ScriptCache for every ``run()``: one for the pages (streamlit/testing/v1/app_test.py,
    ``_run``) and one in the LocalScriptRunner it starts (streamlit/testing/v1/local_script_runner.py), which
    compiles the main script (app.py, or the bare page). So it parses, magic-transforms and compiles app.py
    and the page again each time; a server keeps one cache per process. Sharing one cache in both places
    takes that test-only cost out of every page alike.
    """
    import streamlit.testing.v1.app_test as app_test_module
    import streamlit.testing.v1.local_script_runner as local_runner_module

    shared = app_test_module.ScriptCache()
    app_test_module.ScriptCache = lambda: shared  # type: ignore[assignment, misc]
    local_runner_module.ScriptCache = lambda: shared  # type: ignore[assignment, misc]


def build_pages(trios: int) -> list[Page]:
    from streamlit.testing.v1 import AppTest

    import storage
    from ui import redraw

    engine = storage.get_engine(os.environ["DATABASE_URL"])
    model = content_model()
    wall = seed_werkplaats(engine, trios=trios, answered=True, seed=7, name="Bench muur")
    answering = seed_werkplaats(engine, trios=1, members_per_trio=1, answered=False, name="Bench vragenlijst")
    answering_too = seed_werkplaats(engine, trios=1, members_per_trio=1, answered=False, name="Bench vragenlijst 2")
    member = answering.members[0]

    questionnaire = AppTest.from_file(APP, default_timeout=TIMEOUT)
    questionnaire.query_params["m"] = member.token
    questionnaire.switch_page(ui_pages.QUESTIONNAIRE.path).run()
    keys = [f"answer_{frame}_{q.id}" for frame in ("nu", "gewenst") for q in model.questions]
    last: dict[tuple[int, str], int] = {}

    def next_value(at_id: int, i: int) -> tuple[str, int]:
        # Like a person going through the list; every rerun is a real change, so the callback saves it.
        key = keys[i % len(keys)]
        value = 1 + (last.get((at_id, key), 0) + i) % model.scale.points
        if value == last.get((at_id, key)):
            value = 1 + value % model.scale.points
        last[(at_id, key)] = value
        return key, value

    def answer(i: int) -> None:
        redraw.WHOLE_PAGE_IN_APPTEST = True  # AppTest's default: the whole page runs
        key, value = next_value(0, i)
        questionnaire.segmented_control(key=key).set_value(value)

    # What a browser gets: the answer's callback asks for its card, the progress and the quadrant only
    # (ui/redraw.py). AppTest then keeps only what that run drew, so an untimed whole-page run first
    # brings every statement back into its element tree.
    in_browser = AppTest.from_file(APP, default_timeout=TIMEOUT)
    in_browser.query_params["m"] = answering_too.members[0].token
    in_browser.switch_page(ui_pages.QUESTIONNAIRE.path).run()

    def answer_in_browser(i: int) -> None:
        redraw.WHOLE_PAGE_IN_APPTEST = True
        in_browser.run()
        redraw.WHOLE_PAGE_IN_APPTEST = False
        key, value = next_value(1, i)
        in_browser.segmented_control(key=key).set_value(value)

    results = AppTest.from_file(APP, default_timeout=TIMEOUT)
    results.query_params["m"] = wall.trios[0].members[0].token
    results.switch_page(ui_pages.RESULTS.path).run()
    sorts = list(ORDERS)  # by theme and by difference, in turn

    def sort(i: int) -> None:
        redraw.WHOLE_PAGE_IN_APPTEST = True
        results.segmented_control(key="side_sort").set_value(sorts[i % 2])

    facilitator = AppTest.from_file(APP, default_timeout=TIMEOUT)
    facilitator.switch_page(ui_pages.GATE.path).run()
    facilitator.text_input(key="gate_passcode").input(PASSCODE)
    facilitator.button(key="FormSubmitter:gate_form-Aanmelden").click().run()
    facilitator.session_state["fac_werkplaats_id"] = wall.werkplaats.id
    facilitator.switch_page(ui_pages.WALL.path).run()
    if not facilitator.get("plotly_chart"):
        raise RuntimeError("the wall did not open in AppTest")

    def reveal(i: int) -> None:
        redraw.WHOLE_PAGE_IN_APPTEST = True
        facilitator.toggle(key="wall_reveal").set_value(i % 2 == 0)

    bare = AppTest.from_file(str(BARE_PAGE), default_timeout=TIMEOUT).run()

    def slide(i: int) -> None:
        redraw.WHOLE_PAGE_IN_APPTEST = True
        bare.select_slider(key="bare_value").set_value(1 + i % 5)

    pages = [
        Page("questionnaire answer as a browser gets it (card, progress, quadrant)", in_browser, answer_in_browser),
        Page("questionnaire answer, whole page (AppTest's default)", questionnaire, answer),
        Page("bare page (select_slider + plotly)", bare, slide),
        Page("results (resultaten, trio of 3)", results, sort),
        Page(f"wall (muur, {trios} trios)", facilitator, reveal),
    ]
    for page in pages:
        if page.at.exception:
            raise RuntimeError(f"{page.name}: {page.at.exception[0].value}")
    return pages


def measure(pages: list[Page], reruns: int, warmup: int) -> None:
    counter = 0
    for round_ in range(warmup + reruns):
        shift = round_ % len(pages)
        for page in pages[shift:] + pages[:shift]:
            page.rerun(counter, record=round_ >= warmup)
            counter += 1


HOTSPOTS = (
    (f"app.py and {ui_pages.QUESTIONNAIRE.path}", "<module>", "app.py"),
    ("· charts/quadrant.py member_figure", "member_figure", "charts/quadrant.py"),
    ("· st.plotly_chart (figure copy, JSON, element id hash)", "plotly_chart", "streamlit/elements/plotly_chart.py"),
    ("· st.segmented_control x 24", "segmented_control", "streamlit/elements/widgets/button_group.py"),
    ("· st.markdown", "markdown", "streamlit/elements/markdown.py"),
    ("· st.columns / st.container", "columns|container", "streamlit/elements/layouts.py"),
    ("· st.toggle / st.checkbox", "toggle|checkbox", "streamlit/elements/widgets/checkbox.py"),
    ("· st.page_link", "page_link", "streamlit/elements/widgets/button.py"),
    ("· ui/links.py show_link (link and QR code)", "show_link", "ui/links.py"),
    ("· scoring (score, contributions)", "score|contributions", "scoring/engine.py"),
    ("storage calls (member_context, member_answers, save_answer, list_members), callback included",
     "member_context|member_answers|save_answer|list_members", "storage/"),
)


def profile_questionnaire(page: Page, reruns: int) -> tuple[Path, str]:
    """pyinstrument inside the script thread (AppTest runs the page in a thread of its own)."""
    from pyinstrument import Profiler
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    profiler = Profiler(interval=0.0005)
    original = LocalScriptRunner._run_script_thread

    def profiled(self: Any) -> None:
        profiler.start()
        try:
            original(self)
        finally:
            profiler.stop()

    LocalScriptRunner._run_script_thread = profiled  # type: ignore[method-assign]
    try:
        for i in range(reruns):
            page.rerun(10_000 + i, record=False)
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]
    html = save_profile(profiler, "rerun_vragenlijst", show_regex=r".*plotly/basedatatypes.*|.*segno.*")
    total, shares = hotspots(profiler, ("code_to_exec", "scriptrunner/script_runner.py"), HOTSPOTS)
    rows = [[label, f"{100 * share:.0f}%"] for label, _, share in shares]
    summary = f"Where a questionnaire rerun's script time goes ({total:.1f} s sampled in {reruns} reruns):\n\n" + table(
        ["part (share of the whole script run, answer callback included)", "share"], rows
    )
    return html, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rerun", description=__doc__.split("\n")[0])
    parser.add_argument("--reruns", type=int, default=60, help="measured reruns per page (default 60)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured reruns per page first (default 5)")
    parser.add_argument("--trios", type=int, default=30, help="trios on the wall (default 30)")
    parser.add_argument("--quick", action="store_true", help="15 reruns, 10 trios")
    parser.add_argument("--profile", action="store_true", help="always save a pyinstrument profile of the questionnaire")
    parser.add_argument("--fresh-compile", action="store_true",
                        help="let AppTest recompile the scripts on every run (its default; the server does not)")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    args = parser.parse_args(argv)
    mark_code_at_start()
    if args.quick:
        args.reruns, args.trios = min(args.reruns, 15), min(args.trios, 10)
    if args.reruns < 1 or args.warmup < 0 or args.trios < 1:
        parser.error("--reruns and --trios must be at least 1")

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    os.chdir(REPO_ROOT)  # the production .streamlit/config.toml applies to the script runs too
    workdir = Path(tempfile.mkdtemp(prefix="rolwijzer-bench-rerun-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    os.environ["ROLWIJZER_PASSCODE"] = PASSCODE
    os.environ["ROLWIJZER_PUBLIC_URL"] = "http://127.0.0.1:8501"  # QR codes are drawn, as on a LAN

    from streamlit import config

    print(f"AppTest reruns: {args.reruns} per page after {args.warmup} warm-up, wall with {args.trios} trios, "
          f"runner.postScriptGC={config.get_option('runner.postScriptGC')}")
    if not args.fresh_compile:
        keep_script_cache()
    started = time.perf_counter()
    pages = build_pages(args.trios)
    measure(pages, args.reruns, args.warmup)
    wall_clock = time.perf_counter() - started

    questionnaire, bare = pages[0], pages[2]
    bare_median = Dist.of(bare.times).median
    bare_cpu = Dist.of(bare.cpu).median
    rows = []
    for page in pages:
        d = Dist.of(page.times)
        cpu = Dist.of(page.cpu).median
        rows.append([page.name, d.n, ms(d.median), ms(d.p95), ms(d.max), f"{d.median / bare_median:.2f}x",
                     ms(cpu), f"{cpu / bare_cpu:.2f}x"])
    ratio = Dist.of(questionnaire.times).median / bare_median
    cpu_ratio = Dist.of(questionnaire.cpu).median / bare_cpu
    ok = ratio <= TARGET_RATIO
    profile_note = ""
    if args.profile or not ok:
        html, summary = profile_questionnaire(pages[1], max(20, args.reruns // 2))
        profile_note = (
            f"\nProfile of {max(20, args.reruns // 2)} questionnaire reruns: `{html.relative_to(REPO_ROOT)}` "
            f"(+ `.txt`).\n\n{summary}\n"
        )

    body = (
        table(["page (AppTest .run())", "n", "median", "p95", "max", "median / bare", "CPU median",
               "CPU / bare"], rows)
        + f"\n\nTarget: questionnaire answer rerun ≤ {TARGET_RATIO}x the bare page (median): "
        f"**{ratio:.2f}x** (CPU time {cpu_ratio:.2f}x), {verdict(ok)}.\n"
        + profile_note
        + f"\nSettings: {args.reruns} reruns per page after {args.warmup} warm-up, pages interleaved per round; "
        f"SQLite file; wall of {args.trios} trios x 3 members with full answers; "
        f"runner.postScriptGC={config.get_option('runner.postScriptGC')}; scripts compiled "
        f"{'on every run (AppTest default)' if args.fresh_compile else 'once (one ScriptCache, as in the server)'}; "
        f"CPU = process time of this process during .run(); wall clock {wall_clock:.0f} s."
    )
    print()
    print(body)
    if not args.no_record:
        append_results("bench.rerun: one rerun, Rolwijzer vs a bare page (AppTest)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
