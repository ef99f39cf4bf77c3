"""A demo leertraject: two rounds of the demo trios, so movement, followed-up actions, leervragen
and the bestuurder can be tried without a real series.

Round 1 is the demo werkplaats (:mod:`storage.demo`) as the first round of a traject, with
leervragen. In round 2 six of the eight trios answer again, a little closer to where they wanted
to be; three follow up their action, two write what they know now about a leervraag, and the first
trio's bestuurder answers and sees the shared result. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

import scoring
from storage.answers import save_answers
from storage.choices import follow_up_action, list_actions
from storage.demo import DEFAULT_CONTENT_DIR, DEFAULT_SEED, PROFILES, answers_near, create_demo_werkplaats
from storage.leervragen import list_leervragen, save_leervraag_note, set_leervragen
from storage.records import WerkplaatsRecord
from storage.trajecten import create_traject, share_with_bestuur
from storage.trios import invite_bestuurder, list_members, list_trios
from storage.werkplaatsen import create_werkplaats

DEMO_TRAJECT_NAME = "Demo-leertraject"
ROUND_NAMES = ("Werkplaats 2 (demo)", "Werkplaats 3 (demo)")
ANSWERING_AGAIN = 6
"""Trios of the eight that answer again in round 2; the others stay away."""
STEP = 0.4
"""How far a trio moves from where it was towards where it wanted to be, between rounds."""

DEMO_LEERVRAGEN: tuple[tuple[str, ...], ...] = (
    ("Hoe laten we bewoners echt meebeslissen?", "Wie in het stadhuis moeten we meekrijgen?"),
    ("Hoe werken sociaal en fysiek samen in één wijkteam?",),
    ("Wat vraagt wijkgericht werken van onze bestuurders?", "Hoe houden we het vol na de werkplaatsen?"),
)
DEMO_NOTES = (
    "We hebben nu een vast overleg met de bewonersraad; meebeslissen over geld nog niet.",
    "De wethouder is aangehaakt; de afdeling financiën nog niet.",
)
DEMO_FOLLOW_UPS = (
    ("gedaan", "Twintig bewoners liepen mee; er komt een tweede wandeling."),
    ("bezig", "De datum staat, de uitnodiging gaat deze week de deur uit."),
    ("niet_gelukt", "Te weinig tijd naast het gewone werk; we plannen opnieuw."),
)


@dataclass(frozen=True)
class DemoTraject:
    first: WerkplaatsRecord
    second: WerkplaatsRecord


def create_demo_traject(
    engine: Engine, model_dir: str | Path = DEFAULT_CONTENT_DIR, seed: int = DEFAULT_SEED
) -> DemoTraject:
    """Create the demo leertraject with its two rounds (see the module's docstring)."""
    traject = create_traject(engine, name=DEMO_TRAJECT_NAME)
    first = create_demo_werkplaats(engine, model_dir, seed, name=ROUND_NAMES[0], traject_id=traject.id)
    trios = list_trios(engine, first.id)
    for trio, texts in zip(trios, DEMO_LEERVRAGEN, strict=False):
        set_leervragen(engine, trio_id=trio.id, texts=texts)
    first_actions = {trio.id: list_actions(engine, trio.id) for trio in trios}

    content = scoring.snapshot(model_dir)
    model = scoring.load_model_from_texts(content.files)
    second = create_werkplaats(
        engine, name=ROUND_NAMES[1], held_on=date.today(), content=content, traject_id=traject.id
    )
    rng = random.Random(f"traject-{seed}")  # noqa: S311 - reproducible demo data, not a secret
    for trio, profile in list(zip(trios, PROFILES, strict=True))[:ANSWERING_AGAIN]:
        now = tuple(a + STEP * (b - a) for a, b in zip(profile.now, profile.desired, strict=True))
        for member in list_members(engine, trio.id):
            for frame, position in (("nu", now), ("gewenst", profile.desired)):
                answers = answers_near(model, rng, (position[0], position[1]), profile.spread * 0.8)
                save_answers(engine, member_id=member.id, frame=frame, answers=answers)
    followed = [action for trio in trios for action in first_actions[trio.id]]
    for action, (status, reflection) in zip(followed, DEMO_FOLLOW_UPS, strict=False):
        follow_up_action(engine, trio_id=action.trio_id, action_id=action.id, status=status, reflection=reflection)
    for trio, note in zip(trios, DEMO_NOTES, strict=False):
        leervraag = list_leervragen(engine, trio.id)[0]
        save_leervraag_note(engine, trio_id=trio.id, leervraag_id=leervraag.id, text=note)
    bestuurder = invite_bestuurder(engine, trio_id=trios[0].id)
    for frame, position in (("nu", (0.2, 0.1)), ("gewenst", (0.6, 0.3))):
        save_answers(
            engine, member_id=bestuurder.id, frame=frame, answers=answers_near(model, rng, position, 0.1)
        )
    share_with_bestuur(engine, trio_id=trios[0].id)
    return DemoTraject(first=first, second=second)
