"""Movement between rounds (results.rounds) and its words (results.words, the leertraject section)."""

from __future__ import annotations

import pytest

from results import words
from results.rounds import Place, Shift, Step, TrioStep, trio_movement
from results.words import Sentence
from scoring import GroupResult, Model, group_result
from tests.test_reports_pdf import member

R1, R2, R3 = "Werkplaats 1", "Werkplaats 2", "Terugkomdag"
ROLES = ("wijkambtenaar", "sociaal", "fysiek")
Position = tuple[tuple[int | None, int | None], tuple[int | None, int | None]]


def trio(model: Model, members: dict[int, Position]) -> GroupResult:
    """Members by id at (nu, gewenst), answers on the axis direction (1..5; 2 is -0,5 and 4 is +0,5)."""
    return group_result(model, [
        member(model, str(mid), ROLES[(mid - 1) % 3], f"Lid {mid}", nu, gewenst) for mid, (nu, gewenst) in members.items()
    ])


def step(nu: tuple[Place | None, Place | None], gewenst: tuple[Place | None, Place | None] = (None, None)) -> Step:
    return Step(R1, R2, Shift("nu", *nu), Shift("gewenst", *gewenst))


ZV = "zorgen_voor"
DM = "doen_met"
BM = "buurtmaken"


# --- Shifts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "dx", "dy", "changed"),
    [
        (Place(-0.5, -0.5, ZV), Place(0.5, -0.5, DM), 1.0, 0.0, True),
        (Place(0.5, 0.5, BM), Place(0.5, 0.5, BM), 0.0, 0.0, False),
        (Place(-0.5, -0.5, ZV), None, None, None, None),
        (None, Place(0.5, 0.5, BM), None, None, None),
    ],
)
def test_shift_figures(before: Place | None, after: Place | None, dx: float | None, dy: float | None,
                       changed: bool | None) -> None:
    shift = Shift("nu", before, after)
    assert shift.dx == (pytest.approx(dx) if dx is not None else None)
    assert shift.dy == (pytest.approx(dy) if dy is not None else None)
    assert shift.quadrant_changed is changed
    assert shift.comparable is (changed is not None)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (Place(-0.67, -0.5, ZV), Place(0.5, -0.5, DM), "schoof van Zorgen voor naar Doen met: 1,17 richting Krachten."),
        (Place(0.5, 0.5, BM), Place(-0.5, -0.25, ZV),
         "schoof van Buurtmaken naar Zorgen voor: 1,00 richting Tekorten en 0,75 richting Systeemwereld."),
        (Place(-0.02, -0.5, ZV), Place(0.02, -0.5, DM), "schoof net over de grens van Zorgen voor naar Doen met."),
        (Place(-1.0, -0.5, ZV), Place(-0.5, -0.5, ZV), "bleef in Zorgen voor, maar schoof 0,50 richting Krachten."),
        (Place(0.5, 0.5, BM), Place(0.52, 0.47, BM), "bleef vrijwel op dezelfde plek, in Buurtmaken."),
        (Place(0.5, 0.5, BM), Place(0.5, 0.44, BM), "bleef in Buurtmaken, maar schoof 0,06 richting Systeemwereld."),
        (None, Place(0.5, 0.5, BM), "is niet te vergelijken: in Werkplaats 1 was er nog geen plek."),
        (Place(0.5, 0.5, BM), None, "is niet te vergelijken: in Werkplaats 2 was er nog geen plek."),
        (None, None, "is niet te vergelijken: in Werkplaats 1 en Werkplaats 2 was er nog geen plek."),
    ],
)
def test_shift_words(model: Model, before: Place | None, after: Place | None, expected: str) -> None:
    assert words.shift_words(model, step((before, after)), "nu") == expected


# --- A trio across rounds -----------------------------------------------------------------------------


def test_trio_moves_between_two_rounds(model: Model) -> None:
    first = trio(model, {1: ((2, 2), (4, 4)), 2: ((1, 2), (5, 4)), 3: ((2, 1), (4, 5))})
    second = trio(model, {1: ((4, 2), (4, 4)), 2: ((4, 1), (5, 4)), 3: ((5, 2), (4, 5))})
    movement = trio_movement([(R1, first), (R2, second)])
    assert movement.rounds == (R1, R2)
    (only,) = movement.steps
    assert only.same_members and movement.overall == only
    nu = only.step.nu
    assert (nu.before and nu.before.quadrant, nu.after and nu.after.quadrant) == (ZV, DM)
    assert nu.dx == pytest.approx(4 / 3) and nu.dy == pytest.approx(0)
    assert only.step.gewenst.quadrant_changed is False
    assert words.trio_step_sentences(model, only) == [
        Sentence("Jullie ‘nu’", "schoof van Zorgen voor naar Doen met: 1,33 richting Krachten."),
        Sentence("Jullie ‘gewenst’", "bleef vrijwel op dezelfde plek, in Buurtmaken."),
    ]
    assert [m.member_id for m in movement.members] == ["1", "2", "3"]
    member_2 = movement.members[1]
    assert member_2.missing == () and member_2.present == (R1, R2)
    (member_step,) = member_2.steps
    assert member_step.nu.dx == pytest.approx(1.5) and member_step.nu.dy == pytest.approx(-0.5)
    assert words.member_step_sentence(model, member_2.label, member_step) == Sentence(
        "Lid 2:",
        "‘nu’ schoof van Zorgen voor naar Doen met: 1,50 richting Krachten en 0,50 richting Systeemwereld. "
        "‘Gewenst’ bleef vrijwel op dezelfde plek, in Buurtmaken.",
    )


