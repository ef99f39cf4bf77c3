"""Read a content folder, check it completely, and build a :class:`Model`.

Every problem is collected before anything is raised, so an organiser sees all
of them at once. Messages are in Dutch because organisers read them, in the
command line and on the app's error page alike.

Loading is bounded: each file is at most ``MAX_FILE_BYTES``, and YAML anchors
and aliases are refused, which rules out "billion laughs" expansion.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scoring.checks import (
    CONTENT_FILES,
    MODEL_FILE,
    PERSPECTIVES_FILE,
    QUESTIONS_FILE,
    check_model,
    check_perspectives,
    check_questions,
    check_themes,
)
from scoring.errors import ContentError, Problem
from scoring.model import Model
from scoring.schema import ModelFile, PerspectivesFile, QuestionsFile

__all__ = [
    "CONTENT_FILES",
    "MAX_FILE_BYTES",
    "MODEL_FILE",
    "PERSPECTIVES_FILE",
    "QUESTIONS_FILE",
    "ContentSnapshot",
    "content_hash",
    "load_model",
    "load_model_from_texts",
    "read_content_files",
    "snapshot",
    "validate",
]
MAX_FILE_BYTES = 1_000_000

_BOM = "\ufeff"
_SchemaT = TypeVar("_SchemaT", bound=BaseModel)


@dataclass(frozen=True)
class ContentSnapshot:
    """The raw text of a content pack and its hash, for storing with a werkplaats."""

    files: Mapping[str, str]
    content_hash: str


def content_hash(files: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + files[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def read_content_files(directory: str | Path) -> tuple[dict[str, str], list[Problem]]:
    """Read the three content files as text. Returns the texts and any read problems."""
    folder = Path(directory)
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return texts, [Problem(str(folder), "", "map bestaat niet")]
    for name in CONTENT_FILES:
        path = folder / name
        if not path.is_file():
            problems.append(Problem(name, "", "bestand ontbreekt"))
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(name, "", f"bestand is te groot ({size:,} bytes; maximaal {MAX_FILE_BYTES:,})")
            )
            continue
        raw = path.read_bytes()
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(name, f"byte {exc.start}", "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8")
            )
    return texts, problems


def snapshot(directory: str | Path) -> ContentSnapshot:
    """Read and validate a content folder; return its texts and hash."""
    texts, problems = read_content_files(directory)
    if problems:
        raise ContentError(problems)
    _build(texts)  # raises ContentError when invalid
    return ContentSnapshot(files=dict(texts), content_hash=content_hash(texts))


def load_model(directory: str | Path) -> Model:
    """Load and validate the content pack in ``directory``.

    Raises :class:`ContentError` naming the file and the field or id of every problem.
    """
    texts, problems = read_content_files(directory)
    if problems:
        # Also report problems in the files that could be read.
        problems.extend(_check(texts)[1])
        raise ContentError(problems)
    return _build(texts)


def load_model_from_texts(files: Mapping[str, str]) -> Model:
    """Load a content pack from stored texts (as kept with a werkplaats)."""
    missing = [Problem(name, "", "bestand ontbreekt") for name in CONTENT_FILES if name not in files]
    if missing:
        raise ContentError(missing)
    return _build(files)


def validate(directory: str | Path) -> list[Problem]:
    """Every problem in a content folder; an empty list when it is valid."""
    try:
        load_model(directory)
    except ContentError as exc:
        return list(exc.problems)
    return []


def _build(texts: Mapping[str, str]) -> Model:
    parsed, problems = _check(texts)
    if problems:
        raise ContentError(problems)
    model_file, questions_file, perspectives_file = parsed
    assert model_file is not None and questions_file is not None and perspectives_file is not None
    return Model(
        meta=model_file,
        questions=tuple(questions_file.questions),
        perspectives=tuple(perspectives_file.perspectives),
        transitions=tuple(perspectives_file.transitions),
        content_hash=content_hash(texts),
    )


_Parsed = tuple[ModelFile | None, QuestionsFile | None, PerspectivesFile | None]


def _check(texts: Mapping[str, str]) -> tuple[_Parsed, list[Problem]]:
    problems: list[Problem] = []
    model_file = _parse(texts, MODEL_FILE, ModelFile, problems)
    questions_file = _parse(texts, QUESTIONS_FILE, QuestionsFile, problems)
    perspectives_file = _parse(texts, PERSPECTIVES_FILE, PerspectivesFile, problems)
    if model_file is not None:
        problems.extend(check_model(model_file))
    if questions_file is not None:
        problems.extend(check_questions(questions_file, model_file))
    if perspectives_file is not None and model_file is not None:
        problems.extend(check_perspectives(perspectives_file, model_file))
    if perspectives_file is not None and questions_file is not None:
        problems.extend(check_themes(perspectives_file, questions_file))
    return (model_file, questions_file, perspectives_file), problems


# --- YAML -----------------------------------------------------------------


class _RefusedYaml(yaml.MarkedYAMLError):
    """YAML that is valid but refused by our loader; ``problem`` is the Dutch message to show as is."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _ContentYamlLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _RefusedYaml(
                "ankers en aliassen (&naam / *naam) worden niet ondersteund; schrijf de tekst uit",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                continue  # unhashable key; the schema check reports it
            if duplicate:
                raise _RefusedYaml(f"sleutel '{key}' komt twee keer voor", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def _yaml_problem(name: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    where = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else ""
    detail = str(getattr(exc, "problem", None) or exc)
    if "'\\t'" in detail or "\t" in detail:
        detail = "tab gevonden; spring in met spaties, niet met tabs"
    elif isinstance(exc, _RefusedYaml):
        pass  # our own Dutch message
    else:
        detail = f"geen geldige YAML ({detail})"
    return Problem(name, where, detail)


def _parse(
    texts: Mapping[str, str],
    name: str,
    schema: type[_SchemaT],
    problems: list[Problem],
) -> _SchemaT | None:
    if name not in texts:
        return None
    text = texts[name]
    if text.startswith(_BOM):
        text = text[1:]  # Windows editors add a BOM; it is harmless.
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        problems.append(Problem(name, "", f"bestand is te groot (maximaal {MAX_FILE_BYTES:,} bytes)"))
        return None
    try:
        data = yaml.load(text, Loader=_ContentYamlLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        problems.append(_yaml_problem(name, exc))
        return None
    if data is None:
        problems.append(Problem(name, "", "bestand is leeg"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(name, "", "verwacht velden (sleutel: waarde) bovenaan het bestand"))
        return None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(name, data, exc))
        return None


# --- Schema errors in plain Dutch ------------------------------------------------

_MESSAGES: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (typfout?)",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang (maximaal {max_length} tekens)",
    "string_pattern_mismatch": "ongeldige id {input!r}: gebruik alleen kleine letters a-z, cijfers en _",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "list_type": "moet een lijst zijn",
    "too_short": "moet minstens {min_length} item(s) bevatten",
    "model_type": "moet een groep velden zijn (sleutel: waarde)",
    "dict_type": "moet een groep velden zijn (sleutel: waarde)",
    "model_attributes_type": "moet een groep velden zijn (sleutel: waarde)",
}


def _message(error: Mapping[str, Any]) -> str:
    template = _MESSAGES.get(str(error["type"]))
    if template is None:
        return str(error["msg"])
    values: dict[str, Any] = dict(error.get("ctx") or {})
    values["input"] = error.get("input")
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return str(error["msg"])


def _location(data: Any, loc: Sequence[int | str]) -> str:
    """Render a pydantic location, naming list items by their id where they have one."""
    parts: list[str] = []
    node: Any = data
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(item_id, str) and item_id:
                parts[-1:] = [f"{parts[-1] if parts else ''}[{item_id}]"]
            else:
                parts[-1:] = [f"{parts[-1] if parts else ''}[#{key + 1}]"]
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts)


def _validation_problems(name: str, data: Any, exc: ValidationError) -> list[Problem]:
    return [Problem(name, _location(data, err["loc"]), _message(err)) for err in exc.errors()]
