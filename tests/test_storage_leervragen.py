"""Storage: a trio's leervragen and what it knows about each at a later round (issue 13).

Every test that takes ``engine`` runs on SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

import scoring
import storage
from storage.models import Leervraag
from tests.storage_support import make_trio, make_werkplaats, row_count
from tests.test_storage_concurrency import run_together
from tests.test_storage_rounds import first_round, next_round


def texts(records: list[storage.LeervraagRecord]) -> list[tuple[int, str]]:
    return [(r.position, r.text) for r in records]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (["Hoe betrekken we bewoners?"], [(1, "Hoe betrekken we bewoners?")]),
        (["  Een  ", "", "   ", "Twee"], [(1, "Een"), (2, "Twee")]),
        (["Een", "Twee", "Drie", ""], [(1, "Een"), (2, "Twee"), (3, "Drie")]),
        (["", " "], []),
        ([], []),
    ],
    ids=["one", "empties-dropped", "three-and-an-empty", "only-empties", "none"],
)
def test_leervragen_are_stored_in_order_without_empties(
    engine: Engine, content: scoring.ContentSnapshot, given: list[str], stored: list[tuple[int, str]]
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    records = storage.set_leervragen(engine, trio_id=trio.id, texts=given)
    assert texts(records) == stored
    assert storage.list_leervragen(engine, trio.id) == records
    assert all(r.trio_id == trio.id and r.notes == () for r in records)


@pytest.mark.parametrize(
    ("given", "error"),
    [
        (["Een", "Twee", "Drie", "Vier"], storage.InputError),
        (["x" * (storage.MAX_LEERVRAAG + 1)], storage.InputError),
        (["Een\x00"], storage.InputError),
    ],
    ids=["four", "too-long", "nul-character"],
)
def test_wrong_leervragen_change_nothing(
    engine: Engine, content: scoring.ContentSnapshot, given: list[str], error: type[Exception]
) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))
    before = storage.set_leervragen(engine, trio_id=trio.id, texts=["Blijft"])
    with pytest.raises(error):
        storage.set_leervragen(engine, trio_id=trio.id, texts=given)
    assert storage.list_leervragen(engine, trio.id) == before


def test_leervragen_of_a_trio_that_is_gone(engine: Engine) -> None:
    with pytest.raises(storage.NotFound):
        storage.set_leervragen(engine, trio_id=999_999, texts=["Een"])
    assert storage.list_leervragen(engine, 999_999) == []


def test_rewording_keeps_a_leervraag_and_its_notes_and_shrinking_removes(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content)
    first, second, third = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Een", "Twee", "Drie"])
    next_round(engine, content, setup.traject)
    for record in (first, second, third):
        storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=record.id, text=f"Over {record.text}")

    reworded = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Een, anders gezegd", "Twee"])
    assert [(r.id, r.position, r.text) for r in reworded] == [
        (first.id, 1, "Een, anders gezegd"),
        (second.id, 2, "Twee"),
    ]
    assert [[n.text for n in r.notes] for r in reworded] == [["Over Een"], ["Over Twee"]]
    assert row_count(engine, Leervraag, Leervraag.id == third.id) == 0
    with pytest.raises(storage.NotFound):  # removed with its notes
        storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=third.id, text="Weg")

    grown = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Een, anders gezegd", "Twee", "Nieuw"])
    assert grown[:2] == reworded
    assert (grown[2].position, grown[2].text, grown[2].notes) == (3, "Nieuw", ())
    assert storage.set_leervragen(engine, trio_id=setup.trio.id, texts=[]) == []
    assert storage.list_leervragen(engine, setup.trio.id) == []


def test_notes_are_per_round_and_an_empty_note_removes_it(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    (leervraag,) = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Hoe betrekken we bewoners?"])
    round1 = setup.round1.id
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="Nog niets")
    round2 = next_round(engine, content, setup.traject).id
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="  Via het buurthuis ")
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="Via de buurtapp")

    (stored,) = storage.list_leervragen(engine, setup.trio.id)
    assert [(n.round_id, n.text) for n in stored.notes] == [(round1, "Nog niets"), (round2, "Via de buurtapp")]
    assert all(n.updated_at.tzinfo is not None for n in stored.notes)

    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="   ", round_id=round1)
    (stored,) = storage.list_leervragen(engine, setup.trio.id)
    assert [(n.round_id, n.text) for n in stored.notes] == [(round2, "Via de buurtapp")]
    # Removing a note that is not there is no error.
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="", round_id=round1)

    with pytest.raises(storage.InputError):
        storage.save_leervraag_note(
            engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="x" * (storage.MAX_LEERVRAAG_NOTE + 1)
        )
    storage.save_leervraag_note(
        engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="x" * storage.MAX_LEERVRAAG_NOTE
    )
    assert storage.list_leervragen(engine, setup.trio.id)[0].notes[-1].text == "x" * storage.MAX_LEERVRAAG_NOTE


def test_a_note_on_another_trios_leervraag_or_another_round_is_refused(
    engine: Engine, content: scoring.ContentSnapshot
) -> None:
    setup = first_round(engine, content)
    other = make_trio(engine, setup.round1, "Gemeente Anders")
    (theirs,) = storage.set_leervragen(engine, trio_id=other.id, texts=["Van hen"])
    (ours,) = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Van ons"])
    elsewhere = make_werkplaats(engine, content, "Elders")
    refused = [
        {"trio_id": setup.trio.id, "leervraag_id": theirs.id},
        {"trio_id": setup.trio.id, "leervraag_id": 999_999},
        {"trio_id": setup.trio.id, "leervraag_id": ours.id, "round_id": elsewhere.id},
    ]
    for arguments in refused:
        with pytest.raises(storage.NotFound):
            storage.save_leervraag_note(engine, text="Ingevuld", **arguments)
    assert [r.notes for r in storage.list_leervragen(engine, other.id)] == [()]
    assert [r.notes for r in storage.list_leervragen(engine, setup.trio.id)] == [()]


def test_removing_a_round_removes_its_notes_only(engine: Engine, content: scoring.ContentSnapshot) -> None:
    setup = first_round(engine, content)
    (leervraag,) = storage.set_leervragen(engine, trio_id=setup.trio.id, texts=["Een"])
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="Ronde 1")
    round2 = next_round(engine, content, setup.traject)
    storage.save_leervraag_note(engine, trio_id=setup.trio.id, leervraag_id=leervraag.id, text="Ronde 2")
    assert storage.delete_werkplaats(engine, round2.id)
    (stored,) = storage.list_leervragen(engine, setup.trio.id)
    assert (stored.id, [(n.round_id, n.text) for n in stored.notes]) == (leervraag.id, [(setup.round1.id, "Ronde 1")])


def test_setting_leervragen_at_once_keeps_one_of_each(engine: Engine, content: scoring.ContentSnapshot) -> None:
    trio = make_trio(engine, make_werkplaats(engine, content))

    def write() -> None:
        storage.set_leervragen(engine, trio_id=trio.id, texts=["Een", "Twee"])

    assert run_together([write] * 8) == []
    assert texts(storage.list_leervragen(engine, trio.id)) == [(1, "Een"), (2, "Twee")]
