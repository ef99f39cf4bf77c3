"""Storage: renaming and deleting a leertraject (a typo in its name, one made by mistake).

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

import scoring
import storage
from tests.storage_support import TODAY, make_trio
from tests.test_storage_concurrency import run_together


def test_renaming_keeps_the_rounds(engine: Engine, content: scoring.ContentSnapshot) -> None:
    traject = storage.create_traject(engine, name="Werkplaatsen Nord 2027")
    round1 = storage.create_werkplaats(engine, name="Werkplaats 1", held_on=TODAY, content=content,
                                       traject_id=traject.id)
    renamed = storage.rename_traject(engine, traject.id, name="  Werkplaatsen Noord 2027 ")
    assert renamed.name == "Werkplaatsen Noord 2027"
    assert (renamed.id, renamed.created_at) == (traject.id, traject.created_at)
    assert storage.get_traject(engine, traject.id) == renamed
    assert storage.traject_round_ids(engine, traject.id) == [round1.id]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_traject_needs_a_name(engine: Engine, name: str) -> None:
    traject = storage.create_traject(engine, name="Groep Zuid")
    with pytest.raises(storage.InputError, match="Naam van het leertraject"):
        storage.rename_traject(engine, traject.id, name=name)
    assert storage.get_traject(engine, traject.id) == traject


def test_a_gone_traject_is_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        storage.rename_traject(engine, 999_999, name="Groep Oost")
    with pytest.raises(storage.NotFound):
        storage.delete_traject(engine, 999_999)


def test_an_empty_traject_can_be_deleted(engine: Engine) -> None:
    kept = storage.create_traject(engine, name="Groep Noord")
    mistake = storage.create_traject(engine, name="Groep Noordd")
    storage.delete_traject(engine, mistake.id)
    assert storage.list_trajecten(engine) == [kept]


def test_a_traject_with_rounds_is_not_deleted(engine: Engine, content: scoring.ContentSnapshot) -> None:
    traject = storage.create_traject(engine, name="Groep West")
    round1 = storage.create_werkplaats(engine, name="Werkplaats 1", held_on=TODAY, content=content,
                                       traject_id=traject.id)
    trio = make_trio(engine, round1)
    with pytest.raises(storage.TrajectNotEmpty, match="Verwijder die eerst"):
        storage.delete_traject(engine, traject.id)
    assert storage.get_traject(engine, traject.id) == traject
    assert [r.werkplaats_id for r in storage.trio_rounds(engine, trio.id)] == [round1.id]
    # Once its werkplaatsen are gone, it can go too.
    storage.delete_werkplaats(engine, round1.id)
    storage.delete_traject(engine, traject.id)
    assert storage.get_traject(engine, traject.id) is None


def test_deleting_while_a_round_is_opened_keeps_them_consistent(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    traject = storage.create_traject(engine, name="Groep Midden")

    def open_round() -> None:
        storage.create_werkplaats(engine, name="Werkplaats 1", held_on=TODAY, content=content, traject_id=traject.id)

    def delete() -> None:
        storage.delete_traject(engine, traject.id)

    errors = run_together([open_round, delete])
    assert len(errors) == 1 and isinstance(errors[0], storage.NotFound | storage.TrajectNotEmpty)
    rounds = [w for w in storage.list_werkplaatsen(engine) if w.name == "Werkplaats 1"]
    if isinstance(errors[0], storage.TrajectNotEmpty):  # the round came first: both stay
        assert storage.get_traject(engine, traject.id) is not None
        assert [w.traject_id for w in rounds] == [traject.id]
    else:  # the delete came first: no round was made
        assert storage.get_traject(engine, traject.id) is None and rounds == []


def test_a_round_is_due_for_removal_only_with_its_whole_leertraject(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    traject = storage.create_traject(engine, name="Groep Noord")
    today = datetime.now(UTC).date()

    def werkplaats(name: str, held: int, traject_id: int | None) -> storage.WerkplaatsRecord:
        return storage.create_werkplaats(engine, name=name, held_on=today + timedelta(days=held), content=content,
                                         traject_id=traject_id)

    lone = werkplaats("Losse werkplaats", 0, None)
    first = werkplaats("Werkplaats 1", 0, traject.id)
    follow_up = werkplaats("Terugkomdag", 180, traject.id)  # six months later

    def due(days_from_now: int) -> list[int]:
        now = datetime.now(UTC) + timedelta(days=days_from_now)
        return sorted(w.id for w in storage.werkplaatsen_older_than(engine, 90, now=now))

    # 100 days on: round 1 alone is older than 90 days, but its leertraject runs on.
    assert due(100) == [lone.id]
    # 300 days on: the follow-up is 120 days old too; the whole leertraject is due.
    assert due(300) == sorted([lone.id, first.id, follow_up.id])
