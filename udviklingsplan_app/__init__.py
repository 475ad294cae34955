"""Udviklingsplan: the headless core (domain, storage, guidance, exchange, command line).

Nothing in this package imports PySide6 or ``ui``; a test proves it.
"""

from __future__ import annotations

APP_NAME = "Udviklingsplan"


def app_version() -> str:
    """The program version: from the installed metadata, else from ``pyproject.toml``."""
    from importlib import metadata

    try:
        return metadata.version("udviklingsplan")
    except metadata.PackageNotFoundError:
        import tomllib

        from .resources import project_root

        with open(project_root() / "pyproject.toml", "rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
