"""AppTest: the bestuurder's view. The trio makes one link and shares its result; the bestuurder answers on a
page of their own, is not counted in the trio's mean, and sees the trio only after it shared."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import storage
from results import trio_result
from results.bestuur import BESTUUR_INVITE, BESTUUR_NO_ANSWERS, BESTUUR_QUESTION, BESTUUR_WAIT
from results.trio import bestuur_result
from tests.apptest_support import TIMEOUT, AppDb, app_for, figure, new_trio, trace_points
from ui import pages
from ui.bestuur_access import NO_LINK
from ui.bestuur_view import INVITE_BUTTON, SHARE_KEY

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ROLES = ("wijkambtenaar", "sociaal", "fysiek")


def trio_section(token: str) -> None:
    """The trio's "Jullie bestuurder" section as the results page draws it (below the trio's result)."""
    import storage
    from results import trio_result
    from ui.bestuur_view import render_bestuur_section
    from ui.state import engine, werkplaats_model

    member = storage.member_context(engine(), token)
    assert member is not None
    model = werkplaats_model(member.werkplaats)
    members = storage.list_members(engine(), member.trio.id)
    render_bestuur_section(model, member, trio_result(model, members, storage.trio_answers(engine(), member.trio.id)))


def section_for(token: str) -> AppTest:
    at = AppTest.from_function(trio_section, args=(token,), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def bestuur_page(token: str) -> AppTest:
    at = app_for(token, pages.BESTUUR.path).run()
    assert not at.exception, at.exception
    return at


def seeded_trio(db: AppDb, model: scoring.Model, values: Mapping[str, tuple[int, int]]) -> list[storage.MemberRecord]:
    """Three members, each answering every statement with (nu, gewenst)."""
    trio = new_trio(db, municipality="Gemeente Proefstad", casus="De Schilderswijk")
    members = []
    for role in ROLES:
        member = storage.create_member(db.engine, trio_id=trio.id, role=role)
        nu, gewenst = values[role]
        for q in model.questions:
            storage.save_answer(db.engine, member_id=member.id, question_id=q.id, frame="nu", value=nu)
            storage.save_answer(db.engine, member_id=member.id, question_id=q.id, frame="gewenst", value=gewenst)
        members.append(member)
    return members


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption])


def trio_mean(db: AppDb, model: scoring.Model, trio_id: int) -> tuple[object, object]:
    result = trio_result(model, storage.list_members(db.engine, trio_id), storage.trio_answers(db.engine, trio_id))
    return (result.nu.x, result.nu.y), (result.gewenst.x, result.gewenst.y)


@pytest.fixture
def members(app_db: AppDb, model: scoring.Model) -> list[storage.MemberRecord]:
    return seeded_trio(app_db, model, {"wijkambtenaar": (2, 4), "sociaal": (2, 3), "fysiek": (3, 4)})


def test_the_invite_link_is_made_once_and_opens_the_bestuurder_page(app_db: AppDb, members: list[storage.MemberRecord]) -> None:
    at = section_for(members[0].token)
    assert BESTUUR_INVITE in texts(at)
    assert storage.bestuurder_of(app_db.engine, members[0].trio_id) is None
    at.button(key="bestuur_invite").click().run()
    assert not at.exception
    bestuurder = storage.bestuurder_of(app_db.engine, members[0].trio_id)
    assert bestuurder is not None and bestuurder.is_bestuurder
    (link,) = [c.value for c in at.code]
    assert link.endswith(f"/{pages.BESTUUR.url_path}?m={bestuurder.token}")
    assert not [b for b in at.button if b.label == INVITE_BUTTON]  # no second link to make

    # Another triolid sees the same link, and asking again gives the same bestuurder.
    other = section_for(members[1].token)
    assert [c.value for c in other.code] == [link]
    assert storage.invite_bestuurder(app_db.engine, trio_id=members[0].trio_id).token == bestuurder.token
    assert BESTUUR_NO_ANSWERS in texts(other)
    assert not other.get("plotly_chart")


def test_the_bestuurder_answers_is_not_in_the_trio_mean_and_sees_the_trio_only_after_sharing(
    app_db: AppDb, model: scoring.Model, members: list[storage.MemberRecord]
) -> None:
    trio_id = members[0].trio_id
    before = trio_mean(app_db, model, trio_id)
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=trio_id)

    at = bestuur_page(bestuurder.token)
    page_text = texts(at)
    assert "Gemeente Proefstad" in page_text and "De Schilderswijk" in page_text
    assert not at.get("toggle") or not [t for t in at.toggle if "Wie kan" in t.label]  # no influence question
    for q in model.questions:  # far from the trio: 5 now, 1 desired
        at.segmented_control(key=f"bestuur_answer_nu_{q.id}").set_value(5).run()
        at.segmented_control(key=f"bestuur_answer_gewenst_{q.id}").set_value(1).run()
    assert not at.exception
    total = 2 * len(model.questions)
    assert at.get("progress")[0].proto.text == f"{total} van {total} beantwoord"
    saved = storage.member_answers(app_db.engine, bestuurder.id)
    assert saved["nu"] == {q.id: 5 for q in model.questions}
    assert saved["gewenst"] == {q.id: 1 for q in model.questions}

    # Not counted in the trio's mean, and never one of its members.
    assert trio_mean(app_db, model, trio_id) == before
    assert bestuurder.id not in {m.id for m in storage.list_members(app_db.engine, trio_id)}

    # Before the trio shares: the wait text and no trio picture.
    assert BESTUUR_WAIT in texts(at)
    assert not at.get("plotly_chart")

    # The trio sees the bestuurder beside it already, with the mean unchanged, and shares.
    section = section_for(members[0].token)
    trio_fig = figure(section, "bestuur_quadrant")
    assert [m for t in trio_fig["data"] if isinstance(m := t.get("meta"), dict) and m.get("kind") == "bestuur"]
    (nu_mean,) = trace_points(trio_fig, "Trio · nu")
    assert nu_mean == pytest.approx(before[0])
    section.toggle(key=SHARE_KEY).set_value(True).run()
    assert not section.exception
    assert storage.trio_rounds(app_db.engine, trio_id)[-1].shared_at is not None

    # After sharing: the picture with the bestuurder beside the trio, and a starter on the gap.
    at = bestuur_page(bestuurder.token)
    assert BESTUUR_WAIT not in texts(at)
    fig = figure(at, "bestuur_outcome")
    (shown_mean,) = trace_points(fig, "Trio · nu")
    assert shown_mean == pytest.approx(before[0])
    bestuur_nu = [t for t in fig["data"] if t.get("meta") == {"kind": "bestuur", "frame": "nu"}]
    assert bestuur_nu and (bestuur_nu[0]["x"][0], bestuur_nu[0]["y"][0]) != pytest.approx(before[0])
    prompts = [m.value for m in at.markdown if m.value.startswith("**Gespreksvraag:**")]
    assert prompts and BESTUUR_QUESTION in prompts[0]
    assert "jullie bestuurder ziet de gemeente" in texts(at)

    # Taking it back: the wait text again.
    section.toggle(key=SHARE_KEY).set_value(False).run()
    at = bestuur_page(bestuurder.token)
    assert BESTUUR_WAIT in texts(at) and not at.get("plotly_chart")


def test_each_link_goes_to_its_own_page(app_db: AppDb, members: list[storage.MemberRecord]) -> None:
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=members[0].trio_id)
    # A trio member's token on the bestuurder's page goes on to the questionnaire.
    at = bestuur_page(members[0].token)
    assert at.title[0].value == "Vragenlijst"
    # No token: a short word on whose page this is.
    at = app_for(page=pages.BESTUUR.path).run()
    assert not at.exception
    assert NO_LINK in texts(at)
    # The bestuurder's own token stays on the page, in the URL too.
    at = bestuur_page(bestuurder.token)
    assert at.title[0].value == "Rolwijzer voor de bestuurder"
    assert at.query_params["m"] == bestuurder.token
    # Without the token in the URL (a sidebar link drops it), the session remembers it and puts it back.
    del at.query_params["m"]
    at.run()
    assert not at.exception
    assert at.title[0].value == "Rolwijzer voor de bestuurder"
    assert at.query_params["m"] == bestuurder.token


def member_page(token: str) -> None:
    """A member page's first lines, with the hook that sends a bestuurder to their own page."""
    import streamlit as st

    from ui.bestuur_access import send_bestuurder_home
    from ui.common import require_member

    member, _model = require_member()
    send_bestuurder_home(member)
    st.title("Ledenpagina")


