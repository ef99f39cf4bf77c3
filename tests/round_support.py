"""A leertraject of two rounds with every kind of data a round holds, for backup and export tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

import scoring
import storage

ROLES = ("wijkambtenaar", "sociaal", "fysiek")


@dataclass(frozen=True)
class TwoRounds:
    traject: storage.TrajectRecord
    first: storage.WerkplaatsRecord
    second: storage.WerkplaatsRecord
    trios: tuple[storage.TrioRecord, ...]
    bestuurder: storage.MemberRecord
    """The bestuurder of ``trios[0]``."""


def two_rounds(engine: Engine, content: scoring.ContentSnapshot) -> TwoRounds:
    """Round 1 and round 2 ("start from last time") of a traject with two trios.

    Round 1: all answers, influence choices, a chosen perspective, two actions and three leervragen
    for trio A; trio B answers and writes one action. Round 2: member 0 of trio A confirms one answer
    (the others stay carried), trio A follows up its round-1 actions, writes a new action and follows
    that up too, writes a note on two leervragen, shares with its bestuurder, who answered in both rounds.
    """
    model = scoring.load_model_from_texts(content.files)
    traject = storage.create_traject(engine, name="Werkplaatsen 2027, groep Noord")
    first = storage.create_werkplaats(
        engine, name="Werkplaats 1", held_on=date(2027, 3, 1), content=content, traject_id=traject.id
    )
    trios = tuple(
        storage.create_trio(engine, werkplaats_id=first.id, municipality=name, casus=casus)
        for name, casus in (("Gemeente Noord", "Buurthuis"), ("=Gemeente Zuid", "-Speeltuin"))
    )
    perspective = model.perspectives[0].id
    for t, trio in enumerate(trios):
        for r, role in enumerate(ROLES):
            member = storage.create_member(engine, trio_id=trio.id, role=role, display_name=f"Lid {t}{r}")
            for frame, shift in (("nu", 0), ("gewenst", 2)):
                storage.save_answers(
                    engine,
                    member_id=member.id,
                    frame=frame,
                    answers={q.id: 1 + (i + r + t + shift) % model.scale.points for i, q in enumerate(model.questions)},
                )
            storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bewoners")
    a, b = trios
    storage.set_perspective_choice(engine, trio_id=a.id, perspective_id=perspective, chosen=True)
    storage.add_action(engine, trio_id=a.id, what="Bellen met de wethouder", who="Lid 00", when_text="april")
    storage.add_action(engine, trio_id=a.id, what="=Buurtkamer bezoeken", who="", when_text="")
    storage.add_action(engine, trio_id=b.id, what="Speeltuin opmeten", who="Lid 11", when_text="mei")
    leervragen = storage.set_leervragen(
        engine, trio_id=a.id, texts=["Wie beslist over de buurt?", "Hoe werken we samen?", "Wat vraagt de wijk?"]
    )
    bestuurder = storage.invite_bestuurder(engine, trio_id=a.id)
    storage.save_answer(engine, member_id=bestuurder.id, question_id="agenda", frame="nu", value=2)
    storage.save_leervraag_note(engine, trio_id=a.id, leervraag_id=leervragen[0].id, text="Nog niet duidelijk")

    second = storage.create_werkplaats(
        engine, name="Werkplaats 2", held_on=date(2027, 5, 1), content=content, traject_id=traject.id, prefilled=True
    )
    first_member = storage.list_members(engine, a.id)[0]
    storage.save_answer(engine, member_id=first_member.id, question_id="agenda", frame="nu", value=None)
    for action, status, reflection in zip(
        storage.list_actions(engine, a.id, round_id=first.id),
        ("gedaan", "niet_gelukt"),
        ("Goed gesprek", "@geen tijd"),
        strict=True,
    ):
        storage.follow_up_action(engine, trio_id=a.id, action_id=action.id, status=status, reflection=reflection)
    new = storage.add_action(engine, trio_id=a.id, what="Bewonersavond", who="Lid 02", when_text="juni")
    storage.follow_up_action(engine, trio_id=a.id, action_id=new.id, status="bezig", reflection="Zaal gevonden")
    storage.add_action(engine, trio_id=a.id, what="Verslag delen")
    storage.set_perspective_choice(engine, trio_id=b.id, perspective_id=model.perspectives[1].id, chosen=True)
    storage.save_leervraag_note(engine, trio_id=a.id, leervraag_id=leervragen[0].id, text="De wethouder, samen met ons")
    storage.save_leervraag_note(engine, trio_id=a.id, leervraag_id=leervragen[2].id, text="=Meer ontmoeting")
    storage.share_with_bestuur(engine, trio_id=a.id)
    storage.save_answers(engine, member_id=bestuurder.id, frame="gewenst", answers={"agenda": 4, "budget": None})
    return TwoRounds(traject=traject, first=first, second=second, trios=trios, bestuurder=bestuurder)
