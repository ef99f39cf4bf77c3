"""Core: join with the werkplaats code, make a trio, pick a role, answer, and watch the dot move.

Also: every answer group is named with its statement, answering works with the keyboard alone,
a second tap keeps an answer and only "Wis antwoord" clears it, and a phone keeps the dot in view.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    answer,
    answer_group,
    create_trio,
    enter_code,
    expect_progress,
    join_new_trio,
    option,
    pick_role,
    points,
    screenshot,
    seed_werkplaats,
    selected,
    statement,
    wait_idle,
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


# Where the keyboard focus is: the role and text of the focused element, and the key class of its answer group.
_FOCUS_JS = """() => {
  const el = document.activeElement;
  const group = el && el.closest('[class*="st-key-answer_"]');
  return {
    role: el ? el.getAttribute('role') : null,
    text: el ? el.innerText.trim() : '',
    group: group ? [...group.classList].find(c => c.startsWith('st-key-answer_')) : null,
  };
}"""


def test_answer_groups_are_named_and_the_keyboard_alone_answers(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page(1280, 900)
    token = join_new_trio(page, server, werkplaats.join_code, "Gemeente Toetsenbord", model.roles[0].name)

    # A screen reader hears which statement a group belongs to, not 24 times "Nu" or "Gewenst".
    for number, q in enumerate(model.questions, start=1):
        for frame in ("Nu", "Gewenst"):
            expect(page.get_by_role("radiogroup", name=f"{frame} – {number}. {q.theme}", exact=True)).to_have_count(1)
    expect(page.get_by_role("radiogroup", name="Nu", exact=True)).to_have_count(0)
    expect(page.locator(".rw-mini")).to_be_hidden()  # the small map is for phones; here the big one stays in view

    first = model.questions[0]
    for _ in range(40):  # Tab from the top of the page to the first answer button
        page.keyboard.press("Tab")
        if page.evaluate(_FOCUS_JS)["group"] == f"st-key-answer_nu_{first.id}":
            break
    assert page.evaluate(_FOCUS_JS) == {"role": "radio", "text": "1", "group": f"st-key-answer_nu_{first.id}"}
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect_progress(page, 1)
    assert selected(page, first.id, "nu") == ["3"]
    # The focus stays where it was after the redraw, and Tab goes on to the Gewenst group.
    assert page.evaluate(_FOCUS_JS)["group"] == f"st-key-answer_nu_{first.id}"
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUS_JS)["group"] == f"st-key-answer_gewenst_{first.id}"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    expect_progress(page, 2)
    assert selected(page, first.id, "gewenst") == ["2"]

    member = storage.member_context(server.engine, token)
    assert member is not None
    assert storage.member_answers(server.engine, member.member.id) == {"nu": {first.id: 3}, "gewenst": {first.id: 2}}
    screenshot(page, request, "toetsenbord", full=False)


def test_a_second_tap_keeps_the_answer_and_wis_antwoord_clears_it(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model
) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page(390, 844)
    token = join_new_trio(page, server, werkplaats.join_code, "Gemeente Dubbeltik", model.roles[0].name)
    member = storage.member_context(server.engine, token)
    assert member is not None
    q = model.questions[1]
    card = statement(page, q.id)
    expect(card.get_by_role("button", name="Wis antwoord Nu")).to_have_count(0)

    answer(page, q.id, "nu", 3, answered=1)
    option(page, q.id, "nu", 3).click()  # the chosen answer, tapped again
    wait_idle(page)
    expect(option(page, q.id, "nu", 3)).to_have_attribute("aria-checked", "true")
    expect_progress(page, 1)
    option(page, q.id, "nu", 4).dblclick()  # a double tap on a phone
    expect(option(page, q.id, "nu", 4)).to_have_attribute("aria-checked", "true")
    expect_progress(page, 1)
    wait_until(lambda: storage.member_answers(server.engine, member.member.id)["nu"] == {q.id: 4},
               message="the double-tapped answer stored")

    card.get_by_role("button", name="Wis antwoord Nu").click()
    expect_progress(page, 0)
    expect(answer_group(page, q.id, "nu").locator('[aria-checked="true"]')).to_have_count(0)
    expect(card.get_by_role("button", name="Wis antwoord Nu")).to_have_count(0)
    assert storage.member_answers(server.engine, member.member.id) == {"nu": {}, "gewenst": {}}


def mini_dot(page: Page) -> tuple[float, float] | None:
    """The centre of the Nu dot on the small map, in the window; None while there is none."""
    dot = page.locator(".rw-mini .rw-nu")
    box = dot.bounding_box() if dot.count() else None
    return None if box is None else (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_phone_keeps_the_dot_in_view_while_answering(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page(390, 844)
    join_new_trio(page, server, werkplaats.join_code, "Gemeente Telefoon", model.roles[0].name)
    expect(page.locator(".rw-mini")).to_be_visible()
    expect(page.locator(".rw-mini .rw-nu")).to_have_count(0)

    # Statements in the middle of the long page: the big quadrant is far out of sight.
    x_question, y_question = model.questions_on("x")[-1], model.questions_on("y")[0]
    answer(page, x_question.id, "nu", 5, answered=1)
    answer(page, y_question.id, "nu", 5, answered=2)
    first = wait_until(lambda: mini_dot(page), message="the Nu dot on the small map")
    answer(page, y_question.id, "gewenst", 1, answered=3)
    answer(page, x_question.id, "gewenst", 1, answered=4)
    expect(page.locator(".rw-mini .rw-gewenst")).to_be_visible()
    option(page, y_question.id, "nu", 1).click()  # the other end of the y axis: the dot moves
    wait_until(lambda: (dot := mini_dot(page)) is not None and abs(dot[1] - first[1]) > 5,
               message="the Nu dot moving on the small map")
    expect_progress(page, 4)

    # In view at this point, far down the page: the small map with its dot, the progress and the answer.
    window = page.viewport_size
    assert window is not None
    for element in (page.locator(".rw-mini"), page.get_by_text("4 van 24"), option(page, y_question.id, "nu", 1)):
        box = element.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= window["height"], box
    big = page.locator(".st-key-member_quadrant").bounding_box()
    assert big is not None and big["y"] > window["height"], "the big quadrant was expected out of view here"
    screenshot(page, request, "stip-in-beeld", full=False)
