"""Errors a user can cause. Their message is one line a person can act on."""

from __future__ import annotations


class SemdpaError(Exception):
    """Base class: the shells show `str(error)` and exit non-zero, never a traceback."""


class InputError(SemdpaError):
    """A file that cannot be read as an agreement. The message names the file and the reason."""

    def __init__(self, path: object, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexStateError(SemdpaError):
    """An index that is missing, corrupt, locked, or built with another model."""


class NotFoundError(SemdpaError):
    """A document name that is not in the index."""
