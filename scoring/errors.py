"""Errors raised by the content loader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content pack, in words an organiser can act on."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        if self.location:
            return f"{self.file}: {self.location}: {self.message}"
        return f"{self.file}: {self.message}"


class ContentError(ValueError):
    """A content pack is invalid. Holds every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("ContentError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        """The file of the first problem."""
        return self.problems[0].file

    @property
    def field(self) -> str:
        """The id or field of the first problem."""
        return self.problems[0].location
