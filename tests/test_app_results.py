"""AppTest: the trio results page shows what scoring computes, for seeded answers."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

import scoring
import storage
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
        assert any("zodra jullie trio een plek heeft" in i.value for i in at.info)
    else:
        assert "Handelingsperspectieven" in [h.value.replace("\u00ad", "") for h in at.header]
