"""Shared by the benchmarks: machine description, statistics, RESULTS.md, seeding,
a real ``streamlit run`` server, its resource use, and a websocket client that speaks
Streamlit's own protocol (protobuf ``BackMsg`` / ``ForwardMsg``) like the browser does.

Everything talks to 127.0.0.1 only, and every loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_FILE = BENCH_DIR / "RESULTS.md"
PROFILES_DIR = BENCH_DIR / "profiles"
BARE_PAGE = BENCH_DIR / "bare_page.py"
CONTENT_DIR = REPO_ROOT / "content"
PASSCODE = "bench-begeleider-1357"
DONT_KNOW_LABEL = "Weet ik niet"  # the segmented control's label for "?" (option_label in vragenlijst.py)

if str(REPO_ROOT) not in sys.path:  # `python bench/x.py` as well as `python -m bench.x`
    sys.path.insert(0, str(REPO_ROOT))


# --- Machine and results --------------------------------------------------------


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _ram_gib() -> float:
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def machine() -> dict[str, str]:
    import plotly
    import sqlalchemy
    import streamlit

    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "ram": f"{_ram_gib():.1f} GiB",
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "plotly": plotly.__version__,
        "sqlalchemy": sqlalchemy.__version__,
    }


def machine_line() -> str:
    m = machine()
    load = " / ".join(f"{v:.1f}" for v in os.getloadavg())
    return (
        f"Machine: `{m['platform']}` · {m['cpu']} · {m['cores']} cores · {m['ram']} RAM · "
        f"Python {m['python']} · Streamlit {m['streamlit']} · plotly {m['plotly']} · SQLAlchemy {m['sqlalchemy']} · "
        f"load average (1/5/15 min) when recorded: {load}"
    )


CODE_GLOBS = (
    "app.py", "app_pages/*.py", "ui/*.py", "charts/*.py", "scoring/*.py", "storage/*.py", "reports/**/*.py",
    "content/*.yaml", ".streamlit/config.toml", "requirements.txt",
)


def code_fingerprint() -> str:
    """Which app code was measured (the tree may change between runs): a hash of the sources, and the newest."""
    import hashlib

    digest = hashlib.sha256()
    newest = (0.0, "")
    for pattern in CODE_GLOBS:
        for path in sorted(REPO_ROOT.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(REPO_ROOT)).encode())
                digest.update(path.read_bytes())
                newest = max(newest, (path.stat().st_mtime, str(path.relative_to(REPO_ROOT))))
    changed = dt.datetime.fromtimestamp(newest[0]).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    return f"app sources sha256 {digest.hexdigest()[:12]} (newest file: {newest[1]}, {changed})"


_START_FINGERPRINT: str | None = None


def mark_code_at_start() -> None:
    """Remember the code fingerprint when a benchmark starts (append_results compares it with the end)."""
    global _START_FINGERPRINT
    _START_FINGERPRINT = code_fingerprint()


def code_line() -> str:
    end = code_fingerprint()
    if _START_FINGERPRINT is None or end == _START_FINGERPRINT:
        return f"Code: {end}"
    return f"Code: {_START_FINGERPRINT} at the start; **changed during the run** to {end}"


def now_stamp() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")


def append_results(title: str, body: str) -> None:
    """Append one dated section to bench/RESULTS.md (created with a header when missing)."""
    if not RESULTS_FILE.exists():
        RESULTS_FILE.write_text(
            "# Benchmark results\n\n"
            "Appended by `python -m bench.<name>` (see `bench/README.md`). Every figure is a ratio or a\n"
            "distribution measured side by side in one run; the machine is noisy, so compare within a section.\n",
            encoding="utf-8",
        )
    with RESULTS_FILE.open("a", encoding="utf-8") as handle:
        handle.write(
            f"\n## {title} · {now_stamp()}\n\n{machine_line()}\n{code_line()}\n\n{body.rstrip()}\n"
        )
    print(f"\nAppended to {RESULTS_FILE.relative_to(REPO_ROOT)}")


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table (also readable when printed)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# --- Statistics -------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), p in 0..100."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Dist:
    n: int
    median: float
    p95: float
    max: float
    min: float
    mean: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Dist:
        if not values:
            nan = float("nan")
            return cls(0, nan, nan, nan, nan, nan)
        return cls(
            n=len(values), median=statistics.median(values), p95=percentile(values, 95), max=max(values),
            min=min(values), mean=statistics.fmean(values),
        )


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def save_profile(profiler: Any, name: str, show_regex: str = r".*plotly/basedatatypes.*|.*_plotly_utils/basevalidators.*") -> Path:
    """Write a pyinstrument session to bench/profiles/<name>.html and .txt (tree, the lines through
    ``show_regex`` expanded, and the functions with the most time of their own)."""
    PROFILES_DIR.mkdir(parents=True, exist_ok=True)
    html = PROFILES_DIR / f"{name}.html"
    html.write_text(profiler.output_html(), encoding="utf-8")
    tree = profiler.output_text(unicode=True, color=False, processor_options={"show_regex": show_regex})
    flat = profiler.output_text(unicode=True, color=False, flat=True)
    flat_lines = flat.splitlines()
    (PROFILES_DIR / f"{name}.txt").write_text(
        tree + "\n\nFunctions by own time (flat, top 40):\n" + "\n".join(flat_lines[:48]) + "\n", encoding="utf-8"
    )
    return html


def _matches(frame: Any, function: str, file_part: str) -> bool:
    return frame.function in function.split("|") and file_part in (frame.file_path or "")


def _find(frame: Any, function: str, file_part: str) -> list[Any]:
    """Outermost frames matching (nested matches are inside their time already)."""
    if _matches(frame, function, file_part):
        return [frame]
    found = []
    for child in frame.children:
        found += _find(child, function, file_part)
    return found


def hotspots(
    profiler: Any, root: tuple[str, str], parts: Sequence[tuple[str, str, str]]
) -> tuple[float, list[tuple[str, float, float]]]:
    """Seconds under ``root`` (function, file part) and, for each (label, function, file part) in ``parts``,
    the seconds spent under it within ``root`` and its share of ``root``."""
    top = profiler.last_session.root_frame()
    roots = _find(top, *root) if top is not None else []
    total = sum(r.time for r in roots)
    shares = []
    for label, function, file_part in parts:
        spent = sum(f.time for r in roots for f in _find(r, function, file_part))
        shares.append((label, spent, spent / total if total else float("nan")))
    return total, shares


def server_profile_report(path: Path, parts: Sequence[tuple[str, str, str, str]]) -> str:
    """A table from bench.serve's sampler: for (label, thread kind, function, file part), the share of that
    kind's busy samples with the function on the stack, and the busy seconds per thread kind."""
    data = json.loads(path.read_text(encoding="utf-8"))
    interval = data["interval"]
    busy = data["busy"]
    inclusive: dict[tuple[str, str], int] = {(k, label): n for k, label, n in data["inclusive"]}
    rows = []
    for label, kind, function, file_part in parts:
        n = max(
            (count for (k, where), count in inclusive.items()
             if k == kind and where.rsplit(":", 1)[-1] in function.split("|") and file_part in where),
            default=0,
        )
        rows.append([label, kind, f"{n * interval:.1f} s", f"{100 * n / max(busy.get(kind, 0), 1):.0f}%"])
    own_rows = []
    for kind in ("script", "main"):
        total = max(busy.get(kind, 0), 1)
        for _kind, where, n in [row for row in data["own"] if row[0] == kind][:8]:
            short = where.split("site-packages/")[-1].split("/lib/python3.11/")[-1].replace("/work/main/", "")
            own_rows.append([kind, short, f"{100 * n / total:.0f}%"])
    summary = ", ".join(
        f"{what} {busy.get(kind, 0) * interval:.0f} s"
        for kind, what in (("script", "script threads running a page"), ("main", "event-loop thread not waiting"))
    )
    return (
        f"Busy time sampled inside the server over {data['seconds']:.0f} s ({summary}; a thread waiting for the "
        f"GIL counts as busy):\n\n" + table(["function on the stack", "threads", "busy time", "share"], rows)
        + "\n\nTop of the stack in those samples (where a busy thread is: running, or waiting to get the GIL "
        "back after a call that released it):\n\n" + table(["threads", "function", "share"], own_rows)
    )


