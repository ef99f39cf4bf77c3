"""results/: a trio's result built in one place, the wall's letters and table, role groups, and purity."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

import scoring
from results import (
    difference,
    letter_for,
    member_labels,
    role_groups,
    trio_letter,
    trio_result,
    wall_table,
    werkplaats_groups,
    wijk_and_sector,
)
from storage import MemberRecord, TrioMembers, TrioRecord
from tests.apptest_support import REPO_ROOT

WHEN = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
WIJK = "Wijkambtenaar / wijkprofessional"
SOCIAAL = "Sectorambtenaar sociaal domein"
FYSIEK = "Sectorambtenaar fysiek domein"


def member(member_id: int, role: str, display_name: str = "", trio_id: int = 1) -> MemberRecord:
    return MemberRecord(
        id=member_id, trio_id=trio_id, role=role, display_name=display_name, created_at=WHEN, token=f"t{member_id}"
    )


def trio(trio_id: int, *members: MemberRecord, municipality: str = "") -> TrioMembers:
    record = TrioRecord(
        id=trio_id, werkplaats_id=1, municipality=municipality or f"Gemeente {trio_id}", casus="", code=f"c{trio_id}",
        created_at=WHEN,
    )
    return TrioMembers(trio=record, members=members)


def answered(nu: Mapping[str, int | None], gewenst: Mapping[str, int | None] | None = None) -> dict[str, Any]:
    """Both frames always present, as storage returns a member's answers."""
    return {"nu": dict(nu), "gewenst": dict(gewenst or {})}


# kennis_en_data (x) and agenda (y) are not reversed: 5 is +1, 1 is -1 on the axis.
HIGH_X_LOW_Y = answered({"kennis_en_data": 5, "agenda": 1})
LOW_X_HIGH_Y = answered({"kennis_en_data": 1, "agenda": 5}, {"kennis_en_data": 5})


# --- trio_result ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "answers", "labels", "answered_counts"),
    [
        pytest.param([], {}, [], [], id="no members yet"),
        pytest.param(
            [member(1, "wijkambtenaar"), member(2, "sociaal"), member(3, "fysiek")],
            {1: HIGH_X_LOW_Y, 3: LOW_X_HIGH_Y},
            [WIJK, SOCIAAL, FYSIEK],
            [2, 0, 3],
            id="a member without answers counts as nothing answered",
        ),
        pytest.param(
            [member(1, "sociaal"), member(2, "sociaal"), member(3, "wijkambtenaar")],
            {},
            [f"{SOCIAAL} 1", f"{SOCIAAL} 2", WIJK],
            [0, 0, 0],
            id="the same label twice is numbered",
        ),
        pytest.param(
            [member(1, "sociaal", "Anna"), member(2, "sociaal", "Anna"), member(3, "sociaal", "Bram")],
            {2: HIGH_X_LOW_Y},
            [f"{SOCIAAL} (Anna) 1", f"{SOCIAAL} (Anna) 2", f"{SOCIAAL} (Bram)"],
            [0, 2, 0],
            id="display names, numbered only when they repeat",
        ),
    ],
)
def test_trio_result_names_members_and_counts_their_answers(
    model: scoring.Model,
    members: list[MemberRecord],
    answers: dict[int, dict[str, Any]],
    labels: list[str],
    answered_counts: list[int],
) -> None:
    result = trio_result(model, members, answers)
    assert [m.label for m in result.members] == labels
    assert [m.member_id for m in result.members] == [str(m.id) for m in members]
    assert [m.role for m in result.members] == [m.role for m in members]
    assert [m.answered for m in result.members] == answered_counts
    assert list(member_labels(model, members).values()) == labels


def test_trio_result_scores_each_member_and_the_trio(model: scoring.Model) -> None:
    result = trio_result(
        model, [member(1, "wijkambtenaar"), member(2, "sociaal"), member(3, "fysiek")], {1: HIGH_X_LOW_Y, 2: LOW_X_HIGH_Y}
    )
    first, second, third = result.members
    assert (first.nu.x, first.nu.y) == (1.0, -1.0)
    assert (second.nu.x, second.nu.y, second.gewenst.x) == (-1.0, 1.0, 1.0)
    assert (third.nu.x, third.nu.y) == (None, None)
    assert (result.nu.x, result.nu.y, result.nu.n) == (0.0, 0.0, 2)
    assert result.gewenst.x == 1.0


