"""Who can change what: the members' influence choices per statement, as data.

A member answers "Wie kan hier iets aan veranderen?" per statement with one of the content's
``influence.options``. Choices arrive as plain mappings, as storage returns them:
member id -> question id -> option id. An option whose id equals a sphere id stands for that
sphere (:meth:`Model.influence_sphere`); other options, such as ``bewoners``, stand for no sphere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scoring.engine import desired_changes
from scoring.groups import GroupResult
from scoring.model import Model
from scoring.schema import InfluenceOption

InfluenceChoices = Mapping[str, Mapping[str, str]]
"""member id -> question id -> option id."""


def clean_choices(model: Model, choices: InfluenceChoices) -> dict[str, dict[str, str]]:
    """Drop choices the model cannot place: a statement or option since removed, or every choice
    when the pack asks no influence question. Never raises: pages must not crash on old data."""
    if model.influence is None:
        return {}
    questions = {q.id for q in model.questions}
    options = {o.id for o in model.influence.options}
    return {
        member: {qid: option for qid, option in by_question.items() if qid in questions and option in options}
        for member, by_question in choices.items()
    }


def ranked_options(chosen: Iterable[str], model: Model) -> tuple[str, ...]:
    """The distinct options in ``chosen``, most chosen first, then in content order."""
    counts = Counter(chosen)
    order = {o.id: i for i, o in enumerate(model.influence.options)} if model.influence else {}
    return tuple(sorted(counts, key=lambda o: (-counts[o], order.get(o, len(order)), o)))


@dataclass(frozen=True)
class InfluenceRow:
    """One statement with a desired change, and who each member thinks can make it."""

    question_id: str
    change: float
    """Mean gewenst minus mean nu, on the axis direction, in answer points (see :func:`desired_changes`)."""
    choices: Mapping[str, str | None]
    """Every member of the group, in the group's order -> the option they chose, ``None`` when none."""

    @property
    def size(self) -> float:
        """How big the change is, whatever its direction."""
        return abs(self.change)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The options chosen, one per member who chose (repeats kept, for counting)."""
        return tuple(option for option in self.choices.values() if option is not None)

    @property
    def disagree(self) -> bool:
        """At least two members chose, and not all the same: they see someone else aan zet."""
        return len(set(self.chosen)) > 1

    def count(self, option_id: str) -> int:
        """Members who chose ``option_id``: the cell of a statements x options chart."""
        return sum(1 for option in self.chosen if option == option_id)


@dataclass(frozen=True)
class InfluenceMap:
    """The group's invloedskaart: statements with a desired change, largest change first."""

    rows: tuple[InfluenceRow, ...]
    options: tuple[InfluenceOption, ...]
    """The content's options in content order; empty when the pack asks no influence question."""

    @property
    def disagreements(self) -> tuple[InfluenceRow, ...]:
        """Rows where members see someone else aan zet."""
        return tuple(row for row in self.rows if row.disagree)


def influence_map(model: Model, result: GroupResult, choices: InfluenceChoices) -> InfluenceMap:
    """Per statement with a desired change (not 0, not unknown): its size and every member's choice.

    Works for any group (a trio, or a role group made with :func:`scoring.regroup` and the
    choices of its members). Rows are ordered by the size of the change, then content order.
    """
    clean = clean_choices(model, choices)
    changes = desired_changes(model, result.answers_by_member("nu"), result.answers_by_member("gewenst"))
    order = {q.id: i for i, q in enumerate(model.questions)}
    rows = [
        InfluenceRow(
            question_id=qid,
            change=change,
            choices={m.member_id: clean.get(m.member_id, {}).get(qid) for m in result.members},
        )
        for qid, change in changes.items()
        if change
    ]
    rows.sort(key=lambda row: (-row.size, order[row.question_id]))
    options = tuple(model.influence.options) if model.influence else ()
    return InfluenceMap(rows=tuple(rows), options=options)


def lever_spheres(model: Model, chosen: Iterable[str]) -> Counter[str]:
    """sphere id -> how many members placed the lever in that sphere (options without a sphere left out)."""
    spheres = (model.influence_sphere(option) for option in chosen)
    return Counter(sphere for sphere in spheres if sphere is not None)
