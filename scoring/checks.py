"""Cross checks of a parsed content pack: what the schema alone cannot see.

Ids that must be unique or must exist elsewhere in the pack, and rules between fields. Messages
are in Dutch and name the file, the id and the field, like the schema errors in
:mod:`scoring.loader`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from scoring.errors import Problem
from scoring.schema import CASUS_PLACEHOLDER, ModelFile, PerspectivesFile, QuestionsFile

MODEL_FILE = "model.yaml"
QUESTIONS_FILE = "questions.yaml"
PERSPECTIVES_FILE = "perspectives.yaml"
CONTENT_FILES: tuple[str, ...] = (MODEL_FILE, QUESTIONS_FILE, PERSPECTIVES_FILE)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def check_model(model: ModelFile) -> list[Problem]:
    problems: list[Problem] = []
    for section, items in (
        ("quadrants", model.quadrants),
        ("roles", model.roles),
        ("audiences", model.audiences),
        ("spheres", model.spheres),
    ):
        for dup in _duplicates(item.id for item in items):
            problems.append(Problem(MODEL_FILE, f"{section}[{dup}]", f"id '{dup}' komt meer dan eens voor"))
    combos = Counter((q.x, q.y) for q in model.quadrants)
    for x in ("low", "high"):
        for y in ("low", "high"):
            n = combos.get((x, y), 0)
            if n == 0:
                problems.append(
                    Problem(MODEL_FILE, "quadrants", f"geen kwadrant voor x: {x}, y: {y}; elk van de vier moet er precies één zijn")
                )
            elif n > 1:
                problems.append(
                    Problem(MODEL_FILE, "quadrants", f"{n} kwadranten voor x: {x}, y: {y}; elk van de vier moet er precies één zijn")
                )
    levels = model.agreement_levels or []
    spreads = [level.max_spread for level in levels]
    if spreads != sorted(spreads):
        problems.append(Problem(MODEL_FILE, "agreement_levels", "zet de niveaus op volgorde van oplopende max_spread"))
    if model.scale.middle is not None and model.scale.points % 2 == 0:
        problems.append(
            Problem(
                MODEL_FILE,
                "scale.middle",
                f"een schaal van {model.scale.points} punten heeft geen middelste antwoord; "
                "haal middle weg of kies een oneven aantal punten",
            )
        )
    problems.extend(_check_influence(model))
    problems.extend(_check_levels(model))
    problems.extend(_check_instruction(model))
    return problems


def _check_influence(model: ModelFile) -> list[Problem]:
    if model.influence is None:
        return []
    options = model.influence.options
    problems = [
        Problem(MODEL_FILE, f"influence.options[{dup}].id", f"keuze '{dup}' komt meer dan eens voor")
        for dup in _duplicates(o.id for o in options)
    ]
    offered = {o.id for o in options}
    for sphere in model.spheres:
        if sphere.id not in offered:
            problems.append(
                Problem(
                    MODEL_FILE,
                    "influence.options",
                    f"invloedssfeer '{sphere.id}' staat er niet bij als keuze; "
                    f"voeg een keuze toe met id: {sphere.id}",
                )
            )
    return problems


def _check_levels(model: ModelFile) -> list[Problem]:
    levels = model.levels or []
    problems = [
        Problem(MODEL_FILE, f"levels[{dup}]", f"id '{dup}' komt meer dan eens voor")
        for dup in _duplicates(level.id for level in levels)
    ]
    audience_ids = {a.id for a in model.audiences}
    for level in levels:
        if level.audience not in audience_ids:
            problems.append(
                Problem(
                    MODEL_FILE,
                    f"levels[{level.id}].audience",
                    f"onbekende doelgroep '{level.audience}'; kies uit: {', '.join(sorted(audience_ids))}",
                )
            )
    return problems


def _check_instruction(model: ModelFile) -> list[Problem]:
    instruction = model.instruction
    if instruction is None:
        return []
    problems: list[Problem] = []
    if CASUS_PLACEHOLDER not in instruction.with_casus:
        problems.append(
            Problem(
                MODEL_FILE,
                "instruction.with_casus",
                f"zet {CASUS_PLACEHOLDER} in de tekst: daar komt de casus van het trio",
            )
        )
    for field_name in ("with_casus", "without_casus", "nu", "gewenst"):
        text: str = getattr(instruction, field_name)
        allowed = {CASUS_PLACEHOLDER} if field_name == "with_casus" else set()
        for found in sorted(set(_PLACEHOLDER.findall(text)) - allowed):
            problems.append(
                Problem(
                    MODEL_FILE,
                    f"instruction.{field_name}",
                    f"'{found}' wordt niet ingevuld; alleen {CASUS_PLACEHOLDER} kan, en alleen in with_casus",
                )
            )
    return problems


def check_questions(questions: QuestionsFile, model: ModelFile | None) -> list[Problem]:
    problems: list[Problem] = []
    for dup in _duplicates(q.id for q in questions.questions):
        problems.append(Problem(QUESTIONS_FILE, f"questions[{dup}]", f"id '{dup}' komt meer dan eens voor"))
    for axis in ("x", "y"):
        count = sum(1 for q in questions.questions if q.axis == axis)
        if count == 0:
            problems.append(Problem(QUESTIONS_FILE, "questions", f"as {axis} heeft geen stellingen"))
        elif model is not None and count < model.min_answers_per_axis:
            problems.append(
                Problem(
                    QUESTIONS_FILE,
                    "questions",
                    f"as {axis} heeft {count} stelling(en), minder dan min_answers_per_axis ({model.min_answers_per_axis})",
                )
            )
    return problems


def check_perspectives(perspectives: PerspectivesFile, model: ModelFile) -> list[Problem]:
    problems: list[Problem] = []
    quadrant_ids = {q.id for q in model.quadrants}
    audience_ids = {a.id for a in model.audiences}
    sphere_ids = {s.id for s in model.spheres}
    for dup in _duplicates(p.id for p in perspectives.perspectives):
        problems.append(Problem(PERSPECTIVES_FILE, f"perspectives[{dup}]", f"id '{dup}' komt meer dan eens voor"))
    for p in perspectives.perspectives:
        for field_name, value, known, what in (
            ("quadrant", p.quadrant, quadrant_ids, "onbekend kwadrant"),
            ("audience", p.audience, audience_ids, "onbekende doelgroep"),
            ("sphere", p.sphere, sphere_ids, "onbekende invloedssfeer"),
        ):
            if value not in known:
                problems.append(
                    Problem(
                        PERSPECTIVES_FILE,
                        f"perspectives[{p.id}].{field_name}",
                        f"{what} '{value}'; kies uit: {', '.join(sorted(known))}",
                    )
                )
    seen: set[tuple[str, str]] = set()
    for index, t in enumerate(perspectives.transitions):
        where = f"transitions[#{index + 1}]"
        for field_name, value in (("from", t.from_), ("to", t.to)):
            if value not in quadrant_ids:
                problems.append(
                    Problem(
                        PERSPECTIVES_FILE,
                        f"{where}.{field_name}",
                        f"onbekend kwadrant '{value}'; kies uit: {', '.join(sorted(quadrant_ids))}",
                    )
                )
        if t.from_ == t.to:
            problems.append(Problem(PERSPECTIVES_FILE, where, "from en to zijn hetzelfde kwadrant"))
        if (t.from_, t.to) in seen:
            problems.append(Problem(PERSPECTIVES_FILE, where, f"overgang {t.from_} → {t.to} staat er al"))
        seen.add((t.from_, t.to))
    return problems


def check_themes(perspectives: PerspectivesFile, questions: QuestionsFile) -> list[Problem]:
    """Every theme of a perspective names a statement of the pack, once."""
    problems: list[Problem] = []
    question_ids = [q.id for q in questions.questions]
    known = set(question_ids)
    for p in perspectives.perspectives:
        where = f"perspectives[{p.id}].themes"
        for qid in p.themes:
            if qid not in known:
                problems.append(
                    Problem(PERSPECTIVES_FILE, where, f"onbekende stelling '{qid}'; kies uit: {', '.join(question_ids)}")
                )
        for dup in _duplicates(p.themes):
            problems.append(Problem(PERSPECTIVES_FILE, where, f"stelling '{dup}' staat er meer dan eens"))
    return problems
