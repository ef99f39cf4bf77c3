"""The demo leertraject: two rounds that show movement, follow-up, leervragen and the bestuurder."""

from __future__ import annotations

from sqlalchemy import Engine

import storage
from storage.demo_traject import ANSWERING_AGAIN, DEMO_FOLLOW_UPS, DEMO_NOTES, create_demo_traject


def test_the_demo_traject_has_two_rounds_with_everything_a_series_shows(engine: Engine) -> None:
    demo = create_demo_traject(engine, seed=4)
    assert demo.second.traject_id == demo.first.traject_id is not None
    assert (demo.first.position, demo.second.position) == (1, 2)
    first_trios = storage.list_trios(engine, demo.first.id)
    # Every trio carried over; its members keep their links.
    assert storage.list_trios(engine, demo.second.id) == [
        storage.get_trio(engine, trio.id) for trio in first_trios
    ]
    for trio in first_trios:
        for member in storage.list_members(engine, trio.id):
            context = storage.member_context(engine, member.token)
            assert context is not None and context.werkplaats.id == demo.second.id
    answered_again = [
        trio.id
        for trio in first_trios
        if any(
            answers["nu"] for answers in storage.trio_answers(engine, trio.id, round_id=demo.second.id).values()
        )
    ]
    assert len(answered_again) == ANSWERING_AGAIN
    # Round 1 is kept as it was: every member answered every statement there.
    for trio in first_trios:
        first_round = storage.trio_answers(engine, trio.id, round_id=demo.first.id)
        assert len(first_round) == 3 and all(answers["nu"] for answers in first_round.values())
    statuses = [
        action.status
        for trio in first_trios
        for action in storage.list_actions(engine, trio.id, round_id=demo.first.id)
    ]
    assert [status for status in statuses if status] == [status for status, _ in DEMO_FOLLOW_UPS]
    notes = [note.text for trio in first_trios for lv in storage.list_leervragen(engine, trio.id) for note in lv.notes]
    assert notes == list(DEMO_NOTES)
    bestuurder = storage.bestuurder_of(engine, first_trios[0].id)
    assert bestuurder is not None
    assert storage.member_answers(engine, bestuurder.id)["gewenst"]
    assert storage.trio_rounds(engine, first_trios[0].id)[-1].shared_at is not None
    assert bestuurder.id not in storage.trio_answers(engine, first_trios[0].id)
