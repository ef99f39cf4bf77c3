"""What the trios of a werkplaats took home from its round, read at once for the exports.

The per-trio reads (:func:`storage.chosen_perspectives`, :func:`storage.list_actions`,
:func:`storage.list_leervragen`) cost a query or two per trio; an export of a werkplaats reads the
same in three queries, whatever the number of trios.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, select

from storage._rounds import in_round
from storage._session import as_utc, transaction
from storage.choices import action_record
from storage.models import Action, Leervraag, LeervraagNote, PerspectiveChoice, Trio
from storage.records import ActionRecord, LeervraagNoteRecord, LeervraagRecord


@dataclass(frozen=True)
class PerspectiveChoiceRow:
    """A handelingsperspectief a trio took with them ("nemen we mee") from the round."""

    trio_id: int
    perspective_id: str
    chosen_at: datetime


@dataclass(frozen=True)
class RoundTakeaways:
    """Of one werkplaats's round, by trio in trio order: chosen perspectives (in the order chosen), the
    actions written down in the round (with their follow-up, if given since) and every leervraag of
    the trio with only the note written in this round."""

    perspectives: tuple[PerspectiveChoiceRow, ...] = ()
    actions: tuple[ActionRecord, ...] = ()
    leervragen: tuple[LeervraagRecord, ...] = ()


NOTHING_TAKEN: Final = RoundTakeaways()
"""A round in which no trio chose, wrote down or asked anything."""


def werkplaats_takeaways(engine: Engine, werkplaats_id: int) -> RoundTakeaways:
    """:class:`RoundTakeaways` of the werkplaats's round (also trios carried over into it), in three queries."""
    in_this_round = in_round(werkplaats_id)
    with transaction(engine) as s:
        perspectives = tuple(
            PerspectiveChoiceRow(trio_id=trio_id, perspective_id=perspective_id, chosen_at=as_utc(chosen_at))
            for trio_id, perspective_id, chosen_at in s.execute(
                select(PerspectiveChoice.trio_id, PerspectiveChoice.perspective_id, PerspectiveChoice.chosen_at)
                .join(Trio, PerspectiveChoice.trio_id == Trio.id)
                .where(in_this_round, PerspectiveChoice.round_id == werkplaats_id)
                .order_by(PerspectiveChoice.trio_id, PerspectiveChoice.chosen_at, PerspectiveChoice.perspective_id)
            )
        )
        actions = tuple(
            action_record(row)
            for row in s.scalars(
                select(Action)
                .join(Trio, Action.trio_id == Trio.id)
                .where(in_this_round, Action.round_id == werkplaats_id)
                .order_by(Action.trio_id, Action.id)
            )
        )
        rows = s.execute(
            select(Leervraag, LeervraagNote)
            .join(Trio, Leervraag.trio_id == Trio.id)
            .outerjoin(
                LeervraagNote,
                (LeervraagNote.leervraag_id == Leervraag.id) & (LeervraagNote.round_id == werkplaats_id),
            )
            .where(in_this_round)
            .order_by(Leervraag.trio_id, Leervraag.position)
        ).all()
        notes: defaultdict[int, list[LeervraagNoteRecord]] = defaultdict(list)
        for leervraag, note in rows:
            if note is not None:
                notes[leervraag.id].append(
                    LeervraagNoteRecord(round_id=note.round_id, text=note.text, updated_at=as_utc(note.updated_at))
                )
        leervragen = tuple(
            LeervraagRecord(
                id=leervraag.id,
                trio_id=leervraag.trio_id,
                position=leervraag.position,
                text=leervraag.text,
                notes=tuple(notes[leervraag.id]),
            )
            for leervraag, _ in rows
        )
    return RoundTakeaways(perspectives=perspectives, actions=actions, leervragen=leervragen)
