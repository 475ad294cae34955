"""One Danish message for any failure, for the window and the command line alike."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import UdviklingsplanError, ValidationError


def is_database_error(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's (through peewee), not a refusal of the core's."""
    peewee = sys.modules.get("peewee")  # never loaded just to ask: no peewee, no such error
    return peewee is not None and isinstance(error, peewee.DatabaseError)


def explain(error: BaseException, db_path: Path | None = None, *, detail: bool = False) -> str:
    """A Danish message for ``error``: the core's own, the database's, or a calm general one.

    ``db_path``: the database in use (a database error names it; without it, such an error
    gets the general message). ``detail`` adds the error's own text and where to turn (the
    command line, where there is no log).
    """
    if isinstance(error, UdviklingsplanError):
        return str(error)
    if db_path is not None and isinstance(error, Exception) and is_database_error(error):
        from .storage.database import database_error_message

        return database_error_message(db_path, error)
    if detail:
        return (
            f"Der opstod en uventet fejl ({type(error).__name__}: {error}). Intet er ændret. "
            "Kontakt it-supporten, hvis det sker igen."
        )
    return f"Der opstod en uventet fejl. Intet er ændret. ({type(error).__name__})"


def explain_edit(error: BaseException, db_path: Path | None = None) -> str:
    """:func:`explain` for an edit typed in the window: a refused value in the rule's own words.

    A :class:`ValidationError` carries the field's code name (``manager_email``,
    ``plan.goals[3].year``), useful in a file's or the command line's message but meaningless
    beside the field the leader just typed in; here it is left out.
    """
    if isinstance(error, ValidationError) and error.detail:
        return error.detail[:1].upper() + error.detail[1:]
    return explain(error, db_path)
