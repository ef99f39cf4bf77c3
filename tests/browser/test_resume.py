"""Storage: answers survive a server crash, a refresh, and three colleagues answering at once."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    DONT_KNOW,
    answer,
    assert_no_app_error,
    click_answer,
    expect_progress,
    goto,
    join_new_trio,
    join_trio_by_link,
    option,
    points,
    seed_werkplaats,
    selected,
    statement,
    wait_until,
)
from .server import StreamlitServer

Answers = list[tuple[str, str, int | str]]  # question id, frame, value


def five_answers(model: scoring.Model) -> Answers:
    x1, x2 = model.questions_on("x")[:2]
    y1, y2 = model.questions_on("y")[:2]
    return [
        (x1.id, "nu", 4),
        (y1.id, "nu", 2),
        (x2.id, "nu", 5),
        (y2.id, "nu", DONT_KNOW),
        (x1.id, "gewenst", 3),
    ]


def label(value: int | str) -> str:
    return "Weet ik niet" if value == DONT_KNOW else str(value)


def assert_shows(page: Page, given: Answers) -> None:
    for question_id, frame, value in given:
        assert selected(page, question_id, frame) == [label(value)], (question_id, frame)


def test_answers_survive_a_killed_server(server: StreamlitServer, new_page: NewPage, model: scoring.Model) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page()
    token = join_new_trio(page, server, werkplaats.join_code, "Gemeente Herstart", model.roles[1].name)
    given = five_answers(model)
    for number, (question_id, frame, value) in enumerate(given, start=1):
        answer(page, question_id, frame, value, answered=number)
    (nu_before,) = wait_until(lambda: points(page, "member_quadrant", "Nu"), message="the Nu dot")
    page.context.close()

    server.kill()
    assert not server.running
    server.start()

    again = new_page()
    goto(again, server, "vragenlijst", m=token)
    expect_progress(again, len(given))
    assert_shows(again, given)
    (nu_after,) = points(again, "member_quadrant", "Nu")
    assert nu_after == pytest.approx(nu_before)
    stored = storage.member_answers(server.engine, storage.member_context(server.engine, token).member.id)  # type: ignore[union-attr]
    assert sum(len(stored[f]) for f in storage.FRAMES) == len(given)


def test_refresh_keeps_everything(server: StreamlitServer, new_page: NewPage, model: scoring.Model) -> None:
    werkplaats = seed_werkplaats(server)
    page = new_page()
    join_new_trio(page, server, werkplaats.join_code, "Gemeente Verversen", model.roles[0].name)
    given = five_answers(model)[:4]
    for number, (question_id, frame, value) in enumerate(given, start=1):
        answer(page, question_id, frame, value, answered=number)
    (nu_before,) = points(page, "member_quadrant", "Nu")

    page.reload()
    statement(page, given[0][0]).wait_for()
    expect_progress(page, len(given))
    assert_no_app_error(page)
    assert_shows(page, given)
    assert points(page, "member_quadrant", "Nu") == [pytest.approx(nu_before)]

    # And it goes on from there: one more answer after the refresh.
    question_id, frame, value = five_answers(model)[4]
    answer(page, question_id, frame, value, answered=len(given) + 1)


def trio_code_from_page(page: Page) -> str:
    """The trio code in "Verder op een ander apparaat …" → "Nog een triolid toevoegen op dit apparaat".

    The link's href is relative to the current page (``?code=…``): clicked in the app
    it opens the start page, but opened elsewhere it would resolve against
    ``/vragenlijst``. Colleagues on their own devices therefore open ``/?code=…``.
    """
    page.get_by_text("Verder op een ander apparaat", exact=False).click()
    link = page.get_by_role("link", name="Nog een triolid toevoegen", exact=False)
    expect(link).to_be_visible()
    href = link.get_attribute("href") or ""
    code = parse_qs(urlsplit(href).query).get("code", [""])[0]
    assert code, f"no trio code in {href!r}"
    return code


def test_three_colleagues_answer_at_the_same_time(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model
) -> None:
    werkplaats = seed_werkplaats(server)
    pages = [new_page(), new_page(390, 844), new_page()]
    roles = model.roles[:3]
    tokens = [join_new_trio(pages[0], server, werkplaats.join_code, "Gemeente Samen", roles[0].name)]
    code = trio_code_from_page(pages[0])
    member = storage.member_context(server.engine, tokens[0])
    assert member is not None and member.trio.code == code
    for page, role in zip(pages[1:], roles[1:], strict=True):
        tokens.append(join_trio_by_link(page, server, code, role.name))

    trio_members = storage.list_members(server.engine, member.trio.id)
    assert sorted(m.role for m in trio_members) == sorted(r.id for r in roles)
    member_ids = [storage.member_context(server.engine, t).member.id for t in tokens]  # type: ignore[union-attr]

    questions = model.questions[:4]
    expected: list[dict[str, dict[str, int]]] = [{"nu": {}, "gewenst": {}} for _ in pages]
    step = 0
    for question in questions:
        for frame in ("nu", "gewenst"):
            step += 1
            # Every colleague clicks a different value, without waiting for the others.
            for i, page in enumerate(pages):
                value = (i + step) % 5 + 1
                click_answer(page, question.id, frame, value)
                expected[i][frame][question.id] = value
            for i, page in enumerate(pages):
                expect(option(page, question.id, frame, expected[i][frame][question.id])).to_have_attribute(
                    "aria-checked", "true"
                )
                expect_progress(page, step)

    for i, (page, member_id) in enumerate(zip(pages, member_ids, strict=True)):
        assert storage.member_answers(server.engine, member_id) == expected[i]
        for question in questions:
            for frame in ("nu", "gewenst"):
                assert selected(page, question.id, frame) == [str(expected[i][frame][question.id])]
    # The three answered differently, so the trio really holds three different sets.
    assert len({str(e) for e in expected}) == 3
