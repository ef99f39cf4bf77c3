"""AppTest: the trio results page shows what scoring computes, for seeded answers."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
import streamlit.testing.v1.local_script_runner as local_runner
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import scoring
import storage
from results import words
from tests.apptest_support import AppDb, app_for, figure, new_trio, trace_points
from ui import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ROLES = ("wijkambtenaar", "sociaal", "fysiek")


def seed(db: AppDb, trio_id: int, role: str, answers: Mapping[str, Mapping[str, int | None]]) -> storage.MemberRecord:
    member = storage.create_member(db.engine, trio_id=trio_id, role=role)
    for frame, by_question in answers.items():
        for qid, value in by_question.items():
            storage.save_answer(db.engine, member_id=member.id, question_id=qid, frame=frame, value=value)
    return member


def uniform(model: scoring.Model, value: int | None, **overrides: int | None) -> dict[str, int | None]:
    answers: dict[str, int | None] = {q.id: value for q in model.questions}
    answers.update(overrides)
    return answers


def results(db: AppDb, token: str):  # type: ignore[no-untyped-def]
    at = app_for(token, pages.RESULTS.path).run()
    assert not at.exception, at.exception
    return at


def markdown_text(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.value for m in at.markdown)


def test_figure_has_member_and_trio_points(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    seeded = {
        "wijkambtenaar": {"nu": uniform(model, 2), "gewenst": uniform(model, 5)},
        "sociaal": {"nu": uniform(model, 1), "gewenst": uniform(model, 4)},
        "fysiek": {"nu": uniform(model, 3), "gewenst": uniform(model, 3)},
    }
    members = {role: seed(app_db, trio.id, role, answers) for role, answers in seeded.items()}
    at = results(app_db, members["wijkambtenaar"].token)
    fig = figure(at, "trio_quadrant")

    member_scores = {
        role: {frame: scoring.score(model, answers[frame]) for frame in ("nu", "gewenst")}
        for role, answers in seeded.items()
    }
    by_meta = {
        (t["meta"]["member_id"], t["meta"]["frame"]): list(zip(t["x"], t["y"], strict=True))
        for t in fig["data"]
        if isinstance(t.get("meta"), dict) and t["meta"].get("kind") == "member"
    }
    for role, member in members.items():
        for frame in ("nu", "gewenst"):
            expected = member_scores[role][frame]
            assert by_meta[(str(member.id), frame)] == [pytest.approx((expected.x, expected.y))]
    for frame in ("nu", "gewenst"):
        group = scoring.aggregate(member_scores[r][frame] for r in ROLES)
        assert trace_points(fig, f"Trio · {frame}") == [pytest.approx((group.x, group.y))]


def test_toggle_shows_only_gewenst(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    at = results(app_db, member.token)
    at.segmented_control(key="trio_frames").set_value("Gewenst").run()
    names = [t.get("name") for t in figure(at, "trio_quadrant")["data"]]
    assert "Trio · gewenst" in names
    assert "Trio · nu" not in names


def test_conversation_starters_pick_the_seeded_disagreement(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    first, second = model.questions[0], model.questions[7]
    token = None
    for role, (a, b) in zip(ROLES, [(1, 5), (5, 1), (3, 3)], strict=True):
        answers = uniform(model, 3, **{first.id: a, second.id: b})
        member = seed(app_db, trio.id, role, {"nu": answers, "gewenst": answers})
        token = token or member.token
    assert token is not None
    at = results(app_db, token)
    # The two seeded statements come first, in content order, marked as the largest difference.
    text = markdown_text(at)
    assert text.index(f"1. {first.theme}") < text.index(f"2. {second.theme}")
    assert "Hier verschillen jullie het meest." in text
    assert first.prompt and first.prompt in text


@pytest.mark.parametrize(
    ("nu_value", "gewenst_value"),
    [pytest.param(1, 5, id="zorgen-voor-to-buurtmaken"), pytest.param(5, 5, id="staying-in-buurtmaken")],
)
def test_perspectives_match_current_and_desired(
    app_db: AppDb, model: scoring.Model, nu_value: int, gewenst_value: int
) -> None:
    trio = new_trio(app_db)
    # Reversed statements flip: answer so that every item scores the same sign.
    def answers(value: int) -> dict[str, int | None]:
        points = model.scale.points
        return {q.id: (points + 1 - value if q.reverse else value) for q in model.questions}

    member = seed(app_db, trio.id, "wijkambtenaar", {"nu": answers(nu_value), "gewenst": answers(gewenst_value)})
    nu = scoring.score(model, answers(nu_value))
    gewenst = scoring.score(model, answers(gewenst_value))
    assert nu.quadrant and gewenst.quadrant
    at = results(app_db, member.token)
    text = markdown_text(at)
    plan = scoring.action_plan(model, nu.quadrant, gewenst.quadrant)
    shown = {c.label for c in at.checkbox}
    assert shown == {"Nemen we mee"}
    titles = [p.title for p in plan.perspectives]
    for title in titles:
        assert f"**{title}**" in text
    others = [p.title for p in model.perspectives if p.quadrant != gewenst.quadrant and p.title not in titles]
    assert not any(f"**{t}**" in text for t in others)
    if plan.staying:
        assert plan.strengthen and plan.strengthen in text
    else:
        assert plan.transition and plan.transition.text in text


def test_choosing_a_perspective_and_adding_an_action_is_saved(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    at = results(app_db, member.token)
    box = at.checkbox[0]
    box.check().run()
    assert len(storage.chosen_perspectives(app_db.engine, trio.id)) == 1
    at.text_input(key="action_what").input("Wijkwandeling met bewoners")
    at.text_input(key="action_who").input("Fatima")
    at.text_input(key="action_when").input("voor 1 maart")
    at.button(key="FormSubmitter:action_form-Actie toevoegen").click().run()
    assert [a.what for a in storage.list_actions(app_db.engine, trio.id)] == ["Wijkwandeling met bewoners"]
    # Another member of the trio sees both on their own device.
    colleague = seed(app_db, trio.id, "sociaal", {})
    other = results(app_db, colleague.token)
    assert "Wijkwandeling met bewoners" in markdown_text(other)
    assert sum(1 for c in other.checkbox if c.value) == 1


@pytest.mark.parametrize(
    "case",
    ["one_member", "only_dont_know", "three_identical", "no_answers"],
)
def test_edge_cases_render(app_db: AppDb, model: scoring.Model, case: str) -> None:
    trio = new_trio(app_db)
    if case == "one_member":
        member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    elif case == "only_dont_know":
        member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, None), "gewenst": uniform(model, None)})
        seed(app_db, trio.id, "sociaal", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    elif case == "three_identical":
        member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
        for role in ROLES[1:]:
            seed(app_db, trio.id, role, {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    else:
        member = seed(app_db, trio.id, "wijkambtenaar", {})
    at = results(app_db, member.token)
    text = markdown_text(at)
    if case == "three_identical":
        assert "Jullie zien het vrijwel hetzelfde." in text
    if case == "no_answers":
        assert any(i.value == words.perspectives_missing(empty_result(model)) for i in at.info)
    else:
        assert "Handelingsperspectieven" in [h.value.replace("\u00ad", "") for h in at.header]


def empty_result(model: scoring.Model) -> scoring.GroupResult:
    return scoring.group_result(model, [])


# --- The page refreshes as a whole (issue 12, item 1) ---------------------------------------------------


def timer_tick(at: AppTest, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """What the browser does every few seconds: rerun the page's ``run_every`` fragments (and only those).

    AppTest has no timer, so the rerun request it sends is made a fragment auto-rerun, exactly as the
    browser's request is. The tree afterwards holds what that rerun drew.
    """
    fragment_ids = list(at._fragment_storage._fragments)  # private: AppTest has no public way
    assert fragment_ids, "the page registered no fragment to rerun"
    original = local_runner.RerunData

    def as_fragment_rerun(**kwargs: Any) -> Any:
        return original(**kwargs, fragment_id_queue=fragment_ids, is_auto_rerun=True)

    with monkeypatch.context() as patch:
        patch.setattr(local_runner, "RerunData", as_fragment_rerun)
        at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Callable[[], Any]]]:
    """file name -> the callable of the latest deferred download button with that name."""
    found: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, data_callable: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        found[str(kwargs.get("file_name") or args[2])] = data_callable
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    yield found


def trio_pdf_text(found: Mapping[str, Callable[[], Any]]) -> str:
    (name,) = [n for n in found if n.endswith(".pdf")]
    reader = PdfReader(io.BytesIO(found[name]()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_whole_page_and_the_pdf_follow_colleagues_who_answer_later(
    app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch, downloads: dict[str, Callable[[], Any]]
) -> None:
    trio = new_trio(app_db)
    alone = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    at = results(app_db, alone.token)
    (cells,) = [t for t in figure(at, "side_by_side_nu")["data"] if t["type"] == "heatmap"]
    assert len(cells["x"]) == 1
    assert model.role_name("sociaal") not in trio_pdf_text(downloads)

    # Two colleagues answer on their own phones, differing most on the first statement.
    first = model.questions[0]
    seed(app_db, trio.id, "sociaal", {"nu": uniform(model, 2, **{first.id: 5}), "gewenst": uniform(model, 4)})
    seed(app_db, trio.id, "fysiek", {"nu": uniform(model, 2, **{first.id: 1}), "gewenst": uniform(model, 4)})
    downloads.clear()
    timer_tick(at, monkeypatch)

    for frame in ("nu", "gewenst"):
        (cells,) = [t for t in figure(at, f"side_by_side_{frame}")["data"] if t["type"] == "heatmap"]
        assert len(cells["x"]) == 3, cells["x"]
    starters_text = markdown_text(at)
    assert f"1. {first.theme}" in starters_text and "Hier verschillen jullie het meest." in starters_text
    pdf = trio_pdf_text(downloads)
    for role in ROLES:
        assert model.role_name(role) in pdf
    assert "hier verschillen jullie het meest" in pdf.lower()  # the starter's kicker, in capitals


def test_a_quiet_trio_is_not_redrawn(app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    trio = new_trio(app_db)
    alone = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    at = results(app_db, alone.token)
    timer_tick(at, monkeypatch)
    assert not at.get("plotly_chart")  # only the check ran: nothing was drawn again
    storage.add_action(app_db.engine, trio_id=trio.id, what="Koffie met de wijkagent", who="", when_text="")
    timer_tick(at, monkeypatch)
    assert "Koffie met de wijkagent" in markdown_text(at)


# --- Empty and half-filled states (issue 12, item 14) -----------------------------------------------


def test_a_moment_without_numbers_still_shows_every_statement_and_says_why(
    app_db: AppDb, model: scoring.Model
) -> None:
    trio = new_trio(app_db)
    member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, None), "gewenst": uniform(model, 4)})
    at = results(app_db, member.token)
    (cells,) = [t for t in figure(at, "side_by_side_nu")["data"] if t["type"] == "heatmap"]
    assert len(cells["y"]) == len(model.questions) and len(cells["x"]) == 1
    # Plotly draws no cell (and no row or column) for a missing value: every cell has a number.
    assert all(value is not None for row in cells["z"] for value in row)
    assert {text for row in cells["text"] for text in row} == {"?"}
    assert [i.value for i in at.info if i.value == words.no_numbers_yet("nu")] == [words.no_numbers_yet("nu")]
    assert not any(i.value == words.no_numbers_yet("gewenst") for i in at.info)


def test_only_nu_answered_explains_starters_and_perspectives_by_what_is_there(
    app_db: AppDb, model: scoring.Model
) -> None:
    trio = new_trio(app_db)
    member = seed(app_db, trio.id, "wijkambtenaar", {"nu": uniform(model, 2)})
    at = results(app_db, member.token)
    nu_trio = trace_points(figure(at, "trio_quadrant"), "Trio · nu")  # the chart shows the trio's nu
    assert len(nu_trio) == 1
    infos = [i.value for i in at.info]
    assert "Er zijn nog geen gespreksstarters: daarvoor zijn antwoorden nodig van minstens twee trioleden op " \
           "dezelfde stelling, of antwoorden voor nu én gewenst." in infos
    assert any(i.startswith("Jullie trio heeft al een plek voor nu, maar nog niet voor gewenst.") for i in infos)
    assert not any("Zodra er antwoorden zijn" in i or "nog geen plek op het kwadrant" in i for i in infos)


# --- Naast elkaar (issue 12, item 9) -----------------------------------------------------------------


def test_each_tab_puts_its_own_largest_differences_first(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    wide_later, wide_now = model.questions[0], model.questions[5]
    token = None
    # Now the members differ by 2 on one statement; wanted, they differ by 4 on another.
    for role, (now, later) in zip(ROLES, [(2, 1), (4, 5), (3, 3)], strict=True):
        answers = {
            "nu": uniform(model, 3, **{wide_now.id: now}),
            "gewenst": uniform(model, 3, **{wide_later.id: later}),
        }
        member = seed(app_db, trio.id, role, answers)
        token = token or member.token
    assert token is not None
    at = results(app_db, token)
    for frame, first in (("nu", wide_now), ("gewenst", wide_later)):
        (cells,) = [t for t in figure(at, f"side_by_side_{frame}")["data"] if t["type"] == "heatmap"]
        assert cells["y"][0].startswith(first.theme), (frame, cells["y"][:2])
    sort = at.segmented_control(key="side_sort")
    assert sort.options == ["Grootste verschillen eerst", "Per thema"] and sort.value == "verschil"


def test_the_page_tells_the_trio_its_letter_on_the_anonymous_wall(app_db: AppDb, model: scoring.Model) -> None:
    """Issue 12 item 10: the wall shows letters; the trio reads its own on its results page."""
    first = new_trio(app_db, municipality="Gemeente Eerstestad")
    second = storage.create_trio(app_db.engine, werkplaats_id=first.werkplaats_id, municipality="Gemeente Tweedestad")
    member = seed(app_db, second.id, "sociaal", {"nu": uniform(model, 2), "gewenst": uniform(model, 4)})
    at = results(app_db, member.token)
    assert not at.exception
    assert "Op de groepsmuur zijn jullie trio B." in markdown_text(at).replace("**", "")


def on_axes(model: scoring.Model, x: int, y: int) -> dict[str, int | None]:
    """Every statement answered ``x`` / ``y`` on the axis direction (1 = low pole, reversed statements turned)."""
    points = model.scale.points
    return {q.id: (points + 1 - v if q.reverse else v) for q in model.questions for v in [x if q.axis == "x" else y]}


def test_a_trio_and_members_in_the_neutral_band_read_on_the_border_and_in_the_middle(
    app_db: AppDb, model: scoring.Model, downloads: dict[str, Callable[[], Any]]
) -> None:
    trio = new_trio(app_db)
    tokens = [
        seed(app_db, trio.id, role, {"nu": on_axes(model, x, 1), "gewenst": on_axes(model, 3, 3)}).token
        for role, x in zip(ROLES, (2, 4, 3), strict=True)
    ]
    at = results(app_db, tokens[0])
    text = markdown_text(at)
    assert "**Jullie trio nu: Doen met.**" in text  # x mean exactly 0: the high side (Krachten)
    assert "_Jullie trio staat op de grens van Doen met en Zorgen voor:" in text
    assert "**Gewenst: in het midden.**" in text
    assert "_Jullie trio staat in het midden:" in text
    assert f"**{words.PLACES_LEAD}**" in text
    fysiek = model.role_name("fysiek")
    assert f"{fysiek}: nu op de grens van Doen met en Zorgen voor, gewenst in het midden." in text.replace("\\", "")
    pdf = trio_pdf_text(downloads)
    assert "Jullie trio staat op de grens van Doen met en Zorgen voor:" in pdf
    assert "Jullie trio staat in het midden:" in pdf
