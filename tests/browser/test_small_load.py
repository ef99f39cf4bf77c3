"""Hardening: ten participants answer everything at once while the wall is open; nothing is lost or doubled.

All ten browser contexts live in one browser and are driven in an interleaved
loop: every participant clicks before anyone waits, so the server handles ten
reruns at the same time. Nothing is seeded: the facilitator makes the
werkplaats, the participants make their trios.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    DONT_KNOW,
    chart,
    click_answer,
    expect_progress,
    facilitator_login,
    option,
    pick_option,
    statement,
    token_from_url,
    wait_idle,
    wall_table,
)
from .server import StreamlitServer

TRIO_SIZES = (3, 3, 2, 2)  # ten participants in four trios
Step = Callable[[Page, int], None]


def interleave(pages: list[Page], steps: list[Step]) -> None:
    """Run each step on every page before the next step: each step waits for its element, then acts."""
    for step in steps:
        for i, page in enumerate(pages):
            step(page, i)


def value_for(member: int, round_: int) -> int | str:
    if (member + round_) % 9 == 0:
        return DONT_KNOW
    return (member * 2 + round_) % 5 + 1


@pytest.mark.timeout(480)  # about 1:45 on an idle 2-core machine; far slower when the machine is busy
def test_ten_participants_answer_everything_at_once(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model
) -> None:
    started = time.monotonic()
    # The facilitator creates the werkplaats and opens the wall.
    wall = new_page(1600, 900)
    facilitator_login(wall, server)
    wall.get_by_role("link", name="Werkplaatsen beheren").click()
    wall.wait_for_url(re.compile("/werkplaatsen"))
    wall.locator(".st-key-new_wp_name").get_by_role("textbox").fill("Werkplaats Drukte")
    wall.get_by_role("button", name="Werkplaats aanmaken", exact=True).click()
    expect(wall.get_by_role("heading", name="Werkplaats Drukte")).to_be_visible()
    (werkplaats,) = storage.list_werkplaatsen(server.engine)
    expect(wall.get_by_text(storage.format_code(werkplaats.join_code)).first).to_be_visible()
    wall.get_by_role("link", name="Open de groepsmuur").click()
    chart(wall, "wall_quadrant").wait_for()
    wait_idle(wall)

    # Four participants make a trio each, at the same time.
    roles = model.roles
    creators = [new_page(1280, 800) if i % 2 else new_page(390, 844) for i in range(len(TRIO_SIZES))]

    def open_start(page: Page, i: int) -> None:
        page.goto(server.url + "/")

    def enter_code(page: Page, i: int) -> None:
        page.locator(".st-key-join_code").get_by_role("textbox").fill(werkplaats.join_code)
        page.get_by_role("button", name="Verder", exact=True).click()

    def make_trio(page: Page, i: int) -> None:
        page.locator(".st-key-new_trio_municipality").get_by_role("textbox").fill(f"Gemeente Druk {i + 1}")
        page.get_by_role("button", name="Trio aanmaken", exact=True).click()

    def start_as(role_index: Callable[[int], int]) -> Step:
        def step(page: Page, i: int) -> None:
            pick_option(page, "join_role_role", roles[role_index(i)].name)
            pick_option(page, "join_role_level", model.levels[0].name)
            page.get_by_role("button", name="Start de vragenlijst", exact=True).click()
        return step

    def arrived(page: Page, i: int) -> None:
        page.wait_for_url(re.compile(r"/vragenlijst\?m="))
        statement(page, model.questions[-1].id).wait_for()
        expect_progress(page, 0)

    interleave(creators, [open_start, enter_code, make_trio, start_as(lambda i: 0), arrived])
    trios = storage.list_trios(server.engine, werkplaats.id)
    assert sorted(t.municipality for t in trios) == [f"Gemeente Druk {i + 1}" for i in range(len(TRIO_SIZES))]
    by_name = {t.municipality: t for t in trios}

    # The other six join their trio with its code, at the same time.
    joiners: list[Page] = []
    joined_trio: list[storage.TrioRecord] = []
    joined_role: list[int] = []
    for n, size in enumerate(TRIO_SIZES):
        for role_index in range(1, size):
            joiners.append(new_page(1280, 800) if len(joiners) % 3 else new_page(390, 844))
            joined_trio.append(by_name[f"Gemeente Druk {n + 1}"])
            joined_role.append(role_index)

    def open_invitation(page: Page, i: int) -> None:
        page.goto(f"{server.url}/?code={joined_trio[i].code}")

    interleave(joiners, [open_invitation, start_as(lambda i: joined_role[i]), arrived])
    pages = creators + joiners
    tokens = [token_from_url(p.url) for p in pages]
    assert len(set(tokens)) == 10
    joined_at = time.monotonic()

    # Everyone answers every statement, now and desired; each round all ten click before anyone waits.
    plan = [(q.id, frame) for q in model.questions for frame in storage.FRAMES]
    expected: list[dict[str, dict[str, int | None]]] = [{"nu": {}, "gewenst": {}} for _ in pages]
    for round_, (question_id, frame) in enumerate(plan, start=1):
        for i, page in enumerate(pages):
            value = value_for(i, round_)
            click_answer(page, question_id, frame, value)
            expected[i][frame][question_id] = None if value == DONT_KNOW else int(value)
        for i, page in enumerate(pages):
            expect(option(page, question_id, frame, value_for(i, round_))).to_have_attribute("aria-checked", "true")
            expect_progress(page, round_, len(plan))
    answered_at = time.monotonic()

    # The database holds exactly every answer: none lost, none twice, none mixed up.
    with server.engine.connect() as connection:
        total = connection.execute(text("SELECT COUNT(*) FROM answer")).scalar_one()
        doubles = connection.execute(text(
            "SELECT member_id, question_id, frame, COUNT(*) FROM answer "
            "GROUP BY member_id, question_id, frame HAVING COUNT(*) > 1"
        )).all()
        per_member: dict[int, int] = dict(connection.execute(text("SELECT member_id, COUNT(*) FROM answer GROUP BY member_id")).all())
    assert total == len(pages) * len(plan) == 240
    assert doubles == []
    for token, want in zip(tokens, expected, strict=True):
        member = storage.member_context(server.engine, token)
        assert member is not None
        assert per_member[member.member.id] == len(plan)
        assert storage.member_answers(server.engine, member.member.id) == want

    # The wall, open all along, shows four complete trios.
    deadline = time.monotonic() + 10
    while True:
        rows = [row for row in wall_table(wall) if row and row[0]]
        if len(rows) == len(TRIO_SIZES) and all("100" in row[2] for row in rows):
            break
        assert time.monotonic() < deadline, f"the wall does not show four complete trios: {rows}"
        time.sleep(0.25)
    print(  # shown with -s: how long the phases took
        f"joined {joined_at - started:.0f} s, answered {answered_at - joined_at:.0f} s, "
        f"total {time.monotonic() - started:.0f} s"
    )
