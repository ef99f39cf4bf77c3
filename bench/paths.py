"""Where the benchmarks read and write: the repository, ``bench/``, RESULTS.md, profiles, content."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_FILE = BENCH_DIR / "RESULTS.md"
PROFILES_DIR = BENCH_DIR / "profiles"
BARE_PAGE = BENCH_DIR / "bare_page.py"
CONTENT_DIR = REPO_ROOT / "content"

if str(REPO_ROOT) not in sys.path:  # `python bench/x.py` as well as `python -m bench.x`
    sys.path.insert(0, str(REPO_ROOT))
