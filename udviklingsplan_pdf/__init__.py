"""The plan as a PDF for filing and printing, made with Qt's own PDF writer.

A layer beside the headless core: it imports the core (plan, framework, Danish wording) and
PySide6's QtGui/QtCore only – never QtWidgets and never ``ui/`` – so the command line can write
a PDF offscreen and the window can print the same document. The core never imports this
package; ``main.py`` hands the command line a ``.pdf`` exporter (see ``udviklingsplan_app.cli``).
"""

from __future__ import annotations

from .writer import default_file_name, export_plan, print_plan, write_pdf

__all__ = ["default_file_name", "export_plan", "print_plan", "write_pdf"]
