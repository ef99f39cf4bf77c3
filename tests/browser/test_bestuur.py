"""The bestuurder's page in a real browser: answering by the personal link, waiting for the trio, and the
picture once the trio shared its result (on a phone and on a laptop)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import scoring
import storage
from results.bestuur import BESTUUR_WAIT
from ui import pages
from ui.bestuur_view import REFRESH_SECONDS

from .conftest import NewPage
from .helpers import (
    CONTENT_DIR,
    assert_no_app_error,
    chart,
    goto,
    load_model,
    screenshot,
    seed_werkplaats,
    traces,
    wait_idle,
)
from .server import StreamlitServer


def seeded(server: StreamlitServer, model: scoring.Model) -> tuple[storage.TrioRecord, storage.MemberRecord]:
    """A trio of three that answered everything, and its bestuurder, who answered all but the first statement."""
    werkplaats = seed_werkplaats(server, "Werkplaats Bestuur")
    trio = storage.create_trio(server.engine, werkplaats_id=werkplaats.id, municipality="Gemeente Drieluik",
                               casus="De Kanaalzone")
    for i, role in enumerate(model.roles[:3]):
        member = storage.create_member(server.engine, trio_id=trio.id, role=role.id)
        for n, q in enumerate(model.questions):
            storage.save_answer(server.engine, member_id=member.id, question_id=q.id, frame="nu", value=(n + i) % 3 + 1)
            storage.save_answer(server.engine, member_id=member.id, question_id=q.id, frame="gewenst",
                                value=(n + i) % 2 + 3)
    bestuurder = storage.invite_bestuurder(server.engine, trio_id=trio.id)
    for q in model.questions[1:]:
        storage.save_answer(server.engine, member_id=bestuurder.id, question_id=q.id, frame="nu", value=5)
        storage.save_answer(server.engine, member_id=bestuurder.id, question_id=q.id, frame="gewenst", value=4)
    return trio, bestuurder


@pytest.mark.parametrize("width", [390, 1280])
def test_the_bestuurder_answers_waits_and_then_sees_the_trio(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, width: int
) -> None:
    model = load_model()
    trio, bestuurder = seeded(server, model)
    page = new_page(width=width, height=900)
    goto(page, server, pages.BESTUUR.url_path, m=bestuurder.token)
    expect(page.get_by_role("heading", name="Rolwijzer voor de bestuurder")).to_be_visible()
    expect(page.get_by_text("Gemeente Drieluik").first).to_be_visible()

    first = model.questions[0]
    for frame, value in (("nu", "5"), ("gewenst", "4")):
        group = page.locator(f".st-key-bestuur_statement_{first.id}").get_by_role(
            "radiogroup", name=f"{'Nu' if frame == 'nu' else 'Gewenst'} – 1. {first.theme}"
        )
        group.get_by_role("radio", name=value, exact=True).click()
        expect(group.get_by_role("radio", name=value, exact=True)).to_have_attribute("aria-checked", "true")
        wait_idle(page)
    expect(page.get_by_text("24 van 24 beantwoord")).to_be_visible()
    assert storage.member_answers(server.engine, bestuurder.id)["nu"][first.id] == 5

    expect(page.get_by_text(BESTUUR_WAIT)).to_be_visible()
    assert chart(page, "bestuur_outcome").count() == 0
    screenshot(page, request, "wacht")

    storage.share_with_bestuur(server.engine, trio_id=trio.id)
    # The page checks every REFRESH_SECONDS whether the trio shared.
    chart(page, "bestuur_outcome").wait_for(timeout=(3 * REFRESH_SECONDS) * 1000)
    wait_idle(page)
    assert_no_app_error(page)
    assert any((t["meta"] or {}).get("kind") == "bestuur" for t in traces(page, "bestuur_outcome"))
    expect(page.get_by_text(BESTUUR_WAIT)).to_have_count(0)
    expect(page.get_by_text("Gespreksvraag:").first).to_be_visible()
    screenshot(page, request, "gedeeld")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_bestuurders_answers_of_last_time_wait_for_a_look(
    server: StreamlitServer, new_page: NewPage, request: pytest.FixtureRequest, width: int
) -> None:
    """In a round that started from last time, the bestuurder's answers come along, marked until confirmed."""
    model = load_model()
    trio, bestuurder = seeded(server, model)
    first_round = storage.get_werkplaats(server.engine, trio.werkplaats_id)
    assert first_round is not None
    traject = storage.start_traject_from(server.engine, werkplaats_id=first_round.id, name="Leertraject Bestuur")
    storage.create_werkplaats(server.engine, name="Werkplaats 2", held_on=first_round.held_on, prefilled=True,
                              content=scoring.snapshot(CONTENT_DIR), traject_id=traject.id)
    carried = 2 * (len(model.questions) - 1)

    page = new_page(width=width, height=900)
    goto(page, server, pages.BESTUUR.url_path, m=bestuurder.token)
    expect(page.get_by_text(f"0 van 24 beantwoord · {carried} antwoorden van vorige keer nog nakijken")).to_be_visible()
    second = model.questions[1]
    card = page.locator(f".st-key-bestuur_statement_{second.id}")
    expect(card.get_by_text("Nu en gewenst zijn je antwoorden van vorige keer.")).to_be_visible()
    screenshot(page, request, "vorige-keer", full=True)
    card.get_by_role("button", name="Klopt nog").click()
    expect(page.get_by_text(f"2 van 24 beantwoord · {carried - 2} antwoorden van vorige keer")).to_be_visible()
    page.get_by_role("button", name="Alles klopt nog").click()
    expect(page.get_by_text(f"{carried} van 24 beantwoord", exact=True)).to_be_visible()
    assert_no_app_error(page)
    assert storage.carried_answers(server.engine, bestuurder.id) == set()
