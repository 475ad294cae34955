"""One place that finds the program's bundled files, from the source tree or a frozen bundle."""

from __future__ import annotations

from pathlib import Path


def project_root() -> Path:
    """The folder that holds ``resources/``: the source checkout, or the PyInstaller bundle.

    PyInstaller keeps the package layout under its bundle folder, so ``__file__`` works in
    both cases and no ``sys._MEIPASS`` branch is needed (``tests/test_bundle.py`` runs the
    built bundle, which finds its frameworks, schemas and icons through this function).
    """
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file or folder under ``resources/``."""
    return project_root().joinpath("resources", *parts)