def test_a_bestuurder_token_on_a_member_page_goes_to_the_bestuurder_page(
    app_db: AppDb, members: list[storage.MemberRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    from ui.state import MEMBER_KEY

    def switch_page(page: str, *, query_params: dict[str, str]) -> None:
        st.session_state["switched_to"] = (page, dict(query_params))
        st.stop()

    # A script made from a function has no pages to switch to: record where the hook sends the browser.
    monkeypatch.setattr(st, "switch_page", switch_page)
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=members[0].trio_id)
    at = AppTest.from_function(member_page, args=("",), default_timeout=TIMEOUT)
    at.query_params["m"] = members[0].token
    at.run()
    assert not at.exception and at.title[0].value == "Ledenpagina"
    assert "switched_to" not in at.session_state
    at.query_params["m"] = bestuurder.token
    at.run()
    assert not at.exception and not at.title
    assert at.session_state["switched_to"] == (pages.BESTUUR.path, {"m": bestuurder.token})
    assert MEMBER_KEY not in at.session_state  # the start page offers no "Verder als" for a bestuurder


def test_the_bestuurders_result_for_the_trio_pdf(app_db: AppDb, model: scoring.Model,
                                                 members: list[storage.MemberRecord]) -> None:
    from ui.bestuur_view import bestuur_member_result

    trio_id = members[0].trio_id
    assert bestuur_member_result(model, trio_id) is None  # nobody invited: the PDF leaves the section out
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=trio_id)
    assert bestuur_member_result(model, trio_id) == bestuur_result(model, bestuurder, {"nu": {}, "gewenst": {}})
    question = model.questions[0]
    storage.save_answer(app_db.engine, member_id=bestuurder.id, question_id=question.id, frame="nu", value=5)
    result = bestuur_member_result(model, trio_id)
    assert result is not None and result.answered == 1 and result.label == "Bestuurder"
    assert result.answers["nu"] == {question.id: 5}


