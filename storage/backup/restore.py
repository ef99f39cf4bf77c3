"""Read a backup back: check it completely against its own content, then insert it in one transaction."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

import scoring
from scoring.loader import CONTENT_FILES
from storage._session import free_codes, retry_on_conflict, transaction
from storage.backup.format import Backup, BackupMember, BackupWerkplaats, invalid, parse_backup
from storage.codes import CODE_LENGTH, new_token
from storage.models import (
    Action,
    Answer,
    InfluenceChoice,
    Member,
    PerspectiveChoice,
    Trio,
    TrioRound,
    Werkplaats,
    utc_now,
)
from storage.records import WerkplaatsRecord
from storage.werkplaatsen import werkplaats_record

# --- Checking against the content -------------------------------------------------


def _check_content(werkplaats: BackupWerkplaats) -> scoring.Model:
    files: dict[str, str] = {str(name): text for name, text in werkplaats.content.items()}
    missing = [name for name in CONTENT_FILES if name not in files]
    if missing:
        raise invalid("werkplaats.content", f"bestand {missing[0]} ontbreekt")
    try:
        model = scoring.load_model_from_texts(files)
    except scoring.ContentError as exc:
        raise invalid("werkplaats.content", f"inhoud ongeldig: {exc.problems[0]}") from exc
    if model.content_hash != werkplaats.content_hash:
        raise invalid(
            "werkplaats.content_hash",
            f"de inhoud past niet bij de hash ({werkplaats.content_hash}, berekend {model.content_hash}); "
            "is het bestand gewijzigd?",
        )
    return model


def _check_against_content(backup: Backup, model: scoring.Model) -> None:
    """Everything the schema cannot know: roles, levels, statements, scale, influence options and
    perspectives of this content."""
    roles = {r.id for r in model.roles}
    questions = {q.id for q in model.questions}
    perspectives = {p.id for p in model.perspectives}
    points = model.scale.points
    for t, trio in enumerate(backup.trios):
        for m, member in enumerate(trio.members):
            where = f"trios[{t}].members[{m}]"
            if member.role not in roles:
                raise invalid(
                    f"{where}.role",
                    f"onbekende rol '{member.role}'; de inhoud kent: {', '.join(sorted(roles))}",
                )
            seen: set[tuple[str, str]] = set()
            for a, answer in enumerate(member.answers):
                at = f"{where}.answers[{a}]"
                if answer.question not in questions:
                    raise invalid(f"{at}.question", f"onbekende stelling '{answer.question}'")
                key = (answer.question, answer.frame)
                if key in seen:
                    raise invalid(at, f"dubbel antwoord op stelling '{answer.question}' ({answer.frame})")
                seen.add(key)
                if answer.value is None:
                    if not model.scale.dont_know:
                        raise invalid(
                            f"{at}.value", "'weet ik niet' (null) is in deze inhoud niet toegestaan"
                        )
                elif not 1 <= answer.value <= points:
                    raise invalid(f"{at}.value", f"{answer.value} ligt buiten de schaal 1..{points}")
            _check_level_and_influence(member, model, where)
        chosen: set[str] = set()
        for c, choice in enumerate(trio.chosen_perspectives):
            at = f"trios[{t}].chosen_perspectives[{c}].perspective"
            if choice.perspective not in perspectives:
                raise invalid(at, f"onbekend handelingsperspectief '{choice.perspective}'")
            if choice.perspective in chosen:
                raise invalid(at, f"handelingsperspectief '{choice.perspective}' staat er twee keer in")
            chosen.add(choice.perspective)


def _check_level_and_influence(member: BackupMember, model: scoring.Model, where: str) -> None:
    """The member's level and influence choices (format version 2) against the content."""
    levels = {level.id for level in model.levels}
    if member.level is not None and member.level not in levels:
        known = ", ".join(sorted(levels)) if levels else "geen niveaus"
        raise invalid(f"{where}.level", f"onbekend niveau '{member.level}'; de inhoud kent: {known}")
    questions = {q.id for q in model.questions}
    options = {o.id for o in model.influence.options} if model.influence else set()
    seen: set[str] = set()
    for i, choice in enumerate(member.influence):
        at = f"{where}.influence[{i}]"
        if model.influence is None:
            raise invalid(at, "deze inhoud stelt de vraag 'Wie kan hier iets aan veranderen?' niet")
        if choice.question not in questions:
            raise invalid(f"{at}.question", f"onbekende stelling '{choice.question}'")
        if choice.question in seen:
            raise invalid(at, f"dubbele invloedskeuze bij stelling '{choice.question}'")
        seen.add(choice.question)
        if choice.option not in options:
            raise invalid(
                f"{at}.option", f"onbekende keuze '{choice.option}'; de inhoud kent: {', '.join(sorted(options))}"
            )


