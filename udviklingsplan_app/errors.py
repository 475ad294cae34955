"""Errors the core raises. Each carries a Danish message meant for the user."""

from __future__ import annotations


class UdviklingsplanError(Exception):
    """Base class: ``str(error)`` is a complete Danish sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(UdviklingsplanError):
    """Bad input from the user or a file: nothing was changed (command line exit code 2)."""


class ValidationError(InputError):
    """A value breaks the plan's rules; ``field`` names it (``plan.goals[3].year``) when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.detail = message


class NotFoundError(InputError):
    """A plan, goal or other record that was asked for does not exist."""


class FrameworkError(UdviklingsplanError):
    """A strategy framework file is missing or broken."""


class DatabaseProblem(UdviklingsplanError):
    """The database cannot be opened or used (command line exit code 3)."""
