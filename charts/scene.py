"""The quadrant pictures as data: what a trio, the wall and the role groups show, computed once.

Pure (no plotly, no fpdf): ``charts.quadrant`` draws a scene with plotly for the pages,
``reports.pdf.quadrant`` with fpdf2 for the reports. Where the marks stand, which shape and label
each has, its spread and the trio's spread ellipses come from here, so the two pictures cannot
drift apart. Positions are scores in [-1, 1]; each drawing maps them onto its own canvas and
chooses its own sizes and colours. Labels are plain (user) text: plotly escapes them, the PDF
sanitises them.

Nu and gewenst never differ by colour alone: a mark is filled at nu and open (only its outline) at
gewenst (:meth:`Mark.glyph`), and a mark that has no shape of its own (a trio's mean, a trio on the
wall, the member's own dot) is also a circle at nu and a diamond at gewenst.

Beside a trio, a picture may show its bestuurder (:func:`bestuur_mark`: in a shape of its own, not
counted in the trio's mean) and where the trio stood at the previous round (:class:`Trail`: drawn
faded, with a line to where it stands now).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from charts.palette import ROLE_SYMBOLS
from results.words import member_label
from scoring import Frame, GroupResult, GroupScore, MemberResult, Model, Score

Point = tuple[float, float]
"""A position in score units: x and y in [-1, 1]."""

MIN_SPREAD = 0.02
"""A spread ellipse is never drawn smaller than this (in score units), so it stays visible."""

NU_SHAPE = "circle"
GEWENST_SHAPE = "diamond"
"""The shapes of a mark that has no role: a circle at nu, a diamond at gewenst."""

BESTUUR_SHAPE = "hexagon"
"""The bestuurder's shape: no role of the model has it (the roles take the first shapes)."""
BESTUUR_LABEL = "Bestuurder"
PREVIOUS_LABEL = "Vorige keer"


@dataclass(frozen=True)
class Glyph:
    """How a mark is drawn at one moment: its shape, filled (nu) or open (gewenst)."""

    shape: str
    filled: bool

    @property
    def plotly_symbol(self) -> str:
        return self.shape if self.filled else f"{self.shape}-open"


def point(score: Score | GroupScore | None) -> Point | None:
    """Where a score lies; ``None`` without a value on both axes."""
    if score is None or score.x is None or score.y is None:
        return None
    return (score.x, score.y)


def role_shape(model: Model, role_id: str) -> str:
    """A member's shape: its role's place in the model (one shape for every unknown role)."""
    ids = [r.id for r in model.roles]
    index = ids.index(role_id) if role_id in ids else len(ids)
    return ROLE_SYMBOLS[index % len(ROLE_SYMBOLS)]


def role_shapes(model: Model, role_ids: Sequence[str]) -> list[str]:
    """The shape per role group: as :func:`role_shape`, by position when the ids are not distinct known roles."""
    known = [r.id for r in model.roles]
    if len(set(role_ids)) == len(role_ids) and all(i in known for i in role_ids):
        return [ROLE_SYMBOLS[known.index(i) % len(ROLE_SYMBOLS)] for i in role_ids]
    return [ROLE_SYMBOLS[i % len(ROLE_SYMBOLS)] for i in range(len(role_ids))]


@dataclass(frozen=True)
class Mark:
    """A member, a trio or a role group: where it stands now, and where it wants to go."""

    key: str
    """The member's id, the trio's label or the role's id."""
    label: str
    shape: str
    """The mark's shape at nu (a member's or a role group's: its role)."""
    nu: Point | None
    gewenst: Point | None
    complete: bool = True
    """False for a member who has not answered everything yet (drawn fainter)."""
    spread: float = 0.0
    """How far the trio's members lie apart (the wall draws its nu circle bigger)."""
    gewenst_shape: str | None = None
    """The shape at gewenst when it differs from the one at nu (a mark without a role)."""

    def glyph(self, frame: Frame) -> Glyph:
        """Filled at nu, open at gewenst, in the shape of that moment."""
        if frame == "nu":
            return Glyph(self.shape, filled=True)
        return Glyph(self.gewenst_shape or self.shape, filled=False)

    def at(self, frame: Frame) -> Point | None:
        """Where the mark stands in ``frame``."""
        return self.nu if frame == "nu" else self.gewenst

    @property
    def arrow(self) -> tuple[Point, Point] | None:
        """From nu to gewenst; ``None`` unless both are placed and apart."""
        return _apart(self.nu, self.gewenst)

    @property
    def anchor(self) -> Point | None:
        """Where a label belongs: at nu, or at gewenst when there is no nu."""
        return self.nu or self.gewenst


