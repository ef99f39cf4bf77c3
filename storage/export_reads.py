"""What the trios of a werkplaats took home from its round, and their bestuurders' answers, read at once
for the exports and the organisers' report.

The per-trio reads (:func:`storage.chosen_perspectives`, :func:`storage.list_actions`,
:func:`storage.list_leervragen`, :func:`storage.bestuurder_of`) cost a query or two per trio; an export
of a werkplaats reads the same in four queries, whatever the number of trios.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import Engine, select

from storage._rounds import BESTUURDER_KIND, in_round
from storage._session import as_utc, transaction
from storage.choices import action_record
from storage.limits import FRAMES, check_frame
from storage.models import Action, Answer, Leervraag, LeervraagNote, Member, PerspectiveChoice, Trio
from storage.records import ActionRecord, LeervraagNoteRecord, LeervraagRecord, MemberAnswers, MemberRecord
from storage.trios import member_record


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


@dataclass(frozen=True)
class BestuurAnswers:
    """A trio's bestuurder with their answers in one round (frame -> question id -> value, both frames)."""

    trio_id: int
    member: MemberRecord
    answers: MemberAnswers


def werkplaats_bestuur(engine: Engine, werkplaats_id: int) -> tuple[BestuurAnswers, ...]:
    """Every bestuurder of a trio in the werkplaats's round, in trio order, with their answers of this
    round (none yet: empty frames), in one query."""
    query = (
        select(Member, Answer.frame, Answer.question_id, Answer.value)
        .join(Trio, Member.trio_id == Trio.id)
        .outerjoin(Answer, (Answer.member_id == Member.id) & (Answer.round_id == werkplaats_id))
        .where(in_round(werkplaats_id), Member.kind == BESTUURDER_KIND)
        .order_by(Member.trio_id, Member.id)
    )
    found: dict[int, BestuurAnswers] = {}
    with transaction(engine) as s:
        for member, frame, question_id, value in s.execute(query):
            entry = found.get(member.id)
            if entry is None:
                entry = found[member.id] = BestuurAnswers(
                    trio_id=member.trio_id, member=member_record(member), answers={f: {} for f in FRAMES}
                )
            if frame is not None:
                entry.answers[check_frame(frame)][question_id] = value
    return tuple(found.values())
