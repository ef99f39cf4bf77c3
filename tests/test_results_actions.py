"""Actions followed up at the next round (results.actions): statuses and the words page and PDF share."""

from __future__ import annotations

from pathlib import Path

import pytest

import results
from results import actions, programme
from results.actions import FollowedAction, Sentence
from results.words import Sentence as WordsSentence

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_a_trio_picks_one_of_four_statuses_and_open_means_not_followed_up() -> None:
    assert actions.PICKABLE_STATUSES == ("gedaan", "bezig", "niet_gelukt", "losgelaten")
    assert actions.ACTION_STATUSES[:-1] == actions.PICKABLE_STATUSES and actions.ACTION_STATUSES[-1] == "open"
    assert [actions.status_name(s) for s in actions.ACTION_STATUSES] == [
        "Gedaan", "Bezig", "Niet gelukt", "Losgelaten", "Open"]
    assert FollowedAction("Buurtschouw").status == "open"
    assert actions.STATUS_QUESTION == "Hoe staat het met deze actie?"
    assert actions.REFLECTION_PROMPT == "In één zin: hoe ging het?"


def test_the_organisers_report_and_pages_use_one_record() -> None:
    assert programme.FollowedAction is actions.FollowedAction is results.FollowedAction
    assert programme.ACTION_STATUSES is actions.ACTION_STATUSES
    assert programme.STATUS_NAMES is actions.STATUS_NAMES
    assert Sentence is WordsSentence


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (FollowedAction("Buurtschouw", status="gedaan", reflection="De zaal zat vol, bewoners kwamen zelf met ideeën."),
         Sentence("Gedaan:", "De zaal zat vol, bewoners kwamen zelf met ideeën.")),
        (FollowedAction("Buurtschouw", status="niet_gelukt", reflection="  Geen  zaal\n gevonden. "),
         Sentence("Niet gelukt:", "Geen zaal gevonden.")),
        (FollowedAction("Buurtschouw", status="bezig"), Sentence("Bezig.")),
        (FollowedAction("Buurtschouw", status="losgelaten", reflection="Past niet meer bij de wijkagenda."),
         Sentence("Losgelaten:", "Past niet meer bij de wijkagenda.")),
        (FollowedAction("Buurtschouw", reflection="vergeten te kiezen"), Sentence("Open:", "nog niet besproken.")),
    ],
)
def test_followed_sentence(action: FollowedAction, expected: Sentence) -> None:
    assert actions.followed_sentence(action) == expected


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (FollowedAction("Krachtenanalyse maken", "Anna en Piet", "voor 1 juni"),
         "Krachtenanalyse maken (Anna en Piet, voor 1 juni)"),
        (FollowedAction(" Krachtenanalyse maken ", "", "voor 1 juni"), "Krachtenanalyse maken (voor 1 juni)"),
        (FollowedAction("Krachtenanalyse maken", " ", ""), "Krachtenanalyse maken"),
    ],
)
def test_action_line(action: FollowedAction, expected: str) -> None:
    assert actions.action_line(action) == expected


def test_a_reflection_is_one_line_of_limited_length() -> None:
    assert actions.clean_reflection("Ging\n\ngoed ") == "Ging goed"
    long = actions.clean_reflection("woord " * 200)
    assert len(long) <= actions.MAX_REFLECTION and not long.endswith(" ")


@pytest.mark.parametrize(("value", "known"), [("gedaan", True), ("open", True), ("klaar", False), (None, False)])
def test_is_status(value: object, known: bool) -> None:
    assert actions.is_status(value) is known


def test_follow_up_count() -> None:
    done = [FollowedAction("a", status="gedaan"), FollowedAction("b"), FollowedAction("c", status="losgelaten")]
    assert actions.followed_up(done) == 2


@pytest.mark.parametrize("sentence", [actions.STATUS_QUESTION, actions.REFLECTION_PROMPT, actions.NOT_FOLLOWED,
                                      actions.FOLLOW_UP_TITLE])
def test_follow_up_words_are_written_once(sentence: str) -> None:
    copies = [str(p.relative_to(REPO_ROOT)) for folder in ("app_pages", "ui", "charts", "reports")
              for p in sorted((REPO_ROOT / folder).rglob("*.py")) if sentence in p.read_text(encoding="utf-8")]
    assert copies == []
