"""Run ``streamlit run <script> [options]`` in this process, for the benchmarks' servers.

    BENCH_STREAMLIT_SCRIPT=app.py python -m bench.serve --server.port 8600 --server.headless true

Exactly what ``python -m streamlit run app.py ...`` does (streamlit.web.cli.main with the same
arguments, in the repository root, so ``.streamlit/config.toml`` applies), but the process's command line
names neither streamlit nor the script: a name-based ``pkill -f "streamlit run"`` by another tool on a
shared machine does not stop a benchmark halfway.

With ``BENCH_SAMPLE_FILE=<path>`` a sampling profiler runs inside the server: every
``BENCH_SAMPLE_INTERVAL`` seconds (default 0.005) it looks at the Python stack of every thread
(``sys._current_frames``), skips idle ones (a script thread not inside ``code_to_exec``, any other thread
waiting in select/wait/sleep), and counts each function on a busy stack. Every 5 s and at exit it writes
the counts as JSON (read by :func:`bench.profiling.server_profile_report`). It costs the server some CPU,
so it is only for a separate ``--profile-server`` run, never for the recorded figures.

``BENCH_PREIMPORT=numpy,pandas`` imports those modules before the server starts (a diagnostic for the
first-load import race that ``bench.workshop_load`` reports; the app itself is unchanged).
"""

from __future__ import annotations

import atexit
import collections
import json
import os
import sys
import threading
import time
from pathlib import Path

IDLE_TOP = {"select", "poll", "wait", "sleep", "_wait_for_tstate_lock", "acquire", "get", "accept", "recv", "readline"}


class Sampler:
    """Counts, per thread kind, how often each function is on the stack of a busy thread (inclusive)."""

    def __init__(self, path: Path, interval: float) -> None:
        self.path = path
        self.interval = interval
        self.inclusive: collections.Counter[tuple[str, str]] = collections.Counter()
        self.own: collections.Counter[tuple[str, str]] = collections.Counter()
        self.busy: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self.labels: dict[object, str] = {}
        self.lock = threading.Lock()
        self.started = time.time()
        self.thread = threading.Thread(target=self.run, name="bench-sampler", daemon=True)

    def label(self, code: object) -> str:
        text = self.labels.get(code)
        if text is None:
            text = f"{code.co_filename}:{code.co_name}"  # type: ignore[attr-defined]
            self.labels[code] = text
        return text

    def run(self) -> None:
        me = threading.get_ident()
        last_write = time.monotonic()
        while True:
            time.sleep(self.interval)
            names = {t.ident: t.name for t in threading.enumerate()}
            frames = sys._current_frames()
            with self.lock:
                self.samples += 1
                for ident, frame in frames.items():
                    if ident == me:
                        continue
                    name = names.get(ident, "?")
                    kind = "script" if name.startswith("ScriptRunner") else ("main" if name == "MainThread" else "other")
                    labels = []
                    f = frame
                    while f is not None and len(labels) < 200:
                        labels.append(self.label(f.f_code))
                        f = f.f_back
                    top = frame.f_code.co_name
                    if kind == "script":
                        if not any(label.endswith(":code_to_exec") for label in labels):
                            continue
                    elif top in IDLE_TOP:
                        continue
                    self.busy[kind] += 1
                    self.own[(kind, labels[0])] += 1
                    for label in set(labels):
                        self.inclusive[(kind, label)] += 1
            if time.monotonic() - last_write > 5:
                self.write()
                last_write = time.monotonic()

    def write(self) -> None:
        with self.lock:
            data = {
                "interval": self.interval,
                "samples": self.samples,
                "seconds": time.time() - self.started,
                "busy": dict(self.busy),
                "inclusive": [[k, label, n] for (k, label), n in self.inclusive.most_common(3000)],
                "own": [[k, label, n] for (k, label), n in self.own.most_common(300)],
            }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(self.path)


def main() -> None:
    script = os.environ.pop("BENCH_STREAMLIT_SCRIPT")
    sample_file = os.environ.pop("BENCH_SAMPLE_FILE", "")
    if sample_file:
        sampler = Sampler(Path(sample_file), float(os.environ.pop("BENCH_SAMPLE_INTERVAL", "0.005")))
        sampler.thread.start()
        atexit.register(sampler.write)
    for module in filter(None, os.environ.pop("BENCH_PREIMPORT", "").split(",")):
        __import__(module)  # diagnostic only (workshop_load --preimport): imported before any session runs
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", script, *sys.argv[1:]]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
