"""Errors a user can act on. The command line catches KbError once and prints its message."""

from __future__ import annotations

from kbsite.model import Diagnostic


class KbError(Exception):
    """A failure the user can fix; the message says what and where."""


class ReadError(KbError):
    """One input file could not be read at all; the build skips it and goes on."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


class StrictError(KbError):
    """--strict and at least one diagnostic: fatal after all of them were reported."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class BuildLocked(KbError):
    """Another build holds the lock."""
