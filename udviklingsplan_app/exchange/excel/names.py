"""The plan workbook's names and what a cell may hold, for the writer and the answer's reader.

The format and property names a later import recognises, the sheet and column names the
manager's answer is read back by, and :func:`cell_text`: every user text made safe for a cell
(no XML-illegal characters, within Excel's limit, no ``_x0041_`` escapes). Imports nothing of
the exporter, so :mod:`..answer` and the sheets both use it without an import cycle.
"""

from __future__ import annotations

import re

FORMAT_NAME = "udviklingsplan-excel"
FORMAT_VERSION = 1
#: Custom document properties a later import reads (kept off the sheets the manager reads).
PROPERTY_FORMAT = "Udviklingsplan-format"
PROPERTY_VERSION = "Udviklingsplan-formatversion"
PROPERTY_FRAMEWORK = "Udviklingsplan-strategiramme"

SHEET_FRONT = "Forside"
SHEET_OVERVIEW = "Overblik"
SHEET_GOALS = "Udviklingsmål"
SHEET_HISTORY = "Statushistorik"
SHEET_DIALOGUES = "Dialoger"
SHEET_SITUATION = "Aktuel situation"
SHEET_GUIDANCE = "Vejledning"
SHEET_STRATEGY = "Strategi"

STATUS_HEADER = "Status"
STATUS_NOTE_HEADER = "Statusnote"
COMMENT_HEADER = "Kommentar fra leder"
#: The manager's comments read back from earlier answers (only when the plan has any).
EARLIER_HEADER = "Tidligere kommentarer"
ID_HEADER = "Id (må ikke ændres)"

#: Excel holds at most this many characters (UTF-16 code units) in a cell.
CELL_LIMIT = 32_767
CUT_MARKER = " … (forkortet – se hele teksten i programmet)"

# What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, plus U+FFFE/U+FFFF and lone
# surrogates), kept here so this module does not import openpyxl at start.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads "_x0041_" in a cell as an escaped character; "_x005F_" keeps the text literal.
_EXCEL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell_text(value: str) -> str:
    """The text as a cell may hold it: no XML-illegal characters, within Excel's limit."""
    text = XML_ILLEGAL.sub("", value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > CELL_LIMIT // 2 and _utf16_length(text) > CELL_LIMIT:
        room = CELL_LIMIT - len(CUT_MARKER)
        text = text[:room]
        while _utf16_length(text) > room:  # characters beyond U+FFFF count twice in Excel
            text = text[: room - (_utf16_length(text) - len(text)) - 1]
        text = text.rstrip() + CUT_MARKER
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub("_x005F_", text)
    return text


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def sheet_name(text: str) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, not quoted, at most 31 characters."""
    name = _SHEET_FORBIDDEN.sub(" ", XML_ILLEGAL.sub("", text)).strip().strip("'")
    return name[:31].strip() or "Ark"
