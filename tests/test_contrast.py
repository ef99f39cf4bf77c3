"""WCAG 2.1 AA for what the app colours and draws itself: text at least 4.5:1, marks and lines at least
3:1, and nu and gewenst told apart by more than colour, in the app's charts and in the PDF reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import plotly.graph_objects as go
import pytest

import scoring
from charts import palette
from charts.contributions import contribution_figure
from charts.distributions import frame_distribution_figure, role_distribution_figure
from charts.heatmap import side_by_side_figure
from charts.quadrant import (
    RoleGroupEntry,
    Style,
    WallEntry,
    member_figure,
    role_groups_figure,
    trio_figure,
    wall_figure,
)
from reports.pdf import legends
from reports.pdf import quadrant as pdf_quadrant
from reports.pdf.document import ReportPDF
from reports.pdf.style import GEWENST, NU, WHITE
from tests.test_charts import trio
from ui import style

WHITE_HEX = "#FFFFFF"


def luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def on_white(rgba: str) -> str:
    """An ``rgba(r,g,b,a)`` tint as the opaque colour it makes on white."""
    r, g, b, a = (float(part) for part in rgba[rgba.index("(") + 1 : rgba.index(")")].split(","))
    return "#" + "".join(f"{round(255 + (c - 255) * a):02X}" for c in (r, g, b))


BACKGROUNDS = [WHITE_HEX, *(on_white(t) for t in palette.QUADRANT_TINTS.values())]
"""The chart's white and its four tinted quarters."""


@pytest.mark.parametrize("name", ["NU_COLOUR", "GEWENST_TEXT_COLOUR", "GROUP_COLOUR", "AXIS_TEXT_COLOUR",
                                  "QUADRANT_TEXT_COLOUR"])
def test_text_colours_reach_4_5_on_every_background(name: str) -> None:
    colour = getattr(palette, name)
    assert min(contrast(colour, bg) for bg in BACKGROUNDS) >= 4.5, name


@pytest.mark.parametrize("name", ["NU_COLOUR", "GEWENST_COLOUR", "GROUP_COLOUR", "GRID_COLOUR"])
def test_mark_colours_reach_3_on_every_background(name: str) -> None:
    colour = getattr(palette, name)
    assert min(contrast(colour, bg) for bg in BACKGROUNDS) >= 3.0, name


def test_gewenst_colour_alone_is_too_light_for_text() -> None:
    """Why the gewenst words have their own, darker colour."""
    assert contrast(palette.GEWENST_COLOUR, WHITE_HEX) < 4.5 <= contrast(palette.GEWENST_TEXT_COLOUR, WHITE_HEX)


@pytest.mark.parametrize("colour", palette.ROLE_COLOURS)
def test_role_bars_reach_3_on_white(colour: str) -> None:
    assert contrast(colour, WHITE_HEX) >= 3.0


def test_caption_colour_reaches_4_5_on_white_and_on_grey_panels() -> None:
    assert contrast(style.CAPTION_COLOUR, WHITE_HEX) >= 4.5
    assert contrast(style.CAPTION_COLOUR, "#F1F4F8") >= 4.5  # the theme's secondaryBackgroundColor
    assert f"color: {style.CAPTION_COLOUR}; opacity: 1;" in style.CSS  # Streamlit fades captions to 60 %


# --- The charts ---------------------------------------------------------------------


def chart_figures(model: scoring.Model) -> dict[str, go.Figure]:
    result = trio(model, 1)
    question = model.questions[0]
    members = list(result.members)
    order = [q.id for q in model.questions]
    return {
        "member": member_figure(model, result.members[0].nu, result.members[0].gewenst),
        "trio": trio_figure(model, result),
        "wall": wall_figure(model, [WallEntry(label="A", result=result), WallEntry(label="B", result=trio(model, 2))]),
        "wall-projector": wall_figure(model, [WallEntry(label="A", result=result)], Style.projector()),
        "trio-rounds": trio_figure(model, result, bestuur=trio(model, 5, members=1).members[0], previous=trio(model, 6)),
        "wall-rounds": wall_figure(model, [WallEntry(label="A", result=result, previous=trio(model, 6))]),
        "roles": role_groups_figure(model, [RoleGroupEntry(role_id=r.id, label=r.name, result=result)
                                            for r in model.roles]),
        "side-by-side": side_by_side_figure(model, result, "nu", order,
                                            scoring.disagreement(model, result.answers_by_member("nu"))),
        "frames": frame_distribution_figure(model, question, scoring.distribution(model, members, question.id, "nu"),
                                            scoring.distribution(model, members, question.id, "gewenst")),
        "roles-bars": role_distribution_figure(model, question, {"A": scoring.distribution(model, members, question.id,
                                                                                           "nu")}),
        "contributions": contribution_figure(model, scoring.contributions(model, result.members[0].answers["nu"]),
                                             scoring.contributions(model, result.members[0].answers["gewenst"])),
    }


