"""Storage: schema, codes, tokens, answers, choices, actions, retention, failures and demo data.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select, text

import scoring
import storage
from storage import codes, db, demo
from storage.__main__ import main as storage_main
from storage.models import Action, Answer, Member, PerspectiveChoice, Trio, Werkplaats
from tests.sql_support import count_statements

TODAY = date(2025, 3, 14)
REPO_ROOT = Path(__file__).resolve().parent.parent


# --- Helpers ------------------------------------------------------------------




def row_count(engine: Engine, table: type[Any], *conditions: Any) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table).where(*conditions)) or 0)


def make_werkplaats(
    engine: Engine, content: scoring.ContentSnapshot, name: str = "Werkplaats Oost"
) -> storage.WerkplaatsRecord:
    return storage.create_werkplaats(engine, name=name, held_on=TODAY, content=content)


def make_trio(
    engine: Engine, werkplaats: storage.WerkplaatsRecord, municipality: str = "Gemeente Voorbeeldstad"
) -> storage.TrioRecord:
    return storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=municipality, casus="Buurthuis")


def make_member(engine: Engine, trio: storage.TrioRecord, role: str = "sociaal") -> storage.MemberRecord:
    return storage.create_member(engine, trio_id=trio.id, role=role, display_name="Anouk")


# --- Schema and engine --------------------------------------------------------


def test_fresh_database_gets_schema_version_1(engine: Engine) -> None:
    assert storage.stored_schema_version(engine) == 1 == db.current_version()


def test_init_schema_twice_is_a_no_op(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    storage.init_schema(engine)
    storage.init_schema(engine)
    assert storage.stored_schema_version(engine) == 1
    assert storage.get_werkplaats(engine, werkplaats.id) == werkplaats
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM schema_version")) == 1


def test_upgrade_steps_run_once_in_order(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    applied: list[int] = []

    def step(number: int) -> db.UpgradeStep:
        def run(conn: Connection) -> None:
            applied.append(number)
            conn.execute(text("ALTER TABLE trio ADD COLUMN note" + str(number) + " VARCHAR(10)"))

        return run

    monkeypatch.setattr(db, "UPGRADES", [step(2), step(3)])
    storage.init_schema(engine)
    storage.init_schema(engine)
    assert applied == [2, 3]
    assert storage.stored_schema_version(engine) == 3


def test_newer_schema_than_app_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 99"))
    with pytest.raises(storage.StorageUnavailable, match="nieuwere versie"):
        storage.init_schema(engine)


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    engine.dispose()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@db.example/rolwijzer", "postgresql+psycopg://u:p@db.example/rolwijzer"),
        ("postgres://u@host:5433/x", "postgresql+psycopg://u@host:5433/x"),
        ("postgresql+psycopg://u@h/x", "postgresql+psycopg://u@h/x"),
        ("sqlite:///data/x.db", "sqlite:///data/x.db"),
    ],
)
def test_normalise_url(given: str, expected: str) -> None:
    assert db.normalise_url(given) == expected


def test_database_url_prefers_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/rolwijzer")
    assert storage.database_url() == "postgresql+psycopg://u@h/rolwijzer"


def test_database_url_defaults_to_sqlite_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(db, "_url_from_streamlit_secrets", lambda: None)
    assert storage.database_url() == f"sqlite:///{db.DEFAULT_SQLITE_FILE}"
    assert db.DEFAULT_SQLITE_FILE.parent.is_dir()


class FakeSecrets:
    def __init__(self, values: dict[str, str] | None, *, broken: bool = False) -> None:
        self.values = values
        self.broken = broken

    def load_if_toml_exists(self) -> bool:
        if self.broken:
            raise RuntimeError("secrets.toml is geen geldige TOML")
        return self.values is not None

    def get(self, key: str) -> str | None:
        return (self.values or {}).get(key)


@pytest.mark.parametrize(
    ("secrets_object", "expected"),
    [
        (FakeSecrets({"DATABASE_URL": "postgresql://u@h/db"}), "postgresql+psycopg://u@h/db"),
        (FakeSecrets({"ANDERS": "x"}), None),
        (FakeSecrets(None), None),  # no secrets file
        (FakeSecrets({}, broken=True), None),  # unreadable secrets must not stop the app
    ],
)
def test_database_url_from_streamlit_secrets(
    monkeypatch: pytest.MonkeyPatch, secrets_object: FakeSecrets, expected: str | None
) -> None:
    import streamlit

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(streamlit, "secrets", secrets_object)
    assert storage.database_url() == (expected or f"sqlite:///{db.DEFAULT_SQLITE_FILE}")


def test_get_engine_is_cached_per_url(tmp_path: Path) -> None:
    first = storage.get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    assert storage.get_engine(f"sqlite:///{tmp_path / 'a.db'}") is first
    assert storage.get_engine(f"sqlite:///{tmp_path / 'b.db'}") is not first


# --- Failures -----------------------------------------------------------------


@pytest.mark.parametrize(
    "garbage",
    [
        b"this is certainly not a database, just some text that someone saved here" * 20,
        bytes(range(256)) * 40,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # right header, damaged rest
    ],
)
def test_corrupt_sqlite_file_is_reported_with_its_path(tmp_path: Path, garbage: bytes) -> None:
    path = tmp_path / "kapot.db"
    path.write_bytes(garbage)
    with pytest.raises(storage.StorageUnavailable) as caught:
        storage.make_engine(f"sqlite:///{path}")
    assert str(caught.value) == f"Het databasebestand {path} is beschadigd of geen SQLite-database."
    assert caught.value.location == str(path)


def test_sqlite_file_in_missing_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet" / "x.db"
    with pytest.raises(storage.StorageUnavailable, match=re.escape(str(path))):
        storage.make_engine(f"sqlite:///{path}")


def test_read_only_database_refuses_writes_with_a_notice(tmp_path: Path, content: scoring.ContentSnapshot) -> None:
    path = tmp_path / "alleen-lezen.db"
    storage.make_engine(f"sqlite:///{path}").dispose()
    read_only = storage.make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert storage.list_werkplaatsen(read_only) == []
    with pytest.raises(storage.StorageUnavailable, match="alleen-lezen") as caught:
        make_werkplaats(read_only, content)
    assert str(path) in str(caught.value)
    read_only.dispose()


def test_database_damaged_while_running_gives_storage_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "rolwijzer.db"
    engine = storage.make_engine(f"sqlite:///{path}")
    engine.dispose()  # close pooled connections, as after a restart of the pool
    for leftover in tmp_path.glob("rolwijzer.db-*"):
        leftover.unlink()
    path.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(storage.StorageUnavailable, match="beschadigd"):
        storage.list_werkplaatsen(engine)


def test_unreachable_postgres_gives_storage_unavailable_without_password() -> None:
    port = _closed_port()
    with pytest.raises(storage.StorageUnavailable) as caught:
        storage.make_engine(f"postgresql://rolwijzer:geheim@127.0.0.1:{port}/rolwijzer")
    assert "niet bereikbaar" in str(caught.value)
    assert "geheim" not in str(caught.value)


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("url", ["mysql://u@h/x", "niet een url"])
def test_unsupported_or_invalid_url_is_reported(url: str) -> None:
    with pytest.raises(storage.StorageUnavailable):
        storage.make_engine(url)


def test_integrity_errors_are_not_disguised_as_unavailable(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        storage.save_answer(engine, member_id=12345, question_id="agenda", frame="nu", value=3)


def test_sqlite_error_names_map_to_dutch_messages() -> None:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorname = "SQLITE_BUSY"
    assert "bezet" in db._sqlite_message("/x/y.db", error)
    error.sqlite_errorname = "SQLITE_FULL"
    assert "vol" in db._sqlite_message("/x/y.db", error)


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


# --- Werkplaatsen, trios, members ---------------------------------------------


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


# --- Input limits -------------------------------------------------------------

LIMIT_CASES = [
    # (function, field name in the message, limit, make keyword arguments for a text)
    ("create_trio", "Gemeente", storage.MAX_MUNICIPALITY, lambda ids, t: {"werkplaats_id": ids["w"], "municipality": t}),
    ("create_trio", "Casus", storage.MAX_CASUS, lambda ids, t: {"werkplaats_id": ids["w"], "municipality": "G", "casus": t}),
    ("create_member", "Naam", storage.MAX_DISPLAY_NAME, lambda ids, t: {"trio_id": ids["t"], "role": "sociaal", "display_name": t}),
    ("add_action", "Wat", storage.MAX_ACTION_WHAT, lambda ids, t: {"trio_id": ids["t"], "what": t}),
    ("add_action", "Wie", storage.MAX_ACTION_WHO, lambda ids, t: {"trio_id": ids["t"], "what": "x", "who": t}),
    ("add_action", "Wanneer", storage.MAX_ACTION_WHEN, lambda ids, t: {"trio_id": ids["t"], "what": "x", "when_text": t}),
]  # fmt: skip


@pytest.mark.parametrize(("function", "field", "limit", "arguments"), LIMIT_CASES)
def test_text_limits(
    engine: Engine, content: scoring.ContentSnapshot, function: str, field: str, limit: int, arguments: Any
) -> None:
    werkplaats = make_werkplaats(engine, content)
    ids = {"w": werkplaats.id, "t": make_trio(engine, werkplaats).id}
    create = getattr(storage, function)
    at_limit = create(engine, **arguments(ids, "  " + "é" * limit + "\n"))  # whitespace is stripped first
    assert "é" * limit in vars(at_limit).values()
    with pytest.raises(storage.InputError) as caught:
        create(engine, **arguments(ids, "é" * (limit + 1)))
    assert field in str(caught.value) and str(limit) in str(caught.value)


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_required_texts_may_not_be_blank(engine: Engine, content: scoring.ContentSnapshot, blank: str) -> None:
    werkplaats = make_werkplaats(engine, content)
    with pytest.raises(storage.InputError, match="Gemeente is verplicht"):
        storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality=blank)
    with pytest.raises(storage.InputError, match="Wat is verplicht"):
        storage.add_action(engine, trio_id=make_trio(engine, werkplaats).id, what=blank)
    with pytest.raises(storage.InputError, match="Naam van de werkplaats"):
        storage.create_werkplaats(engine, name=blank, held_on=TODAY, content=content)


def test_werkplaats_name_limit(engine: Engine, content: scoring.ContentSnapshot) -> None:
    with pytest.raises(storage.InputError, match=str(storage.MAX_WERKPLAATS_NAME)):
        make_werkplaats(engine, content, name="x" * (storage.MAX_WERKPLAATS_NAME + 1))


# --- Answers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [(3, 5), (3, None), (None, 2), (4, 4), (None, None)],
)
def test_saving_twice_keeps_one_row_with_the_latest_value(
    engine: Engine, content: scoring.ContentSnapshot, first: int | None, second: int | None
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=first)
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=second)
    assert row_count(engine, Answer, Answer.member_id == member.id) == 1
    assert storage.member_answers(engine, member.id) == {"nu": {"agenda": second}, "gewenst": {}}


def test_frames_are_stored_separately(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=2)
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="gewenst", value=5)
    assert storage.member_answers(engine, member.id) == {"nu": {"agenda": 2}, "gewenst": {"agenda": 5}}


@pytest.mark.parametrize(
    ("frame", "value", "question_id"),
    [
        ("later", 3, "agenda"),
        ("Nu", 3, "agenda"),
        ("nu", 0, "agenda"),
        ("nu", -1, "agenda"),
        ("nu", 12, "agenda"),
        ("nu", True, "agenda"),
        ("nu", "3", "agenda"),
        ("nu", 2.0, "agenda"),
        ("nu", 3, ""),
        ("nu", 3, "Agenda!"),
        ("nu", 3, "x" * 65),
    ],
)
def test_invalid_answers_are_refused(
    engine: Engine, content: scoring.ContentSnapshot, frame: str, value: Any, question_id: str
) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    with pytest.raises(storage.InputError):
        storage.save_answer(engine, member_id=member.id, question_id=question_id, frame=frame, value=value)
    assert row_count(engine, Answer) == 0


def test_save_answers_in_bulk_and_clear_one(engine: Engine, content: scoring.ContentSnapshot) -> None:
    member = make_member(engine, make_trio(engine, make_werkplaats(engine, content)))
    storage.save_answers(engine, member_id=member.id, frame="gewenst", answers={"agenda": 4, "budget": None})
    storage.save_answers(engine, member_id=member.id, frame="gewenst", answers={"agenda": 1, "initiatief": 5})
    storage.save_answers(engine, member_id=member.id, frame="nu", answers={})
    assert storage.member_answers(engine, member.id)["gewenst"] == {"agenda": 1, "budget": None, "initiatief": 5}
    storage.clear_answer(engine, member_id=member.id, question_id="budget", frame="gewenst")
    storage.clear_answer(engine, member_id=member.id, question_id="budget", frame="gewenst")  # already gone
    assert storage.member_answers(engine, member.id)["gewenst"] == {"agenda": 1, "initiatief": 5}
    with pytest.raises(storage.InputError):
        storage.save_answers(engine, member_id=member.id, frame="nu", answers={"agenda": 1, "budget": 99})
    assert storage.member_answers(engine, member.id)["nu"] == {}  # all or nothing


def test_trio_answers_per_member_in_one_query(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = make_werkplaats(engine, content)
    trio, other_trio = make_trio(engine, werkplaats), make_trio(engine, werkplaats, "Gemeente Anders")
    first, second, silent = (make_member(engine, trio, role) for role in ("wijkambtenaar", "sociaal", "fysiek"))
    outsider = make_member(engine, other_trio)
    storage.save_answers(engine, member_id=first.id, frame="nu", answers={"agenda": 2, "budget": None})
    storage.save_answers(engine, member_id=second.id, frame="gewenst", answers={"agenda": 5})
    storage.save_answers(engine, member_id=outsider.id, frame="nu", answers={"agenda": 1})
    with count_statements(engine) as statements:
        answers = storage.trio_answers(engine, trio.id)
    assert len(statements) == 1
    assert answers == {
        first.id: {"nu": {"agenda": 2, "budget": None}, "gewenst": {}},
        second.id: {"nu": {}, "gewenst": {"agenda": 5}},
        silent.id: {"nu": {}, "gewenst": {}},
    }


def test_werkplaats_answers_for_the_wall_in_one_query(
    engine: Engine, content: scoring.ContentSnapshot, model: scoring.Model
) -> None:
    werkplaats = make_werkplaats(engine, content)
    other = make_werkplaats(engine, content, name="Andere werkplaats")
    expected: dict[int, dict[int, storage.MemberAnswers]] = {}
    for i in range(12):
        trio = make_trio(engine, werkplaats, f"Gemeente {i}")
        expected[trio.id] = {}
        for j, role in enumerate(("wijkambtenaar", "sociaal", "veiligheid")[: i % 4]):
            member = make_member(engine, trio, role)
            nu: dict[str, int | None] = {q.id: (i + j + k) % 5 + 1 for k, q in enumerate(model.questions)}
            gewenst = {q.id: None if k == j else 5 for k, q in enumerate(model.questions)}
            storage.save_answers(engine, member_id=member.id, frame="nu", answers=nu)
            storage.save_answers(engine, member_id=member.id, frame="gewenst", answers=gewenst)
            expected[trio.id][member.id] = {"nu": nu, "gewenst": gewenst}
    outsider = make_member(engine, make_trio(engine, other))
    storage.save_answer(engine, member_id=outsider.id, question_id="agenda", frame="nu", value=1)

    with count_statements(engine) as statements:
        answers = storage.werkplaats_answers(engine, werkplaats.id)
    assert len(statements) == 1
    assert answers == expected
    assert list(answers) == sorted(answers)  # trios in the order they were made

    with count_statements(engine) as statements:
        rows = storage.werkplaats_answer_rows(engine, werkplaats.id)
    assert len(statements) == 1
    stored_count = sum(len(a["nu"]) + len(a["gewenst"]) for members in expected.values() for a in members.values())
    assert len(rows) == stored_count
    assert {(r.trio_id, r.member_id, r.frame, r.question_id, r.value) for r in rows} == {
        (trio_id, member_id, frame, qid, value)
        for trio_id, members in expected.items()
        for member_id, frames in members.items()
        for frame, values in frames.items()
        for qid, value in values.items()
    }
    assert all(row.updated_at.tzinfo is not None for row in rows)


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


# --- Demo data ----------------------------------------------------------------


def test_demo_werkplaats_has_8_fictitious_trios_with_complete_answers(
    engine: Engine, model: scoring.Model
) -> None:
    werkplaats = demo.create_demo_werkplaats(engine, seed=7)
    assert werkplaats.name == "Demowerkplaats"
    grouped = storage.werkplaats_members(engine, werkplaats.id)
    fictitious = {name for name, _casus in demo.DEMO_MUNICIPALITIES}
    assert len(grouped) == 8
    assert {g.trio.municipality for g in grouped} == fictitious
    for group in grouped:
        assert group.trio.municipality.startswith("Gemeente ")
        assert group.trio.casus
        assert len(group.members) == 3
        assert group.members[0].role == "wijkambtenaar"
        assert {m.role for m in group.members[1:]} <= {"sociaal", "fysiek", "veiligheid"}

    answers = storage.werkplaats_answers(engine, werkplaats.id)
    question_ids = {q.id for q in model.questions}
    values: list[int | None] = []
    for members in answers.values():
        for frames in members.values():
            for frame in storage.FRAMES:
                assert set(frames[frame]) == question_ids
                values.extend(frames[frame].values())
    assert None in values  # a few "weet ik niet"
    assert len({v for v in values if v is not None}) == model.scale.points  # varied

    # Desired positions lie more towards high x and high y than current ones.
    def mean_position(frame: storage.Frame) -> tuple[float, float]:
        scores = [scoring.score(model, frames[frame]) for m in answers.values() for frames in m.values()]
        group = scoring.aggregate(scores, model)
        assert group.x is not None and group.y is not None
        return group.x, group.y

    (nu_x, nu_y), (gewenst_x, gewenst_y) = mean_position("nu"), mean_position("gewenst")
    assert gewenst_x > nu_x and gewenst_y > nu_y


def test_demo_is_deterministic_per_seed(tmp_path: Path) -> None:
    def answers_for(seed: int, name: str) -> list[list[storage.MemberAnswers]]:
        """Answers per trio and member in order; ids and codes may differ between databases."""
        engine = storage.make_engine(f"sqlite:///{tmp_path / name}")
        werkplaats = demo.create_demo_werkplaats(engine, seed=seed)
        result = storage.werkplaats_answers(engine, werkplaats.id)
        engine.dispose()
        return [list(members.values()) for members in result.values()]

    assert answers_for(1, "a.db") == answers_for(1, "b.db")
    assert answers_for(1, "c.db") != answers_for(2, "d.db")


def test_cli_init_and_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert storage_main(["init"]) == 0
    assert "schemaversie 1" in capsys.readouterr().out
    assert storage_main(["demo", "--seed", "3"]) == 0
    output = capsys.readouterr().out
    code = re.search(r"Deelnamecode: ([A-Z0-9]{3}-[A-Z0-9]{3})", output)
    assert code is not None
    engine = storage.get_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    found = storage.find_werkplaats_by_code(engine, code.group(1))
    assert found is not None and found.name == "Demowerkplaats"
