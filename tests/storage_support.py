"""Helpers shared by the storage tests: a werkplaats, a trio and a member in one call, row counts, an older pack."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from sqlalchemy import Engine, func, select

import scoring
import storage
from scoring.loader import content_hash

TODAY = date(2025, 3, 14)


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


def content_without_influence(content: scoring.ContentSnapshot) -> scoring.ContentSnapshot:
    """``content`` as an older pack: no ``influence`` question and no ``levels``."""
    files = dict(content.files)
    meta = yaml.safe_load(files["model.yaml"])
    del meta["influence"], meta["levels"]
    files["model.yaml"] = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    scoring.load_model_from_texts(files)  # still a valid pack
    return scoring.ContentSnapshot(files=files, content_hash=content_hash(files))
