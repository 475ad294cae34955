"""Writing a file safely: a temporary file in the target folder, then an atomic replace.

A leaf module: storage (backups) and exchange (exports) both write through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, os_reason


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``target`` and move it into place.

    A failure leaves the old ``target`` untouched and no temporary file behind. A target that
    is open in another program (Windows locks it) or not writable gives a Danish
    :class:`InputError`.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} er en fil, ikke en mappe.")
    if not folder.is_dir():
        raise InputError(f"Mappen {folder} findes ikke.")
    if target.is_dir():
        raise InputError(f"{target} er en mappe; angiv et filnavn.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"Der kan ikke skrives i mappen {folder} ({os_reason(error)}).") from error
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except PermissionError as error:
        raise InputError(
            f"Filen {target} kan ikke overskrives. Er den åben i et andet program, fx Excel? "
            "Luk den og prøv igen. Den gamle fil er uændret."
        ) from error
    except OSError as error:
        raise InputError(
            f"Filen {target} kan ikke skrives ({os_reason(error)}). Den gamle fil er uændret."
        ) from error
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
