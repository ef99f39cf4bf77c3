"""AppTest: a trio in a leertraject of two rounds, as its members see it (issue 13).

Leervragen on the start page and the results page, every read and write in the round the member saw,
answers "from last time" in the questionnaire, the follow-up of last round's actions, and the movement
since the round before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import storage
from results import trio_result, words
from results.leervragen import LEERVRAAG_PROMPT, LEERVRAGEN_HELP
from results.rounds import trio_movement
from tests.apptest_support import APP, REPO_ROOT, TIMEOUT, AppDb, app_for
from tests.test_app_results import downloads, markdown_text, timer_tick, trio_pdf_text, uniform  # noqa: F401
from ui import pages
from ui.carried_view import CARRIED_LEAD, CONFIRM_ALL
from ui.explain import markdown

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
TODAY = dt.date(2025, 5, 20)


@dataclass(frozen=True)
class Traject:
    first: storage.WerkplaatsRecord
    trio: storage.TrioRecord
    members: tuple[storage.MemberRecord, ...]


def round_one(db: AppDb, model: scoring.Model) -> Traject:
    """A traject whose first round has a trio of two who answered everything, one action and two leervragen."""
    traject = storage.create_traject(db.engine, name="Leertraject Oost")
    first = storage.create_werkplaats(
        db.engine, name="Werkplaats 1", held_on=TODAY, content=scoring.snapshot(REPO_ROOT / "content"),
        traject_id=traject.id,
    )
    trio = storage.create_trio(db.engine, werkplaats_id=first.id, municipality="Gemeente Tweeluik")
    members = []
    for role, name, (nu, gewenst) in (("wijkambtenaar", "Anna", (1, 4)), ("sociaal", "Bram", (2, 5))):
        member = storage.create_member(db.engine, trio_id=trio.id, role=role, display_name=name)
        storage.save_answers(db.engine, member_id=member.id, frame="nu", answers=uniform(model, nu))
        storage.save_answers(db.engine, member_id=member.id, frame="gewenst", answers=uniform(model, gewenst))
        members.append(member)
    storage.add_action(db.engine, trio_id=trio.id, what="Koffie met de wijkagent", who="Anna", when_text="mei")
    storage.set_leervragen(db.engine, trio_id=trio.id, texts=["Hoe betrekken we bewoners?", "Wie beslist er?"])
    return Traject(first, trio, tuple(members))


def next_round(db: AppDb, traject: Traject, name: str = "Werkplaats 2", *, prefilled: bool = False) -> storage.WerkplaatsRecord:
    assert traject.first.traject_id is not None
    return storage.create_werkplaats(
        db.engine, name=name, held_on=TODAY, content=scoring.snapshot(REPO_ROOT / "content"),
        traject_id=traject.first.traject_id, prefilled=prefilled,
    )


def results(token: str) -> AppTest:
    at = app_for(token, pages.RESULTS.path).run()
    assert not at.exception, at.exception
    return at


def questionnaire(token: str) -> AppTest:
    at = app_for(token, pages.QUESTIONNAIRE.path).run()
    assert not at.exception, at.exception
    return at


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def progress_text(at: AppTest) -> str:
    return str(at.get("progress")[0].proto.text)


# --- Leervragen ---------------------------------------------------------------------------------------


def new_trio_form(db: AppDb) -> tuple[storage.WerkplaatsRecord, AppTest]:
    """A werkplaats, and the start page opened with its code: the form to make a trio."""
    werkplaats = storage.create_werkplaats(
        db.engine, name="Werkplaats 1", held_on=TODAY, content=scoring.snapshot(REPO_ROOT / "content")
    )
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["code"] = werkplaats.join_code
    return werkplaats, at.run()


def test_the_new_trio_form_saves_its_leervragen(app_db: AppDb) -> None:
    werkplaats, at = new_trio_form(app_db)
    assert any(c.value == LEERVRAGEN_HELP for c in at.caption)
    at.text_input(key="new_trio_municipality").input("Gemeente Leerdam")
    at.text_input(key="new_trio_leervraag_1").input("Hoe houden we bewoners erbij?")
    at.text_input(key="new_trio_leervraag_3").input("  Wat kost het?  ")
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert not at.exception, at.exception
    (trio,) = storage.list_trios(app_db.engine, werkplaats.id)
    assert [(lv.position, lv.text) for lv in storage.list_leervragen(app_db.engine, trio.id)] == [
        (1, "Hoe houden we bewoners erbij?"), (2, "Wat kost het?"),
    ]


def test_a_leervraag_too_long_makes_no_trio_and_says_why(app_db: AppDb) -> None:
    werkplaats, at = new_trio_form(app_db)
    at.text_input(key="new_trio_municipality").input("Gemeente Leerdam")
    at.text_input(key="new_trio_leervraag_2").input("x" * (storage.MAX_LEERVRAAG + 1))
    at.button(key="FormSubmitter:new_trio-Trio aanmaken").click().run()
    assert any("Leervraag mag maximaal" in e.value for e in at.error)
    assert storage.list_trios(app_db.engine, werkplaats.id) == []


def test_the_first_round_shows_the_leervragen_and_lets_the_trio_edit_them(app_db: AppDb, model: scoring.Model) -> None:
    traject = round_one(app_db, model)
    at = results(traject.members[0].token)
    assert "Jullie leervragen" in headers(at)
    text = markdown_text(at)
    assert "**1. Hoe betrekken we bewoners?**" in text and "**2. Wie beslist er?**" in text
    # Only at a later round: no movement, no follow-up, no "Wat weten jullie nu?".
    assert not [h for h in headers(at) if h.startswith("Beweging sinds") or h == "Acties van vorige keer"]
    assert not [t for t in at.text_area if t.label == LEERVRAAG_PROMPT]

    at.toggle(key="edit_leervragen").set_value(True).run()
    assert at.text_input(key="edit_leervraag_2").value == "Wie beslist er?"
    at.text_input(key="edit_leervraag_2").input("Wie beslist er echt?")
    at.text_input(key="edit_leervraag_3").input("Wat leren we van de buren?")
    at.button(key="FormSubmitter:leervragen_form-Leervragen bewaren").click().run()
    assert not at.exception, at.exception
    assert [lv.text for lv in storage.list_leervragen(app_db.engine, traject.trio.id)] == [
        "Hoe betrekken we bewoners?", "Wie beslist er echt?", "Wat leren we van de buren?",
    ]
    assert "**3. Wat leren we van de buren?**" in markdown_text(at)


def test_a_later_round_asks_what_the_trio_knows_now_and_shows_earlier_notes(
    app_db: AppDb, model: scoring.Model
) -> None:
    traject = round_one(app_db, model)
    second = next_round(app_db, traject)
    at = results(traject.members[0].token)
    notes = [t for t in at.text_area if t.label == LEERVRAAG_PROMPT]
    assert len(notes) == 2
    notes[0].input("Met een vaste koffieochtend.")
    at.button(key="FormSubmitter:leervraag_notes-Bewaar wat jullie nu weten").click().run()
    assert not at.exception, at.exception
    first_leervraag = storage.list_leervragen(app_db.engine, traject.trio.id)[0]
    assert [(n.round_id, n.text) for n in first_leervraag.notes] == [(second.id, "Met een vaste koffieochtend.")]

    next_round(app_db, traject, "Terugkomdag")
    later = results(traject.members[1].token)
    assert any("Werkplaats 2: Met een vaste koffieochtend\\." in c.value for c in later.caption)
    assert all(t.value == "" for t in later.text_area if t.label == LEERVRAAG_PROMPT)  # a new round, a new note


# --- The round the member saw -----------------------------------------------------------------------------


def test_an_answer_given_while_the_next_round_opens_lands_in_the_round_the_member_saw(
    app_db: AppDb, model: scoring.Model
) -> None:
    traject = round_one(app_db, model)
    member = traject.members[0]
    q = model.questions[0]
    at = questionnaire(member.token)
    second = next_round(app_db, traject)  # the facilitator opens round 2 while the page shows round 1
    at.segmented_control(key=f"answer_nu_{q.id}").set_value(5).run()
    assert not at.exception, at.exception
    assert storage.member_answers(app_db.engine, member.id, round_id=traject.first.id)["nu"][q.id] == 5
    assert storage.member_answers(app_db.engine, member.id, round_id=second.id)["nu"] == {}


def test_the_open_results_page_moves_on_when_the_next_round_opens(
    app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    traject = round_one(app_db, model)
    at = results(traject.members[0].token)
    assert not [h for h in headers(at) if h.startswith("Beweging sinds")]
    next_round(app_db, traject)
    timer_tick(at, monkeypatch)
    assert not at.exception, at.exception
    assert "Beweging sinds Werkplaats 1" in headers(at)
    assert "Acties van vorige keer" in headers(at)


def test_new_actions_and_choices_belong_to_the_round_shown(app_db: AppDb, model: scoring.Model) -> None:
    traject = round_one(app_db, model)
    second = next_round(app_db, traject)
    at = results(traject.members[0].token)
    at.text_input(key="action_what").input("Buurtavond plannen")
    at.button(key="FormSubmitter:action_form-Actie toevoegen").click().run()
    assert [a.what for a in storage.list_actions(app_db.engine, traject.trio.id, round_id=second.id)] == [
        "Buurtavond plannen"
    ]
    assert [a.what for a in storage.list_actions(app_db.engine, traject.trio.id, round_id=traject.first.id)] == [
        "Koffie met de wijkagent"
    ]


# --- Answers from last time ---------------------------------------------------------------------------------


def carried_notes(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if CARRIED_LEAD in m.value]


def test_answers_from_last_time_are_marked_until_confirmed(app_db: AppDb, model: scoring.Model) -> None:
    traject = round_one(app_db, model)
    second = next_round(app_db, traject, prefilled=True)
    member = traject.members[0]
    total = 2 * len(model.questions)
    at = questionnaire(member.token)
    assert len(carried_notes(at)) == len(model.questions)
    assert ":material/history:" in carried_notes(at)[0]  # an icon and words, not only a colour
    assert "Nu en gewenst zijn je antwoorden van vorige keer." in carried_notes(at)[0]
    assert progress_text(at) == f"0 van {total} beantwoord · {total} antwoorden van vorige keer nog nakijken"
    assert any(f"{total} antwoorden staan nog klaar van vorige keer" in m.value for m in at.markdown)
    first, second_q = model.questions[:2]
    assert at.segmented_control(key=f"answer_nu_{first.id}").value == 1  # the answer of last time

    at.segmented_control(key=f"answer_nu_{first.id}").set_value(3).run()  # another answer confirms it
    assert "Gewenst is je antwoord van vorige keer." in carried_notes(at)[0]
    at.segmented_control(key=f"answer_gewenst_{first.id}").set_value(None).run()  # tapping it again too
    assert not at.exception, at.exception
    assert at.segmented_control(key=f"answer_gewenst_{first.id}").value == 4
    at.button(key=f"confirm_{second_q.id}").click().run()  # "Klopt nog"
    assert progress_text(at).startswith(f"4 van {total} beantwoord · {total - 4} antwoorden van vorige keer")
    assert len(carried_notes(at)) == len(model.questions) - 2
    assert storage.carried_answers(app_db.engine, member.id, round_id=second.id) == {
        (frame, q.id) for frame in ("nu", "gewenst") for q in model.questions[2:]
    }
    saved = storage.member_answers(app_db.engine, member.id, round_id=second.id)
    assert (saved["nu"][first.id], saved["gewenst"][first.id], saved["nu"][second_q.id]) == (3, 4, 1)

    at.button(key="confirm_all_carried").click().run()
    assert not at.exception, at.exception
    assert not carried_notes(at)
    assert progress_text(at) == f"{total} van {total} beantwoord"
    assert not any(b.label == CONFIRM_ALL for b in at.button)
    assert storage.carried_answers(app_db.engine, member.id, round_id=second.id) == set()


# --- Actions of last time, movement ---------------------------------------------------------------------------


def test_the_actions_of_last_time_are_followed_up(app_db: AppDb, model: scoring.Model) -> None:
    traject = round_one(app_db, model)
    next_round(app_db, traject)
    at = results(traject.members[1].token)
    assert "Acties van vorige keer" in headers(at)
    (action,) = storage.list_actions(app_db.engine, traject.trio.id, round_id=traject.first.id)
    assert "**Koffie met de wijkagent**" in markdown_text(at) and "Nog niet nagelopen." in markdown_text(at)
    status = at.radio(key=f"follow_up_status_{action.id}")
    assert status.options == ["Gedaan", "Bezig", "Niet gelukt", "Losgelaten"]
    status.set_value("bezig")
    at.text_input(key=f"follow_up_reflection_{action.id}").input("De eerste afspraak staat.")
    at.button(key=f"FormSubmitter:follow_up_form_{action.id}-Bewaar").click().run()
    assert not at.exception, at.exception
    (followed,) = storage.list_actions(app_db.engine, traject.trio.id, round_id=traject.first.id)
    assert (followed.status, followed.reflection) == ("bezig", "De eerste afspraak staat.")
    assert "Stand: **Bezig**. _De eerste afspraak staat\\._" in markdown_text(at)


def test_the_movement_since_the_round_before_in_words(app_db: AppDb, model: scoring.Model) -> None:
    traject = round_one(app_db, model)
    second = next_round(app_db, traject)
    anna = traject.members[0]
    for frame, value in (("nu", 4), ("gewenst", 4)):
        storage.save_answers(app_db.engine, member_id=anna.id, frame=frame, answers=uniform(model, value),
                             round_id=second.id)
    newcomer = storage.create_member(app_db.engine, trio_id=traject.trio.id, role="fysiek", display_name="Cem")
    storage.save_answers(app_db.engine, member_id=newcomer.id, frame="nu", answers=uniform(model, 3))
    at = results(anna.token)
    assert "Beweging sinds Werkplaats 1" in headers(at)

    members = storage.list_members(app_db.engine, traject.trio.id)

    def took_part(round_id: int) -> scoring.GroupResult:
        answers = storage.trio_answers(app_db.engine, traject.trio.id, round_id=round_id)
        return trio_result(model, [m for m in members if any(answers[m.id].values())], answers)

    movement = trio_movement([("Werkplaats 1", took_part(traject.first.id)), ("Werkplaats 2", took_part(second.id))])
    shown = [m.value for m in at.markdown]
    trio_nu, trio_gewenst, note = words.trio_step_sentences(model, movement.steps[0])
    assert markdown(trio_nu) in shown and markdown(trio_gewenst) in shown
    assert "voor het eerst mee" in note.text and any(m.startswith("**Let op:**") for m in shown)
    (lines,) = [m for m in shown if m.startswith("**Per triolid**")]
    anna_step = next(m for m in movement.members if m.member_id == str(anna.id)).steps[0]
    assert words.member_step_sentence(model, "Anna", anna_step).text in lines
    assert "Sectorambtenaar sociaal domein \\(Bram\\) deed niet mee in Werkplaats 2." in lines
    assert "Sectorambtenaar fysiek domein \\(Cem\\) deed niet mee in Werkplaats 1." in lines


def test_the_trio_pdf_of_a_later_round_holds_the_series(
    app_db: AppDb, model: scoring.Model, downloads: dict[str, Callable[[], Any]]  # noqa: F811
) -> None:
    """The PDF at round 2: movement since round 1, last time's action with its follow-up, the leervragen
    with what the trio knows now, and the bestuurder beside the trio."""
    traject = round_one(app_db, model)
    second = next_round(app_db, traject)
    anna = traject.members[0]
    storage.save_answers(app_db.engine, member_id=anna.id, frame="nu", answers=uniform(model, 4), round_id=second.id)
    (action,) = storage.list_actions(app_db.engine, traject.trio.id, round_id=traject.first.id)
    storage.follow_up_action(app_db.engine, trio_id=traject.trio.id, action_id=action.id, status="gedaan",
                             reflection="Het werd een wandeling.")
    first_question = storage.list_leervragen(app_db.engine, traject.trio.id)[0]
    storage.save_leervraag_note(app_db.engine, trio_id=traject.trio.id, leervraag_id=first_question.id,
                                text="Via de bewonersraad.")
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=traject.trio.id)
    storage.save_answers(app_db.engine, member_id=bestuurder.id, frame="nu", answers=uniform(model, 5))
    results(anna.token)
    text = " ".join(trio_pdf_text(downloads).split())
    assert "Beweging sinds Werkplaats 1" in text
    assert "Koffie met de wijkagent" in text and "Het werd een wandeling." in text
    assert "Hoe betrekken we bewoners?" in text and "Via de bewonersraad." in text
    assert "Jullie bestuurder" in text
    assert "Ronde 2" in text
