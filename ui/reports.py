"""Report data gathered from the pages' state, handed to ``reports/``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reports.pdf.trio import TrioReport, build_trio_pdf
from results.actions import FollowedAction, is_status
from results.influence import InfluenceScene, level_name, trio_plan
from results.leervragen import Leervraag, LeervraagNote
from results.rounds import TrioMovement, trio_movement
from scoring import GroupResult, Model, Starter, regroup
from storage import ActionRecord, LeervraagRecord, MemberContext, RoundRecord
from ui.bestuur_view import bestuur_member_result
from ui.trio_view import TrioView


def _answered(model: Model, result: GroupResult) -> GroupResult:
    """Only members who answered something take part in a round (as on the results page)."""
    return regroup(model, [m for m in result.members if m.answered])


def round_movement(
    model: Model, previous: RoundRecord, earlier: GroupResult, current: RoundRecord, later: GroupResult
) -> TrioMovement:
    """The trio's movement between two rounds, named as the rounds are (plain text, for the PDF)."""
    before, after = previous.name, current.name
    if before == after:
        before, after = f"{before} (ronde {previous.position or 1})", f"{after} (ronde {current.position or 2})"
    return trio_movement([(before, _answered(model, earlier)), (after, _answered(model, later))])


def followed_actions(actions: Sequence[ActionRecord]) -> tuple[FollowedAction, ...]:
    return tuple(
        FollowedAction(
            what=a.what,
            who=a.who,
            when=a.when_text,
            status=a.status if a.status is not None and is_status(a.status) else "open",
            reflection=a.reflection,
        )
        for a in actions
    )


def leervragen(records: Sequence[LeervraagRecord], rounds: Sequence[RoundRecord]) -> tuple[Leervraag, ...]:
    names = {r.werkplaats_id: r.name for r in rounds}
    return tuple(
        Leervraag(
            id=lv.id,
            text=lv.text,
            notes=tuple(LeervraagNote(round_name=names.get(n.round_id, ""), text=n.text) for n in lv.notes),
        )
        for lv in records
    )


def trio_report_pdf(
    member: MemberContext,
    model: Model,
    view: TrioView,
    picked: Sequence[Starter],
    scene: InfluenceScene | None,
    *,
    rounds: Sequence[RoundRecord] = (),
    movement: TrioMovement | None = None,
    previous: GroupResult | None = None,
) -> bytes:
    """The trio's PDF from the page's one read: its first cards follow the gaps for the members' levels;
    in a leertraject also the movement since the round before, last time's actions followed up, the
    leervragen and the bestuurder."""
    result = view.result
    levels = [view.levels.get(m.member_id) for m in result.members]
    position = member.werkplaats.position
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
            round_name=f"Ronde {position}" if position is not None else "",
            leervragen=leervragen(view.leervragen, rounds),
            followed_actions=followed_actions(view.earlier_actions),
            movement=movement,
            bestuur=bestuur_member_result(model, member.trio.id, member.werkplaats.id),
            previous=previous,
        )
    )
