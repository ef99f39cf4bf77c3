"""The documentation says what the code does: commands, settings, test references, content fields."""

from __future__ import annotations

import ast
import re

import pytest

import settings
from scoring import schema
from tests.apptest_support import REPO_ROOT
from ui import pages

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
SECURITY = (REPO_ROOT / "SECURITY.md").read_text(encoding="utf-8")
MAKEFILE = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_the_makefile_has_them() -> None:
    assert "    make run\n" in README
    assert "    make test\n" in README
    assert re.search(r"^run:", MAKEFILE, re.M) and re.search(r"^test:", MAKEFILE, re.M)
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def references(text: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    for match in re.finditer(r"`((?:tests|bench)/[\w/]+\.py)((?:::\w+)?)`", text):
        found.append((match.group(1), match.group(2)[2:] or None))
    # "`tests/x.py::a`, `::b`" names a second test in the same file.
    for match in re.finditer(r"`((?:tests|bench)/[\w/]+\.py)::\w+`((?:, `::\w+`)+)", text):
        for name in re.findall(r"`::(\w+)`", match.group(2)):
            found.append((match.group(1), name))
    return found


@pytest.mark.parametrize(("path", "name"), references(SECURITY), ids=lambda v: str(v))
def test_security_table_names_real_tests(path: str, name: str | None) -> None:
    file = REPO_ROOT / path
    assert file.is_file(), path
    if name:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert name in functions, f"{path} has no {name}"


def test_every_security_row_has_a_test() -> None:
    rows = [line for line in SECURITY.splitlines() if line.startswith("| ") and "test" in line.lower()]
    table = [r for r in rows if not r.startswith("| threat") and not r.startswith("|---")]
    assert len(table) >= 20
    for row in table:
        assert "tests/" in row or "bench/" in row, row


@pytest.mark.parametrize(
    ("section", "model"),
    [
        ("model.yaml", schema.ModelFile),
        ("questions.yaml", schema.Question),
        ("perspectives.yaml", schema.Perspective),
    ],
)
def test_readme_content_format_lists_every_required_field(section: str, model: type) -> None:
    block = README[README.index(f"`content/{section}`"):]
    block = block[: block.index("```", block.index("```") + 3)]
    for name, field in model.model_fields.items():
        if field.is_required():
            assert re.search(rf"\b{name}\b", block), f"README does not show {section} field {name}"


def readme_settings() -> list[tuple[str, str | None, str]]:
    """(name, default, help) per row of the README's settings table; a default of "none" is None."""
    start = README.index("### Settings\n")
    section = README[start : README.index("\n## ", start)]
    rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    return [(name, None if default == "none" else default.strip("`"), text) for name, default, text in rows]


def test_readme_settings_table_lists_exactly_the_settings_of_settings_py() -> None:
    assert readme_settings() == [(s.name, s.default, s.help) for s in settings.SETTINGS]


APP_CODE_FOLDERS = ("app_pages", "ui", "storage", "scoring", "reports", "charts", "results")


def test_every_setting_is_read_through_settings_py() -> None:
    """No other app code reads the environment or Streamlit's secrets, so every setting is declared and documented."""
    files = [REPO_ROOT / "app.py", *(f for folder in APP_CODE_FOLDERS for f in (REPO_ROOT / folder).rglob("*.py"))]
    declared = {s.name for s in settings.SETTINGS}
    for file in files:
        code = file.read_text(encoding="utf-8")
        assert not re.search(r"os\.environ|getenv|st\.secrets|import tomllib", code), file
        mentioned = set(re.findall(r"\b(?:ROLWIJZER_[A-Z_]+|DATABASE_URL)\b", code))
        assert mentioned <= declared, f"{file}: {mentioned - declared}"


def test_readme_explains_every_dependency() -> None:
    for requirement in (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        requirement = requirement.strip()
        if not requirement or requirement.startswith("#"):
            continue
        name = re.split(r"[\[=<>]", requirement)[0].lower()
        assert f"| {name}" in README.lower(), name


def test_every_page_in_the_navigation_exists() -> None:
    layouts = [
        pages.app_layout(facilitator=True),
        pages.error_layout(pages.CONTENT_ERROR),
        pages.error_layout(pages.DATABASE_ERROR),
    ]
    registered = [page.path for layout in layouts for section in layout.values() for page in section]
    for page in registered:
        assert (REPO_ROOT / page).is_file(), page
    assert sorted(registered) == sorted(page.path for page in pages.ALL), "a page defined but never registered"
    on_disk = {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "app_pages").glob("*.py")}
    assert on_disk == set(registered), "a page script that the navigation does not register (or the reverse)"


def test_every_label_the_leertraject_section_names_is_on_a_page() -> None:
    """The facilitators' section quotes UI labels in *italics*: each must be a text the app shows."""
    start = README.index("## Leertrajecten and rounds")
    section = README[start : README.index("\n## ", start + 1)]
    labels = [" ".join(label.split()) for label in re.findall(r"(?<!\*)\*(?!\*)([^*]+)(?<!\*)\*(?!\*)", section)]
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("app_pages", "ui", "results")
        for path in sorted((REPO_ROOT / folder).glob("*.py"))
    )
    assert len(labels) >= 10
    missing = [label for label in labels if label not in source]
    assert not missing, f"README names labels no page shows: {missing}"
