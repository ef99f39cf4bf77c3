"""Facilitator: the live group wall fills in while two trios answer, without anyone reloading."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

import scoring
import storage

from .conftest import NewPage
from .helpers import (
    click_answer,
    expect_progress,
    facilitator_login,
    join_new_trio,
    join_trio_by_link,
    open_wall,
    option,
    screenshot,
    seed_werkplaats,
    traces,
    wait_idle,
    wall_table,
)
from .server import StreamlitServer

WALL_DEADLINE = 10.0  # seconds after the last answer


def wall_labels(page: Page) -> dict[str, list[str]]:
    """frame -> the trio labels placed on the wall's quadrant."""
    found: dict[str, list[str]] = {}
    for t in traces(page, "wall_quadrant"):
        meta = t["meta"] or {}
        if meta.get("kind") == "wall":
            found[meta["frame"]] = sorted(t["text"])
    return found


def test_wall_shows_two_trios_live(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Groepsmuur")
    wall = new_page(1920, 1080)
    facilitator_login(wall, server)
    open_wall(wall, werkplaats.name)
    expect(wall.get_by_text("0 trio's")).to_be_visible()

    # Six participants on their own devices: two trios of three.
    roles = [r.name for r in model.roles[:3]]
    members: list[Page] = []
    for municipality in ("Gemeente Noordkust", "Gemeente Zuidheuvel"):
        first = new_page(390, 844)
        join_new_trio(first, server, werkplaats.join_code, municipality, roles[0])
        trio = storage.list_trios(server.engine, werkplaats.id)[-1]
        members.append(first)
        for role in roles[1:]:
            page = new_page(1280, 800)
            join_trio_by_link(page, server, trio.code, role)
            members.append(page)

    x_question, y_question = model.questions_on("x")[0], model.questions_on("y")[0]
    plan = [(x_question.id, "nu"), (y_question.id, "nu"), (x_question.id, "gewenst"), (y_question.id, "gewenst")]
    last_round_started = 0.0
    for step, (question_id, frame) in enumerate(plan, start=1):
        last_round_started = time.monotonic()
        for i, page in enumerate(members):
            click_answer(page, question_id, frame, (i + step) % 5 + 1)
        for i, page in enumerate(members):
            expect(option(page, question_id, frame, (i + step) % 5 + 1)).to_have_attribute("aria-checked", "true")
            expect_progress(page, step)

    # The wall refreshes itself: both trios appear, anonymised, with their progress.
    answered_share = str(round(100 * len(plan) / (2 * len(model.questions))))  # per trio: 3 × 4 of 3 × 24
    deadline = last_round_started + WALL_DEADLINE
    while True:
        labels = wall_labels(wall)
        rows = wall_table(wall)
        by_label = {row[0]: row for row in rows if row}
        done = (
            labels.get("nu") == ["A", "B"] and labels.get("gewenst") == ["A", "B"]
            and set(by_label) == {"A", "B"}
            and all(answered_share in " ".join(row[1:]) for row in by_label.values())
        )
        if done:
            break
        assert time.monotonic() < deadline, (
            f"the wall did not show both trios within {WALL_DEADLINE:.0f} s of the last answer: "
            f"labels {labels}, table {rows}"
        )
        time.sleep(0.25)
    expect(wall.get_by_text("2 trio's")).to_be_visible()
    assert all(row[1] == "3" for row in by_label.values()), rows  # "Leden"
    # Anonymous by default: no municipality on the projected wall.
    assert "Noordkust" not in wall.locator('[data-testid="stMain"]').inner_text()
    screenshot(wall, request, "anoniem", full=False)

    # Projection mode: no sidebar, larger type; the trios are still there.
    wall.get_by_text("Projectiemodus", exact=True).click()
    expect(wall.locator('[data-testid="stSidebar"]')).to_be_hidden()
    wait_idle(wall)
    assert wall_labels(wall).get("nu") == ["A", "B"]
    screenshot(wall, request, "projectie", full=False)

    # Revealing the names (in the order the trios joined: A is Noordkust).
    wall.get_by_text("Toon gemeentenamen", exact=True).click()
    expect(wall.get_by_text("Gemeente Noordkust").first).to_be_attached()
    wait_idle(wall)
    assert wall_labels(wall).get("nu") == ["Gemeente Noordkust", "Gemeente Zuidheuvel"]
    screenshot(wall, request, "namen", full=False)
