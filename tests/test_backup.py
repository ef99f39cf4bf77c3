"""Backup and restore of a whole werkplaats (storage.backup).

The round trip runs from SQLite and from PostgreSQL (the ``engine`` fixture) into a
fresh SQLite file and back into the same database; tampered files are rejected with
a specific Dutch message before anything is written.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

import scoring
import storage
from scoring.loader import content_hash
from storage import codes
from storage.backup import (
    MAX_BACKUP_BYTES,
    BackupError,
    backup_json,
    backup_werkplaats,
    read_backup,
    restore,
    restore_werkplaats,
)
from storage.demo import create_demo_werkplaats
from storage.models import Action, Answer, InfluenceChoice, Member, PerspectiveChoice, Trio, Werkplaats

TABLES = (Werkplaats, Trio, Member, Answer, InfluenceChoice, PerspectiveChoice, Action)
TODAY = date(2025, 3, 14)
LEGACY_BACKUP = Path(__file__).resolve().parent / "data" / "legacy" / "backup-v1.json"
"""Written by Rolwijzer before levels and influence choices (format version 1)."""


# --- Helpers ------------------------------------------------------------------


def row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.__tablename__: int(conn.scalar(select(func.count()).select_from(t)) or 0) for t in TABLES}


def scored(engine: Engine, werkplaats_id: int) -> list[dict[str, Any]]:
    """Everything a restore must keep, without ids, codes or tokens, scored with scoring.group_result."""
    werkplaats = storage.get_werkplaats(engine, werkplaats_id)
    assert werkplaats is not None
    model = storage.model_for_werkplaats(werkplaats)
    answers = storage.werkplaats_answers(engine, werkplaats_id)
    rows = storage.werkplaats_answer_rows(engine, werkplaats_id)
    influence = storage.werkplaats_influence_rows(engine, werkplaats_id)
    result = []
    for entry in storage.werkplaats_members(engine, werkplaats_id):
        trio = entry.trio
        inputs = [
            scoring.MemberInput(
                member_id=str(i), role=m.role, label=m.display_name, answers=answers[trio.id][m.id]
            )
            for i, m in enumerate(entry.members)
        ]
        group = scoring.group_result(model, inputs)
        member_index = {m.id: i for i, m in enumerate(entry.members)}
        result.append(
            {
                "trio": (trio.municipality, trio.casus, trio.created_at),
                "members": [(m.role, m.display_name, m.created_at, m.level) for m in entry.members],
                "member_scores": [
                    (r.member_id, r.role, r.label, r.nu, r.gewenst, r.answers) for r in group.members
                ],
                "group": (group.nu, group.gewenst),
                "answer_rows": [
                    (member_index[r.member_id], r.question_id, r.frame, r.value, r.updated_at)
                    for r in rows
                    if r.trio_id == trio.id
                ],
                "influence": [
                    (member_index[r.member_id], r.question_id, r.option_id, r.updated_at)
                    for r in influence
                    if r.trio_id == trio.id
                ],
                "choices": storage.chosen_perspectives(engine, trio.id),
                "actions": [
                    (a.what, a.who, a.when_text, a.created_at) for a in storage.list_actions(engine, trio.id)
                ],
            }
        )
    return result


def secrets_of(engine: Engine, werkplaats_id: int) -> tuple[str, set[str], set[str]]:
    werkplaats = storage.get_werkplaats(engine, werkplaats_id)
    assert werkplaats is not None
    trios = storage.werkplaats_members(engine, werkplaats_id)
    return (
        werkplaats.join_code,
        {t.trio.code for t in trios},
        {m.token for t in trios for m in t.members},
    )


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid backup of the demo werkplaats, with a 'weet ik niet' answer at a known place."""
    engine = storage.make_engine(f"sqlite:///{tmp_path_factory.mktemp('source') / 'source.db'}")
    try:
        werkplaats = create_demo_werkplaats(engine, seed=11)
        member = storage.werkplaats_members(engine, werkplaats.id)[0].members[0]
        storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="nu", value=None)
        return backup_werkplaats(engine, werkplaats.id)
    finally:
        engine.dispose()


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Engine]:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    yield engine
    engine.dispose()


# --- Round trip ---------------------------------------------------------------


