"""Storage: input limits on every text a user types.

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

import scoring
import storage
from tests.storage_support import TODAY, make_trio, make_werkplaats

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
