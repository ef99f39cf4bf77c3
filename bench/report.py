"""What a benchmark records: the machine, the measured code, dated sections of bench/RESULTS.md, tables."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench.paths import REPO_ROOT, RESULTS_FILE


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