def test_round_trip_into_an_empty_database_keeps_every_score(engine: Engine, target: Engine) -> None:
    source = create_demo_werkplaats(engine, seed=5)
    storage.add_action(
        engine, trio_id=storage.list_trios(engine, source.id)[4].id, what="Nog één ∑ actie", who="Ëva"
    )
    data = backup_json(engine, source.id)
    assert row_counts(target) == dict.fromkeys(row_counts(target), 0)

    restored = restore_werkplaats(target, data)

    original = scored(engine, source.id)
    copy_ = scored(target, restored.id)
    assert copy_ == original
    assert len(original) == 8
    assert sum(len(t["answer_rows"]) for t in original) == row_counts(engine)["answer"]
    assert sum(len(t["influence"]) for t in original) == row_counts(engine)["influence_choice"] > 100
    levels = [level for t in original for (*_, level) in t["members"]]
    assert None not in levels and len(set(levels)) > 1
    assert sum(len(t["choices"]) for t in original) == 6
    assert sum(len(t["actions"]) for t in original) == 4
    assert row_counts(target) == row_counts(engine)
    assert (restored.name, restored.held_on, restored.standalone, restored.content_hash) == (
        source.name,
        source.held_on,
        source.standalone,
        source.content_hash,
    )
    assert storage.get_werkplaats(target, restored.id) == restored
    assert storage.model_for_werkplaats(restored).content_hash == source.content_hash


def test_restore_makes_new_codes_and_tokens_that_work(engine: Engine) -> None:
    source = create_demo_werkplaats(engine, seed=6)
    data = backup_json(engine, source.id)
    restored = restore_werkplaats(engine, data)  # into the same database: every code must differ

    old_code, old_trio_codes, old_tokens = secrets_of(engine, source.id)
    new_code, new_trio_codes, new_tokens = secrets_of(engine, restored.id)
    assert new_code != old_code
    assert not new_trio_codes & old_trio_codes
    assert not new_tokens & old_tokens
    assert len(new_trio_codes) == 8 and len(new_tokens) == 24
    assert new_code not in new_trio_codes
    assert all(codes.is_valid_code(c) for c in {new_code, *new_trio_codes})
    assert all(storage.looks_like_token(t) for t in new_tokens)
    assert scored(engine, restored.id) == scored(engine, source.id)
    assert storage.find_werkplaats_by_code(engine, new_code) == restored
    token = next(iter(new_tokens))
    context = storage.member_context(engine, token)
    assert context is not None and context.werkplaats.id == restored.id


def test_backup_contains_no_secrets(engine: Engine) -> None:
    source = create_demo_werkplaats(engine, seed=8)
    text = backup_json(engine, source.id).decode("utf-8")
    join_code, trio_codes, tokens = secrets_of(engine, source.id)
    assert tokens and all(token not in text for token in tokens)
    assert all(f'"{code}"' not in text for code in {join_code, *trio_codes})
    assert '"token"' not in text and '"code"' not in text and '"join_code"' not in text


