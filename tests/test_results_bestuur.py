"""The bestuurder beside the trio (results.bestuur, results.trio.bestuur_result): scored like a member,
never in the trio's mean, compared per frame, in words and as conversation starters."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from results import bestuur
from results.bestuur import (
    BESTUUR_NOT_COUNTED,
    StatementGap,
    bestuur_comparison,
    bestuur_sentences,
    bestuur_starters,
    points_apart,
)
from results.trio import bestuur_result, trio_result
from results.words import Sentence
from scoring import Frame, GroupResult, MemberInput, MemberResult, Model, group_result
from tests.test_reports_pdf import frame_answers, member

QUESTION = "Waar komt dat verschil vandaan?"
XY = tuple[int | None, int | None]


@dataclass(frozen=True)
class Person:
    id: int
    role: str
    display_name: str = ""


def trio_of(model: Model, *places: tuple[XY, XY]) -> GroupResult:
    """Members at (nu, gewenst), answers on the axis direction (2 is -0,5, 4 is +0,5)."""
    roles = ("wijkambtenaar", "sociaal", "fysiek")
    return group_result(model, [member(model, str(i + 1), roles[i], f"Lid {i + 1}", nu, gewenst)
                                for i, (nu, gewenst) in enumerate(places)])


def boss(model: Model, nu: XY, gewenst: XY, **changed: int | None) -> MemberResult:
    """The bestuurder at (nu, gewenst); ``changed`` overrides single nu answers by question id."""
    answers = {"nu": {**frame_answers(model, *nu), **changed}, "gewenst": frame_answers(model, *gewenst)}
    return bestuur_result(model, Person(42, "bestuurder", "Jan"), answers)


def same_trio(model: Model) -> GroupResult:
    return trio_of(model, ((2, 2), (4, 4)), ((2, 2), (4, 4)), ((2, 2), (4, 4)))


# --- Scored like a member, not in the mean ---------------------------------------------------------------


def test_bestuur_result_scores_one_member_like_a_trio_member(model: Model) -> None:
    answers = {"nu": frame_answers(model, 4, 2), "gewenst": frame_answers(model, 5, 5)}
    result = bestuur_result(model, Person(42, "bestuurder", "Jan"), answers)
    as_member = group_result(model, [MemberInput("42", "bestuurder", "x", answers)]).members[0]
    assert (result.member_id, result.label, result.role) == ("42", "Bestuurder (Jan)", "bestuurder")
    assert (result.nu, result.gewenst, result.total) == (as_member.nu, as_member.gewenst, as_member.total)
    assert bestuur_result(model, Person(43, "bestuurder"), {}).label == "Bestuurder"
    assert bestuur_result(model, Person(43, "bestuurder"), {}).answered == 0


def test_the_bestuurder_is_never_in_the_trio_mean(model: Model) -> None:
    people = [Person(1, "wijkambtenaar"), Person(2, "sociaal")]
    answers = {1: {"nu": frame_answers(model, 2, 2)}, 2: {"nu": frame_answers(model, 2, 2)}}
    trio = trio_result(model, people, answers)
    beside = boss(model, (5, 5), (5, 5))
    assert (trio.nu.x, trio.nu.n) == (-0.5, 2)  # the bestuurder's 1,0 would have pulled it to 0
    assert beside.nu.x == 1.0


# --- Compared per frame ----------------------------------------------------------------------------------


def test_comparison_per_frame_largest_difference_first_in_model_order_on_ties(model: Model) -> None:
    nu, gewenst = bestuur_comparison(model, same_trio(model), boss(model, (4, 2), (4, 4)))
    x_ids = [q.id for q in model.questions_on("x")]
    y_ids = [q.id for q in model.questions_on("y")]
    assert (nu.frame, gewenst.frame) == ("nu", "gewenst")
    assert (nu.dx, nu.dy, nu.distance) == (1.0, 0.0, 1.0)
    assert [g.question_id for g in nu.statements] == x_ids + [q.id for q in model.questions if q.axis == "y"]
    assert nu.largest(3) == tuple(StatementGap(qid, 2.0, 4) for qid in x_ids[:3])
    assert nu.largest(99) == tuple(StatementGap(qid, 2.0, 4) for qid in x_ids)  # no statement without a gap
    assert (gewenst.distance, gewenst.largest()) == (0.0, ())
    assert len(y_ids) == len(model.questions) - len(x_ids)


def test_weet_ik_niet_and_no_place_leave_a_statement_and_the_distance_out(model: Model) -> None:
    first_x = model.questions_on("x")[0].id
    nu, _ = bestuur_comparison(model, same_trio(model), boss(model, (4, 2), (None, None), **{first_x: None}))
    assert first_x not in [g.question_id for g in nu.statements]
    _, gewenst = bestuur_comparison(model, same_trio(model), boss(model, (4, 2), (None, None)))
    assert (gewenst.statements, gewenst.distance, gewenst.dx) == ((), None, None)


# --- In words --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nu", "gewenst", "expected"),
    [
        ((4, 2), (4, 4), [
            Sentence("Nu:", "jullie bestuurder ziet de gemeente in Doen met, jullie trio in Zorgen voor."),
            Sentence("Gewenst:", "jullie bestuurder ziet de gemeente liever in Buurtmaken, jullie trio in Buurtmaken "
                                 "(hetzelfde kwadrant)."),
            Sentence("", BESTUUR_NOT_COUNTED),
        ]),
        ((3, 2), (None, None), [
            Sentence("Nu:", "jullie bestuurder ziet de gemeente op de grens van Doen met en Zorgen voor, jullie trio in "
                            "Zorgen voor."),
            Sentence("Gewenst:", "jullie bestuurder heeft nog geen plek: daarvoor zijn antwoorden op beide assen nodig, "
                                 "jullie trio in Buurtmaken."),
            Sentence("", BESTUUR_NOT_COUNTED),
        ]),
    ],
)
def test_bestuur_sentences(model: Model, nu: XY, gewenst: XY, expected: list[Sentence]) -> None:
    assert bestuur_sentences(model, same_trio(model), boss(model, nu, gewenst)) == expected


def test_a_bestuurder_without_answers_is_said_so_and_gives_no_starters(model: Model) -> None:
    empty = bestuur_result(model, Person(42, "bestuurder"), {})
    assert bestuur_sentences(model, same_trio(model), empty) == [Sentence("", bestuur.BESTUUR_NO_ANSWERS)]
    assert bestuur_starters(model, same_trio(model), empty) == []


# --- Conversation starters -------------------------------------------------------------------------------


def test_starters_on_the_place_and_on_the_statement_with_the_largest_gap(model: Model) -> None:
    x_ids = [q.id for q in model.questions_on("x")]
    picked = bestuur_starters(model, same_trio(model), boss(model, (4, 2), (4, 4)))
    assert [(s.question_id, s.kind) for s in picked] == [(x_ids[0], "bestuur"), (x_ids[1], "bestuur")]
    assert picked[0].prompt == f"Jullie bestuurder ziet de gemeente nu meer richting Krachten dan jullie. {QUESTION}"
    assert picked[1].prompt == (
        "Tussen Tekorten en Krachten kiest jullie bestuurder voor ‘nu’ meer de kant van Krachten dan jullie: "
        "2 punten verschil. Wat ziet jullie bestuurder dat jullie niet zien, en andersom?"
    )
    assert picked[0].reason == "Hier kijkt jullie bestuurder anders dan jullie."


def test_a_gap_in_gewenst_towards_systeemwereld_with_a_decimal_comma(model: Model) -> None:
    y_ids = [q.id for q in model.questions_on("y")]
    trio = trio_of(model, ((2, 2), (4, 4)), ((2, 2), (4, 4)), ((2, 2), (4, 5)))
    picked = bestuur_starters(model, trio, boss(model, (2, 2), (4, 1)))
    assert [s.question_id for s in picked] == y_ids[:2]
    assert picked[0].prompt == f"Voor later wil jullie bestuurder meer richting Systeemwereld dan jullie. {QUESTION}"
    assert "voor ‘gewenst’ meer de kant van Systeemwereld dan jullie: 3,3 punten verschil." in picked[1].prompt


def test_one_different_answer_is_the_place_starters_statement(model: Model) -> None:
    third_y = model.questions_on("y")[2]
    value = 5 if not third_y.reverse else 1  # the Leefwereld pole, against the trio's 2
    picked = bestuur_starters(model, same_trio(model), boss(model, (2, 2), (4, 4), **{third_y.id: value}))
    assert [s.question_id for s in picked] == [third_y.id]  # the other statements show no gap of a point
    assert picked[0].prompt.startswith("Jullie bestuurder ziet de gemeente nu meer richting Leefwereld dan jullie.")


def test_no_starters_when_bestuurder_and_trio_see_it_alike(model: Model) -> None:
    assert bestuur_starters(model, same_trio(model), boss(model, (2, 2), (4, 4))) == []


@pytest.mark.parametrize("frame", ["nu", "gewenst"])
def test_frame_words_follow_the_frame(model: Model, frame: Frame) -> None:
    nu, gewenst = bestuur_comparison(model, same_trio(model), boss(model, (1, 1), (5, 5)))
    prompt = bestuur.place_prompt(model, nu if frame == "nu" else gewenst)
    assert prompt.endswith(QUESTION) and ("Tekorten en Systeemwereld" if frame == "nu" else "Krachten en Leefwereld") in prompt


@pytest.mark.parametrize(
    ("value", "words"),
    [(1.0, "1 punt"), (-3.0, "3 punten"), (2.0 + 1e-9, "2 punten"), (2.6667, "2,7 punten"), (0.5, "0,5 punten")],
)
def test_points_apart_as_one_says_it(value: float, words: str) -> None:
    assert points_apart(value) == words
