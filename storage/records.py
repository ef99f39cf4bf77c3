"""Plain, frozen values returned by the storage functions (never ORM objects).

They can be cached, compared and passed between threads without a session.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from storage.limits import Frame

FrameAnswers = dict[str, int | None]
"""question id -> answer value (``None`` is "weet ik niet")."""
MemberAnswers = dict[Frame, FrameAnswers]
"""Both frames, always present, each possibly empty."""
MemberInfluence = dict[str, str]
"""question id -> influence option id, for one member."""


@dataclass(frozen=True)
class WerkplaatsRecord:
    id: int
    name: str
    held_on: date
    join_code: str
    standalone: bool
    content_hash: str
    created_at: datetime
    content_json: str = field(repr=False)
    """JSON of ``{filename: yaml text}``; see :func:`storage.model_for_werkplaats`."""
    traject_id: int | None = None
    """The leertraject this werkplaats is a round of; ``None`` for a werkplaats on its own."""
    position: int | None = None
    """Its place in the traject: 1, 2, ..."""
    prefilled: bool = False
    """The round started from each member's answers of last time ("start from last time")."""

    def content_files(self) -> Mapping[str, str]:
        files: dict[str, str] = json.loads(self.content_json)
        return files


@dataclass(frozen=True)
class RoundRecord:
    """A round a trio took part in: a werkplaats, with its place in the traject."""

    werkplaats_id: int
    name: str
    held_on: date
    position: int | None
    """1, 2, ... in the traject; ``None`` for a werkplaats on its own."""
    prefilled: bool
    shared_at: datetime | None
    """When the trio shared this round's result with its bestuurder; ``None`` while not shared."""


@dataclass(frozen=True)
class TrajectRecord:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True)
class LeervraagNoteRecord:
    round_id: int
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class LeervraagRecord:
    id: int
    trio_id: int
    position: int
    text: str
    notes: tuple[LeervraagNoteRecord, ...] = ()
    """What the trio wrote about it at later rounds, in round order."""


@dataclass(frozen=True)
class WerkplaatsSummary:
    """A werkplaats for overviews: without its content texts, with its number of trios."""

    id: int
    name: str
    held_on: date
    join_code: str
    standalone: bool
    content_hash: str
    created_at: datetime
    trio_count: int
    traject_id: int | None = None
    position: int | None = None


@dataclass(frozen=True)
class TrioRecord:
    id: int
    werkplaats_id: int
    municipality: str
    casus: str
    code: str
    created_at: datetime


@dataclass(frozen=True)
class MemberRecord:
    id: int
    trio_id: int
    role: str
    display_name: str
    created_at: datetime
    token: str = field(repr=False)
    """The member's secret: whoever has it can answer as this member. Kept out of repr and logs."""
    level: str | None = None
    """The level the member works at (a content ``levels`` id), ``None`` when not given."""
    kind: str = "trio"
    """"trio", or "bestuurder": answers beside the trio and is never counted in its mean."""

    @property
    def is_bestuurder(self) -> bool:
        return self.kind == "bestuurder"


@dataclass(frozen=True)
class MemberContext:
    """Everything a member's page needs to know about who and where the member is."""

    member: MemberRecord
    trio: TrioRecord
    werkplaats: WerkplaatsRecord


@dataclass(frozen=True)
class TrioMembers:
    """A trio with its members (possibly none yet), members in the order they joined."""

    trio: TrioRecord
    members: tuple[MemberRecord, ...]


@dataclass(frozen=True)
class ActionRecord:
    id: int
    trio_id: int
    what: str
    who: str
    when_text: str
    created_at: datetime
    round_id: int = 0
    """The round (werkplaats) the action was written down in."""
    status: str | None = None
    """gedaan, bezig, niet_gelukt or losgelaten once followed up at a later round; ``None`` before."""
    reflection: str = ""
    followed_up_at: datetime | None = None


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer with the trio it belongs to, for exports and the live wall."""

    trio_id: int
    member_id: int
    question_id: str
    frame: Frame
    value: int | None
    updated_at: datetime


@dataclass(frozen=True)
class InfluenceChoiceRow:
    """One stored influence choice with the trio it belongs to, for exports."""

    trio_id: int
    member_id: int
    question_id: str
    option_id: str
    updated_at: datetime
