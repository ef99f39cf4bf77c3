"""Every figure the app draws is a valid plotly figure (the app skips validation for speed)."""

from __future__ import annotations

import random
from typing import Any

import plotly.graph_objects as go
import pytest

import scoring
from charts.heatmap import side_by_side_figure
from charts.quadrant import (
    RoleGroupEntry,
    Style,
    WallEntry,
    base_figure,
    escape_label,
    member_figure,
    role_groups_figure,
    trio_figure,
    wall_figure,
)
from charts.scene import role_shapes
from scoring import MemberInput, group_result


def trio(model: scoring.Model, seed: int, members: int = 3) -> scoring.GroupResult:
    rng = random.Random(seed)
    return group_result(model, [
        MemberInput(
            member_id=str(i), role=model.roles[i % len(model.roles)].id, label=f"<b>Lid {i}</b>",
            answers={f: {q.id: rng.choice([1, 2, 3, 4, 5, None]) for q in model.questions} for f in ("nu", "gewenst")},
        )
        for i in range(members)
    ])


def figures(model: scoring.Model) -> dict[str, go.Figure]:
    result = trio(model, 1)
    empty = group_result(model, [])
    order = [q.id for q in model.questions]
    return {
        "base": base_figure(model),
        "member": member_figure(model, result.members[0].nu, result.members[0].gewenst),
        "member-empty": member_figure(model, empty.nu, empty.gewenst),
        "trio": trio_figure(model, result),
        "trio-gewenst": trio_figure(model, result, frames=("gewenst",)),
        "trio-empty": trio_figure(model, empty),
        "wall": wall_figure(model, [WallEntry(label=f"T{i}", result=trio(model, i)) for i in range(6)], Style.projector()),
        "trio-rounds": trio_figure(model, result, bestuur=trio(model, 7, members=1).members[0], previous=trio(model, 8)),
        "trio-rounds-gewenst": trio_figure(model, result, frames=("gewenst",), bestuur=result.members[0],
                                           previous=trio(model, 8)),
        "wall-rounds": wall_figure(model, [WallEntry(f"T{i}", trio(model, i), trio(model, 20 + i)) for i in range(6)]),
        "roles": role_groups_figure(model, [RoleGroupEntry(role_id="sociaal", label="Sociaal", result=result)]),
        "side-by-side": side_by_side_figure(model, result, "nu", order, scoring.disagreement(model, result.answers_by_member("nu"))),
    }


@pytest.mark.parametrize("name", list(figures(scoring.load_model("content"))))
def test_figure_passes_plotly_validation(model: scoring.Model, name: str) -> None:
    spec = figures(model)[name].to_dict()
    go.Figure(spec)  # raises ValueError on any invalid property


def test_user_labels_are_escaped(model: scoring.Model) -> None:
    spec = trio_figure(model, trio(model, 2)).to_dict()
    names = [t.get("name", "") for t in spec["data"]]
    assert any("&lt;b&gt;Lid 0&lt;/b&gt;" in n for n in names)
    assert not any("<b>Lid" in n for n in names)
    assert escape_label("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"


def test_wall_has_one_arrow_trace_whatever_the_number_of_trios(model: scoring.Model) -> None:
    small = wall_figure(model, [WallEntry(label="A", result=trio(model, 1))]).to_dict()
    large = wall_figure(model, [WallEntry(label=str(i), result=trio(model, i)) for i in range(60)]).to_dict()
    assert len(small["data"]) == len(large["data"])
    assert not large["layout"].get("annotations") and not large["layout"].get("shapes")


def test_role_groups_chart_uses_the_reports_shapes_even_for_roles_the_model_lacks(model: scoring.Model) -> None:
    entries = [RoleGroupEntry(role_id=r, label=r, result=trio(model, i)) for i, r in enumerate(["onbekend", "ander"])]
    spec = role_groups_figure(model, entries).to_dict()
    shapes = {
        t["meta"]["role"]: t["marker"]["symbol"]
        for t in spec["data"] if isinstance(t.get("meta"), dict) and t["meta"]["frame"] == "nu"
    }
    assert [shapes[e.role_id] for e in entries] == role_shapes(model, [e.role_id for e in entries])
    assert len(set(shapes.values())) == 2


def traces(figure: go.Figure, kind: str) -> list[dict[str, Any]]:
    return [t for t in figure.to_dict()["data"] if (t.get("meta") or {}).get("kind") == kind]


def test_the_bestuurder_has_its_own_mark_and_legend_and_leaves_the_trio_alone(model: scoring.Model) -> None:
    result = trio(model, 1)
    bestuur = trio(model, 7, members=1).members[0]
    plain = trio_figure(model, result)
    figure = trio_figure(model, result, bestuur=bestuur)
    keys = [t["name"] for t in traces(figure, "legend")]
    assert "Bestuurder (telt niet mee in het trio)" in keys
    assert "Bestuurder (telt niet mee in het trio)" not in [t["name"] for t in traces(plain, "legend")]
    marks = {t["meta"]["frame"]: t for t in traces(figure, "bestuur")}
    assert (marks["nu"]["x"][0], marks["nu"]["y"][0]) == (bestuur.nu.x, bestuur.nu.y)
    assert marks["nu"]["text"] == ["Bestuurder"]  # named once, at nu
    member_symbols = {t["marker"]["symbol"] for t in traces(figure, "member")}
    assert marks["nu"]["marker"]["symbol"] not in member_symbols
    assert traces(figure, "trio") == traces(plain, "trio")  # the mean does not count the bestuurder
    assert not traces(plain, "bestuur")


def test_the_previous_round_is_faded_with_a_dotted_way_to_now(model: scoring.Model) -> None:
    result, before = trio(model, 1), trio(model, 8)
    figure = trio_figure(model, result, previous=before)
    faded = traces(figure, "previous")
    assert {t["meta"]["frame"] for t in faded} == {"nu", "gewenst"}
    assert all(t["opacity"] < 0.5 for t in faded)
    assert [t["name"] for t in faded if t.get("showlegend", True)] == ["Vorige keer (vaag)"]
    (way,) = traces(figure, "previous-link")
    assert way["line"]["dash"] == "dot" and "Vorige keer" in way["text"]
    assert (way["x"][0], way["y"][0]) == (before.nu.x, before.nu.y)
    assert (way["x"][-1], way["y"][-1]) == (result.nu.x, result.nu.y)
    assert not traces(trio_figure(model, result), "previous")


def test_wall_entries_with_a_previous_round_draw_it_faded_with_one_legend_entry(model: scoring.Model) -> None:
    entries = [WallEntry(f"T{i}", trio(model, i), trio(model, 20 + i) if i % 2 else None) for i in range(6)]
    figure = wall_figure(model, entries)
    spec = figure.to_dict()
    faded = {t["meta"]["frame"]: t for t in traces(figure, "wall-previous")}
    assert len(faded["nu"]["x"]) == 3 and all(t["opacity"] < 0.5 for t in faded.values())
    named = [t["name"] for t in spec["data"] if t.get("showlegend", True) and t.get("name")]
    assert named == ["Vorige ronde (vaag)"] and spec["layout"]["showlegend"]
    (links,) = traces(figure, "wall-previous-link")
    assert links["line"]["dash"] == "dot" and len(links["x"]) == 3 * 3 * 2  # nu and gewenst per trio
    plain = wall_figure(model, [WallEntry(e.label, e.result) for e in entries]).to_dict()
    assert not plain["layout"]["showlegend"] and not traces(wall_figure(model, entries[:1]), "wall-previous")
