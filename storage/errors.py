"""Errors raised by the storage layer. Messages are Dutch: the UI shows them as they are."""

from __future__ import annotations


class InputError(ValueError):
    """A value given to a storage function is not acceptable (too long, empty, out of range)."""


class NotFound(InputError):
    """A werkplaats, trio or member that a call refers to does not exist (any more)."""


class StorageUnavailable(RuntimeError):
    """The database cannot be used right now: missing, damaged, locked, read-only or full.

    The UI shows the message and offers to try again; nothing the user typed is wrong.
    """

    def __init__(self, message: str, *, location: str | None = None) -> None:
        super().__init__(message)
        self.location = location
        """The database file or server the message is about, without any password."""
