"""The content schema: what each YAML file may contain.

Field names are a public interface (organisers write them), so they stay as
documented in the README. Unknown fields are rejected so that a typo such as
``wieght`` is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64)]
Side = Literal["low", "high"]
AxisId = Literal["x", "y"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Scale(_Strict):
    points: int = Field(ge=3, le=11)
    dont_know: bool = True
    middle: Text | None = None
    """Optional label for the middle answer (e.g. "beide even sterk"); only on a scale with an odd number of points."""


class Axis(_Strict):
    name: Text
    low: Text
    high: Text
    description: Text


class Axes(_Strict):
    x: Axis
    y: Axis


class Quadrant(_Strict):
    id: Ident
    x: Side
    y: Side
    name: Text
    summary: Text
    government_role: Text
    strengthen: Text | None = None


class Role(_Strict):
    id: Ident
    name: Text
    # "wijk" for wijkambtenaren, "sector" for colleagues from a policy sector;
    # used to compare the two groups the workshops are about.
    group: Literal["wijk", "sector"] | None = None


class Audience(_Strict):
    id: Ident
    name: Text
    description: Text | None = None


class Sphere(_Strict):
    id: Ident
    name: Text
    description: Text | None = None


class InfluenceOption(_Strict):
    id: Ident
    """A sphere id (the option then stands for that sphere) or an id of its own, such as ``bewoners``."""
    name: Text


class Influence(_Strict):
    """The question "who can change this?", asked per statement once it has a nu and a gewenst answer."""

    question: Text
    options: list[InfluenceOption] = Field(min_length=2)


class Level(_Strict):
    """A level a member works at (uitvoering, strategie, bestuur), and the audience whose perspectives fit it."""

    id: Ident
    name: Text
    audience: Ident
    description: Text | None = None


CASUS_PLACEHOLDER = "{casus}"


class Instruction(_Strict):
    """What the questionnaire says before the statements: which wijk to think of, and what nu and gewenst mean."""

    with_casus: Text
    """Shown when the trio named a casus; ``{casus}`` is replaced by it."""
    without_casus: Text
    """Shown when the trio gave no casus."""
    nu: Text
    gewenst: Text
    """What "gewenst" means, with a horizon such as "over vier jaar"."""

    def wijk(self, casus: str) -> str:
        """The sentence about which wijk to think of: with the trio's casus when there is one.

        The casus is the trio's own text: a page must escape it (``ui.text.md``) like any user text.
        """
        casus = casus.strip()
        return self.with_casus.replace(CASUS_PLACEHOLDER, casus) if casus else self.without_casus


class AgreementLevel(_Strict):
    max_spread: float = Field(gt=0)
    text: Text


class ModelFile(_Strict):
    version: int = Field(ge=1)
    title: Text
    scale: Scale
    min_answers_per_axis: int = Field(ge=1)
    neutral_band: float = Field(ge=0, lt=1)
    axes: Axes
    quadrants: list[Quadrant]
    roles: list[Role] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    spheres: list[Sphere] = Field(min_length=1)
    sources: list[Text] = []
    organiser_note: Text | None = None
    agreement_levels: list[AgreementLevel] | None = None
    influence: Influence | None = None
    levels: list[Level] | None = None
    instruction: Instruction | None = None


class Question(_Strict):
    id: Ident
    axis: AxisId
    theme: Text
    low: Text
    high: Text
    reverse: bool = False
    weight: float = Field(default=1.0, gt=0, allow_inf_nan=False)
    prompt: Text | None = None


class QuestionsFile(_Strict):
    questions: list[Question] = Field(min_length=1)


class Perspective(_Strict):
    id: Ident
    quadrant: Ident
    audience: Ident
    sphere: Ident
    title: Text
    text: Text
    themes: list[Ident] = []
    """Question ids this card helps with; the plan shows it first when these are the trio's largest gaps."""


class Transition(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)

    from_: Ident = Field(alias="from")
    to: Ident
    text: Text


class PerspectivesFile(_Strict):
    perspectives: list[Perspective] = Field(min_length=1)
    transitions: list[Transition] = []
