"""Issue 13, "Done when": a trio walks a leertraject through the real pages.

Round 1: a trio with two leervragen is made on the start page, three members join (werkplaats code, trio
code, trio link), answer, and write two actions. The facilitator opens round 2 on the Werkplaatsen page.
Round 2: the trio starts empty, answers differently, follows up its actions, sees its movement and its
leervragen with "Wat weten jullie nu over deze vraag?". Then a bestuurder answers by the trio's link,
sees the shared result, and stands beside the trio without moving the trio's mean.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

import scoring
import storage
from charts.scene import BESTUUR_LABEL
from results import trio_result
from results.actions import REFLECTION_PROMPT as REFLECTION_QUESTION
from results.bestuur import BESTUUR_TITLE
from results.rounds import trio_movement
from results.trio import bestuur_result
from results.words import trio_step_sentences
from scoring.schema import Question
from ui import pages
from ui.bestuur_view import INVITE_BUTTON, REFRESH_SECONDS, SHARE_TOGGLE
from ui.leervragen_view import LEERVRAAG_PROMPT, SAVE_NOTES

from .conftest import NewPage
from .helpers import (
    CONTENT_DIR,
    FRAME_LABELS,
    answer,
    assert_no_app_error,
    chart,
    create_trio,
    enter_code,
    expect_progress,
    facilitator_login,
    goto,
    join_trio_by_link,
    pick_from,
    pick_role,
    points,
    screenshot,
    traces,
    wait_idle,
    wait_until,
)
from .server import StreamlitServer

TRAJECT = "Werkplaatsen 2027 · groep Noord"
ROUND_1, ROUND_2 = "Werkplaats Maart", "Werkplaats Mei"
MUNICIPALITY = "Gemeente Drieluik"
LEERVRAGEN = ["Hoe betrekken we bewoners eerder?", "Wie beslist over het wijkbudget?"]
ACTIONS = [("Koffie met de wijkagent", "Anna", "april"), ("Wijkschouw met bewoners", "Bram", "juni")]
FOLLOW_UP = [("Gedaan", "gedaan", "Liep goed, we spreken elke maand af."),
             ("Niet gelukt", "niet_gelukt", "Geen tijd gevonden voor de schouw.")]

Answers = dict[str, int]


def leaning(model: scoring.Model, lean: int) -> Answers:
    """Every statement towards the high (``lean`` > 3) or low end of its axis, whichever side it is written on."""
    return {q.id: (model.scale.points + 1 - lean) if q.reverse else lean for q in model.questions}


def answer_by_clicks(page: Page, model: scoring.Model, given: Mapping[str, Answers]) -> None:
    """Answer every statement, nu and gewenst, in the questionnaire; the progress counts along."""
    done = 0
    for q in model.questions:
        for frame in storage.FRAMES:
            done += 1
            answer(page, q.id, frame, given[frame][q.id], answered=done)


def save_by_storage(server: StreamlitServer, member: storage.MemberRecord, given: Mapping[str, Answers]) -> None:
    for frame in storage.FRAMES:
        storage.save_answers(server.engine, member_id=member.id, frame=frame, answers=dict(given[frame]))


def open_results(page: Page) -> None:
    """From the questionnaire: the link "Resultaten van jullie trio"."""
    page.get_by_role("link", name="Resultaten van jullie trio").first.click()
    page.wait_for_url("**/resultaten?m=*")
    chart(page, "trio_quadrant").wait_for()
    wait_idle(page)
    assert_no_app_error(page)


def trio_point(page: Page, key: str, frame: str) -> tuple[float, float]:
    found: list[tuple[float, float]] = wait_until(lambda: points(page, key, f"Trio · {frame}"),
                                                  message=f"the trio's {frame} in {key}")
    (point,) = found
    return point


def mean_from_storage(server: StreamlitServer, model: scoring.Model, trio_id: int,
                      round_id: int | None = None) -> scoring.GroupResult:
    return trio_result(model, storage.list_members(server.engine, trio_id),
                       storage.trio_answers(server.engine, trio_id, round_id))


def bestuur_answer(page: Page, model: scoring.Model, question: Question, frame: str, value: int) -> None:
    number = model.questions.index(question) + 1
    group = page.locator(f".st-key-bestuur_statement_{question.id}").get_by_role(
        "radiogroup", name=f"{FRAME_LABELS[frame]} – {number}. {question.theme}"
    )
    group.get_by_role("radio", name=str(value), exact=True).click()
    expect(group.get_by_role("radio", name=str(value), exact=True)).to_have_attribute("aria-checked", "true")
    wait_idle(page)


def test_a_trio_walks_a_leertraject(
    server: StreamlitServer, new_page: NewPage, model: scoring.Model, request: pytest.FixtureRequest
) -> None:
    engine = server.engine
    # Only the leertraject and its first round are set up in storage; everything else goes through the pages.
    traject = storage.create_traject(engine, name=TRAJECT)
    first = storage.create_werkplaats(engine, name=ROUND_1, held_on=dt.date.today(),
                                      content=scoring.snapshot(CONTENT_DIR), traject_id=traject.id)
    roles = [role.name for role in model.roles[:3]]

    # --- Round 1: the trio is made with two leervragen, and three members join ------------------------------
    anna_page = new_page(1280, 900)
    enter_code(anna_page, server, storage.format_code(first.join_code))
    for n, text in enumerate(LEERVRAGEN, start=1):
        anna_page.locator(f".st-key-new_trio_leervraag_{n}").get_by_role("textbox").fill(text)
    create_trio(anna_page, MUNICIPALITY)
    anna_token = pick_role(anna_page, roles[0], "Anna")
    anna = storage.member_context(engine, anna_token)
    assert anna is not None and anna.werkplaats.id == first.id
    trio = anna.trio
    assert [lv.text for lv in storage.list_leervragen(engine, trio.id)] == LEERVRAGEN

    bram_page = new_page(1280, 900)  # types the trio code that Anna shows him
    enter_code(bram_page, server, storage.format_code(trio.code))
    expect(bram_page.get_by_text(f"Trio {MUNICIPALITY}", exact=True)).to_be_visible()
    bram_token = pick_role(bram_page, roles[1], "Bram")
    cas_page = new_page(1280, 900)  # opens the trio's invitation link
    cas_token = join_trio_by_link(cas_page, server, trio.code, roles[2], "Cas")
    members = {m.token: m for m in storage.list_members(engine, trio.id)}
    assert set(members) == {anna_token, bram_token, cas_token}
    bram, cas = members[bram_token], members[cas_token]
    bram_page.context.close()
    cas_page.context.close()

    # Anna answers all 24 by clicks. Bram and Cas answer through storage, which is what their clicks store
    # (the questionnaire is covered click by click for Anna), to keep the walk within a few minutes.
    round_1 = {anna_token: {"nu": leaning(model, 2), "gewenst": leaning(model, 4)},
               bram_token: {"nu": leaning(model, 1), "gewenst": leaning(model, 4)},
               cas_token: {"nu": leaning(model, 2), "gewenst": leaning(model, 5)}}
    save_by_storage(server, bram, round_1[bram_token])
    save_by_storage(server, cas, round_1[cas_token])
    answer_by_clicks(anna_page, model, round_1[anna_token])
    answers_round_1 = storage.trio_answers(engine, trio.id)
    assert answers_round_1 == {members[t].id: {f: dict(a[f]) for f in storage.FRAMES} for t, a in round_1.items()}

    open_results(anna_page)
    expect(anna_page.get_by_text("Alle 3 trioleden hebben alles ingevuld.")).to_be_visible()
    for n, text in enumerate(LEERVRAGEN, start=1):
        expect(anna_page.locator(f".st-key-leervraag_{n}")).to_contain_text(f"{n}. {text}")
    expect(anna_page.get_by_text(LEERVRAAG_PROMPT)).to_have_count(0)  # only at a later round
    expect(anna_page.get_by_role("heading", name="Acties van vorige keer")).to_have_count(0)
    for what, who, when in ACTIONS:
        anna_page.locator(".st-key-action_what").get_by_role("textbox").fill(what)
        anna_page.locator(".st-key-action_who").get_by_role("textbox").fill(who)
        anna_page.locator(".st-key-action_when").get_by_role("textbox").fill(when)
        anna_page.get_by_role("button", name="Actie toevoegen", exact=True).click()
        expect(anna_page.get_by_text(what, exact=True)).to_be_visible()
        wait_idle(anna_page)
    assert_no_app_error(anna_page)
    actions = storage.list_actions(engine, trio.id)
    assert [(a.what, a.who, a.when_text, a.round_id, a.status) for a in actions] == [
        (what, who, when, first.id, None) for what, who, when in ACTIONS
    ]
    anna_page.get_by_role("heading", name="Onze acties").scroll_into_view_if_needed()
    screenshot(anna_page, request, "ronde1-acties", full=False)
    anna_page.context.close()

    # --- The facilitator opens round 2 --------------------------------------------------------------------
    facilitator = new_page(1280, 900)
    facilitator_login(facilitator, server)
    facilitator.get_by_role("link", name="Werkplaatsen beheren").click()
    facilitator.wait_for_url(re.compile("/werkplaatsen"))
    wait_idle(facilitator)
    facilitator.get_by_text("Nieuwe werkplaats", exact=True).click()
    pick_from(facilitator, "new_wp_traject", f"Leertraject: {TRAJECT} (wordt ronde 2)")
    expect(facilitator.get_by_text("Dit wordt ronde 2.", exact=False)).to_be_visible()
    prefill = facilitator.get_by_role("checkbox", name="Begin met de antwoorden van vorige keer")
    expect(prefill).not_to_be_checked()  # left off: the trio starts empty
    facilitator.locator(".st-key-new_wp_name").get_by_role("textbox").fill(ROUND_2)
    facilitator.get_by_role("button", name="Werkplaats aanmaken", exact=True).click()
    expect(facilitator.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(f"{ROUND_2} is aangemaakt")
    entry = facilitator.locator(f".st-key-traject_entry_{traject.id}")
    expect(entry.get_by_text("ronde 1 (1 trio), ronde 2 (1 trio)", exact=False)).to_be_visible()
    wait_idle(facilitator)
    screenshot(facilitator, request, "ronde2-aangemaakt", full=False)
    round_ids = storage.traject_round_ids(engine, traject.id)
    assert round_ids[0] == first.id and len(round_ids) == 2
    second = storage.get_werkplaats(engine, round_ids[1])
    assert second is not None and second.name == ROUND_2 and second.position == 2 and not second.prefilled
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, trio.id)] == round_ids
    facilitator.context.close()

    # --- Round 2: Anna reopens her personal link and starts empty -----------------------------------------
    anna_page = new_page(1280, 900)
    goto(anna_page, server, pages.QUESTIONNAIRE.url_path, m=anna_token)
    expect(anna_page.get_by_text(f"werkplaats {ROUND_2}", exact=False).first).to_be_visible()
    total = 2 * len(model.questions)
    expect(anna_page.get_by_text(f"0 van {total} beantwoord", exact=True)).to_be_visible()
    expect(anna_page.locator("[class*='st-key-carried_note_']")).to_have_count(0)
    round_2 = {anna_token: {"nu": leaning(model, 4), "gewenst": leaning(model, 5)},
               bram_token: {"nu": leaning(model, 3), "gewenst": leaning(model, 4)},
               cas_token: {"nu": leaning(model, 4), "gewenst": leaning(model, 5)}}
    save_by_storage(server, bram, round_2[bram_token])  # as in round 1: Bram and Cas through storage
    save_by_storage(server, cas, round_2[cas_token])
    answer_by_clicks(anna_page, model, round_2[anna_token])
    expect_progress(anna_page, total, total)
    # Round 1 is kept as it was; round 2 holds the new answers.
    assert storage.trio_answers(engine, trio.id, first.id) == answers_round_1
    assert storage.trio_answers(engine, trio.id) == {
        members[t].id: {f: dict(a[f]) for f in storage.FRAMES} for t, a in round_2.items()
    }

    open_results(anna_page)
    expect(anna_page.get_by_text(f"werkplaats {ROUND_2}", exact=False).first).to_be_visible()

    # The movement since round 1, in the words the trio's means give.
    movement = anna_page.get_by_role("heading", name=f"Beweging sinds {ROUND_1}")
    expect(movement).to_be_visible()
    moved = trio_movement([(ROUND_1, mean_from_storage(server, model, trio.id, first.id)),
                           (ROUND_2, mean_from_storage(server, model, trio.id, second.id))])
    sentences = trio_step_sentences(model, moved.steps[0])
    assert len(sentences) == 2 and all("schoof" in s.text for s in sentences), sentences  # both frames moved
    main = anna_page.locator('[data-testid="stMain"]')
    for sentence in sentences:
        expect(main).to_contain_text(f"{sentence.lead} {sentence.text}")
    movement.scroll_into_view_if_needed()
    screenshot(anna_page, request, "ronde2-beweging", full=False)

    # Last time's actions: a status and one line each.
    expect(anna_page.get_by_role("heading", name="Acties van vorige keer")).to_be_visible()
    for action, (status_name, _, reflection) in zip(actions, FOLLOW_UP, strict=True):
        card = anna_page.locator(f".st-key-follow_up_{action.id}")
        expect(card).to_contain_text(action.what)
        expect(card).to_contain_text("Nog niet nagelopen.")
        card.locator('[data-testid="stRadioOption"]').filter(has_text=status_name).click()
        card.get_by_role("textbox", name=REFLECTION_QUESTION).fill(reflection)
        card.get_by_role("button", name="Bewaar", exact=True).click()
        expect(card).to_contain_text(f"Stand: {status_name}. {reflection}")
        wait_idle(anna_page)
    followed = {a.id: (a.status, a.reflection, a.round_id) for a in storage.list_actions(engine, trio.id, first.id)}
    assert followed == {a.id: (status, reflection, first.id)
                        for a, (_, status, reflection) in zip(actions, FOLLOW_UP, strict=True)}
    assert storage.list_actions(engine, trio.id) == []  # round 2 has no actions of its own yet

    # The leervragen come back with "Wat weten jullie nu over deze vraag?".
    leervragen = storage.list_leervragen(engine, trio.id)
    for leervraag in leervragen:
        card = anna_page.locator(f".st-key-leervraag_{leervraag.position}")
        expect(card).to_contain_text(f"{leervraag.position}. {leervraag.text}")
        expect(card.get_by_role("textbox", name=LEERVRAAG_PROMPT)).to_be_visible()
    note = "Bewoners schuiven nu aan bij het wijkoverleg."
    anna_page.locator(f".st-key-leervraag_{leervragen[0].position}").get_by_role(
        "textbox", name=LEERVRAAG_PROMPT).fill(note)
    anna_page.get_by_role("button", name=SAVE_NOTES, exact=True).click()
    wait_until(lambda: storage.list_leervragen(engine, trio.id)[0].notes, message="the leervraag note")
    wait_idle(anna_page)
    stored = storage.list_leervragen(engine, trio.id)
    assert [lv.text for lv in stored] == LEERVRAGEN
    assert [[(n.round_id, n.text) for n in lv.notes] for lv in stored] == [[(second.id, note)], []]
    anna_page.get_by_role("heading", name="Acties van vorige keer").scroll_into_view_if_needed()
    screenshot(anna_page, request, "ronde2-acties-leervragen", full=False)

    # --- The bestuurder: a link, shared, answered, and beside the trio --------------------------------------
    trio_mean = mean_from_storage(server, model, trio.id)
    before = {frame: trio_point(anna_page, "trio_quadrant", frame) for frame in storage.FRAMES}
    for frame in storage.FRAMES:
        expected = trio_mean.frame(frame)
        assert before[frame] == pytest.approx((expected.x, expected.y))

    anna_page.get_by_role("button", name=INVITE_BUTTON).click()
    toggle = anna_page.get_by_role("switch", name=SHARE_TOGGLE)
    expect(toggle).not_to_be_checked()
    bestuurder = storage.bestuurder_of(engine, trio.id)
    assert bestuurder is not None and bestuurder.is_bestuurder
    link_box = anna_page.locator('[data-testid="stExpander"]').filter(has_text="De link voor jullie bestuurder")
    link = urlsplit(link_box.locator('[data-testid="stCode"]').inner_text().strip())
    assert link.path == f"/{pages.BESTUUR.url_path}" and link.query == f"m={bestuurder.token}", link
    anna_page.get_by_text(SHARE_TOGGLE, exact=True).click()
    expect(toggle).to_be_checked()
    expect(anna_page.get_by_text("Jullie bestuurder ziet jullie uitkomst van deze ronde.")).to_be_visible()
    wait_idle(anna_page)
    assert storage.trio_rounds(engine, trio.id)[-1].shared_at is not None

    boss = new_page(1280, 900)  # the bestuurder's own device: the link as the trio sent it, on this server
    boss.goto(f"{server.url}{link.path}?{link.query}")
    expect(boss.get_by_role("heading", name="Rolwijzer voor de bestuurder")).to_be_visible()
    wait_idle(boss)
    expect(boss.get_by_text(MUNICIPALITY).first).to_be_visible()
    given = {"nu": 1, "gewenst": 5}
    asked = [model.questions_on("x")[0], model.questions_on("y")[0], model.questions_on("x")[1]]
    for question in asked:
        for frame, lean in given.items():
            bestuur_answer(boss, model, question, frame, (6 - lean) if question.reverse else lean)
    expect(boss.get_by_text(f"{2 * len(asked)} van {total} beantwoord", exact=True)).to_be_visible()
    saved = storage.member_answers(engine, bestuurder.id)
    assert {f: set(saved[f]) for f in storage.FRAMES} == {f: {q.id for q in asked} for f in storage.FRAMES}
    bestuur = bestuur_result(model, bestuurder, saved)
    chart(boss, "bestuur_outcome").wait_for()  # shared before the bestuurder came: the trio's result is there
    wait_idle(boss)
    assert_no_app_error(boss)
    for frame in storage.FRAMES:
        (at,) = [(t["x"][0], t["y"][0]) for t in _bestuur_traces(boss, "bestuur_outcome") if t["meta"]["frame"] == frame]
        assert at == pytest.approx((bestuur.frame(frame).x, bestuur.frame(frame).y))
        assert trio_point(boss, "bestuur_outcome", frame) == pytest.approx(before[frame])
    screenshot(boss, request, "bestuurder")

    # The trio's page follows the bestuurder's answers on its own (it checks every few seconds).
    chart(anna_page, "bestuur_quadrant").wait_for(timeout=3 * REFRESH_SECONDS * 1000)
    wait_idle(anna_page)
    assert_no_app_error(anna_page)
    for frame in storage.FRAMES:
        (at,) = [(t["x"][0], t["y"][0]) for t in _bestuur_traces(anna_page, "bestuur_quadrant")
                 if t["meta"]["frame"] == frame]
        assert at == pytest.approx((bestuur.frame(frame).x, bestuur.frame(frame).y))
        # The bestuurder stands beside the trio: the trio's mean is the same as without the bestuurder.
        assert trio_point(anna_page, "bestuur_quadrant", frame) == pytest.approx(before[frame])
        assert trio_point(anna_page, "trio_quadrant", frame) == pytest.approx(before[frame])
    assert mean_from_storage(server, model, trio.id) == trio_mean
    assert bestuurder.id not in storage.trio_answers(engine, trio.id)
    anna_page.get_by_role("heading", name=BESTUUR_TITLE).scroll_into_view_if_needed()
    screenshot(anna_page, request, "ronde2-bestuurder", full=False)


def _bestuur_traces(page: Page, key: str) -> list[dict[str, Any]]:
    """The bestuurder's points (one trace per frame) in the chart ``key``, named as the picture names it."""
    found = [t for t in traces(page, key) if (t["meta"] or {}).get("kind") == "bestuur"]
    assert found and all(t["name"] == BESTUUR_LABEL for t in found), found
    return found
