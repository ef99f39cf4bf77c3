"""Report data gathered from the pages' state, handed to ``reports/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from reports.pdf.trio import TrioReport, build_trio_pdf
from scoring import ActionPlan, GroupResult, Model, Starter
from storage import ActionRecord, MemberContext


def trio_report_pdf(
    member: MemberContext,
    model: Model,
    result: GroupResult,
    picked: Sequence[Starter],
    plan: ActionPlan | None,
    chosen_ids: Collection[str],
    actions: Sequence[ActionRecord],
) -> bytes:
    return build_trio_pdf(
        TrioReport(
            model=model,
            werkplaats_name=member.werkplaats.name,
            werkplaats_date=member.werkplaats.held_on,
            municipality=member.trio.municipality,
            casus=member.trio.casus,
            result=result,
            starters=picked,
            plan=plan,
            chosen_perspective_ids=[p.id for p in model.perspectives if p.id in chosen_ids],
            actions=[(a.what, a.who, a.when_text) for a in actions],
            generated_on=dt.date.today(),
        )
    )
