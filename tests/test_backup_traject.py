"""A whole leertraject backs up as one file and restores as a leertraject again: rounds in order, each trio
once with its members taking part in its rounds, answers, follow-ups and leervraag notes in their rounds."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage.backup import (
    BackupError,
    TrajectBackup,
    backup_json,
    build_traject_backup,
    read_traject_backup,
    restore_any,
    restore_traject,
    traject_backup_json,
)
from tests.round_support import TwoRounds, two_rounds
from tests.test_backup_rounds import row_counts

CONTENT = scoring.snapshot(Path(__file__).resolve().parents[1] / "content")


@pytest.fixture
def rounds(engine: Engine) -> TwoRounds:
    return two_rounds(engine, CONTENT)


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Engine]:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    yield engine
    engine.dispose()


def comparable(backup: TrajectBackup) -> dict[str, Any]:
    """The backup without what a restore makes anew: the moment of export and each werkplaats's created_at."""
    document = backup.model_dump(mode="json")
    del document["exported_at"]
    for round_ in document["rounds"]:
        del round_["exported_at"], round_["werkplaats"]["created_at"]
    return document


def test_a_leertraject_round_trips(engine: Engine, rounds: TwoRounds, target: Engine) -> None:
    original = build_traject_backup(engine, rounds.traject.id)
    assert [r.werkplaats.name for r in original.rounds] == ["Werkplaats 1", "Werkplaats 2"]
    assert [t.rounds for t in original.trios] == [[0, 0], [1, 1]]

    restored = restore_traject(target, traject_backup_json(engine, rounds.traject.id))
    assert restored.name == rounds.traject.name
    assert comparable(build_traject_backup(target, restored.id)) == comparable(original)
    round_ids = storage.traject_round_ids(target, restored.id)
    assert [storage.get_werkplaats(target, w).position for w in round_ids] == [1, 2]  # type: ignore[union-attr]
    # Each trio once, current in the last round, with its members' new links showing that round's answers.
    trios = storage.list_trios(target, round_ids[1])
    assert [t.municipality for t in trios] == ["Gemeente Noord", "=Gemeente Zuid"]
    for trio, old_trio in zip(trios, rounds.trios, strict=True):
        assert trio.werkplaats_id == round_ids[1] and trio.code != old_trio.code
        assert [r.werkplaats_id for r in storage.trio_rounds(target, trio.id)] == round_ids
        for member, old in zip(storage.list_members(target, trio.id), storage.list_members(engine, old_trio.id),
                               strict=True):
            context = storage.member_context(target, member.token)
            assert context is not None and context.werkplaats.id == round_ids[1] and member.token != old.token
            for new_round, old_round in zip(round_ids, (rounds.first.id, rounds.second.id), strict=True):
                assert storage.member_answers(target, member.id, round_id=new_round) == storage.member_answers(
                    engine, old.id, round_id=old_round)
    bestuurder = storage.bestuurder_of(target, trios[0].id)
    assert bestuurder is not None and bestuurder.token != rounds.bestuurder.token
    # Leervragen once per trio, each round's note in its round.
    (first_question, *_rest) = storage.list_leervragen(target, trios[0].id)
    assert [(n.round_id, n.text) for n in first_question.notes] == [
        (round_ids[0], "Nog niet duidelijk"), (round_ids[1], "De wethouder, samen met ons")]


def test_restoring_twice_makes_two_leertrajecten(engine: Engine, rounds: TwoRounds) -> None:
    data = traject_backup_json(engine, rounds.traject.id)
    before = row_counts(engine)
    first, second = restore_traject(engine, data), restore_traject(engine, data)
    assert first.id != second.id and first.id != rounds.traject.id
    after = row_counts(engine)
    assert all(after[table] == 3 * count for table, count in before.items()), (before, after)


def test_a_werkplaats_backup_and_a_leertraject_backup_restore_through_one_door(
    engine: Engine, rounds: TwoRounds, target: Engine
) -> None:
    werkplaats = restore_any(target, backup_json(engine, rounds.first.id))
    assert isinstance(werkplaats, storage.WerkplaatsRecord) and werkplaats.traject_id is None
    traject = restore_any(target, traject_backup_json(engine, rounds.traject.id))
    assert isinstance(traject, storage.TrajectRecord)
    assert [t.name for t in storage.list_trajecten(target)] == [rounds.traject.name]


def test_a_leertraject_without_werkplaatsen_or_gone_has_no_backup(engine: Engine) -> None:
    empty = storage.create_traject(engine, name="Nog leeg")
    with pytest.raises(storage.InputError, match="nog geen werkplaatsen"):
        build_traject_backup(engine, empty.id)
    with pytest.raises(storage.NotFound):
        build_traject_backup(engine, 999_999)


def _document(engine: Engine, rounds: TwoRounds) -> dict[str, Any]:
    return json.loads(traject_backup_json(engine, rounds.traject.id))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return change


BROKEN = [
    (_set("version", 2), "versie 2 wordt niet ondersteund"),
    (_set("format", "rolwijzer-backup"), "dit is geen back-up van een leertraject"),
    (_set("trios.0.rounds", [0]), "trios[0].rounds: verwacht 2 plaatsen"),
    (_set("trios.0.rounds", [None, None]), "trios[0].rounds: dit trio doet in geen enkele ronde mee"),
    (_set("trios.0.rounds.1", 5), "trios[0].rounds[1]: ronde 2 heeft geen trio met nummer 5"),
    (_set("trios.1.rounds.1", 0), "trios[1].rounds[1]: twee trio's van het leertraject wijzen naar hetzelfde trio"),
    (_set("trios.1.rounds.1", None), "rounds[1].trios[1]: dit trio hoort bij geen trio van het leertraject"),
    (_set("rounds.1.trios.0.casus", "Ander buurthuis"), "rounds[1].trios[0]: niet hetzelfde trio als in ronde 1"),
    (_set("rounds.1.trios.0.members.0.answers.0.value", 99), "rounds[1].trios[0].members[0].answers[0].value"),
    (_set("rounds.0.werkplaats.content_hash", "0" * 64), "rounds[0].werkplaats.content_hash"),
    (_set("rounds", []), "rounds"),
]


@pytest.mark.parametrize(("change", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_a_broken_leertraject_backup_is_refused_before_anything_is_written(
    engine: Engine, rounds: TwoRounds, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    document = copy.deepcopy(_document(engine, rounds))
    change(document)
    before = row_counts(engine)
    with pytest.raises(BackupError) as raised:
        restore_traject(engine, document)
    assert message in str(raised.value) and str(raised.value).startswith("Back-up ongeldig")
    assert row_counts(engine) == before


def test_the_untouched_document_is_valid(engine: Engine, rounds: TwoRounds) -> None:
    assert read_traject_backup(_document(engine, rounds)).name == rounds.traject.name