# --- The wall ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("index", "letter"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (51, "AZ"), (52, "BA"), (701, "ZZ"), (702, "AAA")],
)
def test_letter_for(index: int, letter: str) -> None:
    assert letter_for(index) == letter


def test_werkplaats_groups_letters_in_the_given_order_and_answers_per_trio(model: scoring.Model) -> None:
    trios = [trio(100 + i, member(10 * i + 1, "wijkambtenaar", trio_id=100 + i)) for i in range(28)]
    answers = {101: {11: HIGH_X_LOW_Y}, 127: {271: LOW_X_HIGH_Y}}  # other trios have no answers yet
    groups = werkplaats_groups(model, trios, answers)
    assert [g.letter for g in groups] == [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB"]
    assert [g.trio.id for g in groups] == [100 + i for i in range(28)]
    assert [g.label(False) for g in groups[:2]] == ["A", "B"]
    assert [g.label(True) for g in groups[:2]] == ["Gemeente 100", "Gemeente 101"]
    assert [g.result.members[0].answered for g in groups] == [0, 2, *[0] * 25, 3]
    assert groups[1].result.nu.x == 1.0
    assert groups[27].result.nu.x == -1.0
    assert werkplaats_groups(model, [], {}) == []


def test_wall_table_reveals_names_only_when_asked_and_puts_the_largest_difference_first(
    model: scoring.Model,
) -> None:
    agreeing = trio(1, member(1, "wijkambtenaar"), member(2, "sociaal"), municipality="Eensgezind")
    differing = trio(2, member(3, "wijkambtenaar", trio_id=2), member(4, "sociaal", trio_id=2), municipality="Oneens")
    empty = trio(3, municipality="Leeg")
    alone = trio(4, member(5, "fysiek", trio_id=4), municipality="Alleen")
    groups = werkplaats_groups(
        model,
        [agreeing, differing, empty, alone],
        {1: {1: HIGH_X_LOW_Y, 2: HIGH_X_LOW_Y}, 2: {3: HIGH_X_LOW_Y, 4: LOW_X_HIGH_Y}, 4: {5: LOW_X_HIGH_Y}},
    )

    as_given = wall_table(model, groups, reveal=False, least_agreement_first=False)
    assert list(as_given.columns) == ["Trio", "Trioleden", "Ingevuld", "Onderling verschil", "Nu → gewenst"]
    assert as_given["Trio"].tolist() == ["A", "B", "C", "D"]
    assert as_given["Trioleden"].tolist() == [2, 2, 0, 1]
    # A decimal comma; "–" where there is nothing to compare: no answers, or one member alone.
    assert as_given["Onderling verschil"].tolist() == ["0,00", "1,00", "–", "–"]

    by_difference = wall_table(model, groups, reveal=True, least_agreement_first=True)
    assert by_difference["Trio"].tolist() == ["Oneens", "Eensgezind", "Leeg", "Alleen"]
    assert by_difference["Onderling verschil"].tolist() == ["1,00", "0,00", "–", "–"]
    assert "None" not in by_difference.to_csv()
    assert wall_table(model, [], reveal=False, least_agreement_first=True).empty


def test_difference_needs_two_members_on_one_axis(model: scoring.Model) -> None:
    x_only = answered({"kennis_en_data": 5})
    y_only = answered({"agenda": 1})
    members = [member(1, "wijkambtenaar"), member(2, "sociaal")]
    assert difference(trio_result(model, members, {})) is None
    assert difference(trio_result(model, members, {1: HIGH_X_LOW_Y})) is None  # one member alone: 0,00 before
    assert difference(trio_result(model, members, {1: x_only, 2: y_only})) is None  # never on the same axis
    assert difference(trio_result(model, members, {1: x_only, 2: HIGH_X_LOW_Y})) == 0.0
    assert difference(trio_result(model, members, {1: HIGH_X_LOW_Y, 2: LOW_X_HIGH_Y})) == 1.0


def test_trio_letter_is_the_letter_the_wall_shows(model: scoring.Model) -> None:
    trios = [trio(100 + i, member(i + 1, "wijkambtenaar", trio_id=100 + i)) for i in range(28)]
    records = [t.trio for t in trios]  # as storage.list_trios returns them
    wall = werkplaats_groups(model, trios, {})
    assert [trio_letter(records, g.trio.id) for g in wall] == [g.letter for g in wall]
    assert trio_letter(records, 102) == "C"
    assert trio_letter(records, 127) == "AB"
    assert trio_letter(records, 999) is None
    assert trio_letter([], 100) is None


# --- Role groups ------------------------------------------------------------------


def test_role_groups_and_wijk_against_sector_across_trios(model: scoring.Model) -> None:
    groups = werkplaats_groups(
        model,
        [
            trio(1, member(1, "sociaal"), member(2, "wijkambtenaar")),
            trio(2, member(3, "wijkambtenaar", trio_id=2), member(4, "fysiek", trio_id=2)),
        ],
        {1: {1: LOW_X_HIGH_Y, 2: HIGH_X_LOW_Y}, 2: {3: HIGH_X_LOW_Y, 4: HIGH_X_LOW_Y}},
    )
    by_role = role_groups(model, groups)
    assert list(by_role) == ["wijkambtenaar", "sociaal", "fysiek"]  # the model's order; veiligheid has nobody
    assert [m.member_id for m in by_role["wijkambtenaar"].members] == ["2", "3"]
    assert (by_role["wijkambtenaar"].nu.x, by_role["sociaal"].nu.x) == (1.0, -1.0)

    pairs = wijk_and_sector(model, groups)
    assert [m.member_id for m in pairs["wijk"].members] == ["2", "3"]
    assert [m.member_id for m in pairs["sector"].members] == ["1", "4"]
    assert pairs["sector"].nu.x == 0.0

    only_wijk = werkplaats_groups(model, [trio(3, member(5, "wijkambtenaar", trio_id=3))], {})
    assert list(wijk_and_sector(model, only_wijk)) == ["wijk"]
    assert role_groups(model, []) == {} and wijk_and_sector(model, []) == {}


# --- One place, and pure -----------------------------------------------------------

APP_CODE = ("scoring", "storage", "results", "charts", "reports", "ui", "app_pages", "bench", "app.py")
BUILDERS = ("group_result", "member_result", "MemberInput")


class BuilderCalls(ast.NodeVisitor):
    """(enclosing function, called name) for every call of a trio builder; "<module>" at top level."""

    def __init__(self) -> None:
        self.function = "<module>"
        self.found: set[tuple[str, str]] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in BUILDERS:
            self.found.add((self.function, name))
        self.generic_visit(node)


def builder_calls() -> set[tuple[str, str, str]]:
    """(file, enclosing function, called name) for every call of a trio builder in the app's code."""
    found: set[tuple[str, str, str]] = set()
    for top in APP_CODE:
        root = REPO_ROOT / top
        for file in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            visitor = BuilderCalls()
            visitor.visit(ast.parse(file.read_text(encoding="utf-8")))
            found |= {(file.relative_to(REPO_ROOT).as_posix(), *call) for call in visitor.found}
    return found


def test_a_trio_result_is_built_in_exactly_one_function() -> None:
    """Pages, exports, reports and benchmarks all go through results.trio_result; only scoring/ and results/
    may build MemberInputs or call group_result, and in results/ only trio_result does (and bestuur_result, for
    the one member beside the trio)."""
    calls = builder_calls()
    outside = {call for call in calls if not call[0].startswith(("scoring/", "results/"))}
    assert outside == set(), f"build a trio's result with results.trio_result instead: {sorted(outside)}"
    assert {call for call in calls if call[0].startswith("results/")} == {
        ("results/trio.py", "trio_result", "group_result"),
        ("results/trio.py", "trio_result", "MemberInput"),
        ("results/trio.py", "bestuur_result", "member_result"),
        ("results/trio.py", "bestuur_result", "MemberInput"),
    }


def test_results_imports_neither_streamlit_nor_the_database() -> None:
    code = (
        "import sys, results\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'sqlalchemy', 'storage'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
