"""Errors with short codes that say what went wrong and what to do."""

from __future__ import annotations


class WarwatchError(Exception):
    """Base of warwatch's errors: a short code (W001...) and a one-line message."""

    code = "W000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class BadInput(WarwatchError):
    """An input that cannot be read or holds no usable article; the run goes on without it."""

    code = "W001"


class UsageError(WarwatchError):
    """A command-line or configuration mistake; nothing was processed."""

    code = "W002"


class StoreError(WarwatchError):
    """The database could not be opened or written."""

    code = "W003"
