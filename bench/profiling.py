"""Where the time goes: pyinstrument sessions (saved, and summed per function) and bench.serve's sampler."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.paths import PROFILES_DIR
from bench.report import table


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