# --- Seeding ------------------------------------------------------------------------

ROLES = ("wijkambtenaar", "sociaal", "fysiek")


@dataclass(frozen=True)
class SeededTrio:
    trio: Any  # storage.TrioRecord
    members: tuple[Any, ...]  # storage.MemberRecord


@dataclass(frozen=True)
class Seeded:
    werkplaats: Any  # storage.WerkplaatsRecord
    trios: tuple[SeededTrio, ...]

    @property
    def members(self) -> list[Any]:
        return [m for t in self.trios for m in t.members]


def random_answers(model: Any, rng: random.Random, dont_know_rate: float = 0.05) -> dict[str, int | None]:
    return {
        q.id: (None if rng.random() < dont_know_rate else rng.randint(1, model.scale.points)) for q in model.questions
    }


def seed_werkplaats(
    engine: Any, *, trios: int, members_per_trio: int = 3, answered: bool, seed: int = 1, name: str = "Bench"
) -> Seeded:
    """A werkplaats with ``trios`` trios of ``members_per_trio`` members; full answers when ``answered``.

    Setup only (not measured): answers go in with ``storage.save_answers``, one transaction per member and frame.
    """
    import scoring
    import storage

    content = scoring.snapshot(CONTENT_DIR)
    model = scoring.load_model_from_texts(content.files)
    rng = random.Random(seed)
    werkplaats = storage.create_werkplaats(engine, name=name, held_on=dt.date.today(), content=content)
    made: list[SeededTrio] = []
    for t in range(trios):
        trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=f"Gemeente Bench {t + 1:03d}")
        members = []
        for i in range(members_per_trio):
            member = storage.create_member(engine, trio_id=trio.id, role=ROLES[i % len(ROLES)])
            members.append(member)
            if answered:
                for frame in ("nu", "gewenst"):
                    storage.save_answers(engine, member_id=member.id, frame=frame, answers=random_answers(model, rng))
        made.append(SeededTrio(trio=trio, members=tuple(members)))
    return Seeded(werkplaats=werkplaats, trios=tuple(made))