def test_backup_format(engine: Engine, content: scoring.ContentSnapshot) -> None:
    werkplaats = storage.create_werkplaats(
        engine, name="Werkplaats Zuid – één", held_on=TODAY, content=content, standalone=True
    )
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Ærø", casus="")
    member = storage.create_member(engine, trio_id=trio.id, role="sociaal", display_name="Zoë", level="bestuur")
    storage.save_answer(engine, member_id=member.id, question_id="agenda", frame="gewenst", value=4)
    storage.save_influence_choice(engine, member_id=member.id, question_id="agenda", option_id="bewoners")
    storage.set_perspective_choice(
        engine,
        trio_id=trio.id,
        perspective_id=storage.model_for_werkplaats(werkplaats).perspectives[0].id,
        chosen=True,
    )
    storage.add_action(engine, trio_id=trio.id, what="Bellen", who="", when_text="maandag")
    raw = backup_json(engine, werkplaats.id)
    text = raw.decode("utf-8")
    assert "één" in text and "Zoë" in text  # ensure_ascii=False
    assert text.startswith('{\n "format": "rolwijzer-backup",\n "version": 3,')  # indent 1
    data = json.loads(raw)
    assert set(data) == {"format", "version", "exported_at", "werkplaats", "trios"}
    assert set(data["werkplaats"]) == {
        "name",
        "held_on",
        "standalone",
        "created_at",
        "content_hash",
        "content",
        "traject_name",
        "position",
    }
    assert (data["werkplaats"]["traject_name"], data["werkplaats"]["position"]) == (None, None)
    assert data["werkplaats"]["held_on"] == "2025-03-14"
    assert data["werkplaats"]["standalone"] is True
    assert set(data["werkplaats"]["content"]) == set(scoring.CONTENT_FILES)
    assert data["werkplaats"]["content"] == dict(content.files)
    (trio_data,) = data["trios"]
    assert set(trio_data) == {
        "municipality",
        "casus",
        "created_at",
        "members",
        "chosen_perspectives",
        "actions",
        "leervragen",
        "shared_at",
    }
    assert trio_data["leervragen"] == [] and trio_data["shared_at"] is None
    (member_data,) = trio_data["members"]
    assert set(member_data) == {"role", "kind", "display_name", "created_at", "level", "answers", "influence"}
    assert member_data["kind"] == "trio"
    assert member_data["level"] == "bestuur"
    (answer,) = member_data["answers"]
    assert answer["question"] == "agenda" and answer["frame"] == "gewenst" and answer["value"] == 4
    assert answer["carried"] is False
    assert answer["updated_at"].endswith("+00:00")
    (influence,) = member_data["influence"]
    assert (influence["question"], influence["option"]) == ("agenda", "bewoners")
    assert influence["updated_at"].endswith("+00:00")
    assert set(trio_data["chosen_perspectives"][0]) == {"perspective", "chosen_at"}
    assert trio_data["actions"] == [
        {
            "what": "Bellen",
            "who": "",
            "when_text": "maandag",
            "created_at": trio_data["actions"][0]["created_at"],
            "status": None,
            "reflection": "",
            "followed_up_at": None,
        }
    ]


def test_empty_werkplaats_round_trip(
    engine: Engine, target: Engine, content: scoring.ContentSnapshot
) -> None:
    werkplaats = storage.create_werkplaats(engine, name="Leeg", held_on=TODAY, content=content)
    trio = storage.create_trio(engine, werkplaats_id=werkplaats.id, municipality="Gemeente Leeg")
    storage.create_member(engine, trio_id=trio.id, role="sociaal")
    restored = restore_werkplaats(target, backup_json(engine, werkplaats.id))
    assert scored(target, restored.id) == scored(engine, werkplaats.id)
    assert row_counts(target)["answer"] == 0 and row_counts(target)["member"] == 1


