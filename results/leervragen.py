"""A trio's leervragen: the 1 to 3 short questions it wants to learn about in a leertraject.

The trio writes them down when it starts (:func:`clean_leervragen` checks them); at each later
werkplaats it answers :data:`LEERVRAAG_PROMPT` per question, a :class:`LeervraagNote` per round.
The results page and the trio's PDF show them with the same words. No Streamlit, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from results.words import Sentence

LEERVRAGEN_TITLE = "Jullie leervragen"
LEERVRAAG_PROMPT = "Wat weten jullie nu over deze vraag?"
MAX_LEERVRAGEN = 3
LEERVRAGEN_HELP = (
    f"Schrijf 1 tot {MAX_LEERVRAGEN} korte vragen op waar jullie als trio meer over willen leren in deze "
    "werkplaatsen. Bijvoorbeeld: Hoe geven we bewoners meer regie in de wijk? Jullie zien de vragen terug "
    "bij jullie uitkomst en bij de volgende werkplaats."
)
NO_NOTES_YET = "Nog niets opgeschreven."
"""Under a leervraag on the page when no round has a note yet (the PDF shows the prompt instead)."""


class TooManyLeervragen(ValueError):
    """More than :data:`MAX_LEERVRAGEN` leervragen: the message is Dutch, for the page."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"Jullie schreven {count} leervragen op. Kies er hooguit {MAX_LEERVRAGEN}: de vragen waar jullie "
            "het meest over willen leren."
        )
        self.count = count


@dataclass(frozen=True)
class LeervraagNote:
    """What the trio knows now about a leervraag, written at one round."""

    round_name: str
    text: str


@dataclass(frozen=True)
class Leervraag:
    id: int
    text: str
    notes: tuple[LeervraagNote, ...] = ()
    """In round order."""


def clean_leervragen(texts: Iterable[str]) -> tuple[str, ...]:
    """The leervragen as stored: whitespace folded, empty ones dropped, in the order given.

    Raises :class:`TooManyLeervragen` (a ``ValueError``) when more than :data:`MAX_LEERVRAGEN` remain."""
    cleaned = tuple(folded for text in texts if (folded := " ".join(text.split())))
    if len(cleaned) > MAX_LEERVRAGEN:
        raise TooManyLeervragen(len(cleaned))
    return cleaned


def note_sentence(note: LeervraagNote) -> Sentence:
    """"Werkplaats 2:" "<wat het trio nu weet>" (user text)."""
    return Sentence(f"{note.round_name}:", " ".join(note.text.split()))


def written_notes(leervraag: Leervraag) -> tuple[LeervraagNote, ...]:
    """The notes with text, in round order."""
    return tuple(note for note in leervraag.notes if note.text.strip())