def content_model() -> Any:
    import scoring

    return scoring.load_model(CONTENT_DIR)


# --- PostgreSQL: a fresh database per run ---------------------------------------------


@contextlib.contextmanager
def fresh_postgres_database(base_url: str) -> Iterator[str]:
    """Create an empty database on the server of ``base_url``, yield its URL, drop it afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    import storage

    url = make_url(storage.db.normalise_url(base_url))
    name = f"rolwijzer_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        storage.db._engines.clear()  # drop our pooled connections before DROP DATABASE
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def describe_db(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return "SQLite file" if parsed.get_backend_name() == "sqlite" else f"PostgreSQL ({parsed.database})"


# --- A real streamlit server ----------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``sys.executable -m streamlit run <script>`` on a free loopback port, with the production config.

    The repository's ``.streamlit/config.toml`` applies (the process runs in the repository root), so
    ``runner.postScriptGC=false`` and ``server.fileWatcherType=none`` are in force as in production.
    """

    def __init__(
        self, script: str | Path, *, database_url: str, workdir: Path, extra_env: dict[str, str] | None = None,
        sample_file: Path | None = None,
    ) -> None:
        self.script = str(script)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/_stcore/stream"
        self.database_url = database_url
        self.log_path = workdir / f"server-{self.port}.log"
        self.extra_env = extra_env or {}
        self.sample_file = sample_file
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def command(self) -> list[str]:
        # bench.serve calls streamlit.web.cli.main(["run", script, ...]) in-process: the same as
        # `python -m streamlit run <script> ...`, with a command line that name-based kills do not match.
        return [
            sys.executable, "-m", "bench.serve",
            "--server.port", str(self.port), "--server.headless", "true", "--server.address", "127.0.0.1",
        ]

    @staticmethod
    def describe() -> str:
        return (
            "`streamlit run <script> --server.port <free> --server.headless true --server.address 127.0.0.1` "
            "(started through `python -m bench.serve`, which calls streamlit's CLI in-process), production "
            "`.streamlit/config.toml`"
        )

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        env.update({
            "DATABASE_URL": self.database_url,
            "ROLWIJZER_PASSCODE": PASSCODE,
            # As behind a proxy or on a LAN: links and QR codes are made for a reachable address.
            "ROLWIJZER_PUBLIC_URL": self.url,
            "PYTHONUNBUFFERED": "1",
            "BENCH_STREAMLIT_SCRIPT": self.script,
        })
        if self.sample_file is not None:
            env["BENCH_SAMPLE_FILE"] = str(self.sample_file)
        env.update(self.extra_env)
        return env

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.started_at = time.perf_counter()
            self.process = subprocess.Popen(
                self.command(), cwd=REPO_ROOT, env=self.environment(),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )

    def wait_healthy(self, timeout: float = 60.0) -> float:
        """Seconds from start until ``/_stcore/health`` answers "ok"."""
        assert self.process is not None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return time.perf_counter() - self.started_at
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.02)
        raise RuntimeError(f"server not healthy within {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def log_text(self) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")
        return ""


