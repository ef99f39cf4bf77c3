"""The organisers' report read from storage: a werkplaats or a leertraject as a ``results.programme.Programme``.

Rounds come in order (``storage.traject_round_ids``, or the one werkplaats). Each round is scored
with the content that round was created with (``storage.model_for_werkplaats``); a trio keeps the
letter it got in the first round it took part in. Per round: one read of the round's trios and
answers (``ui.reads.werkplaats_groups_from``), one of its influence choices, and per trio one of its
chosen perspectives and one of its actions; leervragen once per trio. Never a query per member.

No Streamlit runtime needed: tests call :func:`werkplaats_programme` and :func:`traject_programme`
with an engine and a cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

import storage
from reports.organisers.excel import build_organisers_workbook
from reports.organisers.pdf import build_organisers_pdf
from results import ResultCache, letter_for
from results.programme import (
    ACTION_STATUSES,
    ActionStatus,
    FollowedAction,
    Kind,
    Programme,
    ProgrammeRound,
    RoundTrio,
)
from storage import ActionRecord, WerkplaatsRecord
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


def _programme(db: Engine, cache: ResultCache, *, name: str, kind: Kind,
               records: Sequence[WerkplaatsRecord], today: dt.date | None) -> Programme | None:
    if not records:
        return None
    letters: dict[int, str] = {}
    leervragen: dict[int, tuple[str, ...]] = {}
    rounds = []
    for record, label in zip(records, round_labels(records), strict=True):
        model = storage.model_for_werkplaats(record)
        groups = werkplaats_groups_from(db, cache, model, record.id)
        influence = storage.werkplaats_influence_choices(db, record.id)
        trios = []
        for group in groups:
            trio = group.trio
            letters.setdefault(trio.id, letter_for(len(letters)))
            if trio.id not in leervragen:
                leervragen[trio.id] = tuple(q.text for q in storage.list_leervragen(db, trio.id))
            trios.append(RoundTrio(
                id=trio.id,
                municipality=trio.municipality,
                casus=trio.casus,
                result=group.result,
                letter=letters[trio.id],
                leervragen=leervragen[trio.id],
                perspective_ids=tuple(storage.chosen_perspectives(db, trio.id, round_id=record.id)),
                actions=tuple(followed_action(a) for a in storage.list_actions(db, trio.id, round_id=record.id)),
                influence={str(member_id): dict(choices) for member_id, choices in influence.get(trio.id, {}).items()},
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