def test_backup_of_unknown_werkplaats_is_not_found(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        backup_werkplaats(engine, 12345)


def test_restore_accepts_bytes_text_dict_and_a_byte_order_mark(
    demo_backup: dict[str, Any], target: Engine
) -> None:
    raw = json.dumps(demo_backup, ensure_ascii=False).encode("utf-8")
    first = restore_werkplaats(target, raw)
    second = restore_werkplaats(target, raw.decode("utf-8"))
    third = restore_werkplaats(target, demo_backup)
    fourth = restore_werkplaats(target, b"\xef\xbb\xbf" + raw)
    ids = [first.id, second.id, third.id, fourth.id]
    assert len(set(ids)) == 4
    assert all(scored(target, i) == scored(target, first.id) for i in ids)


def test_restore_uses_the_backups_own_content(demo_backup: dict[str, Any], target: Engine) -> None:
    """A seven-point scale in the backup's content allows 7, whatever today's content says."""
    data = copy.deepcopy(demo_backup)
    content = data["werkplaats"]["content"]
    content["model.yaml"] = content["model.yaml"].replace("points: 5", "points: 7")
    data["werkplaats"]["content_hash"] = content_hash(content)
    data["trios"][0]["members"][0]["answers"][1]["value"] = 7
    restored = restore_werkplaats(target, data)
    model = storage.model_for_werkplaats(restored)
    assert model.scale.points == 7
    assert 7 in {r.value for r in storage.werkplaats_answer_rows(target, restored.id)}


def test_read_backup_checks_without_a_database(demo_backup: dict[str, Any]) -> None:
    checked, model = read_backup(demo_backup)
    assert len(checked.trios) == 8
    assert model.content_hash == demo_backup["werkplaats"]["content_hash"]


# --- Older versions -------------------------------------------------------------


def as_version_2(backup: dict[str, Any]) -> dict[str, Any]:
    """``backup`` as Rolwijzer wrote it before rounds (format version 2): no bestuurder, no round fields."""
    data = copy.deepcopy(backup)
    data["version"] = 2
    del data["werkplaats"]["traject_name"], data["werkplaats"]["position"]
    for trio in data["trios"]:
        del trio["leervragen"], trio["shared_at"]
        trio["members"] = [m for m in trio["members"] if m.pop("kind") == "trio"]
        for member in trio["members"]:
            for answer in member["answers"]:
                del answer["carried"]
        for action in trio["actions"]:
            del action["status"], action["reflection"], action["followed_up_at"]
    return data


def as_version_1(backup: dict[str, Any]) -> dict[str, Any]:
    """``backup`` as Rolwijzer wrote it before levels and influence choices (format version 1)."""
    data = as_version_2(backup)
    data["version"] = 1
    for trio in data["trios"]:
        for member in trio["members"]:
            del member["level"], member["influence"]
    return data


def test_a_version_1_backup_restores_without_levels_and_choices(
    demo_backup: dict[str, Any], target: Engine
) -> None:
    current = restore_werkplaats(target, demo_backup)
    older = restore_werkplaats(target, as_version_1(demo_backup))
    expected = scored(target, current.id)
    for trio in expected:
        trio["members"] = [(*member[:3], None) for member in trio["members"]]
        trio["influence"] = []
    assert scored(target, older.id) == expected  # everything else is kept
    assert storage.werkplaats_influence_rows(target, older.id) == []
    assert storage.werkplaats_influence_rows(target, current.id)


def test_the_backup_written_before_levels_and_influence_restores_without_them(target: Engine) -> None:
    data = LEGACY_BACKUP.read_bytes()
    assert json.loads(data)["version"] == 1
    restored = restore_werkplaats(target, data)
    members = [m for entry in storage.werkplaats_members(target, restored.id) for m in entry.members]
    assert len(members) == 24 and all(m.level is None for m in members)
    assert storage.werkplaats_influence_rows(target, restored.id) == []
    assert len(storage.werkplaats_answer_rows(target, restored.id)) == 576
    # A backup of the restored copy is version 3, with empty levels and choices, and restores the same.
    again = restore_werkplaats(target, backup_json(target, restored.id))
    assert scored(target, again.id) == scored(target, restored.id)


# --- Tampered files -------------------------------------------------------------

Tamper = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Tamper:
    """Set a value at a path like ``trios/0/municipality`` (numbers index lists); return the document."""

    def apply(data: dict[str, Any]) -> Any:
        *parents, last = path.split("/")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value
        return data

    return apply


def _delete(path: str) -> Tamper:
    def apply(data: dict[str, Any]) -> Any:
        *parents, last = path.split("/")
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]
        return data

    return apply


def _change_content(edit: Callable[[str], str], *, rehash: bool) -> Tamper:
    def apply(data: dict[str, Any]) -> Any:
        content = data["werkplaats"]["content"]
        content["questions.yaml"] = edit(content["questions.yaml"])
        if rehash:
            data["werkplaats"]["content_hash"] = content_hash(content)
        return data

    return apply


def _model_yaml(edit: Callable[[str], str]) -> Tamper:
    def apply(data: dict[str, Any]) -> Any:
        content = data["werkplaats"]["content"]
        content["model.yaml"] = edit(content["model.yaml"])
        data["werkplaats"]["content_hash"] = content_hash(content)
        return data

    return apply


def _duplicate_answer(data: dict[str, Any]) -> Any:
    answers = data["trios"][1]["members"][2]["answers"]
    answers.append(dict(answers[3]))
    return data


def _duplicate_choice(data: dict[str, Any]) -> Any:
    choices = data["trios"][0]["chosen_perspectives"]
    choices.append(dict(choices[0]))
    return data


def _duplicate_influence(data: dict[str, Any]) -> Any:
    choices = data["trios"][0]["members"][0]["influence"]
    choices.append(dict(choices[0]))
    return data


def _without_influence_question(data: dict[str, Any]) -> Any:
    """The content as an older pack that does not ask who can change what."""

    def drop(text: str) -> str:
        meta = yaml.safe_load(text)
        del meta["influence"]
        return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)

    return _model_yaml(drop)(data)


