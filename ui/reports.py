"""Report data gathered from the pages' state, handed to ``reports/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reports.pdf.trio import TrioReport, build_trio_pdf
from results.influence import InfluenceScene, level_name, trio_plan
from scoring import Model, Starter
from storage import MemberContext
from ui.trio_view import TrioView


def trio_report_pdf(
    member: MemberContext, model: Model, view: TrioView, picked: Sequence[Starter], scene: InfluenceScene | None
) -> bytes:
    """The trio's PDF from the page's one read: its first cards follow the gaps for the members' levels."""
    result = view.result
    levels = [view.levels.get(m.member_id) for m in result.members]
    return build_trio_pdf(
        TrioReport(
            model=model,
            werkplaats_name=member.werkplaats.name,
            werkplaats_date=member.werkplaats.held_on,
            municipality=member.trio.municipality,
            casus=member.trio.casus,
            result=result,
            starters=picked,
            plan=trio_plan(model, result, view.choices, levels),
            chosen_perspective_ids=[p.id for p in model.perspectives if p.id in view.chosen_ids],
            actions=[(a.what, a.who, a.when_text) for a in view.actions],
            generated_on=dt.date.today(),
            influence=scene,
            member_levels=[level_name(model, level) for level in levels],
        )
    )
