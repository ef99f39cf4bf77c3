"""Storage: the demo werkplaats and the ``python -m storage`` command.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage import demo, migrations
from storage.__main__ import main as storage_main

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
    assert f"(schemaversie {migrations.head_revision()})." in capsys.readouterr().out
    assert storage_main(["demo", "--seed", "3"]) == 0
    output = capsys.readouterr().out
    code = re.search(r"Deelnamecode: ([A-Z0-9]{3}-[A-Z0-9]{3})", output)
    assert code is not None
    engine = storage.get_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    found = storage.find_werkplaats_by_code(engine, code.group(1))
    assert found is not None and found.name == "Demowerkplaats"