def _raw(text: str) -> Tamper:
    return lambda _data: text.encode("utf-8")


def _duplicate_json_key(data: dict[str, Any]) -> Any:
    text = json.dumps(data, ensure_ascii=False)
    return text.replace('"municipality": ', '"municipality": "=HYPERLINK(1)", "municipality": ', 1).encode()


def _dont_know_not_allowed(data: dict[str, Any]) -> Any:
    data = _model_yaml(lambda t: t.replace("dont_know: true", "dont_know: false"))(data)
    data["trios"][0]["members"][0]["answers"] = [
        a for a in data["trios"][0]["members"][0]["answers"] if a["value"] is None
    ]
    return data


TAMPERED: list[tuple[str, Tamper, str]] = [
    (
        "wrong format tag",
        _set("format", "excel-export"),
        "dit is geen Rolwijzer-back-up (format is 'excel-export'",
    ),
    ("format missing", _delete("format"), "dit is geen Rolwijzer-back-up (format is None"),
    ("version 99", _set("version", 99), "versie 99 wordt niet ondersteund; deze Rolwijzer leest versie 1, 2 en 3"),
    ("version as text", _set("version", "1"), "versie '1' wordt niet ondersteund"),
    ("version 4", _set("version", 4), "versie 4 wordt niet ondersteund; deze Rolwijzer leest versie 1, 2 en 3"),
    (
        "content changed without hash",
        _change_content(lambda t: t.replace("Kennis en data", "Kennis en cijfers"), rehash=False),
        "werkplaats.content_hash: de inhoud past niet bij de hash",
    ),
    (
        "content hash replaced",
        _set("werkplaats/content_hash", "0123456789abcdef"),
        "werkplaats.content_hash: de inhoud past niet bij de hash (0123456789abcdef",
    ),
    (
        "invalid content with matching hash",
        _change_content(lambda t: t.replace("axis: x", "axis: z", 1), rehash=True),
        "werkplaats.content: inhoud ongeldig: questions.yaml: questions[kennis_en_data].axis",
    ),
    (
        "content file missing",
        _delete("werkplaats/content/perspectives.yaml"),
        "werkplaats.content: bestand perspectives.yaml ontbreekt",
    ),
    (
        "unknown content file",
        _set("werkplaats/content/extra.yaml", "x: 1"),
        "werkplaats.content.extra.yaml (naam): 'extra.yaml' is niet toegestaan",
    ),
    (
        "value out of range",
        _set("trios/2/members/0/answers/5/value", 9),
        "Back-up ongeldig: trios[2].members[0].answers[5].value: 9 ligt buiten de schaal 1..5",
    ),
    (
        "value zero",
        _set("trios/0/members/1/answers/0/value", 0),
        "trios[0].members[1].answers[0].value: 0 ligt buiten",
    ),
    (
        "value true",
        _set("trios/0/members/1/answers/0/value", True),
        "answers[0].value: moet een geheel getal zijn of null",
    ),
    (
        "value as text",
        _set("trios/0/members/1/answers/0/value", "3"),
        "answers[0].value: moet een geheel getal zijn",
    ),
    (
        "value as float",
        _set("trios/0/members/1/answers/0/value", 3.0),
        "answers[0].value: moet een geheel getal zijn",
    ),
    (
        "dont know not allowed by content",
        _dont_know_not_allowed,
        "trios[0].members[0].answers[0].value: 'weet ik niet' (null) is in deze inhoud niet toegestaan",
    ),
    (
        "unknown question id",
        _set("trios/0/members/0/answers/3/question", "bestaat_niet"),
        "trios[0].members[0].answers[3].question: onbekende stelling 'bestaat_niet'",
    ),
    (
        "question id with bad characters",
        _set("trios/0/members/0/answers/3/question", "Agenda; DROP TABLE"),
        "trios[0].members[0].answers[3].question: 'Agenda; DROP TABLE' is geen geldige code",
    ),
    (
        "unknown role",
        _set("trios/1/members/1/role", "burgemeester"),
        "trios[1].members[1].role: onbekende rol 'burgemeester'",
    ),
    (
        "unknown level",
        _set("trios/0/members/1/level", "directie"),
        "trios[0].members[1].level: onbekend niveau 'directie'; de inhoud kent: bestuur, strategie, uitvoering",
    ),
    (
        "level with capitals",
        _set("trios/0/members/1/level", "Bestuur"),
        "trios[0].members[1].level: 'Bestuur' is geen geldige code",
    ),
    (
        "unknown influence option",
        _set("trios/0/members/0/influence/0/option", "de_wethouder"),
        "trios[0].members[0].influence[0].option: onbekende keuze 'de_wethouder'; de inhoud kent: bestuurlijk,",
    ),
    (
        "unknown influence question",
        _set("trios/0/members/0/influence/0/question", "bestaat_niet"),
        "trios[0].members[0].influence[0].question: onbekende stelling 'bestaat_niet'",
    ),
    ("duplicate influence choice", _duplicate_influence, "dubbele invloedskeuze bij stelling"),
    (
        "influence choices for content without the question",
        _without_influence_question,
        "trios[0].members[0].influence[0]: deze inhoud stelt de vraag 'Wie kan hier iets aan veranderen?' niet",
    ),
    ("influence not a list", _set("trios/0/members/0/influence", {"agenda": "x"}), "influence: moet een lijst zijn"),
    (
        "unknown perspective",
        _set("trios/0/chosen_perspectives/0/perspective", "nergens_voor"),
        "trios[0].chosen_perspectives[0].perspective: onbekend handelingsperspectief 'nergens_voor'",
    ),
    (
        "duplicate perspective",
        _duplicate_choice,
        "trios[0].chosen_perspectives[2].perspective: handelingsperspectief",
    ),
    ("unknown field", _set("trios/0/token", "abc"), "Back-up ongeldig: trios[0].token: onbekend veld"),
    ("unknown top field", _set("join_code", "ACDEFG"), "Back-up ongeldig: join_code: onbekend veld"),
    (
        "missing field",
        _delete("trios/3/members/2/created_at"),
        "trios[3].members[2].created_at: verplicht veld ontbreekt",
    ),
    (
        "municipality too long",
        _set("trios/0/municipality", "x" * 81),
        "trios[0].municipality: is te lang (81 tekens; maximaal 80)",
    ),
    (
        "huge casus",
        _set("trios/4/casus", "y" * 5_000_000),
        "trios[4].casus: is te lang (5000000 tekens; maximaal 300)",
    ),
    (
        "name too long",
        _set("werkplaats/name", "n" * 121),
        "werkplaats.name: is te lang (121 tekens; maximaal 120)",
    ),
    ("empty municipality", _set("trios/0/municipality", "   "), "trios[0].municipality: mag niet leeg zijn"),
    ("empty action", _set("trios/0/actions/0/what", ""), "trios[0].actions[0].what: mag niet leeg zijn"),
    (
        "municipality a number",
        _set("trios/0/municipality", 12),
        "trios[0].municipality: moet tekst zijn, niet 12",
    ),
    ("trios not a list", _set("trios", {"a": 1}), "trios: moet een lijst zijn"),
    ("member not an object", _set("trios/0/members/0", "lid"), "trios[0].members[0]: moet een object zijn"),
    (
        "standalone as text",
        _set("werkplaats/standalone", "ja"),
        "werkplaats.standalone: moet true of false zijn",
    ),
    (
        "frame later",
        _set("trios/0/members/0/answers/0/frame", "later"),
        "answers[0].frame: 'later' is niet toegestaan; verwacht: 'nu' of 'gewenst'",
    ),
    ("duplicate answer", _duplicate_answer, "trios[1].members[2].answers[24]: dubbel antwoord op stelling"),
    (
        "duplicate json key",
        _duplicate_json_key,
        "Back-up ongeldig: sleutel 'municipality' komt twee keer voor in hetzelfde object.",
    ),
    (
        "date without time zone",
        _set("trios/0/created_at", "2025-03-14T10:00:00"),
        "trios[0].created_at: '2025-03-14T10:00:00' mist de tijdzone",
    ),
    (
        "date nonsense",
        _set("trios/0/members/0/answers/0/updated_at", "gisteren"),
        "answers[0].updated_at: 'gisteren' is geen geldige datum en tijd",
    ),
    ("date as number", _set("exported_at", 1700000000), "exported_at: moet een datum en tijd zijn als tekst"),
    (
        "held_on invalid",
        _set("werkplaats/held_on", "2025-13-01"),
        "werkplaats.held_on: '2025-13-01' is geen geldige datum",
    ),
    (
        "not json",
        _raw("dit is geen json {"),
        "Back-up ongeldig: het bestand is geen geldige JSON (fout op regel 1, kolom 1).",
    ),
    ("empty file", _raw(""), "het bestand is geen geldige JSON"),
    (
        "json list",
        _raw('[{"format": "rolwijzer-backup"}]'),
        "verwacht een JSON-object ({...}) bovenaan het bestand",
    ),
    ("json string", _raw('"rolwijzer-backup"'), "verwacht een JSON-object"),
    (
        "NaN value",
        lambda d: json.dumps(d).replace('"value": 3', '"value": NaN', 1),
        "Back-up ongeldig: 'NaN' is geen geldig getal in JSON.",
    ),
    (
        "deep nesting",
        _raw('{"format": "rolwijzer-backup", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        "te diep genest",
    ),
    (
        "moderate nesting",
        _set("trios/0/casus", [[[[[[[[[["x"]]]]]]]]]]),
        "te diep genest (maximaal 10 niveaus)",
    ),
    (
        "NUL character",
        _set("trios/1/members/0/display_name", "An\x00na"),
        "trios[1].members[0].display_name: tekst bevat een NUL-teken",
    ),
    (
        "not utf-8",
        lambda d: json.dumps(d, ensure_ascii=False).encode("latin-1", "replace") + b"\xff",
        "geen UTF-8-tekst",
    ),
    (
        "over size limit",
        lambda _d: b"{" + b" " * MAX_BACKUP_BYTES + b"}",
        "het bestand is te groot (20.0 MB; maximaal 20 MB)",
    ),
    (
        "huge integer",
        lambda d: json.dumps(d).replace('"value": 3', '"value": ' + "9" * 5000, 1),
        "geen geldige JSON (een getal is te lang)",
    ),
]


@pytest.mark.parametrize(
    ("tamper", "message"), [(t, m) for _, t, m in TAMPERED], ids=[n for n, _, _ in TAMPERED]
)
def test_tampered_backup_is_rejected_and_nothing_is_written(
    engine: Engine, demo_backup: dict[str, Any], tamper: Tamper, message: str
) -> None:
    restore_werkplaats(engine, demo_backup)  # the target is not empty: existing data must stay as it is
    before = row_counts(engine)
    payload = tamper(copy.deepcopy(demo_backup))
    with pytest.raises(BackupError) as info:
        restore_werkplaats(engine, payload)
    assert message in str(info.value)
    assert str(info.value).startswith("Back-up ongeldig: ")
    assert isinstance(info.value, ValueError)
    assert row_counts(engine) == before


def test_each_tampered_case_is_valid_without_its_tampering(demo_backup: dict[str, Any]) -> None:
    """The table's base document is valid, so each case fails for its own reason."""
    read_backup(copy.deepcopy(demo_backup))
    assert any(a["value"] is None for a in demo_backup["trios"][0]["members"][0]["answers"]), (
        "the dont-know case needs a null answer in the first member"
    )
    assert len(demo_backup["trios"][0]["chosen_perspectives"]) == 2
    assert demo_backup["trios"][0]["members"][0]["influence"], "the influence cases need a choice there"
    assert len(demo_backup["trios"][1]["members"][2]["answers"]) == 24


def test_several_schema_errors_are_counted(demo_backup: dict[str, Any]) -> None:
    data = copy.deepcopy(demo_backup)
    data["trios"][0]["municipality"] = ""
    data["trios"][1]["casus"] = 5
    data["trios"][2]["extra"] = True
    with pytest.raises(
        BackupError, match=r"trios\[0\]\.municipality: mag niet leeg zijn \(en nog 2 andere fout\(en\)\)"
    ):
        read_backup(data)


def test_failed_insert_writes_nothing(
    demo_backup: dict[str, Any], engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database error halfway (here: the same token twice) rolls the whole restore back."""
    restore_werkplaats(engine, demo_backup)
    before = row_counts(engine)
    monkeypatch.setattr(restore, "new_token", lambda: "A" * codes.TOKEN_LENGTH)
    with pytest.raises(IntegrityError):
        restore_werkplaats(engine, demo_backup)
    assert row_counts(engine) == before
