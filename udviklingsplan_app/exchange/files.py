"""File names a Windows folder accepts, made from free text (atomic writing: ``atomic_files``)."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_file_name(text: str, suffix: str, *, limit: int = 120) -> str:
    """A file name Windows accepts, made from free text: ``Udviklingsplan Nord – afd. 2.json``.

    Characters Windows forbids become spaces, runs of spaces shrink to one, trailing dots and
    spaces go, reserved device names (CON, NUL, …) get a prefix, and the length is capped.
    """
    stem = " ".join(_FORBIDDEN.sub(" ", text).split())[:limit].rstrip(" .")
    if not stem:
        stem = "Udviklingsplan"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"Udviklingsplan {stem}"
    return stem + suffix