def moment_mark(key: str, label: str, nu: Point | None, gewenst: Point | None, *, spread: float = 0.0) -> Mark:
    """A mark without a role: a circle at nu, a diamond at gewenst."""
    return Mark(key=key, label=label, shape=NU_SHAPE, gewenst_shape=GEWENST_SHAPE, nu=nu, gewenst=gewenst,
                spread=spread)


def bestuur_mark(bestuur: MemberResult) -> Mark:
    """The trio's bestuurder: beside the trio, in a shape no member has, and not in the trio's mean."""
    return Mark(key="bestuur", label=BESTUUR_LABEL, shape=BESTUUR_SHAPE, nu=point(bestuur.nu),
                gewenst=point(bestuur.gewenst), complete=bestuur.complete)


def _apart(a: Point | None, b: Point | None) -> tuple[Point, Point] | None:
    if a is None or b is None or (math.isclose(a[0], b[0], abs_tol=1e-9) and math.isclose(a[1], b[1], abs_tol=1e-9)):
        return None
    return (a, b)


@dataclass(frozen=True)
class Trail:
    """Where a trio stood at the previous round (drawn faded) and where it stands now."""

    before: Mark
    """The trio's mean at the previous round: a circle at nu, a diamond at gewenst."""
    now: Mark

    def link(self, frame: Frame) -> tuple[Point, Point] | None:
        """From the previous place to the current one in ``frame``; ``None`` unless both are placed and apart."""
        return _apart(self.before.at(frame), self.now.at(frame))


def trail(label: str, previous: GroupResult, current: GroupResult) -> Trail:
    return Trail(
        before=moment_mark(label, PREVIOUS_LABEL, point(previous.nu), point(previous.gewenst)),
        now=moment_mark(label, label, point(current.nu), point(current.gewenst)),
    )


@dataclass(frozen=True)
class Spread:
    """A dotted ellipse around a group's mean: one standard deviation per axis."""

    centre: Point
    rx: float
    ry: float


def spread_of(group: GroupScore) -> Spread | None:
    if group.x is None or group.y is None or group.spread_x is None or group.spread_y is None:
        return None
    return Spread((group.x, group.y), max(group.spread_x, MIN_SPREAD), max(group.spread_y, MIN_SPREAD))


@dataclass(frozen=True)
class TrioScene:
    members: tuple[Mark, ...]
    """In the trio's order; the PDF numbers them from 1."""
    trio: Mark
    """The trio's mean."""
    nu_spread: Spread | None
    gewenst_spread: Spread | None
    several: bool
    """At least two members have a place in both frames, so the spread says something (the PDF draws it then)."""
    bestuur: Mark | None = None
    """The bestuurder beside the trio (not in the trio's mean)."""
    previous: Trail | None = None
    """The trio's mean at the previous round, and the way from there to now."""


def trio_scene(model: Model, result: GroupResult, *, bestuur: MemberResult | None = None,
               previous: GroupResult | None = None) -> TrioScene:
    members = tuple(
        Mark(key=m.member_id, label=member_label(m), shape=role_shape(model, m.role), nu=point(m.nu),
             gewenst=point(m.gewenst), complete=m.complete)
        for m in result.members
    )
    trio = moment_mark("trio", "Trio", point(result.nu), point(result.gewenst))
    return TrioScene(
        members=members,
        trio=trio,
        nu_spread=spread_of(result.nu),
        gewenst_spread=spread_of(result.gewenst),
        several=min(result.nu.n, result.gewenst.n) >= 2,
        bestuur=None if bestuur is None else bestuur_mark(bestuur),
        previous=None if previous is None else trail("trio", previous, result),
    )


def wall_scene(trios: Sequence[tuple[str, GroupResult]]) -> tuple[Mark, ...]:
    """Every trio's mean nu and gewenst, with its internal spread.

    In drawing order: the biggest spread (the biggest nu circle) first, so a smaller circle drawn later
    lies on top of it instead of under it.
    """
    marks = [
        moment_mark(label, label, point(result.nu), point(result.gewenst), spread=result.spread or 0.0)
        for label, result in trios
    ]
    return tuple(sorted(marks, key=lambda mark: -mark.spread))


def wall_trails(trios: Sequence[tuple[str, GroupResult, GroupResult | None]]) -> tuple[Trail, ...]:
    """Per trio with a previous round (label, now, previous), in the trios' order: where it stood then."""
    return tuple(trail(label, previous, result) for label, result, previous in trios if previous is not None)


def role_scene(model: Model, groups: Sequence[tuple[str, str, GroupResult]]) -> tuple[Mark, ...]:
    """The mean nu and gewenst per role group, as (role id, label, result), each with its role's shape."""
    shapes = role_shapes(model, [role_id for role_id, _, _ in groups])
    return tuple(
        Mark(key=role_id, label=label, shape=shape, nu=point(result.nu), gewenst=point(result.gewenst))
        for (role_id, label, result), shape in zip(groups, shapes, strict=True)
    )
