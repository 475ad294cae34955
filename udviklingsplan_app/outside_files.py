"""Reading a file that comes from outside: only a regular file, never more than a limit.

A path the leader chose (or a file in a folder) may be a pipe (FIFO), a device such as
``/dev/zero``, a shortcut that points at itself, or grow while it is read. :func:`read_limited`
opens it without blocking, looks at what it really is (after the open, so nothing can swap it
in between), and reads at most ``limit`` bytes; :func:`regular_file_problem` says in Danish
why a path is not a file that may be read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import InputError, os_reason

#: A pipe opens without waiting for a writer (POSIX); Windows has no such flag and no FIFOs.
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def not_regular_message(path: Path) -> str:
    """The Danish sentence for a path that exists but is no ordinary file (device, pipe)."""
    return (
        f"{path.name} er ikke en almindelig fil, men en enhed eller en kanal (fx /dev/zero "
        "eller en FIFO). Vælg selve filen, og prøv igen."
    )


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` is no regular file to read (in Danish), or ``None`` when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ENOENT and os.path.islink(path):
            return f"{path.name} er en genvej, som ikke fører til nogen fil."
        if error.errno == errno.ENOENT:
            return f"Filen {path} findes ikke."
        return f"Filen {path.name} kan ikke læses ({os_reason(error)})."
    if stat.S_ISDIR(mode):
        return f"{path.name} er en mappe, ikke en fil."
    if not stat.S_ISREG(mode):
        return not_regular_message(path)
    return None


def read_limited(path: Path, limit: int, too_large: str) -> bytes:
    """The bytes of the regular file ``path``; :class:`InputError` for a folder, a device or
    a pipe, and for a file larger than ``limit`` bytes (with the message ``too_large``; checked
    before reading, and again while reading, for a file that grows). A file that cannot be
    opened or read raises :class:`OSError`, as :func:`open` does.
    """
    path = Path(path)
    fd = os.open(path, OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path.name} er en mappe, ikke en fil.")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(not_regular_message(path))
        if info.st_size > limit:
            raise InputError(too_large)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputError(too_large)
    return data
