"""Storage: the handelingsperspectieven a trio chooses and the actions it writes down.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from sqlalchemy import Engine

import scoring
import storage
from storage.models import PerspectiveChoice
from tests.storage_support import make_trio, make_werkplaats, row_count

# --- Perspective choices and actions ------------------------------------------


def test_perspective_choices(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio, other = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente B")
    for perspective_id in ("p_een", "p_twee", "p_een"):
        storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id=perspective_id, chosen=True)
    storage.set_perspective_choice(engine, trio_id=other.id, perspective_id="p_drie", chosen=True)
    assert storage.chosen_perspectives(engine, trio.id) == ["p_een", "p_twee"]
    assert row_count(engine, PerspectiveChoice, PerspectiveChoice.trio_id == trio.id) == 2
    storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id="p_een", chosen=False)
    storage.set_perspective_choice(engine, trio_id=trio.id, perspective_id="p_een", chosen=False)
    assert storage.chosen_perspectives(engine, trio.id) == ["p_twee"]
    assert storage.chosen_perspectives(engine, other.id) == ["p_drie"]


def test_actions_belong_to_their_trio(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio, other = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente B")
    first = storage.add_action(engine, trio_id=trio.id, what=" Wijkwandeling ", who="Noor", when_text="mei")
    second = storage.add_action(engine, trio_id=trio.id, what="Budget vragen")
    theirs = storage.add_action(engine, trio_id=other.id, what="Iets anders")
    assert (first.what, first.who, first.when_text) == ("Wijkwandeling", "Noor", "mei")
    assert storage.list_actions(engine, trio.id) == [first, second]

    assert storage.delete_action(engine, trio_id=trio.id, action_id=theirs.id) is False
    assert storage.list_actions(engine, other.id) == [theirs]
    assert storage.delete_action(engine, trio_id=trio.id, action_id=first.id) is True
    assert storage.delete_action(engine, trio_id=trio.id, action_id=first.id) is False
    assert storage.list_actions(engine, trio.id) == [second]
