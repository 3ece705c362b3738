"""Errors that reach the user: a translated one-line message and an exit code.

Exit codes (SPEC §5): 0 all good, 1 some items failed, 2 the run could not start.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_ITEMS_FAILED = 1
EXIT_CANNOT_START = 2


class GescomError(Exception):
    """An error whose message is meant for the user, already translated.

    The message must say what and where, and never contain a secret.
    """

    exit_code = EXIT_CANNOT_START

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(GescomError):
    """A profile or setting is missing or invalid."""


class ConnectionFailed(GescomError):
    """A back office or shop cannot be reached or refuses the credentials."""


class FilterError(GescomError):
    """A user SQL filter was refused or failed."""


class NotFound(GescomError):
    """A named profile, run, or record does not exist."""
