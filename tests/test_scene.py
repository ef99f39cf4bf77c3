"""charts.scene: what the quadrant pictures show, computed once for the app's charts and the PDF reports."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

import scoring
from charts import scene
from charts.palette import ROLE_SYMBOLS
from charts.quadrant import WallEntry, trio_figure, wall_figure
from reports.pdf import quadrant as pdf_quadrant
from reports.pdf.document import ReportPDF
from results.words import member_label
from scoring import Model, group_result
from tests.test_charts import trio
from tests.test_reports_pdf import member, standard_trio


def test_trio_scene_places_members_and_the_mean(model: Model) -> None:
    result = standard_trio(model)
    picture = scene.trio_scene(model, result)
    assert [m.key for m in picture.members] == [m.member_id for m in result.members]
    for mark, m in zip(picture.members, result.members, strict=True):
        assert mark.nu == scene.point(m.nu) and mark.gewenst == scene.point(m.gewenst)
        assert mark.label == member_label(m)
        assert mark.complete == m.complete
        assert mark.shape == scene.role_shape(model, m.role)
    assert [m.nu is None for m in picture.members] == [False, False, True]  # the third has no y yet
    assert scene.point(result.members[0].nu) == (result.members[0].nu.x, result.members[0].nu.y)
    assert picture.trio.nu == (result.nu.x, result.nu.y)
    assert picture.several
    assert picture.nu_spread is not None and picture.nu_spread.centre == picture.trio.nu
    assert picture.nu_spread.rx == max(result.nu.spread_x or 0.0, scene.MIN_SPREAD)


def test_one_member_has_a_tiny_spread_but_not_several(model: Model) -> None:
    result = group_result(model, [member(model, "1", "wijkambtenaar", "Anna", (2, 2), (4, 4))])
    picture = scene.trio_scene(model, result)
    assert not picture.several  # the PDF leaves the ellipse out
    assert picture.nu_spread == scene.Spread(picture.trio.nu or (0, 0), scene.MIN_SPREAD, scene.MIN_SPREAD)


def test_no_arrow_without_both_places_or_without_a_move(model: Model) -> None:
    assert scene.Mark("a", "A", "circle", (0.1, 0.2), (0.5, 0.5)).arrow == ((0.1, 0.2), (0.5, 0.5))
    assert scene.Mark("a", "A", "circle", (0.1, 0.2), (0.1, 0.2)).arrow is None
    assert scene.Mark("a", "A", "circle", None, (0.1, 0.2)).arrow is None
    assert scene.Mark("a", "A", "circle", None, (0.1, 0.2)).anchor == (0.1, 0.2)


def test_role_shapes_follow_the_model_and_stay_distinct_for_unknown_roles(model: Model) -> None:
    ids = [r.id for r in model.roles]
    assert scene.role_shapes(model, ids[::-1]) == [scene.role_shape(model, i) for i in ids[::-1]]
    assert scene.role_shapes(model, ["onbekend", "ook-onbekend"]) == list(ROLE_SYMBOLS[:2])


def test_wall_scene_keeps_the_spread_and_skips_missing_places(model: Model) -> None:
    results = [("A", trio(model, 1)), ("Leeg", group_result(model, []))]
    marks = scene.wall_scene(results)
    assert marks[0].spread == results[0][1].spread
    assert marks[1].nu is None and marks[1].gewenst is None and marks[1].spread == 0.0


def recorded_markers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float, float]]:
    calls: list[tuple[str, float, float]] = []

    def record(pdf: ReportPDF, shape: str, cx: float, cy: float, r: float, **kwargs: Any) -> None:
        calls.append((shape, cx, cy))

    monkeypatch.setattr(pdf_quadrant, "marker", record)
    return calls


def test_chart_and_report_draw_the_wall_at_the_same_places(model: Model, monkeypatch: pytest.MonkeyPatch) -> None:
    trios = [(f"T{i}", trio(model, i)) for i in range(5)]
    marks = scene.wall_scene(trios)
    spec = wall_figure(model, [WallEntry(label, result) for label, result in trios]).to_dict()
    nu_trace = next(t for t in spec["data"] if t.get("meta", {}).get("frame") == "nu")
    assert list(zip(nu_trace["x"], nu_trace["y"], strict=True)) == [m.nu for m in marks if m.nu]
    calls = recorded_markers(monkeypatch)
    pdf = ReportPDF("Werkplaats", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 110)
    pdf_quadrant.draw_wall(pdf, model, box, trios)
    assert [(x, y) for shape, x, y in calls if shape == "circle"] == [box.point(*m.nu) for m in marks if m.nu]
    assert [(x, y) for shape, x, y in calls if shape == "diamond"] == [
        box.point(*m.gewenst) for m in marks if m.gewenst
    ]


def test_chart_and_report_draw_the_trio_mean_at_the_same_place(
    model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = trio(model, 3)
    picture = scene.trio_scene(model, result)
    spec = trio_figure(model, result).to_dict()
    mean = next(t for t in spec["data"] if t.get("meta") == {"kind": "trio", "frame": "nu"})
    assert (mean["x"][0], mean["y"][0]) == picture.trio.nu
    calls = recorded_markers(monkeypatch)
    pdf = ReportPDF("Gemeente", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 120)
    pdf_quadrant.draw_trio(pdf, model, box, result)
    assert picture.trio.nu is not None
    assert calls[0] == ("circle", *box.point(*picture.trio.nu))  # the mean is drawn first, under the members


def test_scene_and_words_load_no_plotly_streamlit_or_database() -> None:
    code = (
        "import sys, charts.scene, results.words, reports.pdf.trio, reports.pdf.group\n"
        "print(sorted(m for m in ('plotly', 'streamlit', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- The bestuurder and the previous round ------------------------------------------------------


def rounds(model: Model) -> tuple[scoring.GroupResult, scoring.GroupResult, scoring.MemberResult]:
    """A trio now, the same trio at the previous round, and its bestuurder (apart from every member)."""
    now = standard_trio(model)
    before = group_result(model, [
        member(model, "1", "wijkambtenaar", "Anna", (2, 2), (4, 3)),
        member(model, "2", "sociaal", "Bo", (2, 2), (3, 4)),
    ])
    bestuur = group_result(model, [member(model, "b", "anders", "Directeur", (4, 2), (5, 3))]).members[0]
    return now, before, bestuur


def test_the_bestuurder_stands_beside_the_trio_and_leaves_its_mean_alone(model: Model) -> None:
    now, before, bestuur = rounds(model)
    alone = scene.trio_scene(model, now)
    picture = scene.trio_scene(model, now, bestuur=bestuur, previous=before)
    assert picture.trio == alone.trio and picture.members == alone.members
    assert alone.bestuur is None and alone.previous is None
    assert picture.bestuur is not None
    assert picture.bestuur.nu == scene.point(bestuur.nu) and picture.bestuur.label == "Bestuurder"
    assert picture.bestuur.shape not in {m.shape for m in picture.members}
    assert picture.bestuur.shape not in [scene.role_shape(model, r.id) for r in model.roles]
    assert picture.previous is not None
    assert picture.previous.before.nu == (before.nu.x, before.nu.y)
    assert picture.previous.link("nu") == (picture.previous.before.nu, picture.trio.nu)


def test_a_trail_has_no_link_without_a_move_or_a_place(model: Model) -> None:
    result = trio(model, 1)
    assert scene.trail("A", result, result).link("nu") is None
    assert scene.trail("A", group_result(model, []), result).link("gewenst") is None
    trails = scene.wall_trails([("A", result, None), ("B", result, trio(model, 2))])
    assert [t.now.label for t in trails] == ["B"]


def test_chart_and_report_draw_the_bestuurder_and_the_previous_round_at_the_same_places(
    model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    now, before, bestuur = rounds(model)
    picture = scene.trio_scene(model, now, bestuur=bestuur, previous=before)
    assert picture.bestuur is not None and picture.previous is not None
    spec = trio_figure(model, now, bestuur=bestuur, previous=before).to_dict()
    placed = {(t["meta"]["kind"], t["meta"]["frame"]): (t["x"][0], t["y"][0])
              for t in spec["data"] if t.get("meta", {}).get("kind") in ("bestuur", "previous")}
    assert placed == {
        ("bestuur", "nu"): picture.bestuur.nu, ("bestuur", "gewenst"): picture.bestuur.gewenst,
        ("previous", "nu"): picture.previous.before.nu, ("previous", "gewenst"): picture.previous.before.gewenst,
    }
    calls = recorded_markers(monkeypatch)
    pdf = ReportPDF("Gemeente", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 120)
    pdf_quadrant.draw_trio(pdf, model, box, now, bestuur=bestuur, previous=before)
    for shape, at in (
        (scene.BESTUUR_SHAPE, picture.bestuur.nu), (scene.BESTUUR_SHAPE, picture.bestuur.gewenst),
        (scene.NU_SHAPE, picture.previous.before.nu), (scene.GEWENST_SHAPE, picture.previous.before.gewenst),
    ):
        assert at is not None and (shape, *box.point(*at)) in calls


def test_chart_and_report_draw_the_previous_round_on_the_wall_at_the_same_places(
    model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    trios = [(f"T{i}", trio(model, i)) for i in range(4)]
    previous = [trio(model, 10 + i) if i != 2 else None for i in range(4)]
    trails = scene.wall_trails([(label, result, p) for (label, result), p in zip(trios, previous, strict=True)])
    assert len(trails) == 3
    spec = wall_figure(model, [WallEntry(label, result, p) for (label, result), p in zip(trios, previous, strict=True)])
    faded = next(t for t in spec.to_dict()["data"] if t.get("meta") == {"kind": "wall-previous", "frame": "nu"})
    assert list(zip(faded["x"], faded["y"], strict=True)) == [t.before.nu for t in trails if t.before.nu]
    calls = recorded_markers(monkeypatch)
    pdf = ReportPDF("Werkplaats", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 110)
    pdf_quadrant.draw_wall(pdf, model, box, trios, previous)
    circles = [(x, y) for shape, x, y in calls if shape == "circle"]
    marks = scene.wall_scene(trios)
    # The previous round first (below), then every trio now, as before.
    assert circles == [box.point(*t.before.nu) for t in trails if t.before.nu] + [
        box.point(*m.nu) for m in marks if m.nu
    ]
