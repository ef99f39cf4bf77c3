"""The organisers' report read from storage: a werkplaats or a leertraject as a ``results.programme.Programme``.

Rounds come in order (``storage.traject_round_ids``, or the one werkplaats). Each round is scored
with the content that round was created with (``storage.model_for_werkplaats``); a trio keeps the
letter it got in the first round it took part in. Per round: one read of the round's trios and
answers (``ui.reads.werkplaats_groups_from``), one of its influence choices, three of what its trios
took home (``storage.export_reads.werkplaats_takeaways``: perspectives, actions, leervragen with this
round's notes) and one of the bestuurders' answers. Never a query per trio or per member.

No Streamlit runtime needed: tests call :func:`werkplaats_programme` and :func:`traject_programme`
with an engine and a cache.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

import storage
from reports.organisers.excel import build_organisers_workbook
from reports.organisers.pdf import build_organisers_pdf
from results import ResultCache, bestuur_result, letter_for
from results.programme import (
    ACTION_STATUSES,
    ActionStatus,
    FollowedAction,
    Kind,
    Programme,
    ProgrammeRound,
    RoundTrio,
)
from scoring import MemberResult
from storage import ActionRecord, WerkplaatsRecord
from storage.export_reads import RoundTakeaways, werkplaats_bestuur, werkplaats_takeaways
from ui.reads import werkplaats_groups_from

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
_STATUSES: dict[str, ActionStatus] = {status: status for status in ACTION_STATUSES}


def followed_action(action: ActionRecord) -> FollowedAction:
    """An action with its follow-up; not followed up (yet) is "open"."""
    return FollowedAction(
        what=action.what,
        who=action.who,
        when=action.when_text,
        status=_STATUSES.get(action.status or "open", "open"),
        reflection=action.reflection,
    )


def round_labels(records: Sequence[WerkplaatsRecord]) -> list[str]:
    """How the report names each round: the werkplaats' name, with "Ronde n: " in front when two
    rounds have the same name (the report tells rounds apart by their label)."""
    names = [r.name for r in records]
    if len(set(names)) == len(names):
        return names
    return [f"Ronde {index}: {name}" for index, name in enumerate(names, start=1)]


@dataclass
class _TrioTakeaways:
    """One trio's share of a round's :class:`RoundTakeaways`."""

    perspective_ids: list[str] = field(default_factory=list)
    actions: list[FollowedAction] = field(default_factory=list)
    leervragen: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def _by_trio(takeaways: RoundTakeaways) -> defaultdict[int, _TrioTakeaways]:
    by_trio: defaultdict[int, _TrioTakeaways] = defaultdict(_TrioTakeaways)
    for choice in takeaways.perspectives:
        by_trio[choice.trio_id].perspective_ids.append(choice.perspective_id)
    for action in takeaways.actions:
        by_trio[action.trio_id].actions.append(followed_action(action))
    for leervraag in takeaways.leervragen:
        by_trio[leervraag.trio_id].leervragen.append(leervraag.text)
        by_trio[leervraag.trio_id].notes.extend((leervraag.text, note.text) for note in leervraag.notes)
    return by_trio


def _programme(db: Engine, cache: ResultCache, *, name: str, kind: Kind,
               records: Sequence[WerkplaatsRecord], today: dt.date | None) -> Programme | None:
    if not records:
        return None
    letters: dict[int, str] = {}
    rounds = []
    for record, label in zip(records, round_labels(records), strict=True):
        model = storage.model_for_werkplaats(record)
        groups = werkplaats_groups_from(db, cache, model, record.id)
        influence = storage.werkplaats_influence_choices(db, record.id)
        taken = _by_trio(werkplaats_takeaways(db, record.id))
        bestuur: dict[int, MemberResult] = {}
        for entry in reversed(werkplaats_bestuur(db, record.id)):  # two after a merge: the first, as the pages
            bestuur[entry.trio_id] = bestuur_result(model, entry.member, entry.answers)
        trios = []
        for group in groups:
            trio = group.trio
            own_bestuur = bestuur.get(trio.id)
            if own_bestuur is not None and not own_bestuur.answered and trio.werkplaats_id != record.id:
                own_bestuur = None  # a bestuurder belongs to the trio, not a round: invited later, or silent then
            letters.setdefault(trio.id, letter_for(len(letters)))
            own = taken[trio.id]
            trios.append(RoundTrio(
                id=trio.id,
                municipality=trio.municipality,
                casus=trio.casus,
                result=group.result,
                letter=letters[trio.id],
                leervragen=tuple(own.leervragen),
                leervraag_notes=tuple(own.notes),
                perspective_ids=tuple(own.perspective_ids),
                actions=tuple(own.actions),
                influence={str(member_id): dict(choices) for member_id, choices in influence.get(trio.id, {}).items()},
                bestuur=own_bestuur,
            ))
        rounds.append(ProgrammeRound(label=label, held_on=record.held_on, trios=tuple(trios)))
    return Programme(
        model=storage.model_for_werkplaats(records[-1]),
        name=name,
        kind=kind,
        rounds=tuple(rounds),
        generated_on=today or dt.datetime.now(LOCAL_TIME).date(),
    )


def werkplaats_programme(db: Engine, cache: ResultCache, werkplaats_id: int,
                         today: dt.date | None = None) -> Programme | None:
    """One werkplaats as a programme of one round; ``None`` when it is gone."""
    record = storage.get_werkplaats(db, werkplaats_id)
    if record is None:
        return None
    return _programme(db, cache, name=record.name, kind="werkplaats", records=[record], today=today)


def traject_programme(db: Engine, cache: ResultCache, traject_id: int,
                      today: dt.date | None = None) -> Programme | None:
    """A leertraject with its rounds in order; ``None`` when it is gone or has no rounds yet."""
    traject = storage.get_traject(db, traject_id)
    if traject is None:
        return None
    records = [r for wid in storage.traject_round_ids(db, traject_id) if (r := storage.get_werkplaats(db, wid))]
    return _programme(db, cache, name=traject.name, kind="traject", records=records, today=today)


def report_bytes(programme: Programme | None, *, excel: bool, named: bool) -> bytes:
    """The organisers' report as PDF or Excel bytes (empty when there is nothing to report on)."""
    if programme is None:
        return b""
    if excel:
        return build_organisers_workbook(programme, named=named)
    return build_organisers_pdf(programme, named=named)
