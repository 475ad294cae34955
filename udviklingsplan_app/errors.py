"""Errors the core raises. Each carries a Danish message meant for the user."""

from __future__ import annotations

import errno


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
    """The database cannot be opened or used (command line exit code 3).

    ``kind``, when known, says what the file turned out to be (a
    :class:`~udviklingsplan_app.storage.sqlite_file.FileKind` value such as ``"damaged"``), so
    the window can offer the right way on without looking at the file again.
    """

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind


_OS_REASONS = {
    errno.ENOSPC: "disken er fuld",
    errno.EACCES: "ingen adgang",
    errno.EPERM: "ingen adgang",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOENT: "findes ikke",
    errno.EISDIR: "det er en mappe",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.EINVAL: "ugyldigt filnavn",
    errno.EBUSY: "filen er i brug",
    errno.ELOOP: "en genvej peger i ring på sig selv",
}


def os_reason(error: OSError) -> str:
    """A short Danish reason for an operating-system error (``disken er fuld``)."""
    if getattr(error, "winerror", None) in (
        32,
        33,
    ):  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        return "filen er åben i et andet program"
    return _OS_REASONS.get(error.errno or 0, f"systemfejl {error.errno}")
