"""The loaded, cross-checked content: one object the rest of the app reads."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from scoring.schema import (
    AgreementLevel,
    Audience,
    Axes,
    Axis,
    AxisId,
    Influence,
    InfluenceOption,
    Instruction,
    Level,
    ModelFile,
    Perspective,
    Quadrant,
    Question,
    Role,
    Scale,
    Side,
    Sphere,
    Transition,
)

DEFAULT_AGREEMENT_LEVELS: tuple[AgreementLevel, ...] = (
    AgreementLevel(max_spread=0.15, text="Jullie zien het vrijwel hetzelfde."),
    AgreementLevel(max_spread=0.35, text="Jullie zien het grotendeels hetzelfde, met kleine verschillen."),
    AgreementLevel(max_spread=0.6, text="Jullie zien duidelijke verschillen."),
    AgreementLevel(max_spread=2.0, text="Jullie kijken hier heel verschillend naar."),
)

QuadrantTable = Mapping[tuple[Side, Side], str]


def exact_weight(weight: float) -> Fraction:
    """A weight as the organiser wrote it: ``1.5`` is 3/2 and ``0.1`` is 1/10, not the nearest binary float."""
    return Fraction(str(weight))


def integer_weights(questions: Iterable[Question]) -> dict[str, int]:
    """Each weight times the least common multiple of the weight denominators on its axis.

    Whole numbers in the same ratios as the weights, so that an axis score can be computed
    exactly with integers (see :func:`scoring.engine.score`).
    """
    question_list = list(questions)
    exact = {q.id: exact_weight(q.weight) for q in question_list}
    scale: dict[AxisId, int] = {"x": 1, "y": 1}
    for q in question_list:
        scale[q.axis] = math.lcm(scale[q.axis], exact[q.id].denominator)
    return {q.id: int(exact[q.id] * scale[q.axis]) for q in question_list}


@dataclass(frozen=True)
class Model:
    """A valid content pack. Build it with :func:`scoring.load_model`."""

    meta: ModelFile
    questions: tuple[Question, ...]
    perspectives: tuple[Perspective, ...]
    transitions: tuple[Transition, ...]
    content_hash: str = ""
    _quadrant_table: QuadrantTable = field(default_factory=dict, repr=False, compare=False)
    _integer_weights: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {(q.x, q.y): q.id for q in self.meta.quadrants}
        object.__setattr__(self, "_quadrant_table", MappingProxyType(table))
        object.__setattr__(self, "_integer_weights", MappingProxyType(integer_weights(self.questions)))

    # Plain attribute access to the model file, so callers write model.scale.
    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def scale(self) -> Scale:
        return self.meta.scale

    @property
    def min_answers_per_axis(self) -> int:
        return self.meta.min_answers_per_axis

    @property
    def neutral_band(self) -> float:
        return self.meta.neutral_band

    @property
    def axes(self) -> Axes:
        return self.meta.axes

    @property
    def quadrants(self) -> tuple[Quadrant, ...]:
        return tuple(self.meta.quadrants)

    @property
    def roles(self) -> tuple[Role, ...]:
        return tuple(self.meta.roles)

    @property
    def audiences(self) -> tuple[Audience, ...]:
        return tuple(self.meta.audiences)

    @property
    def spheres(self) -> tuple[Sphere, ...]:
        return tuple(self.meta.spheres)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.meta.sources)

    @property
    def agreement_levels(self) -> tuple[AgreementLevel, ...]:
        if self.meta.agreement_levels:
            return tuple(self.meta.agreement_levels)
        return DEFAULT_AGREEMENT_LEVELS

    @property
    def influence(self) -> Influence | None:
        """The "who can change this?" question; ``None`` when the pack does not ask it (the feature is off)."""
        return self.meta.influence

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels members choose from when joining; empty when the pack defines none."""
        return tuple(self.meta.levels or ())

    @property
    def instruction(self) -> Instruction | None:
        return self.meta.instruction

    @property
    def middle_value(self) -> int | None:
        """The answer in the middle of the scale (3 on a 5-point scale); ``None`` on an even scale."""
        points = self.scale.points
        return (points + 1) // 2 if points % 2 else None

    @property
    def quadrant_table(self) -> QuadrantTable:
        return self._quadrant_table

    @property
    def integer_weights(self) -> Mapping[str, int]:
        """question id -> whole-number weight, in the same ratios per axis as the content's weights."""
        return self._integer_weights

    def axis(self, axis_id: AxisId) -> Axis:
        return self.axes.x if axis_id == "x" else self.axes.y

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def quadrant(self, quadrant_id: str) -> Quadrant:
        for q in self.meta.quadrants:
            if q.id == quadrant_id:
                return q
        raise KeyError(quadrant_id)

    def role(self, role_id: str) -> Role:
        for r in self.meta.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)

    def role_name(self, role_id: str) -> str:
        """The role's display name; the id itself for a role no longer in the content."""
        try:
            return self.role(role_id).name
        except KeyError:
            return role_id

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def audience_for_level(self, level_id: str | None) -> str | None:
        """The audience id whose perspectives fit a member's level; ``None`` for no or an unknown level."""
        for level in self.levels:
            if level.id == level_id:
                return level.audience
        return None

    def influence_option(self, option_id: str) -> InfluenceOption:
        for option in self.influence.options if self.influence else ():
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def influence_sphere(self, option_id: str) -> str | None:
        """The sphere an influence option stands for: the sphere with the same id, else ``None``."""
        return option_id if any(s.id == option_id for s in self.meta.spheres) else None

    def questions_on(self, axis_id: AxisId) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.axis == axis_id)

    def transition(self, from_id: str, to_id: str) -> Transition | None:
        for t in self.transitions:
            if t.from_ == from_id and t.to == to_id:
                return t
        return None