class ProcMonitor:
    """Polls /proc/<pid>/status (VmRSS) and /proc/<pid>/stat (utime+stime) in a thread."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, int, float]] = []  # (time, rss bytes, cpu seconds)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="proc-monitor")
        self._ticks = os.sysconf("SC_CLK_TCK")

    def _sample(self) -> tuple[float, int, float] | None:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        rss = 0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
        fields = stat.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / self._ticks  # utime, stime (fields 14, 15 of stat)
        return time.perf_counter(), rss, cpu

    def _run(self) -> None:
        while not self._stop.is_set():
            sample = self._sample()
            if sample is not None:
                self.samples.append(sample)
            self._stop.wait(self.interval)

    def start(self) -> ProcMonitor:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._stop.is_set():  # stopped already: keep the samples as they are
            return
        self._stop.set()
        self._thread.join(timeout=5)
        sample = self._sample()
        if sample is not None:
            self.samples.append(sample)

    @property
    def peak_rss(self) -> int:
        return max((s[1] for s in self.samples), default=0)

    @property
    def first_rss(self) -> int:
        return self.samples[0][1] if self.samples else 0

    def cpu_percent(self, window: float = 2.0) -> tuple[float, float]:
        """(mean, peak over ``window`` seconds) CPU use of the process, in % of one core."""
        if len(self.samples) < 2:
            return float("nan"), float("nan")
        (t0, _, c0), (t1, _, c1) = self.samples[0], self.samples[-1]
        mean = 100 * (c1 - c0) / max(t1 - t0, 1e-9)
        peak = 0.0
        j = 0
        for i in range(len(self.samples)):
            while j < i and self.samples[i][0] - self.samples[j][0] > window:
                j += 1
            if self.samples[i][0] - self.samples[j][0] >= window * 0.75:
                dt_ = self.samples[i][0] - self.samples[j][0]
                peak = max(peak, 100 * (self.samples[i][2] - self.samples[j][2]) / dt_)
        return mean, peak


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


# --- The websocket client ---------------------------------------------------------------

FINISHED = 0  # ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_COMPILE_ERROR = 1
FINISHED_EARLY_FOR_RERUN = 2
FINISHED_FRAGMENT = 3


def user_key(element_id: str) -> str | None:
    """The widget key inside an element id: ``$$ID-<hash>-<user key>`` (streamlit.runtime.state.common)."""
    if not element_id.startswith("$$ID-"):
        return None
    key = element_id.split("-", 2)[-1]
    return None if key == "None" else key


@dataclass
class RunResult:
    elapsed: float
    status: int | None  # None: timed out or disconnected
    errors: list[str] = field(default_factory=list)
    messages: int = 0

    @property
    def ok(self) -> bool:
        return self.status in (FINISHED, FINISHED_FRAGMENT) and not self.errors


class StreamlitClient:
    """One browser tab, over ``/_stcore/stream``.

    Keeps what the frontend keeps: the current page, the query string, the value of every widget on the
    page (from the element protos: ``default``/``value``/``raw_values`` and ``set_value``), and the
    fragments that asked for an auto-rerun. Every rerun sends the full widget state, like the browser.
    """

    def __init__(self, ws_url: str, *, name: str = "client", run_timeout: float = 60.0) -> None:
        self.ws_url = ws_url
        self.origin = ws_url.replace("ws://", "http://").split("/_stcore")[0]
        self.name = name
        self.run_timeout = run_timeout
        self.ws: Any = None
        self.query_string = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.widgets: dict[str, Any] = {}  # element id -> WidgetState (persistent value)
        self.widget_kinds: dict[str, str] = {}  # element id -> element type (also buttons)
        self.widgets_seen_this_run: set[str] = set()
        self.charts: dict[str, str] = {}  # user key -> plotly spec (JSON) of the last run that drew it
        self.auto_rerun: dict[str, float] = {}  # fragment id -> interval
        self.errors: list[str] = []  # every error seen on this connection
        self.alerts: list[tuple[str, str]] = []  # (format, body) of warnings and errors drawn
        self.disconnected = False
        self.messages = 0
        self._finished: asyncio.Queue[tuple[int | None, float]] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self._run_errors: list[str] = []
        self._lock = asyncio.Lock()

    # -- connection --

    async def connect(self, timeout: float = 30.0) -> None:
        import websockets

        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
            open_timeout=timeout, ping_interval=None, close_timeout=2,
        )
        self._reader = asyncio.create_task(self._read(), name=f"reader-{self.name}")

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self.messages += 1
                self._handle(msg)
        except Exception as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self._error(f"connection: {type(exc).__name__}: {exc}")
        finally:
            if not self.disconnected:
                self.disconnected = True
                self._finished.put_nowait((None, time.perf_counter()))

    def _error(self, text: str) -> None:
        self.errors.append(text)
        self._run_errors.append(text)

    def _handle(self, msg: Any) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
            for page in msg.new_session.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            if not msg.metadata.run.fragment_ids:
                self.widgets_seen_this_run = set()
        elif kind == "navigation":
            for page in msg.navigation.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta":
            self._handle_delta(msg.delta)
        elif kind == "auto_rerun":
            self.auto_rerun[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.auto_rerun.pop(fragment_id, None)
        elif kind == "page_not_found":
            self._error(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "session_event":
            event = msg.session_event.WhichOneof("type")
            if event == "script_compilation_exception":
                self._error(f"compile error: {msg.session_event.script_compilation_exception.message}")
        elif kind == "ref_hash":
            self._error("received a cached-message reference (ref_hash) although no cache was announced")
        elif kind == "script_finished":
            status = int(msg.script_finished)
            if status == FINISHED:  # a full run: the frontend drops widgets that were not drawn
                for element_id in list(self.widgets):
                    if element_id not in self.widgets_seen_this_run:
                        del self.widgets[element_id]
            if status != FINISHED_EARLY_FOR_RERUN:
                self._finished.put_nowait((status, time.perf_counter()))

    def _handle_delta(self, delta: Any) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        etype = element.WhichOneof("type")
        if etype == "exception":
            self._error(f"exception: {element.exception.type}: {element.exception.message}")
            return
        if etype == "alert":
            fmt = {1: "error", 2: "warning", 3: "info", 4: "success"}.get(element.alert.format, str(element.alert.format))
            self.alerts.append((fmt, element.alert.body))
            if fmt == "error":
                self._error(f"st.error: {element.alert.body[:200]}")
            return
        proto = getattr(element, etype)
        element_id = getattr(proto, "id", "") if etype != "plotly_chart" else proto.id
        if etype == "plotly_chart":
            key = user_key(proto.id)
            if key:
                self.charts[key] = proto.spec
            return
        if not element_id:
            return
        self.widget_kinds[element_id] = etype
        self.widgets_seen_this_run.add(element_id)
        known = element_id in self.widgets
        state = WidgetState(id=element_id)
        if etype == "button_group":
            if known and not proto.set_value:
                return
            values = list(proto.raw_values) if proto.set_value else [proto.options[i].content for i in proto.default]
            state.string_array_value.data[:] = values
        elif etype == "checkbox":
            if known and not proto.set_value:
                return
            state.bool_value = proto.value if proto.set_value else proto.default
        elif etype in ("text_input", "text_area"):
            if known and not proto.set_value:
                return
            state.string_value = proto.value if proto.set_value else proto.default
        elif etype == "selectbox":
            if known and not proto.set_value:
                return
            if proto.set_value:
                state.string_value = proto.raw_value
            elif 0 <= proto.default < len(proto.options):
                state.string_value = proto.options[proto.default]
            else:
                return
        else:  # buttons (trigger values) and elements we do not drive: nothing persistent to send
            return
        self.widgets[element_id] = state

    # -- lookups --

    def widget_id(self, key: str) -> str:
        for element_id in self.widget_kinds:
            if user_key(element_id) == key:
                return element_id
        raise KeyError(f"{self.name}: no widget with key {key!r} on the page")

    def widget_ids_with_prefix(self, prefix: str) -> dict[str, str]:
        """user key -> element id for every current widget whose key starts with ``prefix``."""
        found = {}
        for element_id in self.widgets:
            key = user_key(element_id)
            if key and key.startswith(prefix):
                found[key] = element_id
        return found

    def chart(self, key: str) -> dict[str, Any]:
        return json.loads(self.charts[key])  # type: ignore[no-any-return]

    # -- running --

    def _drain(self) -> None:
        while not self._finished.empty():
            self._finished.get_nowait()

    async def rerun(
        self,
        *,
        page_name: str | None = None,
        query_string: str | None = None,
        set_values: dict[str, Any] | None = None,
        triggers: Sequence[str] = (),
        fragment_id: str | None = None,
        is_auto_rerun: bool = False,
        timeout: float | None = None,
    ) -> RunResult:
        """Send ``rerun_script`` and wait for the run's ``script_finished``.

        ``page_name``: open that page (as a URL path; page_script_hash is then empty, like a first load).
        Otherwise the current page's hash is sent, as the browser does for a widget change.
        ``set_values``: element id -> WidgetState with the new value (also kept for later reruns).
        ``triggers``: element ids of buttons clicked (sent once).
        """
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        async with self._lock:
            if self.disconnected:
                return RunResult(0.0, None, ["disconnected before send"])
            for element_id, state in (set_values or {}).items():
                self.widgets[element_id] = state
            msg = BackMsg()
            rerun = msg.rerun_script
            if query_string is not None:
                self.query_string = query_string
            rerun.query_string = self.query_string
            if page_name is not None:
                rerun.page_name = page_name
                rerun.page_script_hash = ""
            else:
                rerun.page_script_hash = self.page_script_hash
            if fragment_id:
                rerun.fragment_id = fragment_id
                rerun.is_auto_rerun = is_auto_rerun
            states = [state for element_id, state in self.widgets.items()]
            for element_id in triggers:
                states.append(WidgetState(id=element_id, trigger_value=True))
            rerun.widget_states.widgets.extend(states)
            rerun.context_info.url = f"{self.origin}/{page_name or ''}" + (
                f"?{self.query_string}" if self.query_string else ""
            )
            rerun.context_info.timezone = "Europe/Amsterdam"
            rerun.context_info.locale = "nl-NL"
            self._drain()
            self._run_errors = []
            before = self.messages
            started = time.perf_counter()
            try:
                await self.ws.send(msg.SerializeToString())
            except Exception as exc:
                self._error(f"send: {type(exc).__name__}: {exc}")
                return RunResult(0.0, None, list(self._run_errors))
            try:
                status, at = await asyncio.wait_for(self._finished.get(), timeout or self.run_timeout)
            except TimeoutError:
                self._error(f"timeout after {timeout or self.run_timeout:.0f} s")
                return RunResult(time.perf_counter() - started, None, list(self._run_errors), self.messages - before)
            if status == FINISHED_COMPILE_ERROR:
                self._error("script finished with a compile error")
            return RunResult(at - started, status, list(self._run_errors), self.messages - before)


def button_group_value(element_id: str, label: str | None) -> Any:
    """The WidgetState a segmented control sends for a click on ``label`` (None: deselect)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=element_id)
    state.string_array_value.data[:] = [] if label is None else [label]
    return state


