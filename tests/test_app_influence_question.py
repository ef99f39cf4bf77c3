"""AppTest: the questionnaire's influence question, saved through the answer queue, and what the page
says before the statements (issue 11, items 1, 5 and 6)."""

from __future__ import annotations

from typing import Any

import pytest

import scoring
import storage
from tests.apptest_support import AppDb, app_for, new_trio
from ui import pages
from ui.influence_question import influence_key

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def questionnaire(token: str) -> Any:
    at = app_for(token, pages.QUESTIONNAIRE.path).run()
    assert not at.exception, at.exception
    return at


def has_control(at: Any, key: str) -> bool:
    return any(getattr(widget, "key", None) == key for widget in at.get("button_group"))


def test_the_question_comes_after_nu_and_gewenst_and_a_choice_is_saved(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar", level="uitvoering")
    q = model.questions[0]
    key = influence_key(q.id)
    at = questionnaire(member.token)
    assert not has_control(at, key)
    at.segmented_control(key=f"answer_nu_{q.id}").set_value(2).run()
    assert not has_control(at, key)  # only nu: not yet
    at.segmented_control(key=f"answer_gewenst_{q.id}").set_value(5).run()
    assert has_control(at, key)
    assert model.influence is not None
    assert f"**{model.influence.question}** _(mag je overslaan)_" in [m.value for m in at.markdown]
    pills = at.button_group(key=key)
    assert pills.options == [o.name for o in model.influence.options] and pills.value is None
    # Skipping blocks nothing: the dots are there without a choice.
    pills.set_value("bestuurlijk").run()
    assert storage.member_influence_choices(app_db.engine, member.id) == {q.id: "bestuurlijk"}
    # A fresh session (a refresh, another device) shows the stored choice.
    again = questionnaire(member.token)
    assert again.button_group(key=key).value == "bestuurlijk"
    # Tapping the chosen option again clears it.
    again.button_group(key=key).set_value(None).run()
    assert storage.member_influence_choices(app_db.engine, member.id) == {}


def test_a_choice_during_an_outage_waits_and_is_saved_afterwards(
    app_db: AppDb, model: scoring.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="sociaal", level="strategie")
    q = model.questions[0]
    storage.save_answer(app_db.engine, member_id=member.id, question_id=q.id, frame="nu", value=1)
    storage.save_answer(app_db.engine, member_id=member.id, question_id=q.id, frame="gewenst", value=4)
    at = questionnaire(member.token)
    real = storage.save_influence_choice

    def unavailable(*args: Any, **kwargs: Any) -> None:
        raise storage.StorageUnavailable("weg")

    monkeypatch.setattr(storage, "save_influence_choice", unavailable)
    at.button_group(key=influence_key(q.id)).set_value("eigen_organisatie").run()
    assert not at.exception
    assert any("1 antwoord is nog niet opgeslagen" in w.value for w in at.warning)
    assert at.button_group(key=influence_key(q.id)).value == "eigen_organisatie"  # still shown as chosen
    assert storage.member_influence_choices(app_db.engine, member.id) == {}

    monkeypatch.setattr(storage, "save_influence_choice", real)
    at.run()  # the next rerun (or the retry timer) writes what waits
    assert not at.warning
    assert storage.member_influence_choices(app_db.engine, member.id) == {q.id: "eigen_organisatie"}


def test_the_page_names_the_casus_the_horizon_and_the_middle(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db, casus="De *Molenwijk* [link](http://x)")
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="fysiek", level="bestuur")
    at = questionnaire(member.token)
    text = "\n".join(m.value for m in at.markdown)
    assert model.instruction is not None and model.scale.middle
    assert "De \\*Molenwijk\\* \\[link\\]\\(http\\:" in text  # the casus is the trio's text: escaped
    assert model.instruction.gewenst in text and "over vier jaar" in text
    assert f"**{model.middle_value}** = {model.scale.middle}" in text
    assert f"**{model.middle_value} =** _{model.scale.middle}_" in text  # on every card too


def test_a_dot_in_the_middle_is_said_so_on_the_questionnaire(app_db: AppDb, model: scoring.Model) -> None:
    trio = new_trio(app_db)
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="fysiek", level="bestuur")
    middle = model.middle_value
    assert middle is not None
    storage.save_answers(app_db.engine, member_id=member.id, frame="nu", answers={q.id: middle for q in model.questions})
    at = questionnaire(member.token)
    text = "\n".join(m.value for m in at.markdown)
    assert "**Nu: in het midden.**" in text
    assert "_Je stip ligt in het midden:" in text
    assert any("Nu: **in het midden (net in Buurtmaken)**" in c.value for c in at.caption)
