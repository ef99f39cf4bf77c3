"""Storage: trios and their members, and a member's context by token.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

import scoring
import storage
from tests.sql_support import count_statements
from tests.storage_support import make_member, make_trio, make_werkplaats

# --- Trios and members ---------------------------------------------------------


def test_member_context_joins_member_trio_and_werkplaats(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    other = make_werkplaats(engine, content, name="Werkplaats West")
    trio = make_trio(engine, werkplaats)
    make_trio(engine, other)
    member = storage.create_member(engine, trio_id=trio.id, role="wijkambtenaar", display_name="  Bram ")
    with count_statements(engine) as statements:
        context = storage.member_context(engine, member.token)
    assert len(statements) == 1
    assert context == storage.MemberContext(member=member, trio=trio, werkplaats=werkplaats)
    assert context is not None and context.member.display_name == "Bram"
    assert member.token not in repr(member)  # secrets stay out of logs


def test_trios_and_members_are_listed_in_order(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trios = [make_trio(engine, werkplaats, f"Gemeente {name}") for name in ("A", "B", "C")]
    assert storage.list_trios(engine, werkplaats.id) == trios
    assert storage.get_trio(engine, trios[1].id) == trios[1]
    assert storage.get_trio(engine, 999_999) is None
    members = [make_member(engine, trios[0], role) for role in ("wijkambtenaar", "sociaal", "fysiek")]
    assert storage.list_members(engine, trios[0].id) == members
    assert storage.list_members(engine, trios[1].id) == []


def test_werkplaats_members_includes_empty_trios_in_one_query(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = make_werkplaats(engine, content)
    full, empty = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente Leeg")
    members = [make_member(engine, full, role) for role in ("wijkambtenaar", "veiligheid")]
    with count_statements(engine) as statements:
        grouped = storage.werkplaats_members(engine, werkplaats.id)
    assert len(statements) == 1
    assert grouped == [
        storage.TrioMembers(trio=full, members=tuple(members)),
        storage.TrioMembers(trio=empty, members=()),
    ]


def test_member_role_must_come_from_the_werkplaats_content(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    with pytest.raises(storage.InputError, match="Onbekende rol"):
        storage.create_member(engine, trio_id=trio.id, role="burgemeester")
    with pytest.raises(storage.InputError, match="Rol"):
        storage.create_member(engine, trio_id=trio.id, role="Sociaal Domein")


def test_references_to_missing_rows_raise_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound, match="werkplaats"):
        storage.create_trio(engine, werkplaats_id=424242, municipality="Gemeente X")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.create_member(engine, trio_id=424242, role="sociaal")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.add_action(engine, trio_id=424242, what="Iets")
    with pytest.raises(storage.NotFound, match="trio"):
        storage.set_perspective_choice(engine, trio_id=424242, perspective_id="p", chosen=True)
