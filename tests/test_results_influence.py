"""The invloedskaart as a record (results.influence), its chart, its words, and the trio's plan."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

import scoring
from charts.influence import DISAGREE_MARK, UNDECIDED, influence_figure, mark_size
from results.influence import (
    ALL_AGREE,
    NO_CHANGE,
    change_words,
    disagreement_sentence,
    disagreement_summary,
    first_heading,
    focus_sentence,
    influence_scene,
    level_name,
    member_choices,
    member_key,
    numbered_member,
    trio_plan,
)
from results.words import Sentence
from scoring import GroupResult, MemberInput, Model, group_result
from tests.test_reports_pdf import frame_answers

REPO_ROOT = Path(__file__).resolve().parent.parent


def trio(model: Model, moves: dict[str, tuple[int, int]] | None = None) -> GroupResult:
    """Three members; everyone answers 3 for nu and gewenst except ``moves``: question id -> (nu, gewenst),
    on the axis direction, for all three members alike."""
    members = []
    for i, label in enumerate(("Anna", "Bert", "Cem"), start=1):
        nu = frame_answers(model, 3, 3)
        gewenst = frame_answers(model, 3, 3)
        for qid, (before, after) in (moves or {}).items():
            q = model.question(qid)
            flip = (lambda v: model.scale.points + 1 - v) if q.reverse else (lambda v: v)
            nu[qid], gewenst[qid] = flip(before), flip(after)
        members.append(MemberInput(member_id=str(i), role="wijkambtenaar", label=label,
                                   answers={"nu": nu, "gewenst": gewenst}))
    return group_result(model, members)


@pytest.fixture(scope="module")
def pack() -> Model:
    return scoring.load_model(REPO_ROOT / "content")


def test_the_scene_has_a_line_per_change_largest_first_with_who_chose_what(pack: Model) -> None:
    agenda, budget = "agenda", "budget"
    result = trio(pack, {agenda: (2, 4), budget: (2, 5)})
    choices = {"1": {budget: "bestuurlijk", agenda: "eigen_handelen"}, "2": {budget: "bestuurlijk"},
               "3": {budget: "eigen_handelen"}}
    scene = influence_scene(pack, result, choices)
    assert scene is not None
    assert [line.question_id for line in scene.lines] == [budget, agenda]
    big, small = scene.lines
    assert big.change == pytest.approx(3.0) and big.toward == pack.axes.y.high
    assert big.scale == pytest.approx(3 / 4)
    assert [(m.option_id, m.members) for m in big.marks] == [("eigen_handelen", (3,)), ("bestuurlijk", (1, 2))]
    assert big.disagree and not small.disagree
    assert small.undecided == (2, 3)
    assert scene.disagreements == (big,)
    assert change_words(big) == "3,0 punt richting Leefwereld"
    assert disagreement_summary(scene) == "Bij 1 stelling zien jullie iemand anders aan zet:"
    assert disagreement_summary(scene, group=True) == "Bij 1 stelling kiezen ze verschillend wie er iets kan veranderen."
    assert disagreement_sentence(scene, big) == Sentence(
        "Budget:", "Cem kiest Ik zelf; Anna en Bert kiezen Het bestuur."
    )
    assert member_key(scene) == ["1 = Anna", "2 = Bert", "3 = Cem"]


def test_without_choices_or_agreement_the_words_say_so(pack: Model) -> None:
    result = trio(pack, {"agenda": (2, 4)})
    scene = influence_scene(pack, result, {})
    assert scene is not None and not scene.chosen
    assert disagreement_summary(scene) == ""
    agreed = influence_scene(pack, result, {"1": {"agenda": "bewoners"}, "2": {"agenda": "bewoners"}})
    assert agreed is not None and disagreement_summary(agreed) == ALL_AGREE
    nothing = influence_scene(pack, trio(pack), {})
    assert nothing is not None and nothing.lines == ()
    assert "geen stelling" in NO_CHANGE


def test_no_scene_when_the_pack_asks_no_influence_question() -> None:
    model = scoring.load_model(REPO_ROOT / "tests" / "data" / "valid" / "minimal")
    assert model.influence is None
    result = group_result(model, [])
    assert influence_scene(model, result, {}) is None


def test_member_choices_key_members_as_results_do() -> None:
    assert member_choices({7: {"agenda": "bewoners"}, 9: {}}) == {"7": {"agenda": "bewoners"}, "9": {}}


def test_the_chart_draws_every_mark_sized_by_the_change(pack: Model) -> None:
    result = trio(pack, {"agenda": (2, 4), "budget": (2, 5)})
    scene = influence_scene(pack, result, {"1": {"budget": "bestuurlijk"}, "2": {"budget": "eigen_handelen"}})
    assert scene is not None
    fig = influence_figure(scene)
    go.Figure(fig.to_dict())  # plotly accepts it (the page skips validation)
    traces = {t.name: t for t in fig.data}
    disagree = traces["iemand anders aan zet"]
    assert list(disagree.text) == ["2", "1"]  # Ik zelf: Bert; Het bestuur: Anna
    assert list(disagree.marker.size) == [mark_size(0.75)] * 2
    undecided = traces[UNDECIDED]
    assert list(undecided.text) == ["3", "1 2 3"]
    assert undecided.marker.size[1] < undecided.marker.size[0]  # agenda's change (2) is smaller than budget's (3)
    labels = [a.text for a in fig.layout.annotations]
    assert labels[0].startswith(f"<b>{DISAGREE_MARK} Budget</b>") and DISAGREE_MARK not in labels[1]
    assert "3,0 punt richting Leefwereld" in labels[0]
    assert list(fig.layout.xaxis.ticktext)[-1] == "Nog niet<br>gekozen"
    bands = [shape for shape in fig.layout.shapes if shape.type == "rect"]
    assert [(b.y0, b.y1) for b in bands] == [(-0.5, 0.5)]  # the band behind the row where they disagree
    counts = influence_figure(scene, numbers=False)
    assert list(next(t for t in counts.data if t.name == UNDECIDED).text) == ["1", "3"]


def test_user_labels_are_plain_text_in_the_chart(pack: Model) -> None:
    result = group_result(pack, [MemberInput(member_id="1", role="sociaal", label="<b>Anna</b>", answers={
        "nu": frame_answers(pack, 2, 2), "gewenst": frame_answers(pack, 4, 4)})])
    scene = influence_scene(pack, result, {"1": {"agenda": "bewoners"}})
    assert scene is not None
    hovers = " ".join(h for t in influence_figure(scene).data for h in t.hovertext)
    assert "&lt;b&gt;Anna&lt;/b&gt;" in hovers and "<b>Anna</b>" not in hovers


def test_the_trio_plan_follows_the_gaps_for_the_members_levels(pack: Model) -> None:
    result = trio(pack, {"budget": (1, 5), "agenda": (2, 3)})
    everyone = trio_plan(pack, result, {}, [None, None, None])
    assert everyone is not None and everyone.focus == ("budget",)
    assert {p.audience for p in everyone.first} == {"strategen", "bestuurders"}  # budget: no card for professionals
    assert all("budget" in p.themes for p in everyone.first)
    levels = trio_plan(pack, result, {}, ["strategie", "uitvoering", None])
    assert levels is not None and levels.first
    assert {p.audience for p in levels.first} == {"strategen"}
    assert [p.id for p in levels.perspectives[: len(levels.first)]] == [p.id for p in levels.first]
    assert sorted(p.id for p in levels.perspectives) == sorted(p.id for p in everyone.perspectives)
    assert focus_sentence(pack, levels) == "Deze passen bij jullie grootste gewenste veranderingen: Budget."


def test_level_words(pack: Model) -> None:
    assert level_name(pack, "strategie") == "Strategie"
    assert level_name(pack, None) == "" and level_name(pack, "onbekend") == ""
    assert numbered_member(2, "Bert", "Strategie") == "2 = Bert · Strategie"
    assert numbered_member(3, "Cem") == "3 = Cem"
    assert first_heading(pack, "strategen") == "Om mee te beginnen, voor strategen"
    assert first_heading(pack, None) == "Om mee te beginnen"
