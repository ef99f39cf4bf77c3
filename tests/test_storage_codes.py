"""Storage: werkplaats and trio codes, member tokens, and finding by code or token.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage import codes
from tests.sql_support import count_statements
from tests.storage_support import make_member, make_trio, make_werkplaats

# --- Codes and tokens ---------------------------------------------------------


def test_code_alphabet_has_no_look_alikes() -> None:
    assert not set("0O1IL2Z5S8B") & set(storage.CODE_ALPHABET)
    assert len(set(storage.CODE_ALPHABET)) == len(storage.CODE_ALPHABET)
    assert storage.CODE_ALPHABET.upper() == storage.CODE_ALPHABET


def test_new_codes_have_length_and_alphabet() -> None:
    for _ in range(500):
        code = codes.new_code()
        assert len(code) == storage.CODE_LENGTH == 6
        assert set(code) <= set(storage.CODE_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ACD349", "ACD349"),
        ("acd349", "ACD349"),
        ("abc-def", "ABCDEF"),
        ("  acd 349 ", "ACD349"),
        ("ACD–349", "ACD349"),  # en dash, as phones type it
        ("a-c-d 3 4 9", "ACD349"),
        ("O0I1", "O0I1"),  # nothing is mapped: a mistyped O stays an O
    ],
)
def test_normalise_code(typed: str, expected: str) -> None:
    assert storage.normalise_code(typed) == expected


def test_format_code_splits_for_reading_aloud() -> None:
    assert storage.format_code("ABC123") == "ABC-123"
    assert storage.format_code("ABCD") == "ABCD"


def test_codes_are_unique_across_werkplaatsen_and_trios(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaatsen = [make_werkplaats(engine, content, name=f"W{i}") for i in range(5)]
    trios = [make_trio(engine, werkplaatsen[i % 5], f"Gemeente {i}") for i in range(30)]
    all_codes = [w.join_code for w in werkplaatsen] + [t.code for t in trios]
    assert len(set(all_codes)) == len(all_codes)
    assert all(codes.is_valid_code(code) for code in all_codes)


def test_code_collision_is_retried(
    engine: Engine, content: scoring.ContentSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_werkplaats(engine, content)
    fresh = iter([first.join_code, first.join_code, "ACDEFG"])
    monkeypatch.setattr("storage._session.new_code", lambda: next(fresh))
    assert make_werkplaats(engine, content).join_code == "ACDEFG"


def test_code_taken_by_a_concurrent_insert_is_retried(
    engine: Engine, content: scoring.ContentSnapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_werkplaats(engine, content)
    # As if another request took the code between our check and our insert.
    offered = iter([first.join_code, "ACDEFG"])
    monkeypatch.setattr("storage.werkplaatsen.free_code", lambda _session: next(offered))
    assert make_werkplaats(engine, content).join_code == "ACDEFG"


def test_find_by_code_accepts_how_people_type_it(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio = make_trio(engine, werkplaats)
    for typed in (werkplaats.join_code.lower(), storage.format_code(werkplaats.join_code), f" {werkplaats.join_code} "):
        assert storage.find_werkplaats_by_code(engine, typed) == werkplaats
    assert storage.find_trio_by_code(engine, storage.format_code(trio.code).lower()) == trio
    # A werkplaats code is not a trio code and the other way round.
    assert storage.find_trio_by_code(engine, werkplaats.join_code) is None
    assert storage.find_werkplaats_by_code(engine, trio.code) is None


@pytest.mark.parametrize("typed", ["", "ACD34", "ACD3499", "OOOOOO", "ACD-34I", "🙂🙂🙂🙂🙂🙂", "A" * 10_000])
def test_unknown_or_mistyped_code_finds_nothing(engine: Engine, typed: str) -> None:
    with count_statements(engine) as statements:
        assert storage.find_werkplaats_by_code(engine, typed) is None
        assert storage.find_trio_by_code(engine, typed) is None
    assert statements == []  # impossible codes are not even looked up


def test_well_formed_but_unknown_code_finds_nothing(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    unknown = "ACDEFG" if werkplaats.join_code != "ACDEFG" else "GFEDCA"
    assert storage.find_werkplaats_by_code(engine, unknown) is None


def test_member_tokens_have_at_least_128_random_bits(engine: Engine, content: scoring.ContentSnapshot) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    tokens = [make_member(engine, trio).token for _ in range(20)]
    assert len(set(tokens)) == len(tokens)
    for token in tokens:
        assert storage.looks_like_token(token)
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
        assert len(token) * 6 >= 128  # each urlsafe base64 character carries 6 bits
    assert codes.TOKEN_BYTES * 8 >= 128


@pytest.mark.parametrize(
    "candidate",
    [
        "",
        "kort",
        secrets.token_urlsafe(24)[:-1],
        secrets.token_urlsafe(24) + "A",
        secrets.token_urlsafe(24)[:-1] + "=",
        secrets.token_urlsafe(24)[:-1] + "/",
        secrets.token_urlsafe(24)[:-1] + " ",
        "ä" * 32,
        "x" * 101,
        "A" * 100_000,
        "'; DROP TABLE member; --" + "A" * 8,
        None,
        12345,
    ],
)
def test_malformed_token_gives_none_without_a_query(engine: Engine, candidate: Any) -> None:
    assert not storage.looks_like_token(candidate)
    with count_statements(engine) as statements:
        assert storage.member_context(engine, candidate) is None
    assert statements == []


def test_unknown_token_gives_none(engine: Engine) -> None:
    assert storage.member_context(engine, secrets.token_urlsafe(24)) is None
