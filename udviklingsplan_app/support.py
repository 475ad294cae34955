"""Who a leader calls: a support text municipal IT can set, read without Qt.

IT sets it in one of these places (the first that holds text wins):

1. the environment variable ``UDVIKLINGSPLAN_SUPPORT`` (e.g. set by a group policy);
2. ``support.txt`` in the machine-wide settings folder
   (Windows: ``C:\\ProgramData\\Udviklingsplan\\support.txt``);
3. ``support.txt`` in the user's settings folder
   (Windows: ``%LOCALAPPDATA%\\Udviklingsplan\\support.txt``).

A file is plain UTF-8 text, at most :data:`MAX_BYTES`; a file that is too large or not text is
passed over. Without any, :data:`DEFAULT_SUPPORT` is shown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import APP_NAME

ENV_VAR = "UDVIKLINGSPLAN_SUPPORT"
FILE_NAME = "support.txt"
MAX_BYTES = 4000

DEFAULT_SUPPORT = (
    "Driller programmet, så kontakt din lokale IT-support. Spørgsmål om selve udviklingsplanen "
    "og processen tager du med din egen leder."
)


def support_files() -> list[Path]:
    """Where IT may put ``support.txt``: machine-wide first, then the user's own folder."""
    from platformdirs import site_config_dir, user_config_dir

    return [
        Path(site_config_dir(APP_NAME, appauthor=False)) / FILE_NAME,
        Path(user_config_dir(APP_NAME, appauthor=False, roaming=False)) / FILE_NAME,
    ]


def _read_text(path: Path) -> str:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return ""
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return ""
    if "\x00" in text:
        return ""
    return text.strip()


def support_text(
    environ: Mapping[str, str] | None = None, files: Sequence[Path] | None = None
) -> str:
    """The support text to show in the help: IT's own, or :data:`DEFAULT_SUPPORT`."""
    environ = os.environ if environ is None else environ
    text = environ.get(ENV_VAR, "").strip()
    if text:
        return text[:MAX_BYTES]
    for path in support_files() if files is None else files:
        text = _read_text(path)
        if text:
            return text
    return DEFAULT_SUPPORT