def test_members_are_matched_by_id_and_may_miss_a_round(model: Model) -> None:
    rounds = [
        (R1, trio(model, {1: ((2, 2), (4, 4)), 2: ((2, 2), (4, 4)), 3: ((2, 2), (4, 4))})),
        (R2, trio(model, {1: ((3, 2), (4, 4)), 3: ((2, 2), (4, 4)), 4: ((4, 4), (5, 5))})),
        (R3, trio(model, {2: ((4, 2), (5, 5)), 1: ((4, 2), (4, 4)), 4: ((4, 4), (5, 5))})),
    ]
    movement = trio_movement(rounds)
    assert [s.step.before for s in movement.steps] == [R1, R2]
    first, second = movement.steps
    assert (first.joined, first.left) == (("Lid 4",), ("Lid 2",))
    assert (second.joined, second.left) == (("Lid 2",), ("Lid 3",))
    by_id = {m.member_id: m for m in movement.members}
    assert list(by_id) == ["1", "2", "3", "4"]  # in order of first appearance
    assert by_id["2"].present == (R1, R3) and by_id["2"].missing == (R2,)
    (skip,) = by_id["2"].steps  # from the last round the member took part in, not from the missing one
    assert (skip.before, skip.after) == (R1, R3)
    assert skip.nu.dx == pytest.approx(1.0)
    assert by_id["3"].steps[0].after == R2 and by_id["3"].missing == (R3,) and by_id["3"].overall == by_id["3"].steps[0]
    assert by_id["4"].present == (R2, R3) and by_id["4"].missing == (R1,)
    member_1 = by_id["1"]
    assert len(member_1.steps) == 2
    overall = member_1.overall
    assert overall is not None and (overall.before, overall.after) == (R1, R3)
    assert overall.nu.dx == pytest.approx(1.0)
    assert words.absent_sentence(by_id["2"].label, by_id["2"].missing) == "Lid 2 deed niet mee in Werkplaats 2."
    assert words.absent_sentence("Lid 5", (R1, R2, R3)) == "Lid 5 deed niet mee in Werkplaats 1, Werkplaats 2 en Terugkomdag."

    trio_overall = movement.overall
    assert trio_overall is not None and (trio_overall.step.before, trio_overall.step.after) == (R1, R3)
    assert (trio_overall.joined, trio_overall.left) == (("Lid 4",), ("Lid 3",))
    assert words.trio_step_sentences(model, first, who="Trio A")[2] == Sentence(
        "Let op:", "in Werkplaats 2 deed Lid 4 voor het eerst mee en Lid 2 deed in Werkplaats 2 niet mee. Een deel "
        "van de verschuiving komt daardoor.")


@pytest.mark.parametrize(
    ("rounds", "steps"),
    [
        ([], 0),
        ([(R1, None)], 0),
    ],
)
def test_fewer_than_two_rounds_have_no_movement(model: Model, rounds: list[tuple[str, None]], steps: int) -> None:
    given = [(label, trio(model, {1: ((2, 2), (4, 4))})) for label, _ in rounds]
    movement = trio_movement(given)
    assert len(movement.steps) == steps and movement.overall is None
    assert all(m.overall is None for m in movement.members)


def test_a_round_without_answers_is_not_comparable(model: Model) -> None:
    empty = group_result(model, [])
    movement = trio_movement([(R1, empty), (R2, trio(model, {1: ((2, 2), (4, 4))}))])
    (only,) = movement.steps
    assert not only.step.nu.comparable and only.step.nu.dx is None
    assert only.joined == ("Lid 1",)
    sentences = words.trio_step_sentences(model, only)
    assert sentences[0] == Sentence("Jullie ‘nu’", "is niet te vergelijken: in Werkplaats 1 was er nog geen plek.")


def test_a_member_without_a_place_in_one_round(model: Model) -> None:
    movement = trio_movement([
        (R1, trio(model, {1: ((None, None), (4, 4))})),
        (R2, trio(model, {1: ((2, 2), (4, 4))})),
    ])
    (member_step,) = movement.members[0].steps
    assert member_step.nu.before is None and not member_step.nu.comparable
    assert member_step.gewenst.comparable and member_step.gewenst.quadrant_changed is False


def test_trio_step_reports_only_what_changed_in_membership() -> None:
    shift = Shift("nu", None, None)
    base = Step(R1, R2, shift, Shift("gewenst", None, None))
    assert TrioStep(base, (), ()).same_members
    assert not TrioStep(base, ("Lid 4",), ()).same_members
    assert not TrioStep(base, (), ("Lid 2",)).same_members
