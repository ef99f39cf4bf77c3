"""A demo werkplaats with made-up municipalities and complete, varied answers.

For trying the app and the live wall without a real workshop. The data is
deterministic for a given seed (codes and tokens are still random). All
municipality names are invented; none is a real Dutch municipality.

Members also get a level and, for most statements, an influence choice that fits their
answers: a large desired change is mostly put with the bestuur, a small one with the
member or their organisation. These come from a random generator of their own, so the
answers for a seed are the same as before levels and influence existed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

import scoring
from scoring.engine import desired_changes
from scoring.schema import Question
from storage.answers import save_answers
from storage.choices import add_action, set_perspective_choice
from storage.db import REPO_ROOT
from storage.influence import save_influence_choice
from storage.limits import Frame
from storage.records import WerkplaatsRecord
from storage.trios import create_member, create_trio
from storage.werkplaatsen import create_werkplaats

DEMO_NAME = "Demowerkplaats"
DEFAULT_SEED = 20240611
DEFAULT_CONTENT_DIR = REPO_ROOT / "content"
DONT_KNOW_RATE = 0.04
SKIP_INFLUENCE_RATE = 0.15
"""The influence question is optional: some statements get no choice."""

DEMO_MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("Gemeente Voorbeeldstad", "Het buurthuis in de Vogelwijk sluit; bewoners willen het zelf openhouden."),
    ("Gemeente Denkbeeldig", "Overlast rond het winkelcentrum: handhaven of samen met jongeren iets opzetten?"),
    ("Gemeente Fictiefdorp", "Een dorpsplan dat bewoners zelf schreven, maar dat nergens in de begroting past."),
    ("Gemeente Proefpolder", "Herinrichting van het park: inspraakavond of bewoners echt laten ontwerpen?"),
    ("Gemeente Testerveen", "Eenzaamheid onder ouderen in een wijk met veel vrijwilligers en weinig contact."),
    ("Gemeente Nergenshuizen", "Een wijkbudget dat jaarlijks overblijft omdat aanvragen te ingewikkeld zijn."),
    ("Gemeente Verzinsel", "Zorgen over schulden in de wijk; de informele hulp kent de gemeente nauwelijks."),
    ("Gemeente Oefenmonde", "Bewoners willen een moestuin op een braakliggend gemeentelijk terrein."),
)
DEMO_FIRST_NAMES = (
    "Anouk", "Bram", "Chantal", "Daan", "Esra", "Freek", "Gül", "Hanneke", "Ilias", "Jolien",
    "Koen", "Lotte", "Mehmet", "Noor", "Oscar", "Priya", "Quinten", "Roos", "Sven", "Tamara",
    "Umut", "Vera", "Wout", "Yara",
)  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """Where a trio sits now and wants to go (axis scores in -1..1), and how much members differ."""

    now: tuple[float, float]
    desired: tuple[float, float]
    spread: float


# Some trios agree (small spread), some do not; desired positions lean towards high x and high y.
PROFILES: tuple[Profile, ...] = (
    Profile(now=(-0.5, -0.6), desired=(0.5, 0.4), spread=0.12),
    Profile(now=(-0.2, -0.4), desired=(0.3, 0.6), spread=0.55),
    Profile(now=(0.3, -0.3), desired=(0.6, 0.5), spread=0.15),
    Profile(now=(-0.6, 0.2), desired=(0.4, 0.3), spread=0.45),
    Profile(now=(0.1, -0.7), desired=(0.2, 0.1), spread=0.2),
    Profile(now=(-0.3, -0.2), desired=(0.7, 0.7), spread=0.6),
    Profile(now=(0.4, 0.3), desired=(0.5, 0.6), spread=0.1),
    Profile(now=(-0.7, -0.5), desired=(-0.1, 0.2), spread=0.35),
)
_ITEM_NOISE = 0.25

# Level ids of the shipped content, with how likely a member of a role works at each.
_LEVEL_WEIGHTS: dict[str, dict[str, float]] = {
    "wijkambtenaar": {"uitvoering": 0.75, "strategie": 0.2, "bestuur": 0.05},
    "": {"uitvoering": 0.45, "strategie": 0.35, "bestuur": 0.2},  # any other role
}
# Influence option ids of the shipped content, by the size of the member's desired change
# in answer points (0, 1, 2 or more): the larger the change, the more it takes the bestuur.
_INFLUENCE_WEIGHTS: tuple[dict[str, float], ...] = (
    {"eigen_handelen": 0.5, "eigen_organisatie": 0.25, "bewoners": 0.2, "bestuurlijk": 0.05},
    {"eigen_organisatie": 0.4, "eigen_handelen": 0.3, "bestuurlijk": 0.15, "bewoners": 0.15},
    {"bestuurlijk": 0.6, "eigen_organisatie": 0.25, "bewoners": 0.1, "eigen_handelen": 0.05},
)


def create_demo_werkplaats(
    engine: Engine,
    model_dir: str | Path = DEFAULT_CONTENT_DIR,
    seed: int = DEFAULT_SEED,
    *,
    name: str = DEMO_NAME,
    traject_id: int | None = None,
) -> WerkplaatsRecord:
    """Create "Demowerkplaats": 8 fictitious trios of 3 members, all statements answered twice,
    every member with a level and most statements with an influence choice. With ``traject_id``,
    it is the next round of that leertraject (see :mod:`storage.demo_traject`)."""
    content = scoring.snapshot(model_dir)
    model = scoring.load_model_from_texts(content.files)
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    influence_rng = random.Random(f"influence-{seed}")  # noqa: S311 - apart, so the answers stay as they were
    werkplaats = create_werkplaats(engine, name=name, held_on=date.today(), content=content, traject_id=traject_id)
    names = iter(rng.sample(DEMO_FIRST_NAMES, k=len(DEMO_FIRST_NAMES)))
    for index, ((municipality, casus), profile) in enumerate(zip(DEMO_MUNICIPALITIES, PROFILES, strict=True)):
        trio = create_trio(engine, werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)
        given: dict[int, dict[str, dict[str, int | None]]] = {}  # member id -> frame -> answers
        for role in _trio_roles(model, rng):
            level = _member_level(model, influence_rng, role)
            member = create_member(engine, trio_id=trio.id, role=role, display_name=next(names), level=level)
            positions: tuple[tuple[Frame, tuple[float, float]], ...] = (
                ("nu", profile.now),
                ("gewenst", profile.desired),
            )
            given[member.id] = {}
            for frame, position in positions:
                given[member.id][frame] = answers_near(model, rng, position, profile.spread)
                save_answers(engine, member_id=member.id, frame=frame, answers=given[member.id][frame])
            for question_id, option_id in _influence_choices(model, influence_rng, given[member.id]).items():
                save_influence_choice(engine, member_id=member.id, question_id=question_id, option_id=option_id)
        if index < 3:
            nu, gewenst = (_trio_quadrant(model, given, frame) for frame in ("nu", "gewenst"))
            _add_follow_up(engine, model, rng, trio.id, nu, gewenst)
    return werkplaats


def _trio_roles(model: scoring.Model, rng: random.Random) -> list[str]:
    """A wijkambtenaar, a colleague from the social domain, and one from fysiek or veiligheid."""
    wanted = ["wijkambtenaar", "sociaal", rng.choice(["fysiek", "veiligheid"])]
    known = [role.id for role in model.roles]
    # Edited content may have other roles; fall back to the content's own, in order.
    return [role if role in known else known[i % len(known)] for i, role in enumerate(wanted)]


def answers_near(
    model: scoring.Model, rng: random.Random, trio_position: tuple[float, float], spread: float
) -> dict[str, int | None]:
    member_x = trio_position[0] + rng.gauss(0, spread)
    member_y = trio_position[1] + rng.gauss(0, spread)
    answers: dict[str, int | None] = {}
    for question in model.questions:
        if model.scale.dont_know and rng.random() < DONT_KNOW_RATE:
            answers[question.id] = None
            continue
        target = member_x if question.axis == "x" else member_y
        answers[question.id] = _answer_for(question, target + rng.gauss(0, _ITEM_NOISE), model.scale.points)
    return answers


def _answer_for(question: Question, position: float, points: int) -> int:
    """The scale point nearest to an axis position; reversed statements are mirrored."""
    clamped = max(-1.0, min(1.0, position))
    towards_high = round((clamped + 1) / 2 * (points - 1)) + 1
    return points + 1 - towards_high if question.reverse else towards_high


def _weighted(rng: random.Random, weights: dict[str, float], known: list[str]) -> str | None:
    """One of ``known`` by ``weights``; uniform when edited content knows none of the weighted ids."""
    if not known:
        return None
    fitting = {key: weight for key, weight in weights.items() if key in known}
    if not fitting:
        return rng.choice(known)
    return rng.choices(list(fitting), weights=list(fitting.values()))[0]


def _member_level(model: scoring.Model, rng: random.Random, role: str) -> str | None:
    """Mostly uitvoering for a wijkambtenaar, more varied for the others; none without levels."""
    weights = _LEVEL_WEIGHTS.get(role, _LEVEL_WEIGHTS[""])
    return _weighted(rng, weights, [level.id for level in model.levels])


def _influence_choices(
    model: scoring.Model, rng: random.Random, given: dict[str, dict[str, int | None]]
) -> dict[str, str]:
    """question id -> option id for the statements with both answers, some skipped."""
    if model.influence is None:
        return {}
    known = [option.id for option in model.influence.options]
    changes = desired_changes(model, {"lid": given["nu"]}, {"lid": given["gewenst"]})
    choices: dict[str, str] = {}
    for question_id, change in changes.items():
        if change is None or rng.random() < SKIP_INFLUENCE_RATE:
            continue
        size = min(round(abs(change)), len(_INFLUENCE_WEIGHTS) - 1)
        option = _weighted(rng, _INFLUENCE_WEIGHTS[size], known)
        if option is not None:
            choices[question_id] = option
    return choices


def _trio_quadrant(model: scoring.Model, given: dict[int, dict[str, dict[str, int | None]]], frame: str) -> str | None:
    """The quadrant of the trio's mean position in a frame (scored here: storage imports no results)."""
    return scoring.aggregate((scoring.score(model, answers[frame]) for answers in given.values()), model).quadrant


def _add_follow_up(
    engine: Engine, model: scoring.Model, rng: random.Random, trio_id: int, nu: str | None, gewenst: str | None
) -> None:
    """A few chosen perspectives and an action, so the later steps of the app have something to show.

    The perspectives come from the trio's own plan (its quadrants nu and gewenst), as on the results
    page: a choice outside the plan would be counted nowhere there.
    """
    offered = list(scoring.action_plan(model, nu, gewenst).perspectives) if nu and gewenst else []
    for perspective in rng.sample(offered, k=min(2, len(offered))):
        set_perspective_choice(engine, trio_id=trio_id, perspective_id=perspective.id, chosen=True)
    add_action(
        engine,
        trio_id=trio_id,
        what="Een wijkwandeling organiseren met bewoners en collega's uit andere domeinen",
        who="Wijkambtenaar",
        when_text="Binnen zes weken",
    )
