"""AppTest: the questionnaire saves every answer and moves the dot."""

from __future__ import annotations

import pytest

import scoring
import storage
from tests.apptest_support import AppDb, app_for, figure, new_trio, trace_points
from ui import pages, redraw

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def progress_text(at) -> str:  # type: ignore[no-untyped-def]
    return at.get("progress")[0].proto.text


def assert_nu_dot(at, model: scoring.Model, answers: dict[str, int | None]) -> None:  # type: ignore[no-untyped-def]
    """The quadrant's Nu dot is where these nu answers place it."""
    expected = scoring.score(model, answers)
    (point,) = trace_points(figure(at, "member_quadrant"), "Nu")
    assert point == pytest.approx((expected.x, expected.y))


def test_without_token_points_to_start(app_db: AppDb) -> None:
    at = app_for(page=pages.QUESTIONNAIRE.path).run()
    assert not at.exception
    assert any("nog niet aangemeld" in i.value for i in at.info)


def test_answers_move_the_dots_and_the_progress(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    assert not at.exception
    total = 2 * len(model.questions)
    assert progress_text(at) == f"0 van {total} beantwoord"
    before = figure(at, "member_quadrant")
    assert trace_points(before, "Nu") == []

    x_question = model.questions_on("x")[0]
    y_question = model.questions_on("y")[0]
    at.segmented_control(key=f"answer_nu_{x_question.id}").set_value(5).run()
    at.segmented_control(key=f"answer_nu_{y_question.id}").set_value(1).run()
    at.segmented_control(key=f"answer_gewenst_{x_question.id}").set_value(4).run()
    assert not at.exception
    assert progress_text(at) == f"3 van {total} beantwoord"

    assert_nu_dot(at, model, {x_question.id: 5, y_question.id: 1})
    # Gewenst has only an x answer: no dot yet.
    assert trace_points(figure(at, "member_quadrant"), "Gewenst") == []

    saved = storage.member_answers(app_db.engine, member.id)
    assert saved["nu"] == {x_question.id: 5, y_question.id: 1}
    assert saved["gewenst"] == {x_question.id: 4}


def test_dont_know_is_saved_as_none_and_resumes(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="sociaal")
    q = model.questions[0]
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    at.segmented_control(key=f"answer_nu_{q.id}").set_value("?").run()
    assert storage.member_answers(app_db.engine, member.id)["nu"] == {q.id: None}

    # A fresh session (a browser refresh) shows the saved answers.
    again = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    assert again.segmented_control(key=f"answer_nu_{q.id}").value == "?"
    assert progress_text(again).startswith("1 van")


def test_unknown_token_is_handled(app_db: AppDb) -> None:
    at = app_for("x" * 32, pages.QUESTIONNAIRE.path).run()
    assert not at.exception
    assert any("nog niet aangemeld" in i.value for i in at.info)


def test_contribution_view_shows_which_answers_pull_the_dot(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    x_question, y_question = model.questions_on("x")[0], model.questions_on("y")[0]
    for q, value in ((x_question, 5), (y_question, 2)):
        storage.save_answer(app_db.engine, member_id=member.id, question_id=q.id, frame="nu", value=value)
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    at.toggle(key="show_contributions").set_value(True).run()
    fig = figure(at, "contributions")
    nu_bars = next(t for t in fig["data"] if t["name"] == "Nu")
    pulls = dict(zip(nu_bars["y"], nu_bars["x"], strict=True))
    expected = {c.question_id: c.pull for c in scoring.contributions(model, {x_question.id: 5, y_question.id: 2})}
    assert pulls[f"{model.axis('x').name}: {x_question.theme}"] == pytest.approx(expected[x_question.id])
    assert pulls[f"{model.axis('y').name}: {y_question.theme}"] == pytest.approx(expected[y_question.id])


def test_each_answer_group_is_named_with_its_statement(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    labels = {control.key: control.label for control in at.segmented_control}
    for number, q in enumerate(model.questions, start=1):
        assert labels[f"answer_nu_{q.id}"] == f"Nu – {number}. {q.theme}"
        assert labels[f"answer_gewenst_{q.id}"] == f"Gewenst – {number}. {q.theme}"


def test_tapping_the_chosen_answer_again_keeps_it(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    q = model.questions[0]
    key = f"answer_nu_{q.id}"
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    at.segmented_control(key=key).set_value(4).run()
    at.segmented_control(key=key).set_value(4).run()
    # A second tap on a chosen segment sends "nothing chosen" (the browser no longer does, an old tab might).
    at.segmented_control(key=key).set_value(None).run()
    assert not at.exception
    assert at.segmented_control(key=key).value == 4
    assert storage.member_answers(app_db.engine, member.id)["nu"] == {q.id: 4}
    assert progress_text(at).startswith("1 van")


def test_clearing_an_answer_is_a_deliberate_action(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    q, other = model.questions[:2]
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    assert [b.key for b in at.button if b.key and b.key.startswith("clear_")] == []
    at.segmented_control(key=f"answer_nu_{q.id}").set_value(2).run()
    at.segmented_control(key=f"answer_gewenst_{q.id}").set_value("?").run()
    at.segmented_control(key=f"answer_nu_{other.id}").set_value(5).run()
    clear_buttons = {b.key: b.label for b in at.button if b.key and b.key.startswith("clear_")}
    assert clear_buttons == {
        f"clear_nu_{q.id}": "Wis antwoord Nu",
        f"clear_gewenst_{q.id}": "Wis antwoord Gewenst",
        f"clear_nu_{other.id}": "Wis antwoord Nu",
    }

    at.button(key=f"clear_gewenst_{q.id}").click().run()
    assert not at.exception
    assert at.segmented_control(key=f"answer_gewenst_{q.id}").value is None
    assert at.segmented_control(key=f"answer_nu_{q.id}").value == 2
    assert storage.member_answers(app_db.engine, member.id) == {"nu": {q.id: 2, other.id: 5}, "gewenst": {}}
    assert progress_text(at).startswith("2 van")
    assert f"clear_gewenst_{q.id}" not in [b.key for b in at.button]


def test_an_answer_reruns_only_what_it_changes(
    app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a browser gets after an answer: the fragment rerun that the answer's callback asks for."""
    monkeypatch.setattr(redraw, "WHOLE_PAGE_IN_APPTEST", False)
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")
    x_question, y_question = model.questions_on("x")[0], model.questions_on("y")[0]
    total = 2 * len(model.questions)
    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    assert len(at.segmented_control) == 2 * len(model.questions)

    # A first answer: its card (now with "Wis antwoord") and the progress. No dot yet, so not the quadrant.
    at.segmented_control(key=f"answer_nu_{x_question.id}").set_value(5).run()
    assert not at.exception
    assert sorted(c.key for c in at.segmented_control) == sorted(
        [f"answer_nu_{x_question.id}", f"answer_gewenst_{x_question.id}"]
    )
    assert [b.key for b in at.button] == [f"clear_nu_{x_question.id}"]
    assert progress_text(at) == f"1 van {total} beantwoord"
    assert at.get("plotly_chart") == []

    at.run()  # a page load draws everything again
    # The answer that gives the dot its place: the quadrant moves, with the card and the progress.
    at.segmented_control(key=f"answer_nu_{y_question.id}").set_value(1).run()
    assert not at.exception
    assert progress_text(at) == f"2 van {total} beantwoord"
    assert_nu_dot(at, model, {x_question.id: 5, y_question.id: 1})
    assert len(at.segmented_control) == 2

    # Another value for an answered statement: the browser shows it already; the dot and the progress follow.
    at.segmented_control(key=f"answer_nu_{y_question.id}").set_value(4).run()
    assert not at.exception
    assert len(at.segmented_control) == 0
    assert_nu_dot(at, model, {x_question.id: 5, y_question.id: 4})
    assert progress_text(at) == f"2 van {total} beantwoord"
    assert storage.member_answers(app_db.engine, member.id)["nu"] == {x_question.id: 5, y_question.id: 4}
