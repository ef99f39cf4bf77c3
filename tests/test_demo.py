"""The demo werkplaats shows every step of the results page: its choices come from each trio's own plan."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

import scoring
import storage
from results import trio_result
from storage.demo import create_demo_werkplaats


@pytest.mark.parametrize("seed", [1, 20240611])
def test_demo_choices_are_perspectives_the_trios_results_page_offers(engine: Engine, seed: int) -> None:
    werkplaats = create_demo_werkplaats(engine, seed=seed)
    model = storage.model_for_werkplaats(werkplaats)
    with_choices = 0
    for entry in storage.werkplaats_members(engine, werkplaats.id):
        chosen = set(storage.chosen_perspectives(engine, entry.trio.id))
        if not chosen:
            continue
        with_choices += 1
        # As the results page does it: the trio's quadrants nu and gewenst give the plan.
        result = trio_result(model, entry.members, storage.trio_answers(engine, entry.trio.id))
        assert result.nu.quadrant and result.gewenst.quadrant
        plan = scoring.action_plan(model, result.nu.quadrant, result.gewenst.quadrant)
        offered = {p.id for p in plan.perspectives}
        assert chosen <= offered, f"{entry.trio.municipality}: {sorted(chosen - offered)} are not in its plan"
        assert len(chosen) == 2
    assert with_choices == 3
