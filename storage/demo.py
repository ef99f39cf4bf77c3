"""A demo werkplaats with made-up municipalities and complete, varied answers.

For trying the app and the live wall without a real workshop. The data is
deterministic for a given seed (codes and tokens are still random). All
municipality names are invented; none is a real Dutch municipality.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

import scoring
from results.trio import trio_result
from scoring.schema import Question
from storage.answers import save_answers
from storage.choices import add_action, set_perspective_choice
from storage.db import REPO_ROOT
from storage.limits import Frame
from storage.records import MemberRecord, WerkplaatsRecord
from storage.trios import create_member, create_trio
from storage.werkplaatsen import create_werkplaats

DEMO_NAME = "Demowerkplaats"
DEFAULT_SEED = 20240611
DEFAULT_CONTENT_DIR = REPO_ROOT / "content"
DONT_KNOW_RATE = 0.04

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
class _Profile:
    """Where a trio sits now and wants to go (axis scores in -1..1), and how much members differ."""

    now: tuple[float, float]
    desired: tuple[float, float]
    spread: float


# Some trios agree (small spread), some do not; desired positions lean towards high x and high y.
_PROFILES: tuple[_Profile, ...] = (
    _Profile(now=(-0.5, -0.6), desired=(0.5, 0.4), spread=0.12),
    _Profile(now=(-0.2, -0.4), desired=(0.3, 0.6), spread=0.55),
    _Profile(now=(0.3, -0.3), desired=(0.6, 0.5), spread=0.15),
    _Profile(now=(-0.6, 0.2), desired=(0.4, 0.3), spread=0.45),
    _Profile(now=(0.1, -0.7), desired=(0.2, 0.1), spread=0.2),
    _Profile(now=(-0.3, -0.2), desired=(0.7, 0.7), spread=0.6),
    _Profile(now=(0.4, 0.3), desired=(0.5, 0.6), spread=0.1),
    _Profile(now=(-0.7, -0.5), desired=(-0.1, 0.2), spread=0.35),
)
_ITEM_NOISE = 0.25


def create_demo_werkplaats(
    engine: Engine,
    model_dir: str | Path = DEFAULT_CONTENT_DIR,
    seed: int = DEFAULT_SEED,
) -> WerkplaatsRecord:
    """Create "Demowerkplaats": 8 fictitious trios of 3 members, all statements answered twice."""
    content = scoring.snapshot(model_dir)
    model = scoring.load_model_from_texts(content.files)
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    werkplaats = create_werkplaats(engine, name=DEMO_NAME, held_on=date.today(), content=content)
    names = iter(rng.sample(DEMO_FIRST_NAMES, k=len(DEMO_FIRST_NAMES)))
    for index, ((municipality, casus), profile) in enumerate(zip(DEMO_MUNICIPALITIES, _PROFILES, strict=True)):
        trio = create_trio(engine, werkplaats_id=werkplaats.id, municipality=municipality, casus=casus)
        members: list[MemberRecord] = []
        given: dict[int, dict[Frame, dict[str, int | None]]] = {}
        for role in _trio_roles(model, rng):
            member = create_member(engine, trio_id=trio.id, role=role, display_name=next(names))
            members.append(member)
            positions: tuple[tuple[Frame, tuple[float, float]], ...] = (
                ("nu", profile.now),
                ("gewenst", profile.desired),
            )
            given[member.id] = {}
            for frame, position in positions:
                given[member.id][frame] = _member_answers(model, rng, position, profile.spread)
                save_answers(engine, member_id=member.id, frame=frame, answers=given[member.id][frame])
        if index < 3:
            _add_follow_up(engine, model, rng, trio.id, trio_result(model, members, given))
    return werkplaats


def _trio_roles(model: scoring.Model, rng: random.Random) -> list[str]:
    """A wijkambtenaar, a colleague from the social domain, and one from fysiek or veiligheid."""
    wanted = ["wijkambtenaar", "sociaal", rng.choice(["fysiek", "veiligheid"])]
    known = [role.id for role in model.roles]
    # Edited content may have other roles; fall back to the content's own, in order.
    return [role if role in known else known[i % len(known)] for i, role in enumerate(wanted)]


def _member_answers(
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


def _add_follow_up(
    engine: Engine, model: scoring.Model, rng: random.Random, trio_id: int, result: scoring.GroupResult
) -> None:
    """A few chosen perspectives and an action, so the later steps of the app have something to show.

    The perspectives come from the trio's own plan (its quadrants nu and gewenst), as on the results
    page: a choice outside the plan would be counted nowhere there.
    """
    nu, gewenst = result.nu.quadrant, result.gewenst.quadrant
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
