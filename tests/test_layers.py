"""Layers: the core packages never import the user interface, nor a library of another layer.

Scoring, results and charts are pure computation (no Streamlit, no database); storage has no
Streamlit; none of scoring, storage, results, charts and reports imports ``ui`` or ``app_pages``.
Each rule is checked twice: in the source (every import statement, also those inside a function)
and at run time (what importing every module of the package really loads, in a fresh interpreter).
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apptest_support import REPO_ROOT

UI = ("ui", "app_pages")
PURE = ("streamlit", "sqlalchemy", *UI)
# The house, bottom up: scoring <- results <- charts <- reports; storage beside results (it needs
# scoring, never the other way round); ui and app_pages on top. A package imports only what lies below it.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "scoring": (*PURE, "settings", "storage", "results", "charts", "reports"),
    "results": (*PURE, "storage", "charts", "reports"),
    "charts": (*PURE, "storage", "reports"),
    "storage": ("streamlit", *UI, "results", "charts", "reports"),
    "reports": UI,
}
REQUIRED = ("scoring", "storage", "charts")
# A package that does not exist (yet) is skipped, unless it is required: then its cases fail.
PACKAGES = [name for name in FORBIDDEN if name in REQUIRED or (REPO_ROOT / name).is_dir()]


def imports_in(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level package) for every import statement in the module, wherever it is written."""
    package = path.relative_to(root).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            parts = [*base, *(node.module.split(".") if node.module else [])]
            yield node.lineno, parts[0] if parts else ""


def package_files(package: str) -> list[Path]:
    files = sorted((REPO_ROOT / package).rglob("*.py"))
    assert (REPO_ROOT / package / "__init__.py").is_file() and files, (
        f"the package {package}/ is missing: the layer rules cannot be checked"
    )
    return files


@pytest.mark.parametrize("package", REQUIRED)
def test_the_core_packages_exist(package: str) -> None:
    package_files(package)


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_imports_another_layer(package: str) -> None:
    forbidden = FORBIDDEN[package]
    found = [
        f"{path.relative_to(REPO_ROOT).as_posix()}:{line} imports {name}"
        for path in package_files(package)
        for line, name in imports_in(path, REPO_ROOT)
        if name in forbidden
    ]
    assert found == [], f"{package}/ may not import {', '.join(forbidden)}"


LOAD_EVERY_MODULE = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    if info.name.rsplit(".", 1)[-1] != "__main__":
        importlib.import_module(info.name)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.mark.parametrize("package", PACKAGES)
def test_importing_the_package_loads_no_other_layer(package: str) -> None:
    package_files(package)
    run = subprocess.run(
        [sys.executable, "-c", LOAD_EVERY_MODULE, package],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr
    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert loaded & set(FORBIDDEN[package]) == set(), f"importing {package} loads {sorted(loaded & set(FORBIDDEN[package]))}"


def test_the_source_check_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    module = tmp_path / "pkg" / "sub" / "mod.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "import os.path\n"
        "from . import sibling\n"
        "from ...ui import pages\n"
        "def f():\n"
        "    from streamlit import session_state\n",
        encoding="utf-8",
    )
    assert list(imports_in(module, tmp_path)) == [(1, "os"), (2, "pkg"), (3, "ui"), (5, "streamlit")]
