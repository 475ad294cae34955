"""A private, rotating log of unexpected errors: where they happened, never what the leader wrote.

An exception's message may quote the leader's texts (a goal title in a ``ValueError``), so the
log holds only the exception's type, the traceback's frames (file, line, function), the program
version and the ids the caller passes (plan id, goal uid, page name). The log lives in ``logs/``
beside the database, readable by its user only, and rotates at 256 kB × 5 files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging.handlers

LOG_FILE_NAME = "fejl.log"
MAX_BYTES = 256 * 1024
BACKUP_COUNT = 5
_MAX_ID = 80  # an id longer than this is no id; it is cut, so no text slips in whole


def log_folder(db_path: Path) -> Path:
    """The log folder: ``logs/`` beside the database."""
    return Path(db_path).parent / "logs"


def _source_name(file_name: str) -> str:
    """The program's own files relative to its folder; any other file by its name only.

    A full path could hold the user's name (``C:\\Users\\anne.berg\\…``).
    """
    root = Path(__file__).resolve().parent.parent
    path = Path(file_name)
    with contextlib.suppress(ValueError, OSError):
        return path.resolve().relative_to(root).as_posix()
    return path.name


def _clean_id(value: int | str | None) -> str:
    if value is None or isinstance(value, int):
        return str(value)
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text[:_MAX_ID] + ("…" if len(text) > _MAX_ID else "")


def _describe(
    exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
) -> list[str]:
    """The exception chain as lines of types and frames, without any message."""
    import traceback

    lines: list[str] = []
    seen: set[int] = set()
    chain: list[tuple[str, type[BaseException] | None, TracebackType | None]] = []
    current, current_type, current_tb, how = exc, exc_type, tb, ""
    while True:
        chain.append((how, current_type, current_tb))
        if current is None or id(current) in seen:
            break
        seen.add(id(current))
        if current.__cause__ is not None:
            how, current = "forårsaget af", current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            how, current = "opstod under", current.__context__
        else:
            break
        current_type, current_tb = type(current), current.__traceback__
        if len(chain) > 10:
            break
    for how, kind, trace in chain:
        name = "?" if kind is None else f"{kind.__module__}.{kind.__qualname__}"
        lines.append(f"  {how + ': ' if how else ''}{name}")
        for frame in traceback.extract_tb(trace):
            lines.append(f"    {_source_name(frame.filename)}:{frame.lineno} i {frame.name}")
    return lines


def _handler(folder: Path) -> logging.handlers.RotatingFileHandler:
    import logging.handlers

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        """Every log file, also the ones made at rotation, is created 0600."""

        def _open(self) -> io.TextIOWrapper:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            return io.TextIOWrapper(
                io.BufferedWriter(io.FileIO(fd, "a")), encoding=self.encoding, errors=self.errors
            )

    return PrivateRotatingFileHandler(
        folder / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )


def log_exception(
    db_path: Path,
    exc_type: type[BaseException] | None,
    exc: BaseException | None,
    tb: TracebackType | None,
    context: Mapping[str, int | str | None] | None = None,
) -> Path:
    """Write one entry for an unexpected error; returns the log file.

    ``context`` holds ids only (``{"plan": 3, "goal": "m-2026-1", "side": "Mål"}``); the
    exception's message is never written, since it may quote the leader's texts.
    """
    import logging

    from . import app_version

    folder = log_folder(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        with contextlib.suppress(OSError):
            if folder.stat().st_mode & 0o077:
                folder.chmod(0o700)
    try:
        version = app_version()
    except Exception:  # the log must be written whatever else is broken
        version = "ukendt"
    ids = " ".join(f"{_clean_id(key)}={_clean_id(value)}" for key, value in (context or {}).items())
    lines = [
        f"{dt.datetime.now().isoformat(timespec='seconds')} Udviklingsplan {version} "
        f"(Python {sys.version_info.major}.{sys.version_info.minor}, {sys.platform})",
        *([f"  {ids}"] if ids else []),
        *_describe(exc_type, exc, tb),
    ]
    handler = _handler(folder)
    try:
        handler.setFormatter(logging.Formatter("%(message)s"))
        record = logging.LogRecord(
            "udviklingsplan", logging.ERROR, "", 0, "\n".join(lines), None, None
        )
        handler.handle(record)
    finally:
        handler.close()
    for path in folder.glob(f"{LOG_FILE_NAME}*"):
        if os.name == "posix":
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    path.chmod(0o600)
    return folder / LOG_FILE_NAME
