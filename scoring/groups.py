"""Members, trios and role groups: scores for many people at once.

Input is plain mappings as storage returns them, so the wall, the results page,
the exports and the benchmarks all compute positions the same way.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from scoring.engine import Answers, GroupScore, Score, aggregate, oriented, score
from scoring.model import Model

Frame = Literal["nu", "gewenst"]
FRAMES: tuple[Frame, ...] = ("nu", "gewenst")
FrameAnswers = Mapping[str, Answers]
"""frame -> question id -> value."""


def clean_answers(model: Model, answers: Answers) -> dict[str, int | None]:
    """Drop answers the model cannot score (a question since removed, a value off the scale).

    Stored answers are kept with the werkplaats' own content copy, so this only
    matters for data restored or written by hand; it must never crash a page.
    """
    known = {q.id for q in model.questions}
    points = model.scale.points
    cleaned: dict[str, int | None] = {}
    for qid, value in answers.items():
        if qid not in known:
            continue
        if value is None:
            if model.scale.dont_know:
                cleaned[qid] = None
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= points:
            cleaned[qid] = value
    return cleaned


@dataclass(frozen=True)
class MemberResult:
    member_id: str
    role: str
    label: str
    nu: Score
    gewenst: Score
    answers: Mapping[Frame, Mapping[str, int | None]]
    total: int
    """Answers a complete member gives: every statement, nu and gewenst."""

    @property
    def answered(self) -> int:
        return self.nu.answered + self.gewenst.answered

    @property
    def complete(self) -> bool:
        return self.answered >= self.total

    def frame(self, frame: Frame) -> Score:
        return self.nu if frame == "nu" else self.gewenst


@dataclass(frozen=True)
class GroupResult:
    """A trio (or any group of members): every member, and the group per frame."""

    members: tuple[MemberResult, ...]
    nu: GroupScore
    gewenst: GroupScore

    def frame(self, frame: Frame) -> GroupScore:
        return self.nu if frame == "nu" else self.gewenst

    @property
    def answered(self) -> int:
        return sum(m.answered for m in self.members)

    @property
    def total(self) -> int:
        return sum(m.total for m in self.members)

    @property
    def progress(self) -> float:
        """Share of the members' statements answered, 0..1."""
        return self.answered / self.total if self.total else 0.0

    @property
    def spread(self) -> float | None:
        """The largest spread on either axis in either frame: how far apart members are."""
        values = [s for s in (self.nu.spread, self.gewenst.spread) if s is not None]
        return max(values) if values else None

    def answers_by_member(self, frame: Frame) -> dict[str, Mapping[str, int | None]]:
        return {m.member_id: m.answers.get(frame, {}) for m in self.members}


@dataclass(frozen=True)
class MemberInput:
    member_id: str
    role: str
    label: str
    answers: FrameAnswers


def member_result(model: Model, member: MemberInput) -> MemberResult:
    cleaned: dict[Frame, dict[str, int | None]] = {
        frame: clean_answers(model, member.answers.get(frame, {})) for frame in FRAMES
    }
    return MemberResult(
        member_id=member.member_id,
        role=member.role,
        label=member.label,
        nu=score(model, cleaned["nu"]),
        gewenst=score(model, cleaned["gewenst"]),
        answers=cleaned,
        total=len(model.questions) * len(FRAMES),
    )


def group_result(model: Model, members: Iterable[MemberInput]) -> GroupResult:
    results = tuple(member_result(model, m) for m in members)
    return GroupResult(
        members=results,
        nu=aggregate((m.nu for m in results), model),
        gewenst=aggregate((m.gewenst for m in results), model),
    )


def regroup(model: Model, members: Sequence[MemberResult]) -> GroupResult:
    """A group of already scored members, e.g. all sociaal-domein colleagues of a werkplaats."""
    return GroupResult(
        members=tuple(members),
        nu=aggregate((m.nu for m in members), model),
        gewenst=aggregate((m.gewenst for m in members), model),
    )


@dataclass(frozen=True)
class Distribution:
    """How often each answer was given to one statement in one frame, on the axis direction."""

    question_id: str
    frame: Frame
    counts: tuple[int, ...]
    """counts[i] is the number of answers i+1 (oriented: 1 is the axis' low pole)."""
    dont_know: int

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        total = self.n
        if not total:
            return None
        return sum((i + 1) * c for i, c in enumerate(self.counts)) / total


def distribution(model: Model, members: Iterable[MemberResult], question_id: str, frame: Frame) -> Distribution:
    q = model.question(question_id)
    points = model.scale.points
    counts = [0] * points
    dont_know = 0
    for m in members:
        answers = m.answers.get(frame, {})
        if question_id not in answers:
            continue
        value = answers[question_id]
        if value is None:
            dont_know += 1
        else:
            counts[oriented(q, value, points) - 1] += 1
    return Distribution(question_id=question_id, frame=frame, counts=tuple(counts), dont_know=dont_know)


def role_gap(
    model: Model, groups: Mapping[str, Sequence[MemberResult]], question_id: str, frame: Frame
) -> float | None:
    """Largest difference between the role groups' mean answers (oriented) to one statement."""
    means = [
        d.mean
        for members in groups.values()
        if (d := distribution(model, members, question_id, frame)).mean is not None
    ]
    return max(means) - min(means) if len(means) >= 2 else None


def mean_or_none(values: Iterable[float]) -> float | None:
    data = list(values)
    return statistics.fmean(data) if data else None
