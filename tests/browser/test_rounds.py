"""A trio at the second round of a leertraject: answers from last time in the questionnaire, and the
results page with the movement, the actions of last time and the leervragen, on a phone and a laptop."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

import scoring
import storage

from .conftest import NewPage
from .helpers import CONTENT_DIR, assert_no_app_error, click_answer, goto, screenshot, wait_idle
from .server import StreamlitServer

SIZES = [(1280, 900), (390, 844)]


def second_round(server: StreamlitServer, model: scoring.Model) -> list[storage.MemberRecord]:
    """Round 1 with two members who answered everything, an action and two leervragen; round 2 prefilled."""
    content = scoring.snapshot(CONTENT_DIR)
    traject = storage.create_traject(server.engine, name="Leertraject Oost")
    first = storage.create_werkplaats(
        server.engine, name="Werkplaats 1", held_on=dt.date.today(), content=content, traject_id=traject.id
    )
    trio = storage.create_trio(server.engine, werkplaats_id=first.id, municipality="Gemeente Tweeluik")
    members = []
    for role, name, shift in ((model.roles[0].id, "Anna", 0), (model.roles[1].id, "Bram", 1)):
        member = storage.create_member(server.engine, trio_id=trio.id, role=role, display_name=name)
        for frame, base in (("nu", 1), ("gewenst", 3)):
            storage.save_answers(server.engine, member_id=member.id, frame=frame,
                                 answers={q.id: min(5, base + shift + n % 2) for n, q in enumerate(model.questions)})
        members.append(member)
    storage.add_action(server.engine, trio_id=trio.id, what="Koffie met de wijkagent", who="Anna", when_text="mei")
    storage.set_leervragen(server.engine, trio_id=trio.id, texts=["Hoe betrekken we bewoners?", "Wie beslist er?"])
    second = storage.create_werkplaats(
        server.engine, name="Werkplaats 2", held_on=dt.date.today(), content=content, traject_id=traject.id,
        prefilled=True,
    )
    # Bram looked at everything again and moved towards Krachten.
    storage.confirm_answers(server.engine, member_id=members[1].id, round_id=second.id)
    storage.save_answers(server.engine, member_id=members[1].id, frame="nu",
                         answers={q.id: 4 for q in model.questions_on("x")}, round_id=second.id)
    return members


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["desktop", "phone"])
def test_answers_from_last_time_and_the_second_rounds_results(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest,
    width: int, height: int,
) -> None:
    anna, _ = second_round(server, model)
    page = new_page(width, height)
    goto(page, server, "vragenlijst", m=anna.token)
    wait_idle(page)
    assert_no_app_error(page)
    total = 2 * len(model.questions)
    expect(page.get_by_text(f"0 van {total} beantwoord · {total} antwoorden van vorige keer nog nakijken")).to_be_visible()
    first = model.questions[0]
    note = page.locator(f".st-key-carried_note_{first.id}")
    expect(note).to_contain_text("Van vorige keer — klopt dit nog?")
    screenshot(page, request, "questionnaire", full=False)

    click_answer(page, first.id, "nu", 3)  # another answer confirms it
    wait_idle(page)
    page.locator(f".st-key-confirm_{first.id} button").click()  # and "Klopt nog" the other
    expect(note).to_have_count(0)
    expect(page.get_by_text(f"2 van {total} beantwoord · {total - 2} antwoorden van vorige keer")).to_be_visible()
    screenshot(page, request, "questionnaire-answered")
    page.get_by_role("button", name="Alles klopt nog").click()
    expect(page.get_by_text(f"{total} van {total} beantwoord", exact=True)).to_be_visible()
    expect(page.locator("[class*='st-key-carried_note_']")).to_have_count(0)

    goto(page, server, "resultaten", m=anna.token)
    page.locator(".st-key-trio_quadrant .js-plotly-plot").wait_for()
    wait_idle(page)
    assert_no_app_error(page)
    for heading in ("Beweging sinds Werkplaats 1", "Acties van vorige keer", "Jullie leervragen"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text("Wat weten jullie nu over deze vraag?").first).to_be_visible()
    page.get_by_role("heading", name="Beweging sinds Werkplaats 1").scroll_into_view_if_needed()
    screenshot(page, request, "results-movement", full=False)
    page.get_by_role("heading", name="Acties van vorige keer").scroll_into_view_if_needed()
    screenshot(page, request, "results-actions", full=False)
    screenshot(page, request, "results")
