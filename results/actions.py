"""A trio's actions followed up at the next round of a leertraject: the record, its statuses and the
words the results page and the trio's PDF both show.

At the next werkplaats every action from the previous round returns with the question
:data:`STATUS_QUESTION`, one of :data:`PICKABLE_STATUSES` and a one-line reflection
(:data:`REFLECTION_PROMPT`). An action nobody followed up yet is "open". No Streamlit, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeGuard

from results.words import Sentence

ActionStatus = Literal["gedaan", "bezig", "niet_gelukt", "losgelaten", "open"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("gedaan", "bezig", "niet_gelukt", "losgelaten", "open")
PICKABLE_STATUSES: tuple[ActionStatus, ...] = ("gedaan", "bezig", "niet_gelukt", "losgelaten")
"""What a trio can choose at the next round; "open" only means "not followed up (yet)"."""
STATUS_NAMES: Mapping[ActionStatus, str] = {
    "gedaan": "Gedaan",
    "bezig": "Bezig",
    "niet_gelukt": "Niet gelukt",
    "losgelaten": "Losgelaten",
    "open": "Open",
}
"""How a status is written; "open" is an action that was not followed up (yet)."""

FOLLOW_UP_TITLE = "Acties van vorige keer"
FOLLOW_UP_HELP = (
    "Dit zijn de acties die jullie de vorige keer hebben afgesproken. Kies per actie hoe het ermee staat "
    "en schrijf in één zin op hoe het ging."
)
STATUS_QUESTION = "Hoe staat het met deze actie?"
REFLECTION_PROMPT = "In één zin: hoe ging het?"
NOT_FOLLOWED = "nog niet besproken."
"""The text after "Open:" for an action without a follow-up."""
MAX_REFLECTION = 300
"""Characters in a reflection: one line, not a report."""


@dataclass(frozen=True)
class FollowedAction:
    """An action a trio wrote down in a round, with its follow-up at the next round."""

    what: str
    who: str = ""
    when: str = ""
    status: ActionStatus = "open"
    reflection: str = ""
    """The trio's one line about how it went."""


def is_status(value: object) -> TypeGuard[ActionStatus]:
    """Whether ``value`` is a status a stored follow-up may have (for data read back or restored)."""
    return isinstance(value, str) and value in ACTION_STATUSES


def status_name(status: ActionStatus) -> str:
    return STATUS_NAMES[status]


def clean_reflection(text: str) -> str:
    """One line: whitespace and line breaks folded to single spaces, cut to :data:`MAX_REFLECTION`."""
    return " ".join(text.split())[:MAX_REFLECTION].rstrip()


def action_line(action: FollowedAction) -> str:
    """The action as one line: "Bewonersavond organiseren (Anna, voor de zomer)" (user text inside)."""
    extra = [part.strip() for part in (action.who, action.when) if part.strip()]
    what = action.what.strip()
    return f"{what} ({', '.join(extra)})" if extra else what


def followed_sentence(action: FollowedAction) -> Sentence:
    """The follow-up in one sentence: "Gedaan:" "<reflectie>"; "Open:" "nog niet besproken."."""
    if action.status == "open":
        return Sentence(f"{status_name('open')}:", NOT_FOLLOWED)
    reflection = clean_reflection(action.reflection)
    if not reflection:
        return Sentence(f"{status_name(action.status)}.")
    return Sentence(f"{status_name(action.status)}:", reflection)


def followed_up(actions: Sequence[FollowedAction]) -> int:
    """How many of the actions have a status other than "open"."""
    return sum(1 for a in actions if a.status != "open")