def read_backup(data: bytes | str | Mapping[str, Any]) -> tuple[Backup, scoring.Model]:
    """Parse and check a backup completely without touching any database.

    Returns the checked document and its content model; raises :class:`BackupError`.
    """
    backup = parse_backup(data)
    model = _check_content(backup.werkplaats)
    _check_against_content(backup, model)
    return backup, model




# --- Restore ----------------------------------------------------------------------


def _insert(s: Session, backup: Backup) -> WerkplaatsRecord:
    w = backup.werkplaats
    codes = free_codes(s, 1 + len(backup.trios))
    assert all(len(code) == CODE_LENGTH for code in codes)
    created_at = utc_now()
    content_json = json.dumps(dict(w.content), ensure_ascii=False, sort_keys=True)
    werkplaats = Werkplaats(
        name=w.name,
        held_on=w.held_on,
        join_code=codes[0],
        standalone=w.standalone,
        content_hash=w.content_hash,
        content_json=content_json,
        created_at=created_at,
    )
    s.add(werkplaats)
    s.flush()
    trios = [
        Trio(
            werkplaats_id=werkplaats.id,
            municipality=trio.municipality,
            casus=trio.casus,
            code=code,
            created_at=trio.created_at,
            revision=1,  # restoring is the trio's first change, as if each member and answer were one
        )
        for trio, code in zip(backup.trios, codes[1:], strict=True)
    ]
    s.add_all(trios)
    s.flush()
    s.add_all([TrioRound(trio_id=row.id, werkplaats_id=werkplaats.id, joined_at=row.created_at) for row in trios])
    members: list[tuple[Member, BackupMember]] = []
    for trio_row, trio in zip(trios, backup.trios, strict=True):
        for member in trio.members:
            row = Member(
                trio_id=trio_row.id,
                role=member.role,
                display_name=member.display_name,
                level=member.level,
                token=new_token(),
                created_at=member.created_at,
            )
            members.append((row, member))
    s.add_all([row for row, _ in members])
    s.flush()
    answers = [
        {
            "member_id": row.id,
            "round_id": werkplaats.id,
            "question_id": answer.question,
            "frame": answer.frame,
            "value": answer.value,
            "updated_at": answer.updated_at,
        }
        for row, member in members
        for answer in member.answers
    ]
    influence = [
        {
            "member_id": row.id,
            "round_id": werkplaats.id,
            "question_id": choice.question,
            "option_id": choice.option,
            "updated_at": choice.updated_at,
        }
        for row, member in members
        for choice in member.influence
    ]
    choices = [
        {
            "trio_id": trio_row.id,
            "round_id": werkplaats.id,
            "perspective_id": choice.perspective,
            "chosen_at": choice.chosen_at,
        }
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for choice in trio.chosen_perspectives
    ]
    actions = [
        {
            "trio_id": trio_row.id,
            "round_id": werkplaats.id,
            "what": action.what,
            "who": action.who,
            "when_text": action.when_text,
            "created_at": action.created_at,
        }
        for trio_row, trio in zip(trios, backup.trios, strict=True)
        for action in trio.actions
    ]
    tables = ((Answer, answers), (InfluenceChoice, influence), (PerspectiveChoice, choices), (Action, actions))
    for table, rows in tables:
        if rows:
            s.execute(insert(table), rows)
    return werkplaats_record(werkplaats)


def restore_werkplaats(engine: Engine, data: bytes | str | Mapping[str, Any]) -> WerkplaatsRecord:
    """Check a backup completely, then create it as a new werkplaats in one transaction.

    Everything gets new ids, a new join code, new trio codes and new member tokens.
    Raises :class:`BackupError` for an invalid file, before anything is written.
    """
    backup, _model = read_backup(data)

    def insert_once() -> WerkplaatsRecord:
        # A code or token taken concurrently between the check and the insert gets new ones.
        with transaction(engine) as s:
            return _insert(s, backup)

    return retry_on_conflict(insert_once)