def test_the_bestuurders_answers_of_last_time_are_marked_until_confirmed(app_db: AppDb, model: scoring.Model) -> None:
    from tests.test_app_rounds import carried_notes, next_round, progress_text, round_one

    traject = round_one(app_db, model)
    bestuurder = storage.invite_bestuurder(app_db.engine, trio_id=traject.trio.id)
    first, second_q = model.questions[:2]
    storage.save_answers(app_db.engine, member_id=bestuurder.id, frame="nu", answers={q.id: 2 for q in model.questions})
    storage.save_answer(app_db.engine, member_id=bestuurder.id, question_id=first.id, frame="gewenst", value=5)
    second = next_round(app_db, traject, prefilled=True)
    total, waiting = 2 * len(model.questions), len(model.questions) + 1

    at = bestuur_page(bestuurder.token)
    assert len(carried_notes(at)) == len(model.questions)
    assert "Nu en gewenst zijn je antwoorden van vorige keer." in carried_notes(at)[0]
    assert progress_text(at) == f"0 van {total} beantwoord · {waiting} antwoorden van vorige keer nog nakijken"
    assert any(f"{waiting} antwoorden staan nog klaar van vorige keer" in m.value for m in at.markdown)

    # Tapping an answer of last time again confirms it (elsewhere on this page it clears an answer).
    at.segmented_control(key=f"bestuur_answer_nu_{first.id}").set_value(None).run()
    assert not at.exception, at.exception
    assert at.segmented_control(key=f"bestuur_answer_nu_{first.id}").value == 2
    at.button(key=f"confirm_{second_q.id}").click().run()  # "Klopt nog"
    assert progress_text(at).startswith(f"2 van {total} beantwoord · {waiting - 2} antwoorden van vorige keer")
    assert storage.carried_answers(app_db.engine, bestuurder.id, round_id=second.id) == {
        ("gewenst", first.id), *(("nu", q.id) for q in model.questions[2:])
    }

    at.button(key="confirm_all_carried").click().run()
    assert not at.exception, at.exception
    assert not carried_notes(at) and progress_text(at) == f"{waiting} van {total} beantwoord"
    assert storage.carried_answers(app_db.engine, bestuurder.id, round_id=second.id) == set()
    # Now a confirmed answer tapped again is cleared, as the introduction says.
    at.segmented_control(key=f"bestuur_answer_nu_{first.id}").set_value(None).run()
    assert first.id not in storage.member_answers(app_db.engine, bestuurder.id, round_id=second.id)["nu"]
