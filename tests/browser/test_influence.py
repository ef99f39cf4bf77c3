"""Invloedssfeer in the browser (issue 11): who can change what, perspectives that follow the gaps and the
member's level, and the words for a place on a border or in the middle, on the page, the wall and the PDF."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

import scoring
import storage
from results import trio_result
from results.influence import member_choices

from .conftest import NewPage
from .helpers import (
    SCREENSHOTS,
    answer,
    facilitator_login,
    goto,
    join_new_trio,
    join_trio_by_link,
    load_model,
    open_wall,
    screenshot,
    seed_werkplaats,
    statement,
    traces,
    wait_idle,
    wait_until,
    wall_table,
)
from .server import StreamlitServer
from .test_results import click_download

WIDTHS = ((390, 844), (1280, 900), (1920, 1080))


@pytest.fixture
def model() -> scoring.Model:
    return load_model()


def on_axes(model: scoring.Model, x: int, y: int, changes: Mapping[str, int] | None = None) -> dict[str, int | None]:
    """Every statement answered ``x`` / ``y`` on the axis direction, ``changes`` on top (reversed turned)."""
    points = model.scale.points
    wanted = {q.id: x if q.axis == "x" else y for q in model.questions} | dict(changes or {})
    return {q.id: points + 1 - wanted[q.id] if q.reverse else wanted[q.id] for q in model.questions}


def seed_member(
    server: StreamlitServer, trio: storage.TrioRecord, role: str, level: str | None,
    answers: Mapping[str, Mapping[str, int | None]], choices: Mapping[str, str] | None = None, name: str = "",
) -> storage.MemberRecord:
    member = storage.create_member(server.engine, trio_id=trio.id, role=role, level=level, display_name=name)
    for frame, by_question in answers.items():
        storage.save_answers(server.engine, member_id=member.id, frame=frame, answers=dict(by_question))
    for qid, option in (choices or {}).items():
        storage.save_influence_choice(server.engine, member_id=member.id, question_id=qid, option_id=option)
    return member


def results_page(page: Page, server: StreamlitServer, token: str) -> None:
    goto(page, server, "resultaten", m=token)
    page.locator(".st-key-influence_map .js-plotly-plot").wait_for()
    wait_idle(page)


def test_results_page_at_three_widths(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server)
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Breedte")
    answers = {"nu": on_axes(model, 4, 4, {"budget": 2, "agenda": 3}), "gewenst": on_axes(model, 4, 4, {"budget": 5})}
    first = seed_member(server, trio, "wijkambtenaar", "strategie", answers, {"budget": "bestuurlijk"}, "Anna")
    seed_member(server, trio, "sociaal", "uitvoering", answers, {"budget": "eigen_handelen", "agenda": "bewoners"})
    seed_member(server, trio, "fysiek", "bestuur", answers, {"budget": "bestuurlijk"})
    for width, height in WIDTHS:
        page = new_page(width, height)
        results_page(page, server, first.token)
        expect(page.get_by_role("heading", name="Invloedskaart: wie kan het veranderen?")).to_be_visible()
        expect(page.get_by_text("Om mee te beginnen, voor strategen")).to_be_visible()
        marks = [t for t in traces(page, "influence_map") if (t["meta"] or {}).get("kind") == "influence"]
        assert sorted(text for t in marks for text in t["text"]) == ["1 3", "2", "2"]
        screenshot(page, request, "results")
        page.context.close()


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def shown_value(model: scoring.Model, question_id: str, value: int) -> int:
    """The button to press for ``value`` on the axis direction (a reversed statement shows its high pole left)."""
    return model.scale.points + 1 - value if model.question(question_id).reverse else value


def answer_with_influence(
    page: Page, server: StreamlitServer, model: scoring.Model, token: str, question_id: str,
    change: tuple[int, int], option: str,
) -> None:
    """On the questionnaire: answer ``question_id`` for nu and gewenst, then who can change it."""
    goto(page, server, "vragenlijst", m=token)
    answer(page, question_id, "nu", shown_value(model, question_id, change[0]))
    answer(page, question_id, "gewenst", shown_value(model, question_id, change[1]))
    pills = page.locator(f".st-key-influence_choice_{question_id}")
    expect(statement(page, question_id).get_by_text("Wie kan hier iets aan veranderen?", exact=True)).to_be_visible()
    choice = pills.get_by_role("radio", name=option, exact=True)
    choice.click()
    expect(choice).to_have_attribute("aria-checked", "true")
    member_id = storage.member_context(server.engine, token).member.id  # type: ignore[union-attr]
    wait_until(lambda: storage.member_influence_choices(server.engine, member_id).get(question_id),
               message="the influence choice in the database")
    wait_idle(page)


def first_card_titles(page: Page) -> list[str]:
    """The titles of the cards shown before the switch "Toon de andere handelingsperspectieven"."""
    cards = page.locator('[class*="st-key-card_"]')
    return [card.locator("strong").first.inner_text().strip() for card in cards.all()]


def expected_first(server: StreamlitServer, model: scoring.Model, trio_id: int, audience: str) -> list[str]:
    members = storage.list_members(server.engine, trio_id)
    result = trio_result(model, members, storage.trio_answers(server.engine, trio_id))
    choices = member_choices(storage.trio_influence_choices(server.engine, trio_id))
    plan = scoring.focused_plan(model, result, choices, audience)
    assert plan is not None and plan.first
    return [p.title for p in plan.first]


def test_three_members_answer_with_influence_and_see_the_map_a_starter_and_first_cards(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    werkplaats = seed_werkplaats(server)
    base = {"nu": on_axes(model, 4, 4), "gewenst": on_axes(model, 4, 4)}  # Buurtmaken, no change yet
    joined: list[tuple[str, str, str]] = [  # role, level, who can change budget
        (model.roles[0].name, "Strategie", "Het bestuur"),
        (model.roles[1].name, "Uitvoering", "Ik zelf"),
        (model.roles[2].name, "Bestuur", "Het bestuur"),
    ]
    tokens: list[str] = []
    trio: storage.TrioRecord | None = None
    for role, level, option in joined:
        page = new_page(1280, 900)
        if trio is None:
            token = join_new_trio(page, server, werkplaats.join_code, "Gemeente Hefboom", role, level_name=level)
            (trio,) = storage.list_trios(server.engine, werkplaats.id)
        else:
            token = join_trio_by_link(page, server, trio.code, role, level_name=level)
        context = storage.member_context(server.engine, token)
        assert context is not None and context.member.level == level.lower()
        for frame, answers in base.items():
            storage.save_answers(server.engine, member_id=context.member.id, frame=frame, answers=answers)
        answer_with_influence(page, server, model, token, "budget", (2, 5), option)
        if not tokens:
            for width, height in WIDTHS:  # the card with its influence question, at three widths
                card_page = page if width == 1280 else new_page(width, height)
                if card_page is not page:
                    goto(card_page, server, "vragenlijst", m=token)
                card = statement(card_page, "budget")
                card.scroll_into_view_if_needed()
                expect(card.locator(".st-key-influence_choice_budget")).to_be_visible()
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                card.screenshot(path=str(SCREENSHOTS / f"{request.node.name}-card-{width}x{height}.png"))
        tokens.append(token)
    assert trio is not None

    page = new_page(1280, 900)
    results_page(page, server, tokens[0])
    marks = [t for t in traces(page, "influence_map") if (t["meta"] or {}).get("kind") == "influence"]
    assert sorted(text for t in marks for text in t["text"]) == ["1 3", "2"]
    expect(page.get_by_text("Bij 1 stelling zien jullie iemand anders aan zet:")).to_be_visible()
    starter = page.locator(".st-key-starter_budget")
    expect(starter.get_by_text("Hier zien jullie iemand anders aan zet.")).to_be_visible()
    expect(starter.get_by_text("Het bestuur en Ik zelf.")).to_be_visible()
    # First cards: the trio's largest gap (budget), for this member's level (strategie: strategen).
    expect(page.get_by_role("heading", name="Om mee te beginnen, voor strategen")).to_be_visible()
    first = expected_first(server, model, trio.id, "strategen")
    assert first_card_titles(page) == first
    screenshot(page, request, "results")

    # Another trio in the same quadrants with another gap sees other first cards.
    other = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Anders")
    seeded = seed_member(server, other, "sociaal", "strategie", {
        "nu": on_axes(model, 4, 4, {"beeld_van_de_wijk": 2}), "gewenst": on_axes(model, 4, 4, {"beeld_van_de_wijk": 5}),
    })
    other_page = new_page(1280, 900)
    results_page(other_page, server, seeded.token)
    others_first = first_card_titles(other_page)
    assert others_first == expected_first(server, model, other.id, "strategen")
    assert others_first and set(others_first).isdisjoint(first)


def test_a_member_and_a_trio_in_the_neutral_band_read_it_on_the_page_the_wall_and_the_pdf(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model
) -> None:
    werkplaats = seed_werkplaats(server, "Werkplaats Grens")
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Grens")
    members = [
        seed_member(server, trio, role, level, {"nu": on_axes(model, x, 1), "gewenst": on_axes(model, 3, 3)})
        for role, level, x in (("wijkambtenaar", "uitvoering", 2), ("sociaal", "strategie", 4), ("fysiek", "bestuur", 3))
    ]
    page = new_page(1280, 900)
    goto(page, server, "vragenlijst", m=members[0].token)
    expect(page.get_by_text("Je stip ligt in het midden:", exact=False)).to_be_visible()

    results_page(page, server, members[0].token)
    expect(page.get_by_text("Jullie trio staat op de grens van Doen met en Zorgen voor:", exact=False)).to_be_visible()
    expect(page.get_by_text("Jullie trio staat in het midden:", exact=False)).to_be_visible()
    fysiek = model.role_name("fysiek")
    expect(page.get_by_text(f"{fysiek}: nu op de grens van Doen met en Zorgen voor, gewenst in het midden.")).to_be_visible()
    download = click_download(page, page.get_by_role("button", name="Download het trioverslag (PDF)"))
    text = pdf_text(open(download.path(), "rb").read())  # noqa: SIM115 - a small file, read once
    assert "Jullie trio staat op de grens van Doen met en Zorgen voor:" in text
    assert "Jullie trio staat in het midden:" in text
    assert f"{fysiek}: nu op de grens van Doen met en Zorgen voor, gewenst in het midden." in text

    wall = new_page(1280, 900)
    facilitator_login(wall, server)
    open_wall(wall, "Werkplaats Grens")
    rows = wait_until(lambda: wall_table(wall), message="the wall's table")
    assert any("op de grens van Doen met en Zorgen voor → in het midden (net in Buurtmaken)" in cell
               for row in rows for cell in row), rows
