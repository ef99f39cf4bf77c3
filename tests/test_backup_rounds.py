"""Backup format version 3 (issue 13): a round of a leertraject backs up and restores with its bestuurder,
carried answers, action follow-ups, leervragen and sharing; version 2 files restore as before."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import scoring
import storage
from storage.backup import BackupError, backup_werkplaats, read_backup, restore_werkplaats
from storage.models import Leervraag, LeervraagNote, Member, TrioRound
from tests.round_support import two_rounds
from tests.test_backup import TABLES, as_version_2, scored

LEGACY_V2 = Path(__file__).resolve().parent / "data" / "legacy" / "backup-v2.json"
"""Written by Rolwijzer at commit d7d0c6f (format version 2): three demo trios, levels, influence."""
V2_SCORES = [
    ("Gemeente Voorbeeldstad", (-0.211111, -0.55, 0.533333, 0.266667)),
    ("Gemeente Denkbeeldig", (0.138889, -0.122222, 0.5, 0.555556)),
    ("Gemeente Fictiefdorp", (0.194444, -0.444444, 0.672222, 0.5)),
]
"""Each trio's (nu x, nu y, gewenst x, gewenst y) after restoring backup-v2.json with that same commit."""


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.__tablename__: int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in (*TABLES, TrioRound, Leervraag, LeervraagNote)
        }


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Engine]:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def round_backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A backup of round 2 of :func:`two_rounds`, from SQLite."""
    engine = storage.make_engine(f"sqlite:///{tmp_path_factory.mktemp('rounds') / 'source.db'}")
    try:
        rounds = two_rounds(engine, scoring.snapshot(Path(__file__).resolve().parents[1] / "content"))
        return backup_werkplaats(engine, rounds.second.id)
    finally:
        engine.dispose()


def round_state(engine: Engine, werkplaats_id: int) -> list[dict[str, Any]]:
    """Everything of a round that format version 3 adds, per trio, without ids, codes or tokens."""
    state = []
    for trio in storage.list_trios(engine, werkplaats_id):
        (round_,) = [r for r in storage.trio_rounds(engine, trio.id) if r.werkplaats_id == werkplaats_id]
        bestuurder = storage.bestuurder_of(engine, trio.id)
        members = storage.list_members(engine, trio.id)
        state.append(
            {
                "shared_at": round_.shared_at,
                "carried": [storage.carried_answers(engine, m.id, round_id=werkplaats_id) for m in members],
                "bestuurder": None
                if bestuurder is None
                else (
                    bestuurder.role,
                    bestuurder.kind,
                    storage.member_answers(engine, bestuurder.id, round_id=werkplaats_id),
                    storage.carried_answers(engine, bestuurder.id, round_id=werkplaats_id),
                ),
                "actions": [
                    (a.what, a.who, a.when_text, a.created_at, a.status, a.reflection, a.followed_up_at)
                    for a in storage.list_actions(engine, trio.id, round_id=werkplaats_id)
                ],
                "leervragen": [
                    (v.position, v.text, [(n.text, n.updated_at) for n in v.notes if n.round_id == werkplaats_id])
                    for v in storage.list_leervragen(engine, trio.id)
                ],
            }
        )
    return state


# --- Version 3 round trip ---------------------------------------------------------------------------


def test_round_of_a_traject_round_trips_with_every_new_field(
    engine: Engine, target: Engine, content: scoring.ContentSnapshot
) -> None:
    rounds = two_rounds(engine, content)
    data = backup_werkplaats(engine, rounds.second.id)

    assert data["version"] == 3
    assert (data["werkplaats"]["traject_name"], data["werkplaats"]["position"]) == (rounds.traject.name, 2)
    a, b = data["trios"]
    assert [m["kind"] for m in a["members"]] == ["trio", "trio", "trio", "bestuurder"]
    assert a["members"][3]["role"] == "bestuurder"
    assert [m["kind"] for m in b["members"]] == ["trio"] * 3
    first = a["members"][0]["answers"]
    assert [x["carried"] for x in first if (x["frame"], x["question"]) == ("nu", "agenda")] == [False]
    assert sum(x["carried"] for x in first) == len(first) - 1
    # Only the actions written in round 2, with their follow-up; the round-1 actions stay in round 1.
    assert [(x["what"], x["status"], x["reflection"]) for x in a["actions"]] == [
        ("Bewonersavond", "bezig", "Zaal gevonden"),
        ("Verslag delen", None, ""),
    ]
    assert a["actions"][0]["followed_up_at"] and a["actions"][1]["followed_up_at"] is None
    assert b["actions"] == []
    # Every leervraag; each with its note of round 2 only.
    assert [(v["text"], [n["text"] for n in v["notes"]]) for v in a["leervragen"]] == [
        ("Wie beslist over de buurt?", ["De wethouder, samen met ons"]),
        ("Hoe werken we samen?", []),
        ("Wat vraagt de wijk?", ["=Meer ontmoeting"]),
    ]
    assert a["shared_at"] and b["shared_at"] is None and b["leervragen"] == []

    restored = restore_werkplaats(target, json.dumps(data))

    assert (restored.traject_id, restored.position) == (None, None)  # a werkplaats on its own
    assert storage.list_trajecten(target) == []
    for trio in storage.list_trios(target, restored.id):
        assert [r.werkplaats_id for r in storage.trio_rounds(target, trio.id)] == [restored.id]
    assert round_state(target, restored.id) == round_state(engine, rounds.second.id)
    assert scored(target, restored.id) == scored(engine, rounds.second.id)
    # Backing up the copy gives the same file, but for the moments of export and restore and the traject.
    again = backup_werkplaats(target, restored.id)
    for document in (data, again):
        del document["exported_at"], document["werkplaats"]["created_at"]
        document["werkplaats"]["traject_name"] = document["werkplaats"]["position"] = None
    assert again == data


def test_round_1_keeps_its_actions_with_the_follow_up_given_at_round_2(
    engine: Engine, target: Engine, content: scoring.ContentSnapshot
) -> None:
    rounds = two_rounds(engine, content)
    data = backup_werkplaats(engine, rounds.first.id)
    a, b = data["trios"]
    assert [(x["what"], x["status"], x["reflection"]) for x in a["actions"]] == [
        ("Bellen met de wethouder", "gedaan", "Goed gesprek"),
        ("=Buurtkamer bezoeken", "niet_gelukt", "@geen tijd"),
    ]
    assert [(x["what"], x["status"]) for x in b["actions"]] == [("Speeltuin opmeten", None)]
    assert [len(v["notes"]) for v in a["leervragen"]] == [1, 0, 0]
    assert a["leervragen"][0]["notes"][0]["text"] == "Nog niet duidelijk"
    assert a["shared_at"] is None and data["werkplaats"]["position"] == 1
    assert not any(x["carried"] for m in a["members"] for x in m["answers"])
    assert [x["question"] for x in a["members"][3]["answers"]] == ["agenda"]
    restored = restore_werkplaats(target, data)
    assert round_state(target, restored.id) == round_state(engine, rounds.first.id)


def test_a_version_2_backup_of_a_round_restores_without_the_round_fields(
    round_backup: dict[str, Any], target: Engine
) -> None:
    older = restore_werkplaats(target, as_version_2(round_backup))
    state = round_state(target, older.id)
    assert [t["bestuurder"] for t in state] == [None, None]
    assert all(t["shared_at"] is None and t["leervragen"] == [] for t in state)
    assert all(carried == set() for t in state for carried in t["carried"])
    assert [(a[4], a[5], a[6]) for a in state[0]["actions"]] == [(None, "", None), (None, "", None)]
    current = restore_werkplaats(target, round_backup)
    assert scored(target, older.id) == scored(target, current.id)  # answers, levels, influence, choices as they were


def test_the_backup_written_by_version_2_restores_with_the_same_scores(target: Engine) -> None:
    raw = LEGACY_V2.read_bytes()
    assert json.loads(raw)["version"] == 2
    before = row_counts(target)
    restored = restore_werkplaats(target, raw)
    model = storage.model_for_werkplaats(restored)
    answers = storage.werkplaats_answers(target, restored.id)
    found = []
    for entry in storage.werkplaats_members(target, restored.id):
        group = scoring.group_result(
            model,
            [
                scoring.MemberInput(member_id=str(m.id), role=m.role, label=m.display_name, answers=answers[entry.trio.id][m.id])
                for m in entry.members
            ],
        )
        found.append((entry.trio.municipality, (group.nu.x, group.nu.y, group.gewenst.x, group.gewenst.y)))
    assert [name for name, _ in found] == [name for name, _ in V2_SCORES]
    for (_, got), (_, expected) in zip(found, V2_SCORES, strict=True):
        assert got == pytest.approx(expected, abs=1e-6)
    added = {name: count - before[name] for name, count in row_counts(target).items()}
    assert added == {
        "werkplaats": 1, "trio": 3, "member": 9, "answer": 216, "influence_choice": 92,
        "perspective_choice": 6, "action": 4, "trio_round": 3, "leervraag": 0, "leervraag_note": 0,
    }
    members = [m for e in storage.werkplaats_members(target, restored.id) for m in e.members]
    assert all(m.level for m in members) and all(m.kind == "trio" for m in members)
    # Written again it is version 3, and restores the same.
    again = restore_werkplaats(target, backup_werkplaats(target, restored.id))
    assert scored(target, again.id) == scored(target, restored.id)


# --- Checks of the new fields ---------------------------------------------------------------------

Tamper = Callable[[dict[str, Any]], Any]


def _edit(edit: Callable[[dict[str, Any]], None]) -> Tamper:
    def apply(data: dict[str, Any]) -> Any:
        edit(data)
        return data

    return apply


def _second_bestuurder(data: dict[str, Any]) -> None:
    data["trios"][0]["members"].append(copy.deepcopy(data["trios"][0]["members"][3]))


def _fourth_leervraag(data: dict[str, Any]) -> None:
    data["trios"][0]["leervragen"].append({"text": "Nog een vraag", "notes": []})


def _second_note(data: dict[str, Any]) -> None:
    notes = data["trios"][0]["leervragen"][0]["notes"]
    notes.append(dict(notes[0]))


TAMPERED: list[tuple[str, Tamper, str]] = [
    ("unknown status", _edit(lambda d: d["trios"][0]["actions"][0].update(status="klaar")),
     "trios[0].actions[0].status: 'klaar' is niet toegestaan; verwacht: 'gedaan', 'bezig', 'niet_gelukt'"),
    ("reflection too long", _edit(lambda d: d["trios"][0]["actions"][0].update(reflection="x" * 201)),
     "trios[0].actions[0].reflection: is te lang (201 tekens; maximaal 200)"),
    ("reflection without status", _edit(lambda d: d["trios"][0]["actions"][1].update(reflection="Goed")),
     "trios[0].actions[1].status: ontbreekt: de actie is opgevolgd, maar zonder stand"),
    ("follow-up moment not a moment", _edit(lambda d: d["trios"][0]["actions"][0].update(followed_up_at="gisteren")),
     "trios[0].actions[0].followed_up_at: 'gisteren' is geen geldige datum en tijd"),
    ("carried not a boolean", _edit(lambda d: d["trios"][0]["members"][0]["answers"][0].update(carried="ja")),
     "trios[0].members[0].answers[0].carried: moet true of false zijn"),
    ("unknown kind", _edit(lambda d: d["trios"][0]["members"][0].update(kind="wethouder")),
     "trios[0].members[0].kind: 'wethouder' is niet toegestaan; verwacht: 'trio' of 'bestuurder'"),
    ("two bestuurders", _edit(_second_bestuurder),
     "trios[0].members[4].kind: een trio heeft ten hoogste één bestuurder"),
    ("bestuurder with a trio role", _edit(lambda d: d["trios"][0]["members"][3].update(role="sociaal")),
     "trios[0].members[3].role: een bestuurder heeft de rol 'bestuurder', niet 'sociaal'"),
    ("trio member with the bestuurder role", _edit(lambda d: d["trios"][0]["members"][0].update(role="bestuurder")),
     "trios[0].members[0].role: onbekende rol 'bestuurder'"),
    ("four leervragen", _edit(_fourth_leervraag), "trios[0].leervragen[3]: een trio heeft ten hoogste 3 leervragen"),
    ("empty leervraag", _edit(lambda d: d["trios"][0]["leervragen"][1].update(text="  ")),
     "trios[0].leervragen[1].text: mag niet leeg zijn"),
    ("leervraag too long", _edit(lambda d: d["trios"][0]["leervragen"][1].update(text="v" * 201)),
     "trios[0].leervragen[1].text: is te lang (201 tekens; maximaal 200)"),
    ("note too long", _edit(lambda d: d["trios"][0]["leervragen"][0]["notes"][0].update(text="n" * 301)),
     "trios[0].leervragen[0].notes[0].text: is te lang (301 tekens; maximaal 300)"),
    ("two notes in one round", _edit(_second_note),
     "trios[0].leervragen[0].notes[1]: een back-up bevat één werkplaats, dus ten hoogste één notitie"),
    ("shared_at without time zone", _edit(lambda d: d["trios"][0].update(shared_at="2027-05-01T10:00:00")),
     "trios[0].shared_at: '2027-05-01T10:00:00' mist de tijdzone"),
    ("traject name too long", _edit(lambda d: d["werkplaats"].update(traject_name="t" * 121)),
     "werkplaats.traject_name: is te lang (121 tekens; maximaal 120)"),
    ("position 0", _edit(lambda d: d["werkplaats"].update(position=0)), "werkplaats.position: moet 1 of meer zijn"),
]


@pytest.mark.parametrize(("tamper", "message"), [(t, m) for _, t, m in TAMPERED], ids=[n for n, _, _ in TAMPERED])
def test_invalid_round_fields_are_rejected_and_nothing_is_written(
    target: Engine, round_backup: dict[str, Any], tamper: Tamper, message: str
) -> None:
    restore_werkplaats(target, round_backup)
    before = row_counts(target)
    with pytest.raises(BackupError) as info:
        restore_werkplaats(target, tamper(copy.deepcopy(round_backup)))
    assert str(info.value).startswith("Back-up ongeldig: ")
    assert message in str(info.value)
    assert row_counts(target) == before


def test_the_tampered_base_is_valid(round_backup: dict[str, Any]) -> None:
    read_backup(copy.deepcopy(round_backup))
    members = round_backup["trios"][0]["members"]
    assert [m["kind"] for m in members][3] == "bestuurder" and len(round_backup["trios"][0]["leervragen"]) == 3
    assert round_backup["trios"][0]["leervragen"][0]["notes"] and round_backup["trios"][0]["actions"][1]["status"] is None


def test_bestuurder_is_stored_as_one(round_backup: dict[str, Any], target: Engine) -> None:
    restored = restore_werkplaats(target, round_backup)
    with target.connect() as conn:
        kinds = conn.execute(select(Member.kind, func.count()).group_by(Member.kind).order_by(Member.kind)).all()
    assert [tuple(k) for k in kinds] == [("bestuurder", 1), ("trio", 6)]
    trio = storage.list_trios(target, restored.id)[0]
    bestuurder = storage.bestuurder_of(target, trio.id)
    assert bestuurder is not None and storage.looks_like_token(bestuurder.token)
    context = storage.member_context(target, bestuurder.token)
    assert context is not None and context.werkplaats.id == restored.id
