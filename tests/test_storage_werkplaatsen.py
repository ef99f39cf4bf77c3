"""Storage: werkplaatsen, their listing, deletion, retention and the content each keeps.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage.models import Action, Answer, Member, PerspectiveChoice, Trio, Werkplaats
from tests.storage_support import TODAY, make_member, make_trio, make_werkplaats, row_count

# --- Werkplaatsen -------------------------------------------------------------


def test_werkplaats_round_trip_and_listing(engine: Engine, content: scoring.ContentSnapshot) -> None:
    first = make_werkplaats(engine, content, name="  Eerste  ")
    second = storage.create_werkplaats(engine, name="Zelf invullen", held_on=TODAY, content=content, standalone=True)
    assert first.name == "Eerste" and not first.standalone and second.standalone
    assert first.held_on == TODAY and first.created_at.tzinfo is not None
    assert storage.get_werkplaats(engine, first.id) == first
    assert storage.get_werkplaats(engine, 999_999) is None
    make_trio(engine, first)
    make_trio(engine, first, "Gemeente Denkbeeldig")
    listed = storage.list_werkplaatsen(engine)
    assert [w.id for w in listed] == [second.id, first.id]  # newest first
    assert [w.trio_count for w in listed] == [0, 2]


# --- Deleting and retention ---------------------------------------------------


def test_delete_werkplaats_removes_everything_under_it(engine: Engine, content: scoring.ContentSnapshot) -> None:
    doomed, kept = make_werkplaats(engine, content), make_werkplaats(engine, content, name="Blijft")
    members = {}
    for werkplaats in (doomed, kept):
        trio = make_trio(engine, werkplaats)
        member = make_member(engine, trio)
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=3)
        storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id="p", chosen=True)
        storage.add_action(engine, trio_id=trio.id, what="Iets")
        members[werkplaats.id] = member

    assert storage.delete_werkplaats(engine, doomed.id) is True
    assert storage.delete_werkplaats(engine, doomed.id) is False
    assert storage.get_werkplaats(engine, doomed.id) is None
    assert storage.member_context(engine, members[doomed.id].token) is None
    for table in (Werkplaats, Trio, Member, Answer, PerspectiveChoice, Action):
        assert row_count(engine, table) == 1, table.__tablename__
    assert storage.member_context(engine, members[kept.id].token) is not None


def test_werkplaatsen_older_than(engine: Engine, content: scoring.ContentSnapshot) -> None:
    today = datetime.now(UTC).date()
    held_long_ago = storage.create_werkplaats(
        engine, name="Oud", held_on=today - timedelta(days=100), content=content
    )
    planned = storage.create_werkplaats(engine, name="Gepland", held_on=today + timedelta(days=60), content=content)
    in_40_days = datetime.now(UTC) + timedelta(days=40)

    def due(days: int, now: datetime | None = in_40_days) -> list[int]:
        return [w.id for w in storage.werkplaatsen_older_than(engine, days, now=now)]

    assert due(30) == [held_long_ago.id]  # created 40 days "ago"; the planned one is not held yet
    assert due(50) == []  # created too recently
    assert due(30, now=None) == []  # today nothing is 30 days old
    assert due(0, now=in_40_days + timedelta(days=100)) == [planned.id, held_long_ago.id]
    with pytest.raises(storage.InputError):
        storage.werkplaatsen_older_than(engine, -1)


# --- Content snapshot ---------------------------------------------------------


def test_model_for_werkplaats_round_trips_the_content(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    stored = storage.get_werkplaats(engine, werkplaats.id)
    assert stored is not None and stored.content_hash == content.content_hash
    assert dict(stored.content_files()) == dict(content.files)
    loaded = storage.model_for_werkplaats(stored)
    assert [(q.id, q.axis, q.reverse) for q in loaded.questions] == [
        (q.id, q.axis, q.reverse) for q in model.questions
    ]
    assert loaded.scale.points == model.scale.points
    assert [r.id for r in loaded.roles] == [r.id for r in model.roles]
    assert storage.model_for_werkplaats(replace(stored)) is loaded  # cached


def test_old_werkplaats_keeps_its_own_content_after_edits(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    old = make_werkplaats(engine, content)
    files = dict(content.files)
    files["model.yaml"] = files["model.yaml"].replace("title: Rolwijzer wijkgericht werken", "title: Nieuwe titel")
    edited = scoring.ContentSnapshot(files=files, content_hash=scoring.loader.content_hash(files))
    new = make_werkplaats(engine, edited)
    old_model = storage.model_for_werkplaats(storage.get_werkplaats(engine, old.id))  # type: ignore[arg-type]
    new_model = storage.model_for_werkplaats(storage.get_werkplaats(engine, new.id))  # type: ignore[arg-type]
    assert old_model.title == "Rolwijzer wijkgericht werken"
    assert new_model.title == "Nieuwe titel"
