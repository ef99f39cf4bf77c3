"""Helpers for the scoring tests: build small content packs from dicts, find the golden packs.

Imported as ``tests.packs``, like the other test helpers (the repo root is on ``sys.path``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from scoring import CONTENT_FILES, Model, load_model_from_texts

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "content"
DATA_DIR = Path(__file__).resolve().parent / "data"
VALID_DIR = DATA_DIR / "valid"
INVALID_DIR = DATA_DIR / "invalid"
MINIMAL_DIR = VALID_DIR / "minimal"

# Quadrant ids by the signs of (x, y), as in the shipped content.
QUADRANTS: dict[tuple[str, str], str] = {
    ("low", "low"): "zorgen_voor",
    ("high", "low"): "doen_met",
    ("low", "high"): "vragen_en_claimen",
    ("high", "high"): "buurtmaken",
}
ZORGEN_VOOR = QUADRANTS[("low", "low")]
DOEN_MET = QUADRANTS[("high", "low")]
VRAGEN_EN_CLAIMEN = QUADRANTS[("low", "high")]
BUURTMAKEN = QUADRANTS[("high", "high")]


def question(
    qid: str,
    axis: str,
    *,
    reverse: bool = False,
    weight: float = 1.0,
    prompt: str | None = None,
) -> dict[str, Any]:
    """One statement as it would appear in questions.yaml."""
    q: dict[str, Any] = {
        "id": qid,
        "axis": axis,
        "theme": f"Thema {qid}",
        "low": f"Lage pool van {qid}.",
        "high": f"Hoge pool van {qid}.",
        "reverse": reverse,
        "weight": weight,
    }
    if prompt is not None:
        q["prompt"] = prompt
    return q


def model_dict(
    *,
    points: int = 5,
    dont_know: bool = True,
    min_answers: int = 1,
    neutral_band: float = 0.1,
    agreement_levels: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A model.yaml with the four usual quadrants, one role, audience and sphere."""
    data: dict[str, Any] = {
        "version": 1,
        "title": "Testmodel",
        "scale": {"points": points, "dont_know": dont_know},
        "min_answers_per_axis": min_answers,
        "neutral_band": neutral_band,
        "axes": {
            "x": {
                "name": "Vertrekpunt",
                "low": "Tekorten",
                "high": "Krachten",
                "description": "Waar begin je?",
            },
            "y": {
                "name": "Regie",
                "low": "Systeemwereld",
                "high": "Leefwereld",
                "description": "Wie beslist?",
            },
        },
        "quadrants": [
            {
                "id": qid,
                "x": x,
                "y": y,
                "name": qid.replace("_", " ").capitalize(),
                "summary": f"Samenvatting {qid}.",
                "government_role": f"Rol {qid}.",
                "strengthen": f"Versterk {qid}.",
            }
            for (x, y), qid in QUADRANTS.items()
        ],
        "roles": [{"id": "wijkambtenaar", "name": "Wijkambtenaar"}],
        "audiences": [{"id": "professionals", "name": "Professionals"}],
        "spheres": [{"id": "eigen_handelen", "name": "Eigen handelen"}],
    }
    if agreement_levels is not None:
        data["agreement_levels"] = agreement_levels
    return data


def perspectives_dict() -> dict[str, Any]:
    return {
        "perspectives": [
            {
                "id": "p1",
                "quadrant": BUURTMAKEN,
                "audience": "professionals",
                "sphere": "eigen_handelen",
                "title": "Ga langs",
                "text": "Loop een ochtend mee.",
            }
        ],
        "transitions": [{"from": ZORGEN_VOOR, "to": BUURTMAKEN, "text": "Loslaten."}],
    }


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when available: faster for hypothesis


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


def pack_texts(
    questions: Iterable[Mapping[str, Any]],
    model: Mapping[str, Any] | None = None,
    perspectives: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """The three file texts of a pack."""
    return {
        "model.yaml": dump(dict(model) if model is not None else model_dict()),
        "questions.yaml": dump({"questions": [dict(q) for q in questions]}),
        "perspectives.yaml": dump(dict(perspectives) if perspectives is not None else perspectives_dict()),
    }


def build_model(questions: Iterable[Mapping[str, Any]], **model_options: Any) -> Model:
    """Load a small model from dicts, through the real loader."""
    return load_model_from_texts(pack_texts(questions, model_dict(**model_options)))


def write_pack(directory: Path, texts: Mapping[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in texts.items():
        path = directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return directory


def copy_pack(source: Path, destination: Path) -> Path:
    """Copy a pack's content files (not expected.txt) to ``destination``."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in CONTENT_FILES:
        if (source / name).exists():
            shutil.copyfile(source / name, destination / name)
    return destination


def valid_packs() -> list[Path]:
    return sorted(p for p in VALID_DIR.iterdir() if p.is_dir())


def invalid_packs() -> list[Path]:
    return sorted(p for p in INVALID_DIR.iterdir() if p.is_dir())


def expected_lines(pack: Path) -> list[str]:
    """The substrings an invalid pack's error output must contain, one per line."""
    text = (pack / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def expected_file(pack: Path) -> str:
    """The file the first expected line names: the file of the first problem."""
    return expected_lines(pack)[0].split(":", 1)[0]
