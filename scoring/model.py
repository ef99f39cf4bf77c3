"""The loaded, cross-checked content: one object the rest of the app reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from scoring.schema import (
    AgreementLevel,
    Audience,
    Axes,
    Axis,
    AxisId,
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


@dataclass(frozen=True)
class Model:
    """A valid content pack. Build it with :func:`scoring.load_model`."""

    meta: ModelFile
    questions: tuple[Question, ...]
    perspectives: tuple[Perspective, ...]
    transitions: tuple[Transition, ...]
    content_hash: str = ""
    _quadrant_table: QuadrantTable = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {(q.x, q.y): q.id for q in self.meta.quadrants}
        object.__setattr__(self, "_quadrant_table", MappingProxyType(table))

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
    def quadrant_table(self) -> QuadrantTable:
        return self._quadrant_table

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

    def questions_on(self, axis_id: AxisId) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.axis == axis_id)

    def transition(self, from_id: str, to_id: str) -> Transition | None:
        for t in self.transitions:
            if t.from_ == from_id and t.to == to_id:
                return t
        return None
