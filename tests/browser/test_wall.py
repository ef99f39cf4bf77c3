"""Facilitator: the live group wall fills in while two trios answer, without anyone reloading."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

import scoring
import storage
from scoring.schema import Question

from .conftest import NewPage
from .helpers import (
    chart,
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
    wait_until,
    wall_table,
)
from .server import StreamlitServer

WALL_DEADLINE = 10.0  # seconds after the last answer


def wall_labels(page: Page) -> dict[str, list[str]]:
    """frame -> the trio labels placed on the wall's quadrant (a wrapped name read as one line)."""
    found: dict[str, list[str]] = {}
    for t in traces(page, "wall_quadrant"):
        meta = t["meta"] or {}
        if meta.get("kind") == "wall":
            found[meta["frame"]] = sorted(text.replace("<br>", " ") for text in t["text"])
    return found


def font_size(locator: Locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def svg_text_sizes(page: Page, key: str, text: str) -> list[float]:
    """The font sizes (px) of the chart's SVG texts that read ``text``."""
    sizes = page.locator(f".st-key-{key} text").evaluate_all(
        """(nodes, wanted) => nodes.filter(n => n.textContent === wanted)
             .map(n => parseFloat(n.style.fontSize || getComputedStyle(n).fontSize))""",
        text,
    )
    return [float(size) for size in sizes]


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
    assert all(row[1] == "3" for row in by_label.values()), rows  # "Trioleden"
    assert all("," in row[3] or row[3] == "–" for row in by_label.values()), rows  # a decimal comma
    # Anonymous by default: no municipality on the projected wall, and the trios learn where their letter is.
    assert "Noordkust" not in wall.locator('[data-testid="stMain"]').inner_text()
    expect(wall.get_by_text("Jullie letter staat op jullie resultatenpagina.")).to_be_visible()
    expect(wall.get_by_text("Onderling verschil: hoe ver de trioleden uit elkaar liggen", exact=False)).to_be_visible()
    screenshot(wall, request, "anoniem", full=False)

    # Projection mode: no sidebar, larger type; the trios are still there.
    wall.get_by_text("Projectiemodus", exact=True).click()
    expect(wall.locator('[data-testid="stSidebar"]')).to_be_hidden()
    wait_idle(wall)
    assert wall_labels(wall).get("nu") == ["A", "B"]
    # Readable from the back of the room: the gewenst letters and the quadrant names.
    assert min(svg_text_sizes(wall, "wall_quadrant", "A")) >= 25
    assert min(svg_text_sizes(wall, "wall_quadrant", model.quadrants[0].name)) >= 30
    expect(wall.locator('[data-testid="stTable"]')).to_be_visible()  # the projector's table, in view
    assert (wall.locator('[data-testid="stTable"]').bounding_box() or {"y": 2000})["y"] < 1080
    screenshot(wall, request, "projectie", full=False)

    # The join screen: code, address and QR code, large.
    wall.get_by_text("Deelnamecode groot", exact=True).click()
    code = wall.locator('[data-testid="stHtml"] div').filter(has_text=storage.format_code(werkplaats.join_code))
    expect(code).to_be_visible()
    wait_idle(wall)
    assert font_size(code) >= 100
    assert font_size(wall.locator(".st-key-wall_join_url p")) >= 60
    expect(wall.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    screenshot(wall, request, "deelnamecode", full=False)
    wall.get_by_text("Deelnamecode groot", exact=True).click()
    chart(wall, "wall_quadrant").wait_for()
    wait_idle(wall)

    # Revealing the names (in the order the trios joined: A is Noordkust).
    wall.get_by_text("Toon gemeentenamen", exact=True).click()
    expect(wall.get_by_text("Gemeente Noordkust").first).to_be_attached()
    wait_idle(wall)
    assert wall_labels(wall).get("nu") == ["Gemeente Noordkust", "Gemeente Zuidheuvel"]
    screenshot(wall, request, "namen", full=False)


def towards(question: Question, high: bool, step: int) -> int:
    """An answer ``step`` points away from one end of the question's axis (statements may be reversed)."""
    value = 5 - step if high else 1 + step
    return 6 - value if question.reverse else value


def test_wall_at_1280_keeps_table_and_names_whole(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    """A laptop at 1280 px: the table goes below the quadrant, whole; long names stay inside the plot."""
    werkplaats = seed_werkplaats(server, "Werkplaats Smal")
    names = ["Gemeente ’s-Hertogenbosch en Sint-Michielsgestel", "Gemeente Súdwest-Fryslân", "Gemeente Alleen"]
    corners = ((True, True), (False, False), (True, False))  # long names at the plot's edges
    for count, name, (right, top) in zip((3, 3, 1), names, corners, strict=True):
        trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality=name)
        for offset in range(count):
            member = storage.create_member(server.engine, trio_id=trio.id, role=model.roles[offset].id)
            for frame in ("nu", "gewenst"):
                answers = {q.id: towards(q, right if q.axis == "x" else top, offset) for q in model.questions}
                storage.save_answers(server.engine, member_id=member.id, frame=frame, answers=answers)
    storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Leeg")

    wall = new_page(1280, 800)
    facilitator_login(wall, server)
    open_wall(wall, werkplaats.name)
    wall.locator('[data-testid="stDataFrame"]').scroll_into_view_if_needed()
    rows = wait_until(lambda: {row[0]: row for row in wall_table(wall) if row and len(row) == 5},
                      message="the wall's table with four trios")
    assert set(rows) == {"A", "B", "C", "D"}, rows
    assert all(len(row) == 5 for row in rows.values()), rows  # every column, also "Nu → gewenst"
    assert rows["C"][3] == "–" and rows["D"][3] == "–"  # one triolid, or none: no 0,00 and no None
    table = wall.locator('[data-testid="stDataFrame"]').bounding_box()
    main = wall.locator('[data-testid="stMain"] .block-container').bounding_box()
    assert table and main and table["x"] + table["width"] <= main["x"] + main["width"] + 1
    screenshot(wall, request, "anoniem", full=True)

    wall.get_by_text("Toon gemeentenamen", exact=True).click()
    expect(wall.get_by_text("Gemeente Leeg").first).to_be_attached()
    wait_idle(wall)
    # Every label of the plot lies inside the plot area.
    plot = wall.locator(".st-key-wall_quadrant .nsewdrag").first.bounding_box()
    labels = wall.locator(".st-key-wall_quadrant .textpoint").evaluate_all(
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.right, n.textContent]; })"
    )
    assert plot and labels
    for left, right, text in labels:
        assert plot["x"] - 1 <= left and right <= plot["x"] + plot["width"] + 1, (text, left, right, plot)
    screenshot(wall, request, "namen", full=True)


def test_the_wall_of_a_second_round_shows_the_previous_round_faded(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest
) -> None:
    """The demo leertraject: round 2's wall, then with "Toon vorige ronde (vaag)" every trio's place in round 1."""
    from storage.demo_traject import ROUND_NAMES, create_demo_traject

    create_demo_traject(server.engine, seed=3)
    page = new_page(1920, 1080)
    facilitator_login(page, server)
    open_wall(page, ROUND_NAMES[1])
    names = [t.get("name") for t in traces(page, "wall_quadrant")]
    assert "Vorige ronde (vaag)" not in names
    page.get_by_text("Toon vorige ronde (vaag)").click()
    wait_until(lambda: "Vorige ronde (vaag)" in [t.get("name") for t in traces(page, "wall_quadrant")])
    faded = [t for t in traces(page, "wall_quadrant") if (t.get("meta") or {}).get("kind") == "wall-previous"]
    assert faded and all(t["opacity"] < 0.5 for t in faded), faded
    # One faded mark per trio that answered in round 1, at the place it had there.
    assert sum(len(t["x"]) for t in faded if t["meta"]["frame"] == "nu") == 8
    wait_idle(page)
    screenshot(page, request, "vorige-ronde")