def axes(layout: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            yield key, value


@pytest.mark.parametrize("name", list(chart_figures(scoring.load_model("content"))))
def test_every_axis_text_has_its_own_dark_colour(model: scoring.Model, name: str) -> None:
    """Streamlit's plotly theme draws axis titles and tick labels in #808495 (3.8:1) unless a chart says otherwise."""
    figure = chart_figures(model)[name]
    assert figure is not None
    layout = figure.to_dict()["layout"]
    checked = 0
    for key, axis in axes(layout):
        if axis.get("title", {}).get("text"):
            assert contrast(axis["title"]["font"]["color"], WHITE_HEX) >= 4.5, (name, key, "title")
            checked += 1
        if axis.get("showticklabels", True):
            assert contrast(axis["tickfont"]["color"], WHITE_HEX) >= 4.5, (name, key, "ticks")
            checked += 1
    assert checked, f"{name}: no axis text found"


def frame_symbols(figure: go.Figure) -> dict[str, dict[str, str]]:
    """Per drawn thing (member, role, trio, wall), its plotly symbol at nu and at gewenst."""
    found: dict[str, dict[str, str]] = {}
    for t in figure.to_dict()["data"]:
        meta = t.get("meta") or {}
        if "frame" in meta and t.get("x"):
            who = f"{meta['kind']}:{meta.get('member_id') or meta.get('role') or ''}"
            found.setdefault(who, {})[meta["frame"]] = t["marker"]["symbol"]
    return found


@pytest.mark.parametrize("name", ["member", "trio", "wall", "roles", "trio-rounds", "wall-rounds"])
def test_nu_and_gewenst_differ_by_shape_not_only_by_colour(model: scoring.Model, name: str) -> None:
    symbols = frame_symbols(chart_figures(model)[name])
    assert symbols
    for who, by_frame in symbols.items():
        assert set(by_frame) == {"nu", "gewenst"}, who
        assert by_frame["nu"] != by_frame["gewenst"], who
        assert by_frame["gewenst"].endswith("-open") and not by_frame["nu"].endswith("-open"), who


def test_trio_legend_names_members_by_shape_and_moments_by_fill(model: scoring.Model) -> None:
    result = trio(model, 1)
    data = trio_figure(model, result).to_dict()["data"]
    keys = {t["name"]: t["marker"] for t in data if (t.get("meta") or {}).get("kind") == "legend"}
    assert keys["Nu: gevulde vorm"]["symbol"] == "circle"
    assert keys["Gewenst: open vorm"]["symbol"] == "circle-open"
    member_keys = [t for t in data if (t.get("meta") or {}).get("kind") == "legend" and "member_id" in t["meta"]]
    assert len(member_keys) == len(result.members)
    assert all(k["marker"]["color"] == palette.GROUP_COLOUR for k in member_keys)  # shape only, no moment colour


def test_incomplete_members_are_not_faded_below_3_to_1(model: scoring.Model) -> None:
    data = trio_figure(model, trio(model, 1)).to_dict()["data"]
    members = [t for t in data if (t.get("meta") or {}).get("kind") == "member"]
    assert members and all(t["marker"].get("opacity", 1) == 1 for t in members)


def test_wall_letters_are_white_on_opaque_blue(model: scoring.Model) -> None:
    data = chart_figures(model)["wall"].to_dict()["data"]
    nu = next(t for t in data if t.get("meta") == {"kind": "wall", "frame": "nu"})
    assert nu["marker"]["opacity"] == 1  # plotly's default for markers of varying size is 0.7
    assert "white" in nu["textfont"]["color"]
    assert contrast(palette.NU_COLOUR, WHITE_HEX) >= 4.5


# --- The PDF reports ------------------------------------------------------------------


def recorded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, Any]]:
    calls: list[tuple[str, Any, Any]] = []

    def record(pdf: ReportPDF, shape: str, cx: float, cy: float, r: float, **kwargs: Any) -> None:
        calls.append((shape, kwargs.get("fill"), kwargs.get("stroke")))

    monkeypatch.setattr(pdf_quadrant, "marker", record)
    return calls


def test_pdf_draws_nu_filled_and_gewenst_open(model: scoring.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    result = trio(model, 3)
    calls = recorded(monkeypatch)
    pdf = ReportPDF("Gemeente", "Titel")
    pdf.add_page()
    box = pdf_quadrant.Box(30, 30, 120)
    pdf_quadrant.draw_trio(pdf, model, box, result)
    pdf_quadrant.draw_wall(pdf, model, box, [("A", result)])
    pdf_quadrant.draw_role_groups(pdf, model, box, [(r.id, r.name, result) for r in model.roles])
    gewenst = [c for c in calls if c[2] == GEWENST]
    nu = [c for c in calls if c[1] == NU]
    assert gewenst and all(fill == WHITE for _shape, fill, _stroke in gewenst)  # open: white inside
    assert nu and all(stroke != NU for _shape, _fill, stroke in nu)


def test_pdf_legends_say_it_in_words() -> None:
    result = trio(scoring.load_model("content"), 3)
    texts = [item.text for item in legends.trio_legend(result)]
    assert "Nu per lid: gevuld rondje" in texts and "Gewenst per lid: open ruit" in texts
    assert "Onderling verschil nu (stippels)" in texts and "Onderling verschil gewenst (streepjes)" in texts
    assert "Trio gewenst: open ruit" in [item.text for item in legends.wall_legend()]
