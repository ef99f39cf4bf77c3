"""AppTest: the results page's invloedskaart, influence starters, and perspectives that follow the gaps
and the member's level (issue 11, items 2 to 4)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

import scoring
import storage
from scoring.schema import Perspective
from tests.apptest_support import AppDb, figure, new_trio
from tests.test_app_facilitator import open_wall
from tests.test_app_results import downloads, markdown_text, on_axes, results, trio_pdf_text  # noqa: F401
from ui import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def member_with(
    db: AppDb, trio_id: int, role: str, level: str | None, answers: Mapping[str, Mapping[str, int | None]],
    choices: Mapping[str, str] | None = None,
) -> storage.MemberRecord:
    member = storage.create_member(db.engine, trio_id=trio_id, role=role, level=level)
    for frame, by_question in answers.items():
        for qid, value in by_question.items():
            storage.save_answer(db.engine, member_id=member.id, question_id=qid, frame=frame, value=value)
    for qid, option in (choices or {}).items():
        storage.save_influence_choice(db.engine, member_id=member.id, question_id=qid, option_id=option)
    return member


def wanting(model: scoring.Model, changes: Mapping[str, tuple[int, int]]) -> dict[str, dict[str, int | None]]:
    """4 everywhere, for nu and gewenst (Buurtmaken, no change), with ``changes`` (question id -> nu,
    gewenst on the axis direction) on top: one change of 3 keeps both in Buurtmaken."""
    nu, gewenst = on_axes(model, 4, 4), on_axes(model, 4, 4)
    points = model.scale.points
    for qid, (before, after) in changes.items():
        flip = model.question(qid).reverse
        nu[qid] = points + 1 - before if flip else before
        gewenst[qid] = points + 1 - after if flip else after
    return {"nu": nu, "gewenst": gewenst}


def test_the_invloedskaart_and_a_starter_where_the_trio_sees_someone_else_aan_zet(
    app_db: AppDb, model: scoring.Model, downloads: dict[str, Callable[[], Any]]  # noqa: F811
) -> None:
    trio = new_trio(app_db)
    answers = wanting(model, {"budget": (2, 5)})
    first = member_with(app_db, trio.id, "wijkambtenaar", "uitvoering", answers, {"budget": "bestuurlijk"})
    member_with(app_db, trio.id, "sociaal", "strategie", answers, {"budget": "eigen_handelen"})
    member_with(app_db, trio.id, "fysiek", "bestuur", answers, {"budget": "bestuurlijk", "agenda": "bewoners"})
    at = results(app_db, first.token)
    text = markdown_text(at).replace("\\", "")
    fig = figure(at, "influence_map")
    (disagree,) = [t for t in fig["data"] if t["meta"] == {"kind": "influence", "disagree": True}]
    assert sorted(disagree["text"]) == ["1 3", "2"]  # budget: Ik zelf (2), Het bestuur (1 and 3)
    assert any(a["text"].startswith("<b>≠ Budget</b>") for a in fig["layout"]["annotations"])
    assert "**Bij 1 stelling zien jullie iemand anders aan zet:**" in text
    sociaal = model.role_name("sociaal")
    assert f"{sociaal} kiest Ik zelf" in text
    # The starter of the new kind, with who the trio sees aan zet.
    assert "Hier zien jullie iemand anders aan zet." in text
    assert "**Wie jullie aan zet zien:** Het bestuur en Ik zelf." in text
    # The member key names each member's level.
    assert f"**2** = {sociaal} · Strategie" in text
    pdf = trio_pdf_text(downloads)
    assert "Invloedskaart: wie kan het veranderen?" in pdf
    assert f"2 = {sociaal} · Strategie" in pdf
    assert "Wie jullie aan zet zien: Het bestuur en Ik zelf." in pdf


def test_nothing_chosen_yet_is_said_and_the_map_still_shows_the_changes(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = member_with(app_db, trio.id, "sociaal", "uitvoering", wanting(model, {"budget": (2, 5), "agenda": (3, 4)}))
    at = results(app_db, member.token)
    assert any("Nog niemand heeft gekozen wie hier iets aan kan veranderen." in i.value for i in at.info)
    (undecided,) = [t for t in figure(at, "influence_map")["data"] if t["meta"]["kind"] == "influence_undecided"]
    assert undecided["text"] == ["1", "1"]
    assert undecided["marker"]["size"][0] > undecided["marker"]["size"][1]  # budget's change is the larger

    unchanged = member_with(app_db, new_trio(app_db).id, "sociaal", "uitvoering", wanting(model, {}))
    at = results(app_db, unchanged.token)
    assert any("Er is nog geen stelling waar jullie iets willen veranderen" in i.value for i in at.info)


def first_cards(at: Any, model: scoring.Model) -> list[str]:
    """Titles of the perspective cards shown before the switch, in page order."""
    titles = {f"**{p.title}**": p.id for p in model.perspectives}
    shown = []
    for element in at.markdown:
        if element.value == "" or element.value not in titles:
            continue
        shown.append(titles[element.value])
    return shown


def test_first_cards_follow_the_gaps_and_the_members_level(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    strateeg = member_with(app_db, trio.id, "wijkambtenaar", "strategie", wanting(model, {"budget": (2, 5)}))
    at = results(app_db, strateeg.token)
    result = scoring.group_result(model, [scoring.MemberInput(
        member_id=str(strateeg.id), role="wijkambtenaar", label="", answers=wanting(model, {"budget": (2, 5)}))])
    plan = scoring.focused_plan(model, result, {}, "strategen")
    assert plan is not None and plan.first and plan.rest
    text = markdown_text(at)
    assert next(s.value for s in at.subheader) == "Om mee te beginnen, voor strategen"
    assert "Deze passen bij jullie grootste gewenste veranderingen: Budget." in text
    assert first_cards(at, model) == [p.id for p in plan.first]
    assert all(p.audience == "strategen" and "budget" in p.themes for p in plan.first)
    # The rest is one switch away, in tabs that open on the member's own audience.
    switch = at.toggle(key="perspectives_rest")
    assert switch.label == f"Toon de andere handelingsperspectieven ({len(plan.rest)})" and not switch.value
    assert not any(f"**{p.title}**" in text for p in plan.rest)
    switch.set_value(True).run()
    text = markdown_text(at)
    assert all(f"**{p.title}**" in text for p in plan.rest)
    assert [t.label for t in at.tabs][-3:] == [a.name for a in model.audiences]


def test_two_trios_in_the_same_quadrants_with_other_gaps_see_other_first_cards(
    app_db: AppDb, model: scoring.Model
) -> None:
    shown = []
    for gap in ("budget", "beeld_van_de_wijk"):
        trio = new_trio(app_db, municipality=f"Gemeente {gap}")
        member = member_with(app_db, trio.id, "sociaal", None, wanting(model, {gap: (2, 5)}))
        at = results(app_db, member.token)
        assert "**Jullie trio nu: Buurtmaken.**" in markdown_text(at)
        cards = first_cards(at, model)
        assert cards and all(gap in model_perspective(model, pid).themes for pid in cards)
        shown.append(cards)
    assert set(shown[0]).isdisjoint(shown[1])


def model_perspective(model: scoring.Model, perspective_id: str) -> Perspective:
    (found,) = [p for p in model.perspectives if p.id == perspective_id]
    return found


# --- The facilitator's pages (issue 11, items 3 and 5) --------------------------------------------------


def test_role_groups_show_where_wijk_and_sector_place_the_lever(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    answers = wanting(model, {"budget": (2, 5)})
    member_with(app_db, trio.id, "wijkambtenaar", "uitvoering", answers, {"budget": "bestuurlijk"})
    member_with(app_db, trio.id, "sociaal", "strategie", answers, {"budget": "eigen_handelen"})
    member_with(app_db, trio.id, "fysiek", "bestuur", answers, {"budget": "eigen_handelen"})
    werkplaats = storage.get_werkplaats(app_db.engine, trio.werkplaats_id)
    assert werkplaats is not None
    at = open_wall(app_db, werkplaats)
    at.switch_page(pages.ROLE_GROUPS.path).run()
    assert not at.exception, at.exception
    assert "Invloedskaart: wie kan het veranderen?" in [h.value for h in at.header]
    wijk, sector = figure(at, "group_influence_0"), figure(at, "group_influence_1")
    column = {name: i for i, name in enumerate(o.name for o in model.influence.options)} if model.influence else {}
    (wijk_marks,) = [t for t in wijk["data"] if t["meta"] == {"kind": "influence", "disagree": False}]
    assert list(zip(wijk_marks["x"], wijk_marks["text"], strict=True)) == [(column["Het bestuur"], "1")]
    (sector_marks,) = [t for t in sector["data"] if t["meta"] == {"kind": "influence", "disagree": False}]
    assert list(zip(sector_marks["x"], sector_marks["text"], strict=True)) == [(column["Ik zelf"], "2")]  # a count


def test_the_wall_table_says_on_the_border_and_in_the_middle(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    for role, x in zip(("wijkambtenaar", "sociaal", "fysiek"), (2, 4, 3), strict=True):
        member_with(app_db, trio.id, role, None, {"nu": on_axes(model, x, 1), "gewenst": on_axes(model, 3, 3)})
    werkplaats = storage.get_werkplaats(app_db.engine, trio.werkplaats_id)
    assert werkplaats is not None
    at = open_wall(app_db, werkplaats)
    (row,) = at.dataframe[0].value["Nu → gewenst"]
    assert row == "op de grens van Doen met en Zorgen voor → in het midden (net in Buurtmaken)"
