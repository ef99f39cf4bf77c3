"""Leervragen (results.leervragen): checked when written, and the words page and PDF share."""

from __future__ import annotations

import dataclasses

import pytest

from results import leervragen
from results.leervragen import Leervraag, LeervraagNote, TooManyLeervragen, clean_leervragen
from results.words import Sentence


def test_the_words() -> None:
    assert leervragen.LEERVRAGEN_TITLE == "Jullie leervragen"
    assert leervragen.LEERVRAAG_PROMPT == "Wat weten jullie nu over deze vraag?"
    assert leervragen.MAX_LEERVRAGEN == 3
    assert "1 tot 3 korte vragen" in leervragen.LEERVRAGEN_HELP


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([" Hoe geven we  bewoners\nregie? ", "", "   "], ("Hoe geven we bewoners regie?",)),
        (["Hoe krijgen we het bestuur mee?", "Wat vraagt dat van ons?", "Wie doet wat?"],
         ("Hoe krijgen we het bestuur mee?", "Wat vraagt dat van ons?", "Wie doet wat?")),
        (["Een", "", "Twee", " ", "Drie"], ("Een", "Twee", "Drie")),  # empty ones do not count
        ([], ()),
    ],
)
def test_clean_leervragen(texts: list[str], expected: tuple[str, ...]) -> None:
    assert clean_leervragen(texts) == expected


def test_more_than_three_leervragen_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="Kies er hooguit 3") as raised:
        clean_leervragen(["Een", "Twee", "Drie", "Vier"])
    assert isinstance(raised.value, TooManyLeervragen)
    assert raised.value.count == 4
    assert str(raised.value).startswith("Jullie schreven 4 leervragen op.")


def test_a_leervraag_is_a_frozen_record_with_notes_per_round() -> None:
    vraag = Leervraag(7, "Hoe geven we bewoners regie?", (
        LeervraagNote("Werkplaats 2", "Dat begint bij  de wijkagenda."),
        LeervraagNote("Werkplaats 3", "  "),
    ))
    with pytest.raises(dataclasses.FrozenInstanceError):
        vraag.text = "iets anders"  # type: ignore[misc]
    assert leervragen.written_notes(vraag) == (vraag.notes[0],)
    assert leervragen.note_sentence(vraag.notes[0]) == Sentence("Werkplaats 2:", "Dat begint bij de wijkagenda.")
    assert Leervraag(8, "Zonder notities").notes == ()
