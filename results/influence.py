"""A group's invloedskaart as one record that the page's chart and the PDF both draw, and its words.

Per statement with a desired change (``scoring.influence_map``): how big the change is, towards which
pole, and which option each member chose for "Wie kan hier iets aan veranderen?". Members are
numbered from 1 in the group's order, as in "Naast elkaar", so a chart can say who chose what in a
few characters. The words here are shared by the page and the trio's PDF, like ``results.words``.

No Streamlit, no SQL, no plotly, no fpdf.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from results.numbers import decimal
from results.words import Emphasis, Sentence, count_words, join_words, plain
from scoring import ActionPlan, GroupResult, Model, focused_plan, influence_map
from scoring.influence import InfluenceChoices


@dataclass(frozen=True)
class InfluenceMark:
    """One option chosen for one statement, and who chose it."""

    option_id: str
    members: tuple[int, ...]
    """Member numbers (1 is the group's first member)."""

    @property
    def count(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class InfluenceLine:
    """One statement with a desired change."""

    question_id: str
    theme: str
    change: float
    """Mean gewenst minus mean nu in answer points, on the axis direction (positive: towards the high pole)."""
    toward: str
    """The pole the change goes towards (the axis' ``high`` or ``low`` name)."""
    scale: float
    """The size of the change as a share of the largest possible one (0..1): how big a mark is drawn."""
    marks: tuple[InfluenceMark, ...]
    """The options someone chose, in content order."""
    undecided: tuple[int, ...]
    """Members who chose nothing for this statement."""

    @property
    def size(self) -> float:
        return abs(self.change)

    @property
    def disagree(self) -> bool:
        """At least two members chose, and not all the same."""
        return len(self.marks) > 1


@dataclass(frozen=True)
class InfluenceScene:
    options: tuple[tuple[str, str], ...]
    """(option id, name) in content order: the chart's columns."""
    lines: tuple[InfluenceLine, ...]
    """Largest change first (then content order)."""
    members: tuple[str, ...]
    """Member labels (user text); member number n is ``members[n - 1]``."""

    @property
    def chosen(self) -> bool:
        """Whether anyone chose for any of the statements shown."""
        return any(line.marks for line in self.lines)

    @property
    def disagreements(self) -> tuple[InfluenceLine, ...]:
        return tuple(line for line in self.lines if line.disagree)

    def option_name(self, option_id: str) -> str:
        return dict(self.options).get(option_id, option_id)


def member_choices(choices: Mapping[int, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Storage's member id (a number) -> question id -> option id, keyed as results are: by the id as text."""
    return {str(member_id): dict(by_question) for member_id, by_question in choices.items()}


def influence_scene(model: Model, result: GroupResult, choices: InfluenceChoices) -> InfluenceScene | None:
    """The invloedskaart of a trio (or any group); ``None`` when the content asks no influence question."""
    if model.influence is None:
        return None
    numbers = {m.member_id: n for n, m in enumerate(result.members, start=1)}
    largest = max(model.scale.points - 1, 1)
    lines = []
    for row in influence_map(model, result, choices).rows:
        question = model.question(row.question_id)
        axis = model.axis(question.axis)
        marks = tuple(
            InfluenceMark(option.id, tuple(numbers[m] for m, chosen in row.choices.items() if chosen == option.id))
            for option in model.influence.options
            if row.count(option.id)
        )
        lines.append(
            InfluenceLine(
                question_id=row.question_id,
                theme=question.theme,
                change=row.change,
                toward=axis.high if row.change > 0 else axis.low,
                scale=min(row.size / largest, 1.0),
                marks=marks,
                undecided=tuple(numbers[m] for m, chosen in row.choices.items() if chosen is None),
            )
        )
    return InfluenceScene(
        options=tuple((o.id, o.name) for o in model.influence.options),
        lines=tuple(lines),
        members=tuple(m.label for m in result.members),
    )


def trio_plan(
    model: Model, result: GroupResult, choices: InfluenceChoices, levels: Sequence[str | None]
) -> ActionPlan | None:
    """The plan for the whole trio (its report): first the cards that follow the trio's largest gaps
    (:func:`scoring.focused_plan`) for the audiences of the members' levels; every audience when no
    member gave a level."""
    plan = focused_plan(model, result, choices, None)
    audiences = {model.audience_for_level(level) for level in levels} - {None}
    if plan is None or not audiences:
        return plan
    first = tuple(p for p in plan.first if p.audience in audiences)
    shown = {p.id for p in first}
    return replace(plan, first=first, perspectives=(*first, *(p for p in plan.perspectives if p.id not in shown)))


# --- Words ---------------------------------------------------------------------------------------

INFLUENCE_HEADING = "Invloedskaart: wie kan het veranderen?"
INFLUENCE_INTRO = (
    "Per stelling waar jullie iets willen veranderen: hoe groot die verandering is, en wie er volgens ieder "
    "van jullie iets aan kan doen. Hoe groter het rondje, hoe groter de gewenste verandering. In het rondje "
    "staan de nummers van de trioleden die dat kozen."
)
NOTHING_CHOSEN = (
    "Nog niemand heeft gekozen wie hier iets aan kan veranderen. Dat kan in de vragenlijst: onder elke "
    "stelling, zodra nu en gewenst zijn ingevuld."
)
NO_CHANGE = (
    "Er is nog geen stelling waar jullie iets willen veranderen: daarvoor zijn antwoorden voor nu én "
    "gewenst nodig, die van elkaar verschillen."
)
GROUP_INFLUENCE_INTRO = (
    "Per stelling waar deze groep iets wil veranderen: hoe groot die verandering gemiddeld is, en wie er "
    "volgens hen iets aan kan doen. Hoe groter het rondje, hoe groter de gewenste verandering. In het "
    "rondje staat hoeveel trioleden dat kozen."
)
ALL_AGREE = "Bij elke stelling waar jullie kozen, zien jullie dezelfde partij aan zet."


def change_words(line: InfluenceLine) -> str:
    """"1,3 punt richting Krachten": the mean step from nu to gewenst, in answer points."""
    return f"{decimal(line.size, 1)} punt richting {line.toward}"


def disagreement_summary(scene: InfluenceScene, *, group: bool = False) -> str:
    """How many statements the members see someone else aan zet for (empty before anyone chose); about
    "them" for a role group (``group``), about "jullie" for a trio."""
    if not scene.chosen:
        return ""
    found = len(scene.disagreements)
    if not found:
        return "Wie er iets kan veranderen: bij elke stelling kozen ze hetzelfde." if group else ALL_AGREE
    statements = count_words(found, "stelling", "stellingen")
    if group:
        return f"Bij {statements} kiezen ze verschillend wie er iets kan veranderen."
    return f"Bij {statements} zien jullie iemand anders aan zet:"


def disagreement_sentence(scene: InfluenceScene, line: InfluenceLine, label: Emphasis = plain) -> Sentence:
    """"Budget:" "Anna kiest Het bestuur; Bert en Cem kiezen Ik zelf." ``label`` escapes a member's
    label for a page (user text); the PDF leaves it as it is."""
    parts = []
    for mark in line.marks:
        who = [label(scene.members[n - 1]) for n in mark.members]
        verb = "kiest" if len(who) == 1 else "kiezen"
        parts.append(f"{join_words(who)} {verb} {scene.option_name(mark.option_id)}")
    return Sentence(f"{line.theme}:", "; ".join(parts) + ".")


def member_key(scene: InfluenceScene, label: Emphasis = plain) -> list[str]:
    """"1 = Anna", "2 = Bert": who the numbers in the chart are."""
    return [numbered_member(n, label(name)) for n, name in enumerate(scene.members, start=1)]


# --- Perspectives that follow the gaps, and each member's level ---------------------------------------


def focus_sentence(model: Model, plan: ActionPlan) -> str:
    """Why the first cards come first: "Deze passen bij jullie grootste gewenste veranderingen: Budget en
    Agenda." Empty when the plan has no first cards."""
    if not plan.first or not plan.focus:
        return ""
    themes = [model.question(qid).theme for qid in plan.focus]
    return f"Deze passen bij jullie grootste gewenste veranderingen: {join_words(themes)}."


def first_heading(model: Model, audience: str | None) -> str:
    """"Om mee te beginnen, voor strategen" (the member's audience), or without an audience."""
    for a in model.audiences:
        if a.id == audience:
            return f"Om mee te beginnen, voor {a.name.lower()}"
    return "Om mee te beginnen"


def rest_toggle(count: int) -> str:
    """The switch that shows the other cards."""
    return f"Toon de andere handelingsperspectieven ({count})"


def level_name(model: Model, level_id: str | None) -> str:
    """The level's name ("Strategie"); empty for no or an unknown level."""
    for level in model.levels:
        if level.id == level_id:
            return level.name
    return ""


def with_level(label: str, level: str = "") -> str:
    """"Anna · Uitvoering" (user text inside; ``level`` is a level's name, may be empty)."""
    return f"{label} · {level}" if level else label


def numbered_member(number: int, label: str, level: str = "") -> str:
    """"1 = Anna · Uitvoering"."""
    return f"{number} = {with_level(label, level)}"


LEVERS_LEAD = "Wie jullie aan zet zien:"
"""Before the options a conversation starter's members chose ("Het bestuur en Ik zelf.")."""


def levers_words(model: Model, levers: Sequence[str]) -> str:
    """The chosen options by name, most chosen first: "Het bestuur en Ik zelf."."""
    names = []
    for option_id in levers:
        try:
            names.append(model.influence_option(option_id).name)
        except KeyError:
            names.append(option_id)
    return join_words(names) + "." if names else ""
