"""How a trio and its members move between measurement rounds of a leertraject.

Input is a trio's result per round, in round order: ``(round label, GroupResult)``, as the results
page, the trio's PDF and the organisers' report get them from storage. Members are matched across
rounds by ``member_id``; a member may be missing in a round (they did not come, or joined later).

For each frame (nu and gewenst) a :class:`Shift` says where the trio or member stood in the earlier
round and where in the later one: the change per axis (``dx``, ``dy``, in score units -1..1) and
whether the quadrant changed. The words for it are in :mod:`results.words`.

No Streamlit, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from scoring import FRAMES, Frame, GroupResult, GroupScore, MemberResult, Score

Round = tuple[str, GroupResult]
"""A round's label ("Werkplaats 2") and the trio's result in that round."""


@dataclass(frozen=True)
class Place:
    """Where a trio or member stands in one frame of one round."""

    x: float
    y: float
    quadrant: str | None


def place_of(position: Score | GroupScore) -> Place | None:
    """The place of a score; ``None`` without a score on both axes."""
    if position.x is None or position.y is None:
        return None
    return Place(position.x, position.y, position.quadrant)


@dataclass(frozen=True)
class Shift:
    """One frame from an earlier round to a later one."""

    frame: Frame
    before: Place | None
    after: Place | None

    @property
    def comparable(self) -> bool:
        """Both rounds give a place: only then is there a movement to tell."""
        return self.before is not None and self.after is not None

    @property
    def dx(self) -> float | None:
        """The change on the x axis (positive: towards the axis' high pole); ``None`` when not comparable."""
        if self.before is None or self.after is None:
            return None
        return self.after.x - self.before.x

    @property
    def dy(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after.y - self.before.y

    @property
    def quadrant_changed(self) -> bool | None:
        """Whether the quadrant differs between the rounds; ``None`` when not comparable."""
        if self.before is None or self.after is None:
            return None
        return self.before.quadrant != self.after.quadrant


@dataclass(frozen=True)
class Step:
    """Nu and gewenst from one round to a later one."""

    before: str
    """The earlier round's label."""
    after: str
    nu: Shift
    gewenst: Shift

    def shift(self, frame: Frame) -> Shift:
        return self.nu if frame == "nu" else self.gewenst

    @property
    def shifts(self) -> tuple[Shift, Shift]:
        return (self.nu, self.gewenst)


def step_between(before: str, earlier: MemberResult | GroupResult, after: str,
                 later: MemberResult | GroupResult) -> Step:
    """The step of a member or a trio from the round labelled ``before`` to the one labelled ``after``."""
    shifts = {frame: Shift(frame, place_of(earlier.frame(frame)), place_of(later.frame(frame))) for frame in FRAMES}
    return Step(before=before, after=after, nu=shifts["nu"], gewenst=shifts["gewenst"])


@dataclass(frozen=True)
class MemberMovement:
    """One member across the rounds they took part in."""

    member_id: str
    label: str
    """The member's label in the last round they took part in."""
    role: str
    present: tuple[str, ...]
    """Labels of the rounds the member took part in, in round order."""
    missing: tuple[str, ...]
    """Labels of the rounds without this member."""
    steps: tuple[Step, ...]
    """From each round the member took part in to the next one they took part in (skipping absences)."""

    @property
    def overall(self) -> Step | None:
        """From the first to the last round the member took part in; ``None`` with fewer than two."""
        if not self.steps:
            return None
        if len(self.steps) == 1:
            return self.steps[0]
        first, last = self.steps[0], self.steps[-1]
        return Step(
            before=first.before,
            after=last.after,
            nu=Shift("nu", first.nu.before, last.nu.after),
            gewenst=Shift("gewenst", first.gewenst.before, last.gewenst.after),
        )


@dataclass(frozen=True)
class TrioStep:
    """The trio's mean from one round to the next, and who joined or left in between."""

    step: Step
    joined: tuple[str, ...]
    """Labels of members in the later round who were not in the earlier one."""
    left: tuple[str, ...]
    """Labels of members in the earlier round who are not in the later one."""

    @property
    def same_members(self) -> bool:
        """The trio's means compare the same people (otherwise part of the shift is who came)."""
        return not self.joined and not self.left


@dataclass(frozen=True)
class TrioMovement:
    rounds: tuple[str, ...]
    """Every round's label, in order."""
    steps: tuple[TrioStep, ...]
    """From each round to the next: one fewer than there are rounds."""
    members: tuple[MemberMovement, ...]
    """Every member who took part in any round, in order of first appearance."""

    @property
    def overall(self) -> TrioStep | None:
        """From the first round to the last; ``None`` with fewer than two rounds (the same as the only step
        with two)."""
        if not self.steps:
            return None
        if len(self.steps) == 1:
            return self.steps[0]
        first, last = self.steps[0], self.steps[-1]
        earlier = {m.member_id: m for m in self.members if first.step.before in m.present}
        later = {m.member_id: m for m in self.members if last.step.after in m.present}
        return TrioStep(
            step=Step(
                before=first.step.before,
                after=last.step.after,
                nu=Shift("nu", first.step.nu.before, last.step.nu.after),
                gewenst=Shift("gewenst", first.step.gewenst.before, last.step.gewenst.after),
            ),
            joined=tuple(m.label for key, m in later.items() if key not in earlier),
            left=tuple(m.label for key, m in earlier.items() if key not in later),
        )


def _member_movements(rounds: Sequence[Round]) -> tuple[MemberMovement, ...]:
    seen: dict[str, list[tuple[str, MemberResult]]] = {}
    for label, result in rounds:
        for member in result.members:
            seen.setdefault(member.member_id, []).append((label, member))
    labels = [label for label, _ in rounds]
    movements = []
    for member_id, appearances in seen.items():
        present = tuple(label for label, _ in appearances)
        last = appearances[-1][1]
        movements.append(
            MemberMovement(
                member_id=member_id,
                label=last.label,
                role=last.role,
                present=present,
                missing=tuple(label for index, label in enumerate(labels) if not _took_part(rounds[index], member_id)),
                steps=tuple(
                    step_between(before_label, before, after_label, after)
                    for (before_label, before), (after_label, after) in pairwise(appearances)
                ),
            )
        )
    return tuple(movements)


def _took_part(round_: Round, member_id: str) -> bool:
    return any(m.member_id == member_id for m in round_[1].members)


def trio_movement(rounds: Sequence[Round]) -> TrioMovement:
    """A trio's movement: its mean between consecutive rounds, and every member across the rounds."""
    steps = []
    for (before_label, before), (after_label, after) in pairwise(rounds):
        earlier = {m.member_id: m.label for m in before.members}
        later = {m.member_id: m.label for m in after.members}
        steps.append(
            TrioStep(
                step=step_between(before_label, before, after_label, after),
                joined=tuple(label for key, label in later.items() if key not in earlier),
                left=tuple(label for key, label in earlier.items() if key not in later),
            )
        )
    return TrioMovement(
        rounds=tuple(label for label, _ in rounds),
        steps=tuple(steps),
        members=_member_movements(rounds),
    )
