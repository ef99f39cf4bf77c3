"""Core: join with the werkplaats code, make a trio, pick a role, answer, and watch the dot move."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    answer,
    create_trio,
    enter_code,
    expect_progress,
    pick_role,
    points,
    screenshot,
    seed_werkplaats,
    selected,
    wait_until,
)
from .server import StreamlitServer


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_join_answer_and_the_dot_moves(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest,
    width: int, height: int,
) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page(width, height)
    role = model.roles[0]

    enter_code(page, server, werkplaats.join_code)
    create_trio(page, "Gemeente Proefstad")
    expect(page.get_by_text("Trio Gemeente Proefstad", exact=True)).to_be_visible()
    screenshot(page, request, "start")
    token = pick_role(page, role.name)

    member = storage.member_context(server.engine, token)
    assert member is not None and member.trio.municipality == "Gemeente Proefstad"
    assert member.member.role == role.id
    expect(page.get_by_role("heading", name="Vragenlijst")).to_be_visible()
    expect(page.get_by_text("Gemeente Proefstad", exact=False).first).to_be_visible()
    expect_progress(page, 0)
    assert points(page, "member_quadrant", "Nu") == []
    assert points(page, "member_quadrant", "Gewenst") == []

    x_question, y_question = model.questions_on("x")[0], model.questions_on("y")[0]
    answer(page, x_question.id, "nu", 5, answered=1)
    answer(page, y_question.id, "nu", 2, answered=2)
    answer(page, x_question.id, "gewenst", 4, answered=3)

    expect_progress(page, 3)
    expected = scoring.score(model, {x_question.id: 5, y_question.id: 2})
    (nu_dot,) = wait_until(lambda: points(page, "member_quadrant", "Nu"), message="the Nu dot")
    assert nu_dot == pytest.approx((expected.x, expected.y))
    # Gewenst has an x answer only: no place on both axes yet, so no dot.
    assert points(page, "member_quadrant", "Gewenst") == []
    assert selected(page, x_question.id, "nu") == ["5"]
    assert selected(page, y_question.id, "nu") == ["2"]
    assert selected(page, x_question.id, "gewenst") == ["4"]
    assert selected(page, y_question.id, "gewenst") == []

    saved = storage.member_answers(server.engine, member.member.id)
    assert saved["nu"] == {x_question.id: 5, y_question.id: 2}
    assert saved["gewenst"] == {x_question.id: 4}

    screenshot(page, request, "vragenlijst")
    screenshot(page, request, "vragenlijst-scherm", full=False)