def bool_value(element_id: str, value: bool) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=element_id, bool_value=value)


def string_value(element_id: str, value: str) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=element_id, string_value=value)


async def facilitator_open_wall(client: StreamlitClient, passcode: str = PASSCODE) -> list[RunResult]:
    """Log in on page ``begeleider`` (form + submit button), open the newest werkplaats on ``muur``.

    Returns the runs it took; raises when the wall did not appear.
    """
    runs = [await client.rerun(page_name="begeleider", query_string="")]
    passcode_id = client.widget_id("gate_passcode")
    submit_id = next(i for i, kind in client.widget_kinds.items() if kind == "button" and "gate_form" in (user_key(i) or ""))
    runs.append(await client.rerun(set_values={passcode_id: string_value(passcode_id, passcode)}, triggers=[submit_id]))
    # The gate's form clears on submit; the browser does not keep the typed passcode.
    client.widgets.pop(passcode_id, None)
    runs.append(await client.rerun(page_name="muur"))
    if "wall_quadrant" not in client.charts:
        open_id = client.widget_id("fac_pick_open")  # the picker: the newest werkplaats is preselected
        runs.append(await client.rerun(triggers=[open_id]))
    if "wall_quadrant" not in client.charts or not client.auto_rerun:
        raise RuntimeError(f"the wall did not open: errors={client.errors} alerts={client.alerts[-3:]}")
    return runs


def _plotly_array(value: Any) -> list[Any]:
    """A plotly JSON array: a list, or a typed array ``{"dtype": ..., "bdata": base64}``."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return list(np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist())
    return list(value or [])


def wall_points(spec: dict[str, Any], frame: str = "nu") -> dict[str, tuple[float, float]]:
    """label -> (x, y) of the wall figure's nu or gewenst trace."""
    for trace in spec.get("data", []):
        meta = trace.get("meta") or {}
        if isinstance(meta, dict) and meta.get("kind") == "wall" and meta.get("frame") == frame:
            xs, ys, labels = _plotly_array(trace.get("x")), _plotly_array(trace.get("y")), trace.get("text") or []
            return {str(t): (float(x), float(y)) for t, x, y in zip(labels, xs, ys, strict=True)}
    return {}
