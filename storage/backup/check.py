"""Check a parsed backup against its own content and against the rules no single field can check.

Pure: no database. Every message is Dutch and names the place, e.g. ``trios[0].leervragen[3]``.
"""

from __future__ import annotations

import scoring
from scoring.loader import CONTENT_FILES
from storage._rounds import BESTUURDER_KIND
from storage.backup.format import Backup, BackupMember, BackupTrio, BackupWerkplaats, invalid
from storage.limits import MAX_LEERVRAGEN


def check_content(werkplaats: BackupWerkplaats) -> scoring.Model:
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


def check_against_content(backup: Backup, model: scoring.Model) -> None:
    """Everything the schema cannot know: roles, levels, statements, scale, influence options and
    perspectives of this content."""
    roles = {r.id for r in model.roles}
    questions = {q.id for q in model.questions}
    perspectives = {p.id for p in model.perspectives}
    points = model.scale.points
    for t, trio in enumerate(backup.trios):
        _check_trio_rounds(trio, f"trios[{t}]")
        for m, member in enumerate(trio.members):
            where = f"trios[{t}].members[{m}]"
            if member.kind == BESTUURDER_KIND:
                if member.role != BESTUURDER_KIND:
                    raise invalid(f"{where}.role", f"een bestuurder heeft de rol '{BESTUURDER_KIND}', niet '{member.role}'")
            elif member.role not in roles:
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


def _check_trio_rounds(trio: BackupTrio, where: str) -> None:
    """What format version 3 added to a trio: one bestuurder at most, at most three leervragen with
    one note each (the backup holds one round), and no follow-up text without a stand."""
    bestuurders = [m for m, member in enumerate(trio.members) if member.kind == BESTUURDER_KIND]
    if len(bestuurders) > 1:
        raise invalid(f"{where}.members[{bestuurders[1]}].kind", "een trio heeft ten hoogste één bestuurder")
    if len(trio.leervragen) > MAX_LEERVRAGEN:
        raise invalid(
            f"{where}.leervragen[{MAX_LEERVRAGEN}]", f"een trio heeft ten hoogste {MAX_LEERVRAGEN} leervragen"
        )
    for v, leervraag in enumerate(trio.leervragen):
        if len(leervraag.notes) > 1:
            raise invalid(
                f"{where}.leervragen[{v}].notes[1]", "een back-up bevat één werkplaats, dus ten hoogste één notitie"
            )
    for a, action in enumerate(trio.actions):
        if action.status is None and (action.reflection or action.followed_up_at is not None):
            raise invalid(f"{where}.actions[{a}].status", "ontbreekt: de actie is opgevolgd, maar zonder stand")


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
